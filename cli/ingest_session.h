// What `sohoa ingest` and `sohoa watch` share: their options, the live progress line, the
// per-dossier lines, the end-of-run summary (text and JSON) and the stop signals.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "command.h"
#include "sohoa/pipeline/ingest.h"

namespace sohoa::cli {

struct IngestCliOptions {
  std::string archive;
  int jobs = 2;
  bool json = false;
  bool split = false;
  std::string preprocess = "all";
  std::vector<std::string> plugin_folders;
  double wait = 10;
  std::string languages = OcrConfig{}.languages;
  double progress_every = 60;  // seconds between progress log lines without a terminal
};

// --jobs --json --split --preprocess --plugins --lang --wait --progress-every --archive.
void add_ingest_options(CLI::App& command, IngestCliOptions& options);

// Everything an ingest needs, opened from the options: the archive, its index writer (held
// until the session is destroyed), the plugins (unless given), the failure report.
struct IngestSession {
  std::unique_ptr<Archive> archive;
  std::unique_ptr<IndexWriter> index;
  std::unique_ptr<PluginSet> plugins;
  std::unique_ptr<FailureLog> failures;
  IngestOptions options;
};

// Errors name what could not be opened (kLocked when another writer holds the index).
// `plugins`: a set loaded before (a long-running watcher loads its plugins once); null: load
// them from the options.
Result<IngestSession> open_ingest_session(const IngestCliOptions& cli, bool warn_plugins,
                                          PluginSet* plugins = nullptr);

// SIGINT and SIGTERM set the returned flag (a second SIGINT kills as usual).
const std::atomic<bool>* install_stop_signals();

// Prints progress: on a terminal a live line on stderr, redrawn at most twice a second;
// otherwise a log line every `every` seconds.
class ProgressPrinter {
 public:
  explicit ProgressPrinter(double every);
  void update(const Progress& p);
  void clear_line();  // before printing anything else on a terminal
  void finish();

 private:
  bool tty_;
  double every_;
  std::chrono::steady_clock::time_point last_;
  bool shown_ = false;
};

std::string format_progress(const Progress& p);  // "12/300 pages (4%), 31.5 pages/min, …"

// One line per dossier: archived / present / failed, with warnings.
void print_outcome(const DossierOutcome& d);

// The end-of-run summary: dossiers, pages, per procedure, needs review, failures.
void print_summary(const IngestReport& r, const std::string& archive_root);
nlohmann::json report_json(const IngestReport& r);

}  // namespace sohoa::cli
