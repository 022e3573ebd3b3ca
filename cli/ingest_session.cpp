#include "ingest_session.h"

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

namespace sohoa::cli {
namespace {

using Status = DossierOutcome::Status;

std::atomic<bool> g_stop{false};

extern "C" void on_stop_signal(int signal) {
  g_stop.store(true);
  if (signal == SIGINT) std::signal(SIGINT, SIG_DFL);  // a second Ctrl-C ends it at once
}

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

std::string duration_text(double seconds) {
  const long s = std::lround(std::max(0.0, seconds));
  std::ostringstream out;
  if (s >= 3600) {
    out << s / 3600 << " h " << std::setw(2) << std::setfill('0') << (s % 3600) / 60 << " min";
  } else if (s >= 60) {
    out << s / 60 << " min " << std::setw(2) << std::setfill('0') << s % 60 << " s";
  } else {
    out << s << " s";
  }
  return out.str();
}

std::string fixed(double v, int digits) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(digits) << v;
  return out.str();
}

nlohmann::json error_json(const Error& e) { return {{"message", e.message}, {"hint", e.hint}}; }

nlohmann::json failure_json(const Failure& f) {
  nlohmann::json j = {{"kind", f.kind}, {"input", f.input},   {"file", f.file},
                      {"page", f.page}, {"reason", f.reason}, {"hint", f.hint}};
  if (!f.dossier.empty()) j["dossier"] = f.dossier;
  return j;
}

std::string failure_line(const Failure& f) {
  std::string where = f.file;
  if (f.page > 0) where += " page " + std::to_string(f.page);
  if (!f.dossier.empty()) where += " (dossier " + f.dossier + ")";
  return f.kind + ": " + where + ": " + f.reason;
}

}  // namespace

void add_ingest_options(CLI::App& cmd, IngestCliOptions& o) {
  add_archive_option(cmd, o.archive);
  cmd.add_option("--jobs,-j", o.jobs, "pages recognised in parallel (one Tesseract each)")
      ->check(CLI::Range(1, 64));
  cmd.add_flag("--json", o.json, "print the report as JSON on stdout");
  cmd.add_flag("--split", o.split,
               "each file (or folder of page files) is a scanned stack of many dossiers: split "
               "it at separator sheets (QR code SOHOA-SEP[:BOX-LABEL]) or, without them, where "
               "a one-stop receipt or a form's first page begins");
  add_wait_option(cmd, o.wait);
  cmd.add_option("--preprocess", o.preprocess,
                 "image clean-up before OCR: all (default), none, or a list of grey, dpi, rescale, "
                 "background, orient, deskew, marks, leaders, specks, blank");
  add_plugins_option(cmd, o.plugin_folders);
  cmd.add_option("--lang", o.languages,
                 "Tesseract model(s): vie (default), Vietnamese (script model), vie+Vietnamese; "
                 "measured in models/README.md");
  cmd.add_option("--progress-every", o.progress_every,
                 "seconds between progress lines when stderr is not a terminal (default 60)")
      ->check(CLI::Range(1.0, 86400.0));
}

Result<IngestSession> open_ingest_session(const IngestCliOptions& cli, bool warn_plugins,
                                          PluginSet* plugins) {
  Result<Archive> archive = open_archive(cli.archive, Archive::Mode::kCreateIfMissing);
  if (!archive) return archive.error();
  Result<IndexWriter> index =
      IndexWriter::open(archive->index_path(), IndexWriterOptions{cli.wait, false});
  if (!index) return index.error();
  // Leftovers of a killed run: this process holds the writer lock, so none is in flight.
  if (sohoa::Status s = archive->clean_tmp(); !s) return s.error();
  Result<PreprocessConfig> steps = parse_preprocess_steps(cli.preprocess);
  if (!steps) return steps.error();
  IngestSession session;
  session.archive = std::make_unique<Archive>(std::move(*archive));
  session.index = std::make_unique<IndexWriter>(std::move(*index));
  Result<FailureLog> failures = FailureLog::load(*session.archive);
  if (!failures) return failures.error();
  session.failures = std::make_unique<FailureLog>(std::move(*failures));
  if (plugins == nullptr) {
    session.plugins = std::make_unique<PluginSet>(load_plugins(cli.plugin_folders, warn_plugins));
    plugins = session.plugins.get();
  }
  session.options.jobs = cli.jobs;
  session.options.preprocess = *steps;
  session.options.ocr.languages = cli.languages;
  session.options.plugins = plugins;
  session.options.failures = session.failures.get();
  session.options.split = cli.split;
  return session;
}

const std::atomic<bool>* install_stop_signals() {
  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);
  return &g_stop;
}

std::string format_progress(const Progress& p) {
  std::ostringstream out;
  out << p.pages_done << "/" << p.pages_total << " pages";
  if (p.pages_total > 0) out << " (" << (100 * p.pages_done / p.pages_total) << "%)";
  const double minutes = p.seconds / 60;
  const double rate = minutes > 0 ? p.pages_recognised / minutes : 0;
  out << ", " << fixed(rate, 1) << " pages/min";
  const int left = p.pages_total - p.pages_done;
  if (left > 0 && rate > 0) out << ", ETA " << duration_text(left / rate * 60);
  out << ", " << p.dossiers << " dossiers, " << p.failures << " failures";
  return out.str();
}

ProgressPrinter::ProgressPrinter(double every)
    : tty_(::isatty(STDERR_FILENO) == 1), every_(every), last_(std::chrono::steady_clock::now()) {}

