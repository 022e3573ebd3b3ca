// sohoa reindex [--archive DIR]: rebuild the search index from the dossier records.
#include <iostream>

#include "command.h"
#include "sohoa/archive/index.h"

namespace sohoa::cli {

void register_reindex(CLI::App& app, int& exit_code) {
  auto archive_opt = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("reindex", "rebuild the search index from the records");
  add_archive_option(*cmd, *archive_opt);
  cmd->callback([archive_opt, &exit_code] {
    Result<Archive> archive = open_archive(*archive_opt, Archive::Mode::kOpenExisting);
    if (!archive) {
      exit_code = print_error(archive.error());
      return;
    }
    Result<IndexWriter> index = IndexWriter::open(archive->index_path());
    if (!index) {
      exit_code = print_error(index.error());
      return;
    }
    Result<std::vector<std::string>> ids = archive->list_ids();
    if (!ids) {
      exit_code = print_error(ids.error());
      return;
    }
    exit_code = kExitOk;
    int done = 0;
    for (const std::string& id : *ids) {
      Result<Dossier> d = archive->load_record(id);
      Status s = d ? index->add(*d) : Status(d.error());
      if (!s) {
        exit_code = print_error(s.error());
        continue;
      }
      ++done;
    }
    if (Status s = index->commit(); !s) {
      exit_code = print_error(s.error());
      return;
    }
    std::cout << done << " dossiers indexed\n";
  });
}

}  // namespace sohoa::cli
