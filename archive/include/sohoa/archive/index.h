// The Xapian index of an archive: derived from the dossier records, rebuildable from them.
//
// One document per dossier, unique term Q<id>; the document data keeps what a result list
// shows (procedure, sources, field values, page texts) so that searching never reads the
// records. Terms and value slots follow schema.h. Every Xapian exception is caught here and
// returned as an Error.
//
// The index is two shards read as one database (index_layout.h, docs/architecture.md).
// Thread-safety: an IndexWriter is used by one thread. Any number of searches, in this or
// other processes, may read while one IndexWriter writes (a search that meets a database
// modified under it reopens it and runs again). Xapian allows one writer per database: a
// second IndexWriter::open waits up to `wait_seconds` for the first to finish, then fails with
// kLocked.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sohoa/archive/record.h"
#include "sohoa/result.h"

namespace sohoa {

struct IndexWriterOptions {
  double wait_seconds = 0;  // how long to wait for another writer to finish
  // An index built with another schema or folding version: false → kCorrupt ("run sohoa
  // reindex"); true → start it afresh (what reindex does).
  bool rebuild_if_outdated = false;
};

class IndexWriter {
 public:
  // Opens or creates the index at `path`. Errors: kLocked (another writer, after waiting),
  // kCorrupt (outdated schema, see IndexWriterOptions), kIndex.
  static Result<IndexWriter> open(const std::filesystem::path& path,
                                  const IndexWriterOptions& options = {});
  IndexWriter(IndexWriter&&) noexcept;
  IndexWriter& operator=(IndexWriter&&) noexcept;
  ~IndexWriter();

  // Adds or replaces the dossier's document. Visible to readers after commit(); a crash
  // before commit() loses every change since the last commit, never a committed one. The
  // writer also commits by itself every 2,000 changes (cheaper than letting them pile up).
  Status add(const Dossier& dossier);
  // Adds or replaces many dossiers, with the same result as add() for each in turn, using every
  // core: worker threads (as many as the cores, at most 4) load the dossiers and build their
  // documents, and one thread per shard (index_layout.h) hands that shard's documents to
  // Xapian; the calling thread passes the documents on, in order.
  //  - load(i) gives dossier i (0 <= i < count). It runs on the worker threads, several at
  //    once and in any order, so it must be thread-safe (Archive::load_record is).
  //  - done(i, status) runs on the calling thread for i = 0, 1, ... in order, once dossier i
  //    is handed to its shard (status ok) or could not be loaded (load's error, and the
  //    dossier is skipped). It may call commit(), which first waits for every document handed
  //    over; returning false stops the batch after dossier i.
  // Errors: kIndex (Xapian failed: the batch stops there; that error is also what a commit()
  // called from done returns). An exception thrown by load or done stops the batch and is
  // passed on, once the workers have stopped.
  using DossierLoader = std::function<Result<Dossier>(std::size_t)>;
  using AddedCallback = std::function<bool(std::size_t, const Status&)>;
  Status add_all(std::size_t count, const DossierLoader& load, const AddedCallback& done);
  // The same for dossiers already in memory (read, not copied, by the workers).
  Status add_all(const std::vector<Dossier>& dossiers);
  // Removes the dossier's document, if any.
  Status remove(const std::string& id);
  bool contains(const std::string& id) const;
  // Every dossier id in the index (committed or not), sorted.
  Result<std::vector<std::string>> ids() const;
  Status commit();

 private:
  struct Impl;
  explicit IndexWriter(std::unique_ptr<Impl> impl);
  template <typename Build>
  Status add_many(std::size_t count, const Build& build, const AddedCallback& done);
  std::unique_ptr<Impl> impl_;
};

// What `sohoa verify` compares with the records.
struct IndexInventory {
  std::string schema_version;
  std::string folding_version;
  unsigned documents = 0;                  // documents in the index
  std::map<std::string, std::string> ids;  // dossier id → digest of the record indexed
  std::vector<std::string> duplicated;     // ids held by more than one document
  unsigned documents_without_id = 0;       // documents with no Q term
};
// Errors: kNotFound (no index), kIndex.
Result<IndexInventory> read_inventory(const std::filesystem::path& path);

struct SearchHit {
  std::string id;
  unsigned rank = 0;  // from 1
  int percent = 0;    // Xapian's relevance percentage
  std::string procedure;
  std::vector<std::string> sources;
  std::map<std::string, std::string> fields;  // field values as indexed
  int page = 0;                               // the page the snippet comes from, from 1
  std::string snippet;                        // text around the hits, each hit marked as [word]
};

// Counts of matching dossiers per value: by procedure, ward and year.
struct Facet {
  std::string name;                                      // "procedure", "ward", "year"
  std::vector<std::pair<std::string, unsigned>> counts;  // most frequent first
};

struct SearchResults {
  unsigned total_estimate = 0;  // matching dossiers (exact when facets were asked for)
  std::vector<SearchHit> hits;
  std::vector<Facet> facets;
};

enum class SortOrder {
  kRelevance,  // best match first
  kDate,       // most recently received first (received date, then relevance)
};

struct SearchRequest {
  std::string query;
  unsigned offset = 0;
  unsigned limit = 10;
  SortOrder sort = SortOrder::kRelevance;
  bool facets = false;
};

// Searches one index, keeping it open between queries (a server, the benchmark). Each search
// first moves to the latest committed state of the index, and if an ingest changes the index
// under a running search, the search reopens it and runs again.
//
// Thread-safety: one Searcher per thread.
class Searcher {
 public:
  // Errors: kNotFound (no index), kIndex.
  static Result<Searcher> open(const std::filesystem::path& path);
  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;
  ~Searcher();

  // Errors: kUsage (malformed query, see query.h), kIndex.
  Result<SearchResults> search(const SearchRequest& request);

 private:
  struct Impl;
  explicit Searcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Runs one query against the index at `path` (a Searcher opened for it). Errors: kUsage
// (malformed query, see query.h), kNotFound (no index), kIndex.
Result<SearchResults> search(const std::filesystem::path& path, const SearchRequest& request);

// The snippet of `text` around the words whose folded form is in `folded_words`, marked
// [like this], at most about `max_words` words long. Empty if no word matches.
std::string make_snippet(const std::string& text, const std::vector<std::string>& folded_words,
                         std::size_t max_words = 24);

}  // namespace sohoa