void ProgressPrinter::update(const Progress& p) {
  const auto now = std::chrono::steady_clock::now();
  const double since = std::chrono::duration<double>(now - last_).count();
  if (since < (tty_ ? 0.5 : every_) && p.pages_done < p.pages_total) return;
  if (!tty_ && p.pages_done >= p.pages_total) return;  // the summary follows
  last_ = now;
  if (tty_) {
    std::cerr << "\r\033[K" << format_progress(p) << std::flush;
    shown_ = true;
  } else {
    std::cerr << "progress: " << format_progress(p) << std::endl;
  }
}

void ProgressPrinter::clear_line() {
  if (tty_ && shown_) std::cerr << "\r\033[K" << std::flush;
}

void ProgressPrinter::finish() {
  clear_line();
  shown_ = false;
}

void print_outcome(const DossierOutcome& d) {
  std::string origin = d.origin;
  if (d.first_page > 0) {
    origin += " p. " + std::to_string(d.first_page) +
              (d.last_page > d.first_page ? "-" + std::to_string(d.last_page) : "");
  }
  if (d.status == Status::kFailed) {
    std::cerr << "failed    " << origin << "\n";
    for (const Error& e : d.errors) {
      std::cerr << "  error: " << e.message << "\n";
      if (!e.hint.empty()) std::cerr << "  hint: " << e.hint << "\n";
    }
    return;
  }
  std::cout << (d.status == Status::kArchived ? "archived  " : "present   ") << d.id << "  "
            << std::left << std::setw(18) << d.procedure << std::setw(3) << d.pages << " p  "
            << origin << (d.location.empty() ? "" : "  [" + d.location + "]") << std::endl;
  for (const std::string& w : d.warnings) std::cerr << "  warning: " << w << "\n";
  for (const Error& e : d.errors) std::cerr << "  error: " << e.message << "\n";
}

nlohmann::json report_json(const IngestReport& r) {
  nlohmann::json dossiers = nlohmann::json::array();
  std::map<std::string, int> per_procedure;
  int needs_review = 0;
  for (const DossierOutcome& d : r.dossiers) {
    nlohmann::json errors = nlohmann::json::array();
    for (const Error& e : d.errors) errors.push_back(error_json(e));
    nlohmann::json j = {{"origin", d.origin},
                        {"id", d.id},
                        {"status", status_name(d.status)},
                        {"procedure", d.procedure},
                        {"pages", d.pages},
                        {"needs_review", d.needs_review},
                        {"errors", std::move(errors)},
                        {"warnings", d.warnings}};
    if (d.first_page > 0) {
      j["first_page"] = d.first_page;
      j["last_page"] = d.last_page;
    }
    if (!d.location.empty()) j["location"] = d.location;
    dossiers.push_back(std::move(j));
    if (d.status != Status::kFailed) {
      ++per_procedure[d.procedure];
      needs_review += d.needs_review > 0 ? 1 : 0;
    }
  }
  nlohmann::json input_errors = nlohmann::json::array();
  for (const Error& e : r.input_errors) input_errors.push_back(error_json(e));
  nlohmann::json failures = nlohmann::json::array();
  for (const Failure& f : r.failures) failures.push_back(failure_json(f));
  return {{"archived", r.count(Status::kArchived)},
          {"already_archived", r.count(Status::kAlreadyArchived)},
          {"failed", r.count(Status::kFailed) + static_cast<int>(r.input_errors.size())},
          {"pages_total", r.pages_total},
          {"pages_recognised", r.pages_recognised},
          {"pages_from_journal", r.pages_from_journal},
          {"seconds", r.seconds},
          {"stopped", r.stopped},
          {"per_procedure", per_procedure},
          {"needs_review", needs_review},
          {"failures", std::move(failures)},
          {"dossiers", std::move(dossiers)},
          {"input_errors", std::move(input_errors)}};
}

void print_summary(const IngestReport& r, const std::string& archive_root) {
  for (const Error& e : r.input_errors) {
    std::cerr << "failed    " << e.message << "\n";
    if (!e.hint.empty()) std::cerr << "  hint: " << e.hint << "\n";
  }
  const nlohmann::json j = report_json(r);
  const int archived = j["archived"];
  const int present = j["already_archived"];
  const int failed = j["failed"];
  std::cout << archived + present << " dossiers (" << archived << " archived, " << present
            << " already in the archive), " << failed << " failed; " << r.pages_recognised
            << " pages recognised";
  if (r.pages_from_journal > 0) {
    std::cout << " (+" << r.pages_from_journal << " read by an interrupted run)";
  }
  std::cout << " in " << fixed(r.seconds, 1) << " s ("
            << fixed(r.seconds > 0 ? r.pages_recognised / r.seconds : 0.0, 2) << " pages/s)\n";
  if (!j["per_procedure"].empty()) {
    std::cout << "  per procedure:";
    for (const auto& [procedure, n] : j["per_procedure"].items()) {
      std::cout << " " << procedure << " " << n.get<int>();
    }
    std::cout << "\n";
  }
  std::cout << "  needs review: " << j["needs_review"].get<int>() << " dossiers\n";
  if (!r.failures.empty()) {
    std::cout << "  failures: " << r.failures.size() << " (kept in " << archive_root << "/"
              << FailureLog::kFileName << "; `sohoa ingest --retry-failed` tries them again)\n";
    for (const Failure& f : r.failures) std::cout << "    " << failure_line(f) << "\n";
  }
  if (r.stopped) {
    std::cout << "stopped before the end: run the same command again to continue\n";
  }
}

}  // namespace sohoa::cli
