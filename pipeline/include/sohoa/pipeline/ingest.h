// The ingest job: input paths → dossiers in the archive and the index.
//
// It composes the stages: discover_inputs → (per page, in parallel on `jobs` worker threads,
// each with its own OcrEngine) decode_page → [separator sheet?] → preprocess →
// OcrEngine::recognize → (on the calling thread, in input order) group the pages into
// dossiers → plugins → store originals → save record → index.
//
// An input is one dossier, or with `split` a scanned stack that the job cuts into dossiers:
// at separator sheets (QR `SOHOA-SEP[:LABEL]`, the label kept as the dossier's location) or,
// in a stack without them, where a plugin says a page starts a dossier (a one-stop receipt,
// or a form's first page not preceded by its receipt). Blank pages never start a dossier.
//
// Work is tracked per page: each recognised page is journalled in ROOT/work/ before it is
// used, so a run killed at any moment and started again re-reads nothing it already read,
// re-archives nothing already archived, and ends with the same archive as an uninterrupted
// run. A finished stack is remembered in ROOT/stacks/, so ingesting it again adds nothing.
//
// At most a few pages per worker are in flight at any time, and a dossier's pages are only
// held until the dossier is archived, so memory does not grow with the size of the batch.
// An input that cannot be read fails alone and goes to the failure report (failures.h).
//
// Thread-safety: one ingest at a time per archive (the index allows one writer).
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "sohoa/archive/index.h"
#include "sohoa/archive/store.h"
#include "sohoa/pipeline/failures.h"
#include "sohoa/pipeline/ocr.h"
#include "sohoa/pipeline/plugins.h"
#include "sohoa/pipeline/preprocess.h"
#include "sohoa/result.h"

namespace sohoa {

struct Progress {
  int pages_total = 0;       // pages in every input of the run
  int pages_done = 0;        // of those, read, taken from the journal, or already archived
  int pages_recognised = 0;  // read by OCR in this run
  int dossiers = 0;          // dossiers archived or found archived
  int failures = 0;          // inputs failed + pages degraded + plugin failures, this run
  double seconds = 0;        // since the run started
};

struct DossierOutcome;
using DossierCallback = std::function<void(const DossierOutcome&)>;
using ProgressCallback = std::function<void(const Progress&)>;

struct IngestOptions {
  int jobs = 2;  // worker threads, one Tesseract engine each
  PreprocessConfig preprocess;
  OcrConfig ocr;
  int commit_every = 50;  // dossiers between index commits
  // Classify and extract fields with these plugins (not owned; used from the calling
  // thread only). Null: every dossier is archived as "unknown" with no fields (and a stack
  // without separator sheets is not split).
  PluginSet* plugins = nullptr;
  bool split = false;  // every input is a scanned stack of dossiers
  // Problems are recorded here (not owned). Null: only in the report.
  FailureLog* failures = nullptr;
  // Set from another thread (a signal handler's flag): no new page is started, the pages
  // being read are finished and journalled, the index is committed, and ingest returns with
  // `IngestReport::stopped`. Running the same ingest again continues.
  const std::atomic<bool>* stop = nullptr;
  ProgressCallback on_progress;  // called on the calling thread after every page
};

struct DossierOutcome {
  enum class Status { kArchived, kAlreadyArchived, kFailed };
  Status status = Status::kFailed;
  std::string origin;  // the input file or folder
  int first_page = 0;  // split stacks: the dossier's pages within the stack, from 1
  int last_page = 0;
  std::string id;  // empty if it failed before an id was known
  std::string procedure;
  std::string location;  // from the separator sheet
  int pages = 0;
  int needs_review = 0;  // fields (or the procedure) flagged for a person
  std::vector<Error> errors;
  std::vector<std::string> warnings;  // the dossier landed, but e.g. a plugin misbehaved
};

struct IngestReport {
  std::vector<DossierOutcome> dossiers;
  std::vector<Error> input_errors;  // paths that named no dossier
  std::vector<Failure> failures;    // what this run added to the failure report
  int pages_total = 0;
  int pages_recognised = 0;
  int pages_from_journal = 0;  // read by an earlier, interrupted run
  double seconds = 0;
  bool stopped = false;  // IngestOptions::stop was set: run the same command again
  int count(DossierOutcome::Status s) const;
  bool all_ok() const;
};

// Errors (the run stops; dossiers committed so far stay): kIo (archive not writable, disk
// full), kLocked, kOcr (language data missing). Per-input problems are in the report.
Result<IngestReport> ingest(const Archive& archive, IndexWriter& index,
                            const std::vector<std::filesystem::path>& paths,
                            const IngestOptions& options, const DossierCallback& on_dossier = {});

// Tries every entry of the failure report again (see failures.h): inputs are ingested again
// with `options` (split as when they failed), pages are read again with no time limit,
// dossiers a plugin failed on are extracted again. Entries that now succeed are removed.
Result<IngestReport> retry_failed(const Archive& archive, IndexWriter& index, FailureLog& failures,
                                  const IngestOptions& options,
                                  const DossierCallback& on_dossier = {});

// The id of a dossier made of files with these SHA-256 hashes, in this order.
std::string dossier_id(const std::vector<std::string>& file_hashes);

}  // namespace sohoa
