// The ingest job: input paths → dossiers in the archive and the index.
//
// It composes the stages: discover_inputs → (per page, in parallel on `jobs` worker threads,
// each with its own OcrEngine) decode_page → preprocess → OcrEngine::recognize → (per dossier, on
// the calling thread, in input order) store originals → save record → index.
//
// At most a few pages per worker are in flight at any time, so memory does not grow with the
// size of the batch. A dossier whose file cannot be read fails alone; the others land.
// A dossier already in the archive (same source bytes) is not processed again.
//
// Thread-safety: one ingest at a time per archive (the index allows one writer).
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "sohoa/archive/index.h"
#include "sohoa/archive/store.h"
#include "sohoa/pipeline/ocr.h"
#include "sohoa/pipeline/plugins.h"
#include "sohoa/pipeline/preprocess.h"
#include "sohoa/result.h"

namespace sohoa {

struct IngestOptions {
  int jobs = 2;  // worker threads, one Tesseract engine each
  PreprocessConfig preprocess;
  OcrConfig ocr;
  int commit_every = 50;  // dossiers between index commits
  // Classify and extract fields with these plugins (not owned; used from the calling
  // thread only). Null: every dossier is archived as "unknown" with no fields.
  PluginSet* plugins = nullptr;
};

struct DossierOutcome {
  enum class Status { kArchived, kAlreadyArchived, kFailed };
  Status status = Status::kFailed;
  std::string origin;  // the input file or folder
  std::string id;      // empty if it failed before an id was known
  std::string procedure;
  int pages = 0;
  int needs_review = 0;  // fields (or the procedure) flagged for a person
  std::vector<Error> errors;
  std::vector<std::string> warnings;  // the dossier landed, but e.g. a plugin misbehaved
};

struct IngestReport {
  std::vector<DossierOutcome> dossiers;
  std::vector<Error> input_errors;  // paths that named no dossier
  int pages_recognised = 0;
  double seconds = 0;
  int count(DossierOutcome::Status s) const;
  bool all_ok() const;
};

using DossierCallback = std::function<void(const DossierOutcome&)>;

// Errors (the run stops; dossiers committed so far stay): kIo (archive not writable, disk
// full), kLocked, kOcr (language data missing). Per-input problems are in the report.
Result<IngestReport> ingest(const Archive& archive, IndexWriter& index,
                            const std::vector<std::filesystem::path>& paths,
                            const IngestOptions& options, const DossierCallback& on_dossier = {});

// The id of a dossier made of files with these SHA-256 hashes, in this order.
std::string dossier_id(const std::vector<std::string>& file_hashes);

}  // namespace sohoa
