// sohoa watch [--archive DIR] [--split] [--settle S] [--interval S] [--once] FOLDER
//
// Ingests what scanners drop into FOLDER. Each entry of FOLDER (a file, or a folder of page
// files) is ingested once it has stopped changing for --settle seconds: a scanner writing a
// long PDF over the network is not read half-written. What was ingested is remembered in
// ROOT/watch/<folder-hash>.json by name, size and modification time, so a restart neither
// misses nor repeats anything (and ingest itself never doubles a dossier). The index writer
// is opened only while a batch is ingested, so other ingests and searches go on in between.
#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <thread>

#include "command.h"
#include "ingest_session.h"

namespace sohoa::cli {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// What an entry looks like on disk: total size and latest modification, over its files.
struct Signature {
  std::uintmax_t bytes = 0;
  std::int64_t mtime_ns = 0;
  int files = 0;
  bool operator==(const Signature&) const = default;
};

std::int64_t mtime_ns(const fs::path& p) {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) return 0;
  return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

Signature signature(const fs::directory_entry& entry) {
  Signature sig;
  std::error_code ec;
  if (entry.is_directory(ec)) {
    sig.mtime_ns = mtime_ns(entry.path());
    for (auto it = fs::recursive_directory_iterator(entry.path(), ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_regular_file(ec)) continue;
      sig.bytes += it->file_size(ec);
      sig.mtime_ns = std::max(sig.mtime_ns, mtime_ns(it->path()));
      ++sig.files;
    }
  } else {
    sig.bytes = entry.file_size(ec);
    sig.mtime_ns = mtime_ns(entry.path());
    sig.files = 1;
  }
  return sig;
}

// Names a scanner or a copy tool uses while a file is still being written.
bool in_progress_name(const std::string& name) {
  if (name.empty() || name[0] == '.' || name[0] == '~') return true;
  for (const char* suffix : {".part", ".tmp", ".crdownload", ".partial", ".filepart"}) {
    const std::string s = suffix;
    if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0) {
      return true;
    }
  }
  return false;
}

nlohmann::json signature_json(const Signature& s) {
  return {{"bytes", s.bytes}, {"mtime_ns", s.mtime_ns}, {"files", s.files}};
}

Signature signature_from(const nlohmann::json& j) {
  return Signature{j.value("bytes", std::uintmax_t{0}), j.value("mtime_ns", std::int64_t{0}),
                   j.value("files", 0)};
}

class Watcher {
 public:
  Watcher(fs::path folder, const Archive& archive) : folder_(std::move(folder)) {
    state_file_ =
        fs::path("watch") /
        (sha256_hex(fs::absolute(folder_).lexically_normal().string()).substr(0, 16) + ".json");
    std::ifstream in(archive.root() / state_file_);
    if (!in) return;
    try {
      const nlohmann::json j = nlohmann::json::parse(in);
      for (const auto& [name, sig] : j.at("done").items()) done_[name] = signature_from(sig);
    } catch (const nlohmann::json::exception&) {
      // A damaged state file: everything is looked at again; ingest adds nothing twice.
    }
  }

  // Entries that have not changed for `settle` seconds and were not ingested as they are.
  std::vector<std::pair<std::string, Signature>> ready(double settle) {
    std::vector<std::pair<std::string, Signature>> out;
    std::error_code ec;
    const auto now = Clock::now();
    std::map<std::string, Seen> seen;
    for (auto it = fs::directory_iterator(folder_, ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (in_progress_name(name)) continue;
      const Signature sig = signature(*it);
      auto known = seen_.find(name);
      Seen s{sig, now};
      if (known != seen_.end() && known->second.sig == sig) s.since = known->second.since;
      seen[name] = s;
      const auto done = done_.find(name);
      if (done != done_.end() && done->second == sig) continue;
      if (std::chrono::duration<double>(now - s.since).count() >= settle)
        out.emplace_back(name, sig);
    }
    seen_ = std::move(seen);
    return out;
  }

  Status mark_done(const Archive& archive,
                   const std::vector<std::pair<std::string, Signature>>& entries) {
    for (const auto& [name, sig] : entries) done_[name] = sig;
    nlohmann::json done = nlohmann::json::object();
    for (const auto& [name, sig] : done_) done[name] = signature_json(sig);
    const nlohmann::json state = {{"folder", fs::absolute(folder_).lexically_normal().string()},
                                  {"done", std::move(done)}};
    return archive.write_file(state_file_, state.dump(2) + "\n");
  }

  const fs::path& folder() const { return folder_; }

 private:
  struct Seen {
    Signature sig;
    Clock::time_point since;
  };
  fs::path folder_;
  fs::path state_file_;
  std::map<std::string, Seen> seen_;
  std::map<std::string, Signature> done_;
};

}  // namespace

