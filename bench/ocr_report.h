// The accuracy (and speed) report of sohoa-ocr-eval: per-page scores of sohoa and of peer
// engines, summarised per degradation level, as a table, JSON, or — given the timings of the
// runs — the table of bench/ocr with pages/s, peak RSS and sohoa/peer ratios.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ocr_metrics.h"

namespace sohoa::bench {

// Scores of one recognised page against its truth.
struct PageScore {
  bool missing = false;  // no recognised text for this truth page; scored as empty text
  ErrorCount cer, wer, blind_cer, bag_wer;
};

struct ScoredPage {
  std::string dossier;
  int number = 0;
  int level = 0;
  std::string kind;
  std::vector<PageScore> scores;  // one per engine: [0] sohoa, then the peers
};

// Another engine's text: DIR/<dossier>/page-NNN.txt per truth page.
struct Peer {
  std::string name;
  std::filesystem::path dir;
};

// Wall time and peak memory of one engine's run over the pages of one level.
struct Timing {
  double seconds = 0;
  long peak_rss_kib = 0;
};
// (engine name, level) → its run.
using Timings = std::map<std::pair<std::string, int>, Timing>;

// Reads "engine<TAB>level<TAB>wall seconds<TAB>peak RSS KiB" lines. Throws on a bad line.
Timings read_timings(const std::filesystem::path& file);

struct ReportOptions {
  std::string sohoa_label = "sohoa ingest";
  bool json = false;
  bool per_page = false;  // with json
  int worst = 0;          // list the N pages with the highest sohoa CER
  std::optional<Timings> timings;
};

// Prints the report on stdout. `engines` names the score columns of `pages`.
void print_report(const std::vector<ScoredPage>& pages, const std::vector<std::string>& engines,
                  int unmatched_record_pages, std::size_t truth_dossiers,
                  const ReportOptions& options);

}  // namespace sohoa::bench
