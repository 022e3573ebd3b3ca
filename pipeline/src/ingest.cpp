#include "sohoa/pipeline/ingest.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <fstream>
#include <future>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "page_reader.h"
#include "sohoa/pipeline/decode.h"
#include "sohoa/pipeline/inputs.h"
#include "sohoa/pipeline/separator.h"

namespace sohoa {
namespace fs = std::filesystem;
namespace {

using PageResult = Result<Page>;
using Clock = std::chrono::steady_clock;

// Worker threads, each owning one OcrEngine, taking page jobs from a queue.
class PagePool {
 public:
  using Job = std::packaged_task<PageResult(OcrEngine&)>;

  explicit PagePool(std::vector<OcrEngine> engines) : engines_(std::move(engines)) {
    for (OcrEngine& engine : engines_) {
      threads_.emplace_back([this, &engine] { run(engine); });
    }
  }
  ~PagePool() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    ready_.notify_all();
    for (std::thread& t : threads_) t.join();
  }
  PagePool(const PagePool&) = delete;
  PagePool& operator=(const PagePool&) = delete;

  std::future<PageResult> submit(std::function<PageResult(OcrEngine&)> work) {
    Job job(std::move(work));
    std::future<PageResult> result = job.get_future();
    {
      std::lock_guard lock(mutex_);
      queue_.push_back(std::move(job));
    }
    ready_.notify_one();
    return result;
  }

  // Forgets the jobs no worker has started (their futures report a broken promise).
  void drop_queued() {
    std::lock_guard lock(mutex_);
    queue_.clear();
  }

 private:
  void run(OcrEngine& engine) {
    for (;;) {
      Job job;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;
        job = std::move(queue_.front());
        queue_.pop_front();
      }
      job(engine);
    }
  }

  std::vector<OcrEngine> engines_;
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Job> queue_;
  bool stopping_ = false;
};

// The pages of the dossier being put together, in order.
struct Assembly {
  std::vector<Page> pages;
  std::vector<int> positions;            // each page's position in its input, from 1
  std::vector<std::string> page_errors;  // per page: why it could not be read ("" if it was)
  std::vector<std::string> warnings;     // plugin trouble while splitting
  std::string location;                  // from the separator sheet
  bool has_receipt = false;              // a receipt page started it
  bool has_form = false;                 // a form's first page is in it

  bool has_content() const {
    for (const Page& p : pages) {
      if (!p.blank && !p.separator) return true;
    }
    return false;
  }
};

// One input (a dossier, or a stack to split) while its pages are being read.
struct InputState {
  DossierInput input;
  int counted_pages = 0;
  std::vector<SourceFile> files;
  std::vector<std::pair<std::size_t, int>> refs;  // (file index, page in file), in order
  std::string journal;                            // "work/<key>" under the archive root
  std::string stack_id;                           // split inputs
  std::size_t submitted = 0;
  std::size_t consumed = 0;
  bool blobs_stored = false;
  bool seen_separator = false;
  Assembly current;
  std::vector<Error> errors;     // a dossier input fails with these
  std::vector<std::string> ids;  // dossiers made from the input
};

// A file's kind and page count, found once per run.
struct FileCount {
  InputKind kind = InputKind::kOther;
  Result<int> pages;
};

int total_pages(const std::vector<FileCount>& counts) {
  int n = 0;
  for (const FileCount& c : counts) n += c.pages ? *c.pages : 0;
  return n;
}

struct Slot {
  InputState* input = nullptr;
  std::size_t ref = 0;
  bool from_journal = false;
  std::future<PageResult> page;
};

std::string fingerprint(const IngestOptions& o) {
  const PreprocessConfig& p = o.preprocess;
  std::string s = "sohoa-journal 1\n" + o.ocr.languages + "\n" + (o.split ? "split" : "dossier");
  s += '\n';
  for (bool step : {p.suppress_red, p.rescale, p.normalize_background, p.orient, p.deskew,
                    p.remove_marks, p.remove_leaders, p.remove_specks, p.detect_blank}) {
    s += step ? '1' : '0';
  }
  return s;
}

