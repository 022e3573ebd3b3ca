// sohoa ingest [--archive DIR] [--jobs N] [--json] PATH...
#include <iomanip>
#include <iostream>
#include <sstream>

#include "command.h"
#include "sohoa/pipeline/ingest.h"

namespace sohoa::cli {
namespace {

using Status = DossierOutcome::Status;

const char* status_name(Status s) {
  switch (s) {
    case Status::kArchived:
      return "archived";
    case Status::kAlreadyArchived:
      return "already_archived";
    case Status::kFailed:
      return "failed";
  }
  return "failed";
}

nlohmann::json error_json(const Error& e) { return {{"message", e.message}, {"hint", e.hint}}; }

nlohmann::json report_json(const IngestReport& r) {
  nlohmann::json dossiers = nlohmann::json::array();
  for (const DossierOutcome& d : r.dossiers) {
    nlohmann::json errors = nlohmann::json::array();
    for (const Error& e : d.errors) errors.push_back(error_json(e));
    dossiers.push_back({{"origin", d.origin},
                        {"id", d.id},
                        {"status", status_name(d.status)},
                        {"procedure", d.procedure},
                        {"pages", d.pages},
                        {"needs_review", d.needs_review},
                        {"errors", std::move(errors)},
                        {"warnings", d.warnings}});
  }
  nlohmann::json input_errors = nlohmann::json::array();
  for (const Error& e : r.input_errors) input_errors.push_back(error_json(e));
  return {{"archived", r.count(Status::kArchived)},
          {"already_archived", r.count(Status::kAlreadyArchived)},
          {"failed", r.count(Status::kFailed) + static_cast<int>(r.input_errors.size())},
          {"pages_recognised", r.pages_recognised},
          {"seconds", r.seconds},
          {"dossiers", std::move(dossiers)},
          {"input_errors", std::move(input_errors)}};
}

void print_outcome(const DossierOutcome& d) {
  if (d.status == Status::kFailed) {
    std::cerr << "failed    " << d.origin << "\n";
    for (const Error& e : d.errors) {
      std::cerr << "  error: " << e.message << "\n";
      if (!e.hint.empty()) std::cerr << "  hint: " << e.hint << "\n";
    }
    return;
  }
  std::cout << (d.status == Status::kArchived ? "archived  " : "present   ") << d.id << "  "
            << std::left << std::setw(18) << d.procedure << std::setw(3) << d.pages << " p  "
            << d.origin << std::endl;
  for (const std::string& w : d.warnings) std::cerr << "  warning: " << w << "\n";
}

}  // namespace

void register_ingest(CLI::App& app, int& exit_code) {
  struct Options {
    std::string archive;
    int jobs = 2;
    bool json = false;
    std::string preprocess = "all";
    std::vector<std::string> plugin_folders;
    double wait = 10;
    std::string languages = OcrConfig{}.languages;
    std::vector<std::string> paths;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("ingest", "OCR and archive dossiers from files or folders");
  add_archive_option(*cmd, opts->archive);
  cmd->add_option("--jobs,-j", opts->jobs, "pages recognised in parallel (one Tesseract each)")
      ->check(CLI::Range(1, 64));
  cmd->add_flag("--json", opts->json, "print the report as JSON on stdout");
  add_wait_option(*cmd, opts->wait);
  cmd->add_option("--preprocess", opts->preprocess,
                  "image clean-up before OCR: all (default), none, or a list of grey, rescale, "
                  "background, orient, deskew, marks, leaders, specks, blank");
  add_plugins_option(*cmd, opts->plugin_folders);
  cmd->add_option("--lang", opts->languages,
                  "Tesseract model(s): vie (default), Vietnamese (script model), vie+Vietnamese; "
                  "measured in models/README.md");
  cmd->add_option("paths", opts->paths,
                  "image, TIFF or PDF file = one dossier; folder of page images = one dossier; "
                  "folder of those = one dossier per entry")
      ->required();
  cmd->callback([opts, &exit_code] {
    Result<Archive> archive = open_archive(opts->archive, Archive::Mode::kCreateIfMissing);
    if (!archive) {
      exit_code = print_error(archive.error());
      return;
    }
    Result<IndexWriter> index =
        IndexWriter::open(archive->index_path(), IndexWriterOptions{opts->wait, false});
    if (!index) {
      exit_code = print_error(index.error());
      return;
    }
    // Leftovers of a killed run: this process holds the writer lock, so none is in flight.
    if (sohoa::Status s = archive->clean_tmp(); !s) {
      exit_code = print_error(s.error());
      return;
    }
    IngestOptions options;
    options.jobs = opts->jobs;
    Result<PreprocessConfig> steps = parse_preprocess_steps(opts->preprocess);
    if (!steps) {
      exit_code = print_error(steps.error());
      return;
    }
    options.preprocess = *steps;
    PluginSet plugins = load_plugins(opts->plugin_folders, true);
    options.plugins = &plugins;
    options.ocr.languages = opts->languages;
    std::vector<std::filesystem::path> paths(opts->paths.begin(), opts->paths.end());
    DossierCallback on_dossier;
    if (!opts->json) on_dossier = print_outcome;
    Result<IngestReport> report = ingest(*archive, *index, paths, options, on_dossier);
    if (!report) {
      exit_code = print_error(report.error());
      return;
    }
    const IngestReport& r = *report;
    if (opts->json) {
      std::cout << report_json(r).dump(2) << "\n";
    }
    for (const Error& e : r.input_errors) {
      std::cerr << "failed    " << e.message << "\n";
      if (!e.hint.empty()) std::cerr << "  hint: " << e.hint << "\n";
    }
    if (!opts->json) {
      std::ostringstream rate;
      rate << std::fixed << std::setprecision(2)
           << (r.seconds > 0 ? r.pages_recognised / r.seconds : 0.0);
      std::cout << r.count(Status::kArchived) << " archived, " << r.count(Status::kAlreadyArchived)
                << " already in the archive, "
                << r.count(Status::kFailed) + static_cast<int>(r.input_errors.size()) << " failed; "
                << r.pages_recognised << " pages recognised in " << std::fixed
                << std::setprecision(1) << r.seconds << " s (" << rate.str() << " pages/s)\n";
    }
    exit_code = r.all_ok() ? kExitOk : kExitFailed;
  });
}

}  // namespace sohoa::cli
