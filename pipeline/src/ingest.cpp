#include "sohoa/pipeline/ingest.h"

#include <chrono>
#include <condition_variable>
#include <ctime>
#include <deque>
#include <future>
#include <mutex>
#include <thread>

#include "sohoa/pipeline/decode.h"
#include "sohoa/pipeline/inputs.h"

namespace sohoa {
namespace fs = std::filesystem;
namespace {

using PageResult = Result<Page>;

// Mean word confidence under which a page is also read turned by 180 degrees.
constexpr double kRetryTurnedBelowConfidence = 0.6;

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

struct SourceFile {
  fs::path path;
  InputKind kind = InputKind::kOther;
  std::string sha256;
  int pages = 0;
};

// A dossier whose pages are being recognised.
struct PendingDossier {
  DossierOutcome outcome;
  std::vector<SourceFile> files;
  std::vector<std::future<PageResult>> pages;
};

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

PageResult recognise_page(OcrEngine& engine, const SourceFile& file, int source_page,
                          const PreprocessConfig& preprocess_config) {
  Result<DecodedPage> decoded = decode_page(file.path, file.kind, source_page);
  if (!decoded) return decoded.error();
  PreparedPage prepared = preprocess(decoded->image.get(), decoded->dpi, preprocess_config);
  decoded->image.reset();  // only the prepared image is needed from here on
  PIX* pix = prepared.image.get();
  Page page;
  page.source = file.path.string();
  page.source_page = source_page;
  page.sha256 = file.sha256;
  page.width = pixGetWidth(pix);
  page.height = pixGetHeight(pix);
  page.dpi = prepared.dpi;
  page.dpi_estimated = decoded->dpi_estimated;
  page.rotation = prepared.rotation;
  page.skew_deg = prepared.skew_deg;
  page.blank = prepared.blank;
  if (page.blank) return page;  // kept in the dossier, not OCRed
  Result<OcrPage> ocr = engine.recognize(pix, prepared.dpi);
  if (ocr && !ocr->timed_out && preprocess_config.orient &&
      ocr->mean_confidence < kRetryTurnedBelowConfidence) {
    // The shape-based orientation guess can miss on sparse or noisy pages: a page read with
    // low confidence is read once more turned over, and the better reading kept.
    Image turned(pixRotate180(nullptr, pix));
    Result<OcrPage> again = engine.recognize(turned.get(), prepared.dpi);
    if (again && again->mean_confidence > ocr->mean_confidence + 0.1) {
      ocr = std::move(again);
      page.rotation = (page.rotation + 180) % 360;
    }
  }
  if (!ocr) {
    return make_error(
        ErrorCode::kOcr,
        file.path.string() + ": page " + std::to_string(source_page) + ": " + ocr.error().message);
  }
  page.text = std::move(ocr->text);
  page.words = std::move(ocr->words);
  page.ocr_confidence = ocr->mean_confidence;
  if (ocr->timed_out) page.flags.push_back("ocr_timeout");
  return page;
}

class IngestRun {
 public:
  IngestRun(const Archive& archive, IndexWriter& index, const IngestOptions& options,
            const DossierCallback& callback, PagePool& pool)
      : archive_(archive), index_(index), options_(options), callback_(callback), pool_(pool) {}

  // Returns an error only for problems that stop the whole run.
  Status run(const Discovery& discovery, IngestReport& report) {
    report.input_errors = discovery.errors;
    const std::size_t window = static_cast<std::size_t>(std::max(1, options_.jobs)) * 3;
    for (const DossierInput& input : discovery.dossiers) {
      PendingDossier pending = start(input);
      if (pending.pages.empty()) {
        if (Status s = finish(pending, report); !s) return s;
        continue;
      }
      in_flight_pages_ += pending.pages.size();
      in_flight_.push_back(std::move(pending));
      while (in_flight_pages_ > window && !in_flight_.empty()) {
        if (Status s = finish_oldest(report); !s) return s;
      }
    }
    while (!in_flight_.empty()) {
      if (Status s = finish_oldest(report); !s) return s;
    }
    return index_.commit();
  }