std::string split_dossier_id(const std::vector<Page>& pages) {
  std::string joined = "split\n";
  for (const Page& p : pages) joined += p.sha256 + ":" + std::to_string(p.source_page) + "\n";
  return sha256_hex(joined).substr(0, 20);
}

std::string join_messages(const std::vector<Error>& errors) {
  std::string out;
  for (const Error& e : errors) out += (out.empty() ? "" : "; ") + e.message;
  return out;
}

class IngestRun {
 public:
  IngestRun(const Archive& archive, IndexWriter& index, const IngestOptions& options,
            const DossierCallback& callback, PagePool& pool)
      : archive_(archive),
        index_(index),
        options_(options),
        callback_(callback),
        pool_(pool),
        fingerprint_(fingerprint(options)),
        started_(Clock::now()) {
    task_.preprocess = options.preprocess;
    task_.find_separators = options.split;
  }

  // Returns an error only for problems that stop the whole run.
  Status run(const std::vector<fs::path>& paths, IngestReport& report) {
    const Discovery discovery = discover_inputs(paths);
    for (std::size_t i = 0; i < discovery.errors.size(); ++i) {
      const Error& e = discovery.errors[i];
      const std::string path = discovery.error_paths[i].string();
      report.input_errors.push_back(e);
      if (Status s =
              record_failure(report, Failure::for_input(path, options_.split, e.message, e.hint));
          !s) {
        return s;
      }
    }
    // Every file is looked at once here, for the total the progress line needs; prepare()
    // uses the same counts.
    std::vector<std::vector<FileCount>> counts;
    for (const DossierInput& in : discovery.dossiers) {
      std::vector<FileCount>& files = counts.emplace_back();
      for (const fs::path& f : in.files) {
        const InputKind kind = sniff_input(f);
        files.push_back(FileCount{kind, count_pages(f, kind)});
        if (files.back().pages) progress_.pages_total += *files.back().pages;
      }
    }
    report.pages_total = progress_.pages_total;
    const std::size_t window = static_cast<std::size_t>(std::max(1, options_.jobs)) * 3;
    for (std::size_t i = 0; i < discovery.dossiers.size() && !stopping(); ++i) {
      Result<std::unique_ptr<InputState>> prepared =
          prepare(discovery.dossiers[i], counts[i], report);
      if (!prepared) return prepared.error();
      if (!*prepared) continue;  // failed, or archived before
      InputState& state = **prepared;
      active_.push_back(std::move(*prepared));
      while (state.submitted < state.refs.size() && !stopping()) {
        while (slots_.size() >= window) {
          if (Status s = consume_oldest(report); !s) return s;
        }
        submit(state);
      }
    }
    if (stopping()) {
      // The pages being read finish and are journalled by their workers; the rest waits for
      // the next run.
      pool_.drop_queued();
      slots_.clear();
      active_.clear();
      report.stopped = true;
    }
    while (!slots_.empty()) {
      if (Status s = consume_oldest(report); !s) return s;
    }
    return index_.commit();
  }

 private:
  bool stopping() const { return options_.stop != nullptr && options_.stop->load(); }

  void tell_progress() {
    if (!options_.on_progress) return;
    progress_.seconds = std::chrono::duration<double>(Clock::now() - started_).count();
    options_.on_progress(progress_);
  }

  Status record_failure(IngestReport& report, Failure f) {
    ++progress_.failures;
    report.failures.push_back(f);
    if (options_.failures == nullptr) return {};
    return options_.failures->add(std::move(f));
  }

