// The benchmark's baseline: the same corpus in SQLite FTS5 (tokenize='unicode61
// remove_diacritics 2'), with the metadata a search needs (procedure, ward, dates) in an
// ordinary indexed table beside it, as an engineer would build it with SQLite alone.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sohoa/archive/record.h"

struct sqlite3;

namespace sohoa::bench {

class Fts5Index {
 public:
  // Creates a new database at `file` (bulk-load settings: no journal, no fsync).
  // reuse: open the index a kept run left, instead of starting afresh.
  explicit Fts5Index(const std::filesystem::path& file, bool reuse = false);
  ~Fts5Index();
  Fts5Index(const Fts5Index&) = delete;
  Fts5Index& operator=(const Fts5Index&) = delete;

  void begin();
  void add(std::int64_t rowid, const Dossier& dossier);
  void commit();

  // Ids of the best 10 matches of an FTS5 MATCH expression (with snippets, as a result list
  // needs), optionally restricted to received dates in [lo, hi].
  std::vector<std::string> match(const std::string& expression, const std::string& lo = {},
                                 const std::string& hi = {});
  // How many dossiers match the expression (received in [lo, hi] if given): the benchmark's
  // judge of whether a query names one dossier or several it cannot tell apart.
  std::uint64_t count(const std::string& expression, const std::string& lo = {},
                      const std::string& hi = {});
  // Counts per procedure, ward and year received of the dossiers of `procedure` received in
  // `year`, plus the 10 latest of them.
  std::map<std::string, std::map<std::string, unsigned>> facets(const std::string& procedure,
                                                                const std::string& year);

 private:
  void exec(const char* sql);
  sqlite3* db_ = nullptr;
  struct Statements;
  std::unique_ptr<Statements> st_;
};

}  // namespace sohoa::bench
