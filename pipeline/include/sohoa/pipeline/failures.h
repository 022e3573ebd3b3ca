// The failure report of an archive (quarantine): every problem an ingest could not solve on
// its own, with the file, page and reason, kept in ROOT/failures.json until a retry
// (`sohoa ingest --retry-failed`) or a later ingest of the same input succeeds.
//
//   kind "input"   a file or folder that made no dossier (unreadable, corrupt, truncated):
//                  retried by ingesting the input again (staff may have replaced the file)
//   kind "page"    a page that landed degraded: its OCR timed out, or it could not be decoded
//                  inside a scanned stack: retried by reading that page again, without the
//                  time limit, and extracting the dossier's fields again
//   kind "plugin"  a plugin threw or returned nonsense on a dossier: retried by extracting
//                  the dossier's fields again (after the plugin was fixed)
//
// The file is rewritten atomically whenever it changes, so a killed run loses no entry.
//
// Thread-safety: not thread-safe; the ingest job uses it from its committing thread.
#pragma once

#include <string>
#include <vector>

#include "sohoa/archive/store.h"
#include "sohoa/result.h"

namespace sohoa {

struct Failure {
  std::string kind;      // "input", "page" or "plugin"
  std::string input;     // the file or folder given to ingest (absolute)
  bool split = false;    // the input was a scanned stack (`ingest --split`)
  std::string file;      // the file concerned (absolute)
  int page = 0;          // page within `file`, from 1; 0: the whole file
  std::string dossier;   // the dossier it landed in ("" for kind "input")
  int dossier_page = 0;  // page number within that dossier (kind "page")
  std::string plugin;    // kind "plugin": the plugin's tag
  std::string reason;
  std::string hint;
  std::string first_seen;  // UTC, ISO 8601
  std::string last_tried;
  int attempts = 1;

  // What identifies the problem: a second report of it updates the first.
  std::string key() const;

  static Failure for_input(const std::string& input, bool split, std::string reason,
                           std::string hint);
  // `page` as it is in the archived dossier `dossier`.
  static Failure for_page(const std::string& input, bool split, const Page& page,
                          const std::string& dossier, std::string reason);
  static Failure for_plugin(const std::string& input, bool split, const Dossier& dossier,
                            const std::string& plugin, const std::string& reason);
};

class FailureLog {
 public:
  static constexpr const char* kFileName = "failures.json";

  // Reads ROOT/failures.json (none yet: an empty log). Errors: kCorrupt naming the file.
  static Result<FailureLog> load(const Archive& archive);

  const std::vector<Failure>& entries() const { return entries_; }

  // Records a problem (a known one gets attempts + 1 and the new reason) and saves the file.
  Status add(Failure failure);
  // Forgets every entry for which `pred` is true and saves the file if any was forgotten.
  template <typename Pred>
  Status forget_if(Pred pred) {
    const std::size_t before = entries_.size();
    std::erase_if(entries_, pred);
    return entries_.size() == before ? Status{} : save();
  }

 private:
  explicit FailureLog(const Archive& archive) : archive_(&archive) {}
  Status save() const;

  const Archive* archive_;
  std::vector<Failure> entries_;
};

std::string utc_now();  // "2026-11-27T10:00:00Z"

}  // namespace sohoa