  // Hashes and counts the input's files. Returns null when nothing is left to read: the input
  // failed, or it is in the archive already.
  Result<std::unique_ptr<InputState>> prepare(const DossierInput& input,
                                              const std::vector<FileCount>& counts,
                                              IngestReport& report) {
    auto state = std::make_unique<InputState>();
    state->input = input;
    const int counted = total_pages(counts);
    state->counted_pages = counted;
    std::vector<std::string> hashes;
    for (std::size_t i = 0; i < input.files.size(); ++i) {
      const fs::path& path = input.files[i];
      SourceFile f{path, counts[i].kind, {}, 0};
      Result<std::string> hash = sha256_file(path);
      if (!hash) {
        state->errors.push_back(hash.error());
        continue;
      }
      f.sha256 = *hash;
      hashes.push_back(f.sha256);
      if (!counts[i].pages) {
        state->errors.push_back(counts[i].pages.error());
        continue;
      }
      f.pages = *counts[i].pages;
      state->files.push_back(std::move(f));
    }
    if (!state->errors.empty()) {
      if (Status s = fail_input(*state, report); !s) return s.error();
      return std::unique_ptr<InputState>();
    }
    std::string joined;
    for (const std::string& h : hashes) joined += h + "\n";
    // Archived before, as a stack or as one dossier, whichever way it is given now: the same
    // files never add anything twice.
    state->stack_id = sha256_hex("stack\n" + joined).substr(0, 20);
    Result<bool> done = stack_archived(*state, report);
    if (!done) return done.error();
    if (*done) return std::unique_ptr<InputState>();
    const std::string id = dossier_id(hashes);
    if (archive_.has_record(id)) {
      DossierOutcome out = outcome_for(*state);
      out.id = id;
      if (Status s = ensure_indexed(out); !s) return s.error();
      if (Status s = finished(out, report); !s) return s.error();
      if (Status s = input_resolved(*state); !s) return s.error();
      progress_.pages_done += counted;
      tell_progress();
      return std::unique_ptr<InputState>();
    }
    state->journal = "work/" + sha256_hex(fingerprint_ + "\n" + joined).substr(0, 20);
    for (std::size_t f = 0; f < state->files.size(); ++f) {
      for (int n = 1; n <= state->files[f].pages; ++n) state->refs.emplace_back(f, n);
    }
    return state;
  }

  fs::path stack_ledger(const InputState& s) const {
    return fs::path("stacks") / s.stack_id.substr(0, 2) / (s.stack_id + ".json");
  }

  // A stack ingested to the end before: its dossiers are made sure to be in the index.
  Result<bool> stack_archived(InputState& s, IngestReport& report) {
    std::ifstream in(archive_.root() / stack_ledger(s));
    if (!in) return false;
    std::vector<std::string> ids;
    try {
      ids = nlohmann::json::parse(in).at("dossiers").get<std::vector<std::string>>();
    } catch (const nlohmann::json::exception&) {
      return false;  // an unreadable ledger: the stack is gone through again (nothing doubles)
    }
    for (const std::string& id : ids) {
      if (!archive_.has_record(id)) return false;
    }
    for (const std::string& id : ids) {
      DossierOutcome out = outcome_for(s);
      out.id = id;
      if (Status st = ensure_indexed(out); !st) return st.error();
      if (Status st = finished(out, report); !st) return st.error();
    }
    if (Status st = input_resolved(s); !st) return st.error();
    progress_.pages_done += s.counted_pages;
    tell_progress();
    return true;
  }

  DossierOutcome outcome_for(const InputState& s) const {
    DossierOutcome out;
    out.origin = s.input.origin.string();
    return out;
  }

  void submit(InputState& s) {
    const std::size_t ref = s.submitted++;
    const std::size_t file_index = s.refs[ref].first;
    const int number = s.refs[ref].second;
    const fs::path entry =
        fs::path(s.journal) / (std::to_string(file_index) + "-" + std::to_string(number) + ".json");
    Slot slot{&s, ref, false, {}};
    if (std::optional<Page> journalled = read_journal(entry)) {
      std::promise<PageResult> ready;
      ready.set_value(std::move(*journalled));
      slot.page = ready.get_future();
      slot.from_journal = true;
    } else {
      slot.page = pool_.submit([file = s.files[file_index], number, task = task_, entry,
                                &archive = archive_](OcrEngine& engine) -> PageResult {
        PageResult page = read_page(engine, file, number, task);
        if (page) {
          if (Status st = archive.write_file(entry, page_to_json(*page).dump()); !st) {
            return st.error();
          }
        }
        return page;
      });
    }
    slots_.push_back(std::move(slot));
  }

