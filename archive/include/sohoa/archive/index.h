// The Xapian index of an archive: derived from the dossier records, rebuildable from them.
//
// One document per dossier, unique term Q<id>; the document data keeps what a result list
// shows (procedure, sources, page texts) so that searching never reads the records.
// Terms follow schema.h. Every Xapian exception is caught here and returned as an Error.
//
// Thread-safety: an IndexWriter is used by one thread. Any number of Searchers, in this or
// other processes, may read while one IndexWriter writes; Xapian allows one writer per
// database, and a second IndexWriter::open fails with kLocked.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "sohoa/archive/record.h"
#include "sohoa/result.h"

namespace sohoa {

class IndexWriter {
 public:
  // Opens or creates the index at `path`. Errors: kLocked (another writer), kIndex.
  static Result<IndexWriter> open(const std::filesystem::path& path);
  IndexWriter(IndexWriter&&) noexcept;
  IndexWriter& operator=(IndexWriter&&) noexcept;
  ~IndexWriter();

  // Adds or replaces the dossier's document. Visible to readers after commit().
  Status add(const Dossier& dossier);
  bool contains(const std::string& id) const;
  Status commit();

 private:
  struct Impl;
  explicit IndexWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

struct SearchHit {
  std::string id;
  unsigned rank = 0;  // from 1
  int percent = 0;    // Xapian's relevance percentage
  std::string procedure;
  std::vector<std::string> sources;
  int page = 0;         // the page the snippet comes from, from 1
  std::string snippet;  // text around the hits, each hit marked as [word]
};

struct SearchResults {
  unsigned total_estimate = 0;  // matching dossiers (estimate for large result sets)
  std::vector<SearchHit> hits;
};

struct SearchRequest {
  std::string query;
  unsigned offset = 0;
  unsigned limit = 10;
};

// Runs a query against the index at `path`. Errors: kUsage (malformed query, see query.h),
// kNotFound (no index), kIndex.
Result<SearchResults> search(const std::filesystem::path& path, const SearchRequest& request);

// The snippet of `text` around the words whose folded form is in `folded_words`, marked
// [like this], at most about `max_words` words long. Empty if no word matches.
std::string make_snippet(const std::string& text, const std::vector<std::string>& folded_words,
                         std::size_t max_words = 24);

}  // namespace sohoa
