// sohoa ingest [--archive DIR] [--jobs N] [--json] [--split] PATH...
// sohoa ingest --retry-failed [--archive DIR]
#include <iostream>

#include "command.h"
#include "ingest_session.h"

namespace sohoa::cli {

void register_ingest(CLI::App& app, int& exit_code) {
  struct Options {
    IngestCliOptions common;
    bool retry_failed = false;
    std::vector<std::string> paths;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("ingest", "OCR and archive dossiers from files or folders");
  add_ingest_options(*cmd, opts->common);
  cmd->add_flag("--retry-failed", opts->retry_failed,
                "try every entry of the archive's failure report (failures.json) again: "
                "unreadable inputs, pages that timed out, dossiers a plugin failed on");
  cmd->add_option("paths", opts->paths,
                  "image, TIFF or PDF file = one dossier; folder of page images = one dossier; "
                  "folder of those = one dossier per entry (with --split: each file or page "
                  "folder is a stack of dossiers)");
  cmd->callback([opts, &exit_code] {
    if (opts->paths.empty() && !opts->retry_failed) {
      exit_code = print_error(make_error(ErrorCode::kUsage, "ingest: no files or folders given",
                                         "sohoa ingest [--split] PATH... or --retry-failed"));
      return;
    }
    Result<IngestSession> session = open_ingest_session(opts->common, true);
    if (!session) {
      exit_code = print_error(session.error());
      return;
    }
    IngestOptions& options = session->options;
    options.stop = install_stop_signals();
    ProgressPrinter progress(opts->common.progress_every);
    options.on_progress = [&progress](const Progress& p) { progress.update(p); };
    DossierCallback on_dossier;
    if (!opts->common.json) {
      on_dossier = [&progress](const DossierOutcome& d) {
        progress.clear_line();
        print_outcome(d);
      };
    }
    Result<IngestReport> report = [&]() -> Result<IngestReport> {
      IngestReport total;
      if (opts->retry_failed) {
        Result<IngestReport> r = retry_failed(*session->archive, *session->index,
                                              *session->failures, options, on_dossier);
        if (!r || opts->paths.empty()) return r;
        total = std::move(*r);
      }
      std::vector<std::filesystem::path> paths(opts->paths.begin(), opts->paths.end());
      Result<IngestReport> r =
          ingest(*session->archive, *session->index, paths, options, on_dossier);
      if (!r) return r;
      for (DossierOutcome& d : total.dossiers) r->dossiers.push_back(std::move(d));
      for (Failure& f : total.failures) r->failures.push_back(std::move(f));
      return r;
    }();
    progress.finish();
    if (!report) {
      exit_code = print_error(report.error());
      return;
    }
    if (opts->common.json) {
      std::cout << report_json(*report).dump(2) << "\n";
    } else {
      print_summary(*report, session->archive->root().string());
    }
    exit_code = report->all_ok() && !report->stopped ? kExitOk : kExitFailed;
  });
}

}  // namespace sohoa::cli