  std::optional<Page> read_journal(const fs::path& entry) const {
    std::ifstream in(archive_.root() / entry);
    if (!in) return std::nullopt;
    try {
      Result<Page> page = page_from_json(nlohmann::json::parse(in));
      if (page) return std::move(*page);
    } catch (const nlohmann::json::exception&) {
      // A damaged entry is read again.
    }
    return std::nullopt;
  }

  Status consume_oldest(IngestReport& report) {
    Slot slot = std::move(slots_.front());
    slots_.pop_front();
    InputState& s = *slot.input;
    PageResult page = slot.page.get();
    if (!page && page.error().code == ErrorCode::kIo) return page.error();  // the journal
    ++s.consumed;
    ++progress_.pages_done;
    if (slot.from_journal) {
      ++report.pages_from_journal;
    } else if (page && !page->blank && !page->separator) {
      ++progress_.pages_recognised;
      ++report.pages_recognised;
    }
    Status status = options_.split ? add_to_stack(s, slot.ref, std::move(page), report)
                                   : add_to_dossier(s, slot.ref, std::move(page));
    if (status && s.consumed == s.refs.size()) status = finish_input(s, report);
    tell_progress();
    return status;
  }

  static Page placeholder(const InputState& s, std::size_t ref) {
    const SourceFile& f = s.files[s.refs[ref].first];
    Page p;
    p.source = f.path.string();
    p.source_page = s.refs[ref].second;
    p.sha256 = f.sha256;
    p.flags.push_back("unreadable");
    return p;
  }

  static void append(Assembly& a, Page page, std::size_t ref, std::string error = {}) {
    a.pages.push_back(std::move(page));
    a.positions.push_back(static_cast<int>(ref) + 1);
    a.page_errors.push_back(std::move(error));
  }

  Status add_to_dossier(InputState& s, std::size_t ref, PageResult page) {
    if (!page) {
      s.errors.push_back(page.error());
    } else {
      append(s.current, std::move(*page), ref);
    }
    return {};
  }

  // The splitter: decides, page by page, where the stack's dossiers begin.
  Status add_to_stack(InputState& s, std::size_t ref, PageResult result, IngestReport& report) {
    if (!result) {  // kept as a placeholder, so the stack's pages stay in their places
      append(s.current, placeholder(s, ref), ref, result.error().message);
      return {};
    }
    Page& page = *result;
    if (page.separator) {
      if (s.current.has_content()) {
        if (Status st = emit(s, report); !st) return st;
      }
      // Pages before it that hold no dossier (a blank back, a doubled sheet) go with it.
      s.current.location = parse_separator_code(page.text).value_or("");
      s.current.has_receipt = s.current.has_form = false;
      s.seen_separator = true;
      append(s.current, std::move(page), ref);
      return {};
    }
    if (page.blank || s.seen_separator || options_.plugins == nullptr) {
      append(s.current, std::move(page), ref);
      return {};
    }
    const PageStart start = options_.plugins->page_starts(page);
    for (const PluginFailure& f : start.failures) {
      s.current.warnings.push_back("plugin " + f.file + " " + f.reason);
    }
    // A receipt heads its dossier; a form's first page starts one unless it follows the
    // receipt that heads it.
    const bool starts =
        start.receipt || (start.form && !(s.current.has_receipt && !s.current.has_form));
    if (starts && s.current.has_content()) {
      if (Status st = emit(s, report); !st) return st;
    }
    // A receipt names the procedure it was issued for, which may read like that form's
    // title: on a receipt page only the receipt counts.
    s.current.has_receipt = s.current.has_receipt || start.receipt;
    s.current.has_form = s.current.has_form || (start.form && !start.receipt);
    append(s.current, std::move(page), ref);
    return {};
  }

  // Archives the dossier assembled so far from a stack.
  Status emit(InputState& s, IngestReport& report) {
    Assembly a = std::move(s.current);
    s.current = Assembly{};
    DossierOutcome out = outcome_for(s);
    out.first_page = a.positions.front();
    out.last_page = a.positions.back();
    out.location = a.location;
    out.id = split_dossier_id(a.pages);
    s.ids.push_back(out.id);
    return archive_dossier(s, std::move(a), std::move(out), report);
  }

