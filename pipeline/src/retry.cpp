// sohoa ingest --retry-failed: every entry of the failure report tried again (failures.h).
#include <algorithm>
#include <map>
#include <set>

#include "page_reader.h"
#include "sohoa/pipeline/ingest.h"

namespace sohoa {
namespace fs = std::filesystem;
namespace {

// A page that timed out is read again with this many times the page time limit.
constexpr int kRetryTimeLimitFactor = 10;

void merge(IngestReport& into, IngestReport&& from) {
  for (DossierOutcome& d : from.dossiers) into.dossiers.push_back(std::move(d));
  for (Error& e : from.input_errors) into.input_errors.push_back(std::move(e));
  for (Failure& f : from.failures) into.failures.push_back(std::move(f));
  into.pages_total += from.pages_total;
  into.pages_recognised += from.pages_recognised;
  into.pages_from_journal += from.pages_from_journal;
  into.stopped = into.stopped || from.stopped;
}

bool timed_out(const Page& p) {
  return std::find(p.flags.begin(), p.flags.end(), "ocr_timeout") != p.flags.end();
}

class DossierRetry {
 public:
  DossierRetry(const Archive& archive, IndexWriter& index, FailureLog& log,
               const IngestOptions& options, OcrEngine& engine)
      : archive_(archive), index_(index), log_(log), options_(options), engine_(engine) {}

  // Tries the page and plugin entries of one dossier again. Errors only for a broken archive.
  Status run(const std::string& id, const std::vector<Failure>& entries, IngestReport& report) {
    Result<Dossier> loaded = archive_.load_record(id);
    if (!loaded) {
      if (loaded.error().code != ErrorCode::kNotFound) return loaded.error();
      return forget(entries);  // the dossier is gone: nothing left to repair
    }
    Dossier& d = *loaded;
    DossierOutcome out;
    out.origin = entries.front().input;
    out.id = id;
    std::vector<Failure> still;
    for (const Failure& f : entries) {
      if (f.kind != "page") continue;
      if (Result<bool> ok = read_again(d, f); !ok) {
        Failure again = f;
        again.reason = ok.error().message;
        still.push_back(std::move(again));
      } else if (!*ok) {
        still.push_back(f);
      } else {
        ++report.pages_recognised;
      }
    }
    if (options_.plugins != nullptr) {
      const Classification c = options_.plugins->classify_and_extract(d);
      for (const PluginFailure& pf : c.failures) {
        Failure f = Failure::for_plugin(out.origin, entries.front().split, d, pf.file, pf.reason);
        out.warnings.push_back(f.reason);
        still.push_back(std::move(f));
      }
    }
    if (Status s = archive_.save_record(d); !s) return s;
    if (Status s = index_.add(d); !s) return s;
    if (Status s = forget(entries); !s) return s;
    for (Failure& f : still) {
      report.failures.push_back(f);
      if (Status s = log_.add(std::move(f)); !s) return s;
    }
    out.status = DossierOutcome::Status::kArchived;
    out.procedure = d.procedure;
    out.location = d.location;
    out.pages = static_cast<int>(d.pages.size());
    out.needs_review = static_cast<int>(d.needs_review.size());
    for (const Failure& f : still) out.errors.push_back(make_error(ErrorCode::kOcr, f.reason));
    report.dossiers.push_back(std::move(out));
    return {};
  }

 private:
  Status forget(const std::vector<Failure>& entries) {
    std::set<std::string> keys;
    for (const Failure& f : entries) keys.insert(f.key());
    return log_.forget_if([&](const Failure& f) { return keys.count(f.key()) > 0; });
  }

  // Reads the page of `f` again from the stored original. True when it now reads in full.
  Result<bool> read_again(Dossier& d, const Failure& f) {
    auto page = std::find_if(d.pages.begin(), d.pages.end(), [&](const Page& p) {
      return p.number == f.dossier_page && p.source_page == f.page;
    });
    if (page == d.pages.end()) return true;  // the record changed since: nothing to repair
    const fs::path blob = archive_.blob_path(page->sha256);
    const SourceFile source{blob, sniff_input(blob), page->sha256, 0};
    Result<Page> again = read_page(engine_, source, page->source_page,
                                   PageTask{options_.preprocess, /*find_separators=*/false});
    if (!again) return again.error();
    if (timed_out(*again)) return false;
    again->number = page->number;
    again->source = page->source;
    *page = std::move(*again);
    return true;
  }

  const Archive& archive_;
  IndexWriter& index_;
  FailureLog& log_;
  const IngestOptions& options_;
  OcrEngine& engine_;
};

}  // namespace

Result<IngestReport> retry_failed(const Archive& archive, IndexWriter& index, FailureLog& log,
                                  const IngestOptions& options, const DossierCallback& on_dossier) {
  IngestReport report;
  // Inputs that made no dossier: ingested again, as a stack if they were one.
  for (const bool split : {false, true}) {
    std::vector<fs::path> paths;
    std::set<std::string> seen;
    for (const Failure& f : log.entries()) {
      if (f.kind == "input" && f.split == split && seen.insert(f.input).second) {
        paths.emplace_back(f.input);
      }
    }
    if (paths.empty()) continue;
    // What fails again is recorded again by the ingest (one more attempt); what lands is
    // forgotten by it.
    IngestOptions again = options;
    again.split = split;
    again.failures = &log;
    Result<IngestReport> r = ingest(archive, index, paths, again, on_dossier);
    if (!r) return r.error();
    merge(report, std::move(*r));
  }
  // Degraded pages and plugin failures: per dossier.
  std::map<std::string, std::vector<Failure>> by_dossier;
  for (const Failure& f : log.entries()) {
    if (f.kind != "input" && !f.dossier.empty()) by_dossier[f.dossier].push_back(f);
  }
  if (!by_dossier.empty()) {
    OcrConfig config = options.ocr;
    config.page_timeout_ms *= kRetryTimeLimitFactor;
    Result<OcrEngine> engine = OcrEngine::create(config);
    if (!engine) return engine.error();
    DossierRetry retry(archive, index, log, options, *engine);
    for (const auto& [id, entries] : by_dossier) {
      if (options.stop != nullptr && options.stop->load()) {
        report.stopped = true;
        break;
      }
      const std::size_t before = report.dossiers.size();
      if (Status s = retry.run(id, entries, report); !s) return s.error();
      if (on_dossier && report.dossiers.size() > before) on_dossier(report.dossiers.back());
    }
  }
  if (Status s = index.commit(); !s) return s.error();
  return report;
}

}  // namespace sohoa
