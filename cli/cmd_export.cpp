// sohoa export [--archive DIR] --format jsonl
#include <iostream>

#include "command.h"

namespace sohoa::cli {

void register_export(CLI::App& app, int& exit_code) {
  struct Options {
    std::string archive;
    std::string format;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("export", "print every dossier record");
  add_archive_option(*cmd, opts->archive);
  cmd->add_option("--format", opts->format, "jsonl: one record per line")
      ->required()
      ->check(CLI::IsMember({"jsonl"}));
  cmd->callback([opts, &exit_code] {
    Result<Archive> archive = open_archive(opts->archive, Archive::Mode::kOpenExisting);
    if (!archive) {
      exit_code = print_error(archive.error());
      return;
    }
    Result<std::vector<std::string>> ids = archive->list_ids();
    if (!ids) {
      exit_code = print_error(ids.error());
      return;
    }
    exit_code = kExitOk;
    for (const std::string& id : *ids) {
      Result<Dossier> d = archive->load_record(id);
      if (!d) {
        exit_code = print_error(d.error());
        continue;
      }
      std::cout << record_to_json(*d).dump() << "\n";
    }
  });
}

}  // namespace sohoa::cli