  Status finish_input(InputState& s, IngestReport& report) {
    Status status;
    if (!options_.split) {
      if (!s.errors.empty()) {
        status = fail_input(s, report);
      } else {
        DossierOutcome out = outcome_for(s);
        std::vector<std::string> hashes;
        for (const SourceFile& f : s.files) hashes.push_back(f.sha256);
        out.id = dossier_id(hashes);
        status = archive_dossier(s, std::move(s.current), std::move(out), report);
      }
    } else {
      if (s.current.has_content()) {
        status = emit(s, report);
      } else if (!s.current.pages.empty()) {
        std::string note = s.input.origin.string() + ": pages " +
                           std::to_string(s.current.positions.front()) + "-" +
                           std::to_string(s.current.positions.back()) +
                           " at the end of the stack hold no dossier (blank or separator sheets); "
                           "they stay in the stored original";
        if (!report.dossiers.empty()) report.dossiers.back().warnings.push_back(std::move(note));
      }
      if (status) status = write_ledger(s);
    }
    if (status && s.errors.empty()) status = input_resolved(s);
    std::error_code ec;
    if (status && !s.journal.empty()) fs::remove_all(archive_.root() / s.journal, ec);
    if (!active_.empty() && active_.front().get() == &s) active_.pop_front();
    return status;
  }

  // The input made its dossiers: an earlier failure of it is over.
  Status input_resolved(const InputState& s) {
    if (options_.failures == nullptr) return {};
    const std::string origin = s.input.origin.string();
    return options_.failures->forget_if(
        [&](const Failure& f) { return f.kind == "input" && f.input == origin; });
  }

  Status write_ledger(const InputState& s) {
    std::vector<std::string> sources;
    for (const SourceFile& f : s.files) sources.push_back(f.path.string());
    const nlohmann::json ledger = {{"stack", s.stack_id},
                                   {"sources", sources},
                                   {"pages", s.refs.size()},
                                   {"dossiers", s.ids},
                                   {"completed_at", utc_now()}};
    return archive_.write_file(stack_ledger(s), ledger.dump(2) + "\n");
  }

  Status fail_input(InputState& s, IngestReport& report) {
    DossierOutcome out = outcome_for(s);
    out.status = DossierOutcome::Status::kFailed;
    out.errors = s.errors;
    if (Status st = record_failure(
            report, Failure::for_input(out.origin, options_.split, join_messages(s.errors),
                                       s.errors.front().hint));
        !st) {
      return st;
    }
    return finished(out, report);
  }

  Status finished(const DossierOutcome& out, IngestReport& report) {
    report.dossiers.push_back(out);
    if (out.status != DossierOutcome::Status::kFailed) ++progress_.dossiers;
    if (callback_) callback_(out);
    if (out.status == DossierOutcome::Status::kArchived &&
        ++since_commit_ >= options_.commit_every) {
      since_commit_ = 0;
      return index_.commit();
    }
    return {};
  }

  // A dossier archived by an earlier run (perhaps one that stopped before its index commit).
  Status ensure_indexed(DossierOutcome& out) {
    Result<Dossier> d = archive_.load_record(out.id);
    if (!d) return d.error();
    out.status = DossierOutcome::Status::kAlreadyArchived;
    out.procedure = d->procedure;
    out.location = d->location;
    out.pages = static_cast<int>(d->pages.size());
    out.needs_review = static_cast<int>(d->needs_review.size());
    if (index_.contains(out.id)) return {};
    return index_.add(*d);
  }