void register_watch(CLI::App& app, int& exit_code) {
  struct Options {
    IngestCliOptions common;
    double settle = 30;
    double interval = 5;
    bool once = false;
    std::string folder;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "watch", "ingest what scanners drop into a folder, once each file has stopped growing");
  add_ingest_options(*cmd, opts->common);
  cmd->add_option("--settle", opts->settle,
                  "seconds a file or folder must stay unchanged before it is ingested "
                  "(default 30)")
      ->check(CLI::Range(0.0, 86400.0));
  cmd->add_option("--interval", opts->interval, "seconds between looks at the folder (default 5)")
      ->check(CLI::Range(0.1, 3600.0));
  cmd->add_flag("--once", opts->once,
                "ingest what is ready now and exit (waits --settle first), e.g. from cron");
  cmd->add_option("folder", opts->folder, "the folder the scanners write into")
      ->required()
      ->check(CLI::ExistingDirectory);
  cmd->callback([opts, &exit_code] {
    Result<Archive> archive = open_archive(opts->common.archive, Archive::Mode::kCreateIfMissing);
    if (!archive) {
      exit_code = print_error(archive.error());
      return;
    }
    const std::atomic<bool>* stop = install_stop_signals();
    Watcher watcher(opts->folder, *archive);
    // Loaded once: a watcher runs for weeks, and loaded libraries are never unloaded.
    PluginSet plugins = load_plugins(opts->common.plugin_folders, false);
    std::cerr << "watching " << fs::absolute(opts->folder).string() << " (settle " << opts->settle
              << " s, every " << opts->interval << " s"
              << (opts->common.split ? ", split stacks" : "") << ")" << std::endl;
    exit_code = kExitOk;
    auto process = [&](const std::vector<std::pair<std::string, Signature>>& ready) {
      if (ready.empty()) return;
      Result<IngestSession> session = open_ingest_session(opts->common, false, &plugins);
      if (!session) {
        // Another ingest holds the index, or the archive cannot be written: the next look
        // tries again.
        print_error(session.error());
        exit_code = kExitFailed;
        return;
      }
      session->options.stop = stop;
      ProgressPrinter progress(opts->common.progress_every);
      session->options.on_progress = [&progress](const Progress& p) { progress.update(p); };
      std::vector<fs::path> paths;
      for (const auto& entry : ready) paths.push_back(watcher.folder() / entry.first);
      const DossierCallback on_dossier = [&progress](const DossierOutcome& d) {
        progress.clear_line();
        print_outcome(d);
      };
      Result<IngestReport> report =
          ingest(*session->archive, *session->index, paths, session->options, on_dossier);
      progress.finish();
      if (!report) {
        print_error(report.error());  // e.g. disk full: the next look tries again
        exit_code = kExitFailed;
        return;
      }
      print_summary(*report, session->archive->root().string());
      if (!report->all_ok()) exit_code = kExitFailed;
      if (report->stopped) return;
      // Failed inputs are remembered too: they are in the failure report, and are looked at
      // again when their file changes or with `sohoa ingest --retry-failed`.
      if (Status s = watcher.mark_done(*archive, ready); !s) {
        exit_code = print_error(s.error());
      }
    };
    auto pause = [&](double seconds) {
      const auto until = Clock::now() + std::chrono::duration<double>(seconds);
      while (!stop->load() && Clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    };
    if (opts->once) {
      if (opts->settle > 0) {
        watcher.ready(opts->settle);  // starts the settle clocks
        pause(opts->settle);
      }
      if (!stop->load()) process(watcher.ready(opts->settle));
      return;
    }
    while (!stop->load()) {
      process(watcher.ready(opts->settle));
      pause(opts->interval);
    }
  });
}

}  // namespace sohoa::cli
