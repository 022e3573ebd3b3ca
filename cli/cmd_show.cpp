// sohoa show [--archive DIR] [--json | --alto | --hocr] [--page N]... DOSSIER_ID
#include <iomanip>
#include <iostream>

#include "command.h"
#include "sohoa/archive/ocr_layer.h"

namespace sohoa::cli {

void register_show(CLI::App& app, int& exit_code) {
  struct Options {
    std::string archive;
    bool json = false;
    bool alto = false;
    bool hocr = false;
    std::vector<int> pages;
    std::string id;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("show", "print one dossier's record");
  add_archive_option(*cmd, opts->archive);
  CLI::Option* json = cmd->add_flag("--json", opts->json, "print the full record as JSON");
  CLI::Option* alto =
      cmd->add_flag("--alto", opts->alto, "print the OCR layer (words, boxes, lines) as ALTO XML")
          ->excludes(json);
  cmd->add_flag("--hocr", opts->hocr, "print the OCR layer as hOCR (XHTML)")
      ->excludes(json)
      ->excludes(alto);
  cmd->add_option("--page", opts->pages,
                  "with --alto or --hocr: only this page (from 1; repeat for more)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->check(CLI::PositiveNumber);
  cmd->add_option("id", opts->id, "dossier id (from search or ingest)")->required();
  cmd->callback([opts, &exit_code] {
    if (!opts->pages.empty() && !opts->alto && !opts->hocr) {
      exit_code = print_error(make_error(ErrorCode::kUsage, "--page needs --alto or --hocr"));
      return;
    }
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
    if (opts->alto || opts->hocr) {
      Result<std::string> xml = export_ocr_layer(
          *d, opts->pages, opts->alto ? OcrLayerFormat::kAlto : OcrLayerFormat::kHocr);
      if (!xml) {
        exit_code = print_error(xml.error());
        return;
      }
      std::cout << *xml;
    } else if (opts->json) {
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