 private:
  PendingDossier start(const DossierInput& input) {
    PendingDossier p;
    p.outcome.origin = input.origin.string();
    std::vector<std::string> hashes;
    for (const fs::path& path : input.files) {
      SourceFile f{path, sniff_input(path), {}, 0};
      Result<std::string> hash = sha256_file(path);
      if (!hash) {
        p.outcome.errors.push_back(hash.error());
        continue;
      }
      f.sha256 = *hash;
      hashes.push_back(f.sha256);
      Result<int> count = count_pages(path, f.kind);
      if (!count) {
        p.outcome.errors.push_back(count.error());
        continue;
      }
      f.pages = *count;
      p.files.push_back(std::move(f));
    }
    if (!p.outcome.errors.empty()) return p;
    p.outcome.id = dossier_id(hashes);
    if (archive_.has_record(p.outcome.id)) {
      p.outcome.status = DossierOutcome::Status::kAlreadyArchived;
      return p;
    }
    for (const SourceFile& f : p.files) {
      for (int n = 1; n <= f.pages; ++n) {
        p.pages.push_back(pool_.submit([f, n, &config = options_.preprocess](OcrEngine& engine) {
          return recognise_page(engine, f, n, config);
        }));
      }
    }
    return p;
  }

  Status finish_oldest(IngestReport& report) {
    PendingDossier p = std::move(in_flight_.front());
    in_flight_.pop_front();
    in_flight_pages_ -= p.pages.size();
    return finish(p, report);
  }

  Status finish(PendingDossier& p, IngestReport& report) {
    DossierOutcome& out = p.outcome;
    Status fatal;
    if (out.status == DossierOutcome::Status::kAlreadyArchived) {
      fatal = ensure_indexed(out);
    } else if (out.errors.empty()) {
      fatal = archive_pages(p, report);
    }
    if (!fatal) {
      out.status = DossierOutcome::Status::kFailed;
      out.errors.push_back(fatal.error());
    }
    report.dossiers.push_back(out);
    if (callback_) callback_(out);
    if (fatal.ok() && out.status == DossierOutcome::Status::kArchived &&
        ++since_commit_ >= options_.commit_every) {
      since_commit_ = 0;
      if (Status s = index_.commit(); !s) return s;
    }
    return fatal;
  }

  // A dossier archived by an earlier run that stopped before its index commit.
  Status ensure_indexed(DossierOutcome& out) {
    Result<Dossier> d = archive_.load_record(out.id);
    if (!d) return d.error();
    out.procedure = d->procedure;
    out.pages = static_cast<int>(d->pages.size());
    out.needs_review = static_cast<int>(d->needs_review.size());
    if (index_.contains(out.id)) return {};
    return index_.add(*d);
  }

  // Returns an error only if the archive cannot be written (the run stops).
  Status archive_pages(PendingDossier& p, IngestReport& report) {
    DossierOutcome& out = p.outcome;
    Dossier d;
    d.id = out.id;
    for (const SourceFile& f : p.files) d.sources.push_back(f.path.string());
    for (auto& future : p.pages) {
      PageResult page = future.get();
      if (!page) {
        out.errors.push_back(page.error());
        continue;
      }
      page->number = static_cast<int>(d.pages.size()) + 1;
      d.pages.push_back(std::move(*page));
    }
    report.pages_recognised += static_cast<int>(d.pages.size());
    if (!out.errors.empty()) return {};  // the dossier fails; nothing of it is stored
    for (const SourceFile& f : p.files) {
      if (Status s = archive_.store_blob(f.path, f.sha256); !s) return s;
    }
    if (options_.plugins != nullptr) {
      const Classification c = options_.plugins->classify_and_extract(d);
      for (const PluginFailure& f : c.failures) {
        out.warnings.push_back("plugin " + f.file + " " + f.reason + " (fields left for review)");
      }
    }
    out.needs_review = static_cast<int>(d.needs_review.size());
    d.ingested_at = utc_now();
    if (Status s = archive_.save_record(d); !s) return s;
    if (Status s = index_.add(d); !s) return s;
    out.status = DossierOutcome::Status::kArchived;
    out.procedure = d.procedure;
    out.pages = static_cast<int>(d.pages.size());
    return {};
  }

  const Archive& archive_;
  IndexWriter& index_;
  const IngestOptions& options_;
  const DossierCallback& callback_;
  PagePool& pool_;
  std::deque<PendingDossier> in_flight_;
  std::size_t in_flight_pages_ = 0;
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

Result<IngestReport> ingest(const Archive& archive, IndexWriter& index,
                            const std::vector<fs::path>& paths, const IngestOptions& options,
                            const DossierCallback& on_dossier) {
  const auto started = std::chrono::steady_clock::now();
  std::vector<OcrEngine> engines;
  for (int i = 0; i < std::max(1, options.jobs); ++i) {
    Result<OcrEngine> engine = OcrEngine::create(options.ocr);
    if (!engine) return engine.error();
    engines.push_back(std::move(*engine));
  }
  IngestReport report;
  Status status;
  {
    PagePool pool(std::move(engines));
    IngestRun run(archive, index, options, on_dossier, pool);
    status = run.run(discover_inputs(paths), report);
  }
  if (!status) return status.error();
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace sohoa
