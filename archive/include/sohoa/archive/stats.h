// `sohoa stats`: the figures of the district's yearly report, read from the index.
//
// Counts are of dossiers in the index (`sohoa verify` says whether it agrees with the records).
// Timeliness, per year received and overall, is over dossiers that have both a received_date
// and a due_date (the due date printed on the receipt is the legal time limit):
//  - on time: a returned_date (the day the result was handed back) on or before the due date;
//  - late: a returned_date after the due date;
//  - no return recorded: no returned_date field. Scanned paper rarely records the return, so
//    these are reported apart, never counted as on time: the share on time is
//    on_time / (on_time + late), and `recorded` says how many dossiers it rests on.
//
// Thread-safety: reads only; safe while an ingest writes.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "sohoa/result.h"

namespace sohoa {

struct Timeliness {
  unsigned with_dates = 0;  // received_date and due_date both known
  unsigned on_time = 0;
  unsigned late = 0;
  unsigned no_return = 0;  // no returned_date
  unsigned recorded() const { return on_time + late; }
  // on_time / recorded, or -1 when nothing is recorded.
  double share_on_time() const {
    return recorded() == 0 ? -1.0 : static_cast<double>(on_time) / recorded();
  }
};

struct ArchiveStats {
  unsigned dossiers = 0;
  std::map<std::string, unsigned> by_procedure;
  std::map<std::string, unsigned> by_ward;  // "" = no ward known
  std::map<std::string, unsigned> by_year;  // year received, else signed; "" = unknown
  Timeliness timeliness;
  std::map<std::string, Timeliness> timeliness_by_year;  // year received
};

// Errors: kNotFound (no index), kIndex.
Result<ArchiveStats> compute_stats(const std::filesystem::path& index_path);

}  // namespace sohoa
