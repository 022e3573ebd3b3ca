#include "search_fts5.h"

#include <sqlite3.h>

#include <stdexcept>

namespace sohoa::bench {
namespace {

struct Stmt {
  sqlite3_stmt* s = nullptr;
  Stmt(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK) {
      throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db) + " in " + sql);
    }
  }
  ~Stmt() { sqlite3_finalize(s); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  void bind(int i, const std::string& v) {
    sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void bind(int i, std::int64_t v) { sqlite3_bind_int64(s, i, v); }
  std::string text(int col) const {
    const auto* t = sqlite3_column_text(s, col);
    return t ? reinterpret_cast<const char*>(t) : "";
  }
  void reset() {
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
  }
};

std::string field_or_empty(const Dossier& d, const char* key) {
  auto it = d.fields.find(key);
  return it == d.fields.end() ? std::string() : it->second.value;
}

}  // namespace

struct Fts5Index::Statements {
  Stmt insert_meta;
  Stmt insert_fts;
  Stmt match_any;
  Stmt match_dated;
  Stmt count_any;
  Stmt count_dated;
  Stmt facet_procedure;
  Stmt facet_ward;
  Stmt facet_year;
  Stmt latest;
  explicit Statements(sqlite3* db)
      : insert_meta(db,
                    "INSERT INTO meta(rowid, sid, procedure, ward, received, signed) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
        insert_fts(db, "INSERT INTO fts(rowid, body, fields) VALUES (?1, ?2, ?3)"),
        match_any(db,
                  "SELECT m.sid, snippet(fts, 0, '[', ']', '…', 24) FROM fts JOIN meta m "
                  "ON m.rowid = fts.rowid WHERE fts MATCH ?1 ORDER BY fts.rank LIMIT 10"),
        match_dated(db,
                    "SELECT m.sid, snippet(fts, 0, '[', ']', '…', 24) FROM fts JOIN meta m "
                    "ON m.rowid = fts.rowid WHERE fts MATCH ?1 AND m.received >= ?2 AND "
                    "m.received <= ?3 ORDER BY fts.rank LIMIT 10"),
        count_any(db, "SELECT count(*) FROM fts WHERE fts MATCH ?1"),
        count_dated(db,
                    "SELECT count(*) FROM fts JOIN meta m ON m.rowid = fts.rowid WHERE fts "
                    "MATCH ?1 AND m.received >= ?2 AND m.received <= ?3"),
        facet_procedure(db,
                        "SELECT procedure, count(*) FROM meta WHERE procedure = ?1 AND "
                        "received >= ?2 AND received <= ?3 GROUP BY procedure"),
        facet_ward(db,
                   "SELECT ward, count(*) FROM meta WHERE procedure = ?1 AND received >= ?2 "
                   "AND received <= ?3 GROUP BY ward"),
        facet_year(db,
                   "SELECT substr(received, 1, 4), count(*) FROM meta WHERE procedure = ?1 AND "
                   "received >= ?2 AND received <= ?3 GROUP BY 1"),
        latest(db,
               "SELECT sid FROM meta WHERE procedure = ?1 AND received >= ?2 AND "
               "received <= ?3 ORDER BY received DESC LIMIT 10") {}
};

Fts5Index::Fts5Index(const std::filesystem::path& file, bool reuse) {
  if (!reuse) std::filesystem::remove(file);
  if (sqlite3_open(file.c_str(), &db_) != SQLITE_OK) {
    throw std::runtime_error("sqlite: cannot open " + file.string());
  }
  exec("PRAGMA journal_mode = OFF");
  exec("PRAGMA synchronous = OFF");
  exec("PRAGMA cache_size = -262144");  // 256 MiB
  if (!reuse) {
    exec(
        "CREATE TABLE meta(rowid INTEGER PRIMARY KEY, sid TEXT, procedure TEXT, ward TEXT, "
        "received TEXT, signed TEXT)");
    exec("CREATE INDEX meta_procedure ON meta(procedure, received, ward)");
    exec(
        "CREATE VIRTUAL TABLE fts USING fts5(body, fields, "
        "tokenize = 'unicode61 remove_diacritics 2')");
  }
  st_ = std::make_unique<Statements>(db_);
}

Fts5Index::~Fts5Index() {
  st_.reset();
  sqlite3_close(db_);
}

void Fts5Index::exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string message = err ? err : "?";
    sqlite3_free(err);
    throw std::runtime_error("sqlite: " + message + " in " + sql);
  }
}

