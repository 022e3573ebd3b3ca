// sohoa reextract [--archive DIR] [--plugins DIR] [ID...]: run the plugins again over archived
// dossiers (all, or the ones named) without OCR, e.g. after a plugin was improved.
#include <iostream>

#include "command.h"
#include "sohoa/archive/index.h"

namespace sohoa::cli {

void register_reextract(CLI::App& app, int& exit_code) {
  struct Options {
    std::string archive;
    std::vector<std::string> folders;
    std::vector<std::string> ids;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "reextract", "classify and extract fields again from the archived text (no OCR)");
  add_archive_option(*cmd, opts->archive);
  add_plugins_option(*cmd, opts->folders);
  cmd->add_option("ids", opts->ids, "dossier ids (default: every dossier)");
  cmd->callback([opts, &exit_code] {
    Result<Archive> archive = open_archive(opts->archive, Archive::Mode::kOpenExisting);
    if (!archive) {
      exit_code = print_error(archive.error());
      return;
    }
    Result<IndexWriter> index = IndexWriter::open(archive->index_path());
    if (!index) {
      exit_code = print_error(index.error());
      return;
    }
    std::vector<std::string> ids = opts->ids;
    if (ids.empty()) {
      Result<std::vector<std::string>> all = archive->list_ids();
      if (!all) {
        exit_code = print_error(all.error());
        return;
      }
      ids = *all;
    }
    PluginSet plugins = load_plugins(opts->folders, true);
    exit_code = kExitOk;
    int done = 0;
    int changed = 0;
    for (const std::string& id : ids) {
      Result<Dossier> d = archive->load_record(id);
      if (!d) {
        exit_code = print_error(d.error());
        continue;
      }
      const nlohmann::json before = record_to_json(*d);
      const Classification c = plugins.classify_and_extract(*d);
      for (const PluginFailure& f : c.failures) {
        std::cerr << "  warning: " << id << ": plugin " << f.file << " " << f.reason << "\n";
      }
      ++done;
      if (record_to_json(*d) == before) continue;
      Status s = archive->save_record(*d);
      if (s) s = index->add(*d);
      if (!s) {
        exit_code = print_error(s.error());
        if (s.error().code == ErrorCode::kIo) return;
        continue;
      }
      ++changed;
    }
    if (Status s = index->commit(); !s) {
      exit_code = print_error(s.error());
      return;
    }
    std::cout << done << " dossiers read, " << changed << " changed\n";
  });
}

}  // namespace sohoa::cli
