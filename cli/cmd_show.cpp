// sohoa show [--archive DIR] [--json] DOSSIER_ID
#include <iomanip>
#include <iostream>

#include "command.h"

namespace sohoa::cli {

void register_show(CLI::App& app, int& exit_code) {
  struct Options {
    std::string archive;
    bool json = false;
    std::string id;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("show", "print one dossier's record");
  add_archive_option(*cmd, opts->archive);
  cmd->add_flag("--json", opts->json, "print the full record as JSON");
  cmd->add_option("id", opts->id, "dossier id (from search or ingest)")->required();
  cmd->callback([opts, &exit_code] {
    Result<Archive> archive = open_archive(opts->archive, Archive::Mode::kOpenExisting);
    if (!archive) {
      exit_code = print_error(archive.error());
      return;
    }
    Result<Dossier> d = archive->load_record(opts->id);
    if (!d) {
      exit_code = print_error(d.error());
      return;
    }
    if (opts->json) {
      std::cout << record_to_json(*d).dump(2) << "\n";
    } else {
      std::cout << "dossier    " << d->id << "\nprocedure  " << d->procedure << "\ningested   "
                << d->ingested_at << "\n";
      for (const std::string& s : d->sources) std::cout << "source     " << s << "\n";
      for (const auto& [key, f] : d->fields) {
        std::cout << "field      " << key << " = " << f.value << "\n";
      }
      for (const Page& p : d->pages) {
        std::cout << "\n--- page " << p.number << " (" << p.source << " p." << p.source_page << ", "
                  << p.width << "x" << p.height << " @ " << p.dpi << " dpi, confidence "
                  << std::fixed << std::setprecision(2) << p.ocr_confidence << ") ---\n"
                  << p.text << "\n";
      }
    }
    exit_code = kExitOk;
  });
}

}  // namespace sohoa::cli
