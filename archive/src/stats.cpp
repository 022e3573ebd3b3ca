#include "sohoa/archive/stats.h"

#include <xapian.h>

#include <vector>

#include "index_error.h"
#include "sohoa/archive/schema.h"

namespace sohoa {
namespace {

// The values of one slot, indexed by document id ("" where unset).
std::vector<std::string> read_slot(const Xapian::Database& db, unsigned slot) {
  std::vector<std::string> values(db.get_lastdocid() + 1);
  for (auto v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) {
    values[v.get_docid()] = *v;
  }
  return values;
}

void count(const Xapian::Database& db, unsigned slot, std::map<std::string, unsigned>& out) {
  unsigned set = 0;
  for (auto v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) {
    ++out[*v];
    ++set;
  }
  if (db.get_doccount() > set) out[""] += db.get_doccount() - set;
}

void add(Timeliness& t, const std::string& due, const std::string& returned) {
  ++t.with_dates;
  if (returned.empty()) {
    ++t.no_return;
  } else if (returned <= due) {
    ++t.on_time;
  } else {
    ++t.late;
  }
}

}  // namespace

Result<ArchiveStats> compute_stats(const std::filesystem::path& index_path) {
  return read_index(index_path, [](Xapian::Database& db) -> Result<ArchiveStats> {
    ArchiveStats stats;
    stats.dossiers = db.get_doccount();
    count(db, schema::kSlotProcedure, stats.by_procedure);
    count(db, schema::kSlotWard, stats.by_ward);
    count(db, schema::kSlotYear, stats.by_year);
    const std::vector<std::string> due = read_slot(db, schema::kSlotDueDate);
    const std::vector<std::string> returned = read_slot(db, schema::kSlotReturnedDate);
    const unsigned slot = schema::kSlotReceivedDate;
    for (auto v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) {
      const Xapian::docid doc = v.get_docid();
      if (doc >= due.size() || due[doc].empty()) continue;
      add(stats.timeliness, due[doc], returned[doc]);
      add(stats.timeliness_by_year[(*v).substr(0, 4)], due[doc], returned[doc]);
    }
    return stats;
  });
}

}  // namespace sohoa