  // Returns an error only if the archive cannot be written (the run stops).
  Status archive_dossier(InputState& s, Assembly a, DossierOutcome out, IngestReport& report) {
    if (archive_.has_record(out.id)) {
      if (Status st = ensure_indexed(out); !st) return st;
      return finished(out, report);
    }
    if (!s.blobs_stored) {
      for (const SourceFile& f : s.files) {
        if (Status st = archive_.store_blob(f.path, f.sha256); !st) return st;
      }
      s.blobs_stored = true;
    }
    Dossier d;
    d.id = out.id;
    d.location = a.location;
    std::set<std::string> seen;
    for (const Page& p : a.pages) {
      if (seen.insert(p.source).second) d.sources.push_back(p.source);
    }
    d.pages = std::move(a.pages);
    for (std::size_t i = 0; i < d.pages.size(); ++i) d.pages[i].number = static_cast<int>(i) + 1;
    out.warnings = std::move(a.warnings);
    std::vector<PluginFailure> plugin_failures;
    if (options_.plugins != nullptr) {
      const Classification c = options_.plugins->classify_and_extract(d);
      plugin_failures = c.failures;
      for (const PluginFailure& f : c.failures) {
        out.warnings.push_back("plugin " + f.file + " " + f.reason + " (fields left for review)");
      }
    }
    out.needs_review = static_cast<int>(d.needs_review.size());
    d.ingested_at = utc_now();
    if (Status st = archive_.save_record(d); !st) return st;
    if (Status st = index_.add(d); !st) return st;
    out.status = DossierOutcome::Status::kArchived;
    out.procedure = d.procedure;
    out.pages = static_cast<int>(d.pages.size());
    // What landed degraded goes to the failure report, to be tried again.
    for (std::size_t i = 0; i < d.pages.size(); ++i) {
      const Page& p = d.pages[i];
      std::string reason = a.page_errors[i];
      const bool timed_out =
          std::find(p.flags.begin(), p.flags.end(), "ocr_timeout") != p.flags.end();
      if (reason.empty() && timed_out) {
        reason = p.source + ": page " + std::to_string(p.source_page) +
                 ": OCR did not finish within the page time limit; the text is partial";
      }
      if (reason.empty()) continue;
      out.warnings.push_back(reason);
      if (Status st = record_failure(
              report, Failure::for_page(out.origin, options_.split, p, d.id, std::move(reason)));
          !st) {
        return st;
      }
    }
    for (const PluginFailure& pf : plugin_failures) {
      if (Status st = record_failure(
              report, Failure::for_plugin(out.origin, options_.split, d, pf.file, pf.reason));
          !st) {
        return st;
      }
    }
    return finished(out, report);
  }

  const Archive& archive_;
  IndexWriter& index_;
  const IngestOptions& options_;
  const DossierCallback& callback_;
  PagePool& pool_;
  const std::string fingerprint_;
  const Clock::time_point started_;
  PageTask task_;
  std::deque<std::unique_ptr<InputState>> active_;
  std::deque<Slot> slots_;
  Progress progress_;
  int since_commit_ = 0;
};

}  // namespace

int IngestReport::count(DossierOutcome::Status s) const {
  int n = 0;
  for (const DossierOutcome& d : dossiers) n += d.status == s ? 1 : 0;
  return n;
}

bool IngestReport::all_ok() const {
  return input_errors.empty() && count(DossierOutcome::Status::kFailed) == 0;
}

std::string dossier_id(const std::vector<std::string>& file_hashes) {
  std::string joined;
  for (const std::string& h : file_hashes) joined += h + "\n";
  return sha256_hex(joined).substr(0, 20);
}

namespace {

Result<std::vector<OcrEngine>> make_engines(int jobs, const OcrConfig& config) {
  std::vector<OcrEngine> engines;
  for (int i = 0; i < std::max(1, jobs); ++i) {
    Result<OcrEngine> engine = OcrEngine::create(config);
    if (!engine) return engine.error();
    engines.push_back(std::move(*engine));
  }
  return engines;
}

}  // namespace

Result<IngestReport> ingest(const Archive& archive, IndexWriter& index,
                            const std::vector<fs::path>& paths, const IngestOptions& options,
                            const DossierCallback& on_dossier) {
  const auto started = Clock::now();
  Result<std::vector<OcrEngine>> engines = make_engines(options.jobs, options.ocr);
  if (!engines) return engines.error();
  IngestReport report;
  Status status;
  {
    PagePool pool(std::move(*engines));
    IngestRun run(archive, index, options, on_dossier, pool);
    status = run.run(paths, report);
  }
  if (!status) return status.error();
  report.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return report;
}

}  // namespace sohoa
