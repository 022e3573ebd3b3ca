// `sohoa verify`: checks that an archive is whole and that its index agrees with its records.
//
// Checked, each failure reported as a Problem naming the object and what is wrong:
//  - every record parses, and its id is its file name;
//  - every page's original is in the blob store, and every blob's bytes hash to its name;
//  - the index exists, was built with this build's schema and folding versions, holds exactly
//    one document per record, no document without a record or without an id, and each
//    document was made from the record as it is now (a digest stored at indexing time).
// Notes, not failures: blobs no record refers to (an ingest killed between storing the
// originals and saving the record), and files left in tmp/ (the next ingest or reindex
// removes them).
//
// Thread-safety: reads only; safe while an ingest writes (it may then report dossiers that the
// ingest has saved but not yet committed to the index).
#pragma once

#include <string>
#include <vector>

#include "sohoa/archive/store.h"
#include "sohoa/result.h"

namespace sohoa {

struct VerifyProblem {
  std::string object;  // "record <id>", "blob <sha256>", "index", "index entry <id>"
  std::string what;    // what is wrong
  std::string fix;     // the command that repairs it, if any
};

struct VerifyReport {
  unsigned records = 0;
  unsigned blobs = 0;
  unsigned index_documents = 0;
  std::vector<VerifyProblem> problems;  // each makes `sohoa verify` exit 1
  std::vector<VerifyProblem> notes;     // harmless leftovers
  bool ok() const { return problems.empty(); }
};

// Errors only when the archive cannot be read at all (kIo); everything found wrong inside it
// is in the report.
Result<VerifyReport> verify_archive(const Archive& archive);

}  // namespace sohoa