void Fts5Index::begin() { exec("BEGIN"); }
void Fts5Index::commit() { exec("COMMIT"); }

void Fts5Index::add(std::int64_t rowid, const Dossier& d) {
  Stmt& m = st_->insert_meta;
  m.bind(1, rowid);
  m.bind(2, d.id);
  m.bind(3, d.procedure);
  m.bind(4, field_or_empty(d, "ward"));
  m.bind(5, field_or_empty(d, "received_date"));
  m.bind(6, field_or_empty(d, "signed_date"));
  if (sqlite3_step(m.s) != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db_));
  m.reset();
  std::string body;
  for (const Page& p : d.pages) body += p.text + "\n\n";
  std::string fields;
  for (const auto& [key, f] : d.fields) fields += key + " " + f.value + "\n";
  Stmt& t = st_->insert_fts;
  t.bind(1, rowid);
  t.bind(2, body);
  t.bind(3, fields);
  if (sqlite3_step(t.s) != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db_));
  t.reset();
}

std::vector<std::string> Fts5Index::match(const std::string& expression, const std::string& lo,
                                          const std::string& hi) {
  Stmt& q = lo.empty() ? st_->match_any : st_->match_dated;
  q.bind(1, expression);
  if (!lo.empty()) {
    q.bind(2, lo);
    q.bind(3, hi);
  }
  std::vector<std::string> ids;
  int rc;
  while ((rc = sqlite3_step(q.s)) == SQLITE_ROW) {
    ids.push_back(q.text(0));
    volatile std::size_t snippet_bytes = q.text(1).size();  // the result list shows it
    (void)snippet_bytes;
  }
  q.reset();
  if (rc != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db_));
  return ids;
}

std::uint64_t Fts5Index::count(const std::string& expression, const std::string& lo,
                               const std::string& hi) {
  Stmt& q = lo.empty() ? st_->count_any : st_->count_dated;
  q.bind(1, expression);
  if (!lo.empty()) {
    q.bind(2, lo);
    q.bind(3, hi);
  }
  std::uint64_t n = 0;
  const int rc = sqlite3_step(q.s);
  if (rc == SQLITE_ROW) n = static_cast<std::uint64_t>(sqlite3_column_int64(q.s, 0));
  q.reset();
  if (rc != SQLITE_ROW) throw std::runtime_error(sqlite3_errmsg(db_));
  return n;
}

std::map<std::string, std::map<std::string, unsigned>> Fts5Index::facets(
    const std::string& procedure, const std::string& year) {
  std::map<std::string, std::map<std::string, unsigned>> out;
  const std::pair<const char*, Stmt*> queries[] = {
      {"procedure", &st_->facet_procedure}, {"ward", &st_->facet_ward}, {"year", &st_->facet_year}};
  for (const auto& [name, q] : queries) {
    q->bind(1, procedure);
    q->bind(2, year);
    q->bind(3, year + "~");
    while (sqlite3_step(q->s) == SQLITE_ROW) {
      out[name][q->text(0)] = static_cast<unsigned>(sqlite3_column_int64(q->s, 1));
    }
    q->reset();
  }
  Stmt& l = st_->latest;
  l.bind(1, procedure);
  l.bind(2, year);
  l.bind(3, year + "~");
  while (sqlite3_step(l.s) == SQLITE_ROW) {
  }
  l.reset();
  return out;
}

}  // namespace sohoa::bench
