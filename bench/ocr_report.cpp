#include "ocr_report.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

namespace sohoa::bench {
namespace {

using nlohmann::json;

// Means of per-page rates over a group of pages.
struct Summary {
  int pages = 0;
  int missing = 0;
  double cer = 0, wer = 0, blind_cer = 0, bag_wer = 0;
  ErrorCount total_chars;  // summed, for the micro-averaged CER in the JSON

  void add(const PageScore& s) {
    ++pages;
    missing += s.missing ? 1 : 0;
    cer += s.cer.rate();
    wer += s.wer.rate();
    blind_cer += s.blind_cer.rate();
    bag_wer += s.bag_wer.rate();
    total_chars.edits += s.cer.edits;
    total_chars.reference_length += s.cer.reference_length;
  }
  double mean(double sum) const { return pages == 0 ? 0 : sum / pages; }
  json to_json() const {
    return {{"pages", pages},
            {"missing_pages", missing},
            {"cer", mean(cer)},
            {"wer", mean(wer)},
            {"blind_cer", mean(blind_cer)},
            {"order_free_wer", mean(bag_wer)},
            {"pooled_cer", total_chars.rate()}};
  }
};

constexpr int kAllLevels = -1;

// The generator's degradation levels.
std::string level_name(int level) {
  switch (level) {
    case kAllLevels:
      return "all";
    case 0:
      return "clean";
    case 1:
      return "office scan";
    case 2:
      return "poor backlog";
    default:
      return "level " + std::to_string(level);
  }
}

std::string level_label(int level) {
  return level == kAllLevels ? "all" : std::to_string(level) + " " + level_name(level);
}

std::string percent(double rate) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%5.1f%%", rate * 100);
  return buf;
}

std::string row(const Summary& s) {
  return percent(s.mean(s.cer)) + " " + percent(s.mean(s.wer)) + " " +
         percent(s.mean(s.blind_cer)) + " " + percent(s.mean(s.bag_wer));
}

// summaries[engine][level], level kAllLevels for every page.
using Summaries = std::vector<std::map<int, Summary>>;

Summaries summarise(const std::vector<ScoredPage>& pages, std::size_t engines) {
  Summaries out(engines);
  for (const ScoredPage& p : pages) {
    for (std::size_t e = 0; e < engines && e < p.scores.size(); ++e) {
      out[e][p.level].add(p.scores[e]);
      out[e][kAllLevels].add(p.scores[e]);
    }
  }
  return out;
}

void print_json(const std::vector<ScoredPage>& pages, const std::vector<std::string>& engines,
                const Summaries& s, int unmatched, std::size_t truth_dossiers,
                const ReportOptions& options) {
  json out;
  out["truth_dossiers"] = truth_dossiers;
  out["unmatched_record_pages"] = unmatched;
  auto key = [&](std::size_t e) { return e == 0 ? std::string("sohoa") : engines[e]; };
  json levels = json::array();
  for (const auto& [level, summary] : s[0]) {
    if (level == kAllLevels) continue;
    json l = {{"level", level}, {"name", level_name(level)}};
    for (std::size_t e = 0; e < engines.size(); ++e) l[key(e)] = s[e].at(level).to_json();
    levels.push_back(l);
  }
  out["levels"] = levels;
  for (std::size_t e = 0; e < engines.size(); ++e) {
    out["overall"][key(e)] = s[e].count(kAllLevels) ? s[e].at(kAllLevels).to_json() : json{};
  }
  if (options.per_page) {
    json list = json::array();
    for (const ScoredPage& p : pages) {
      json j = {{"dossier", p.dossier}, {"page", p.number}, {"level", p.level}, {"kind", p.kind}};
      for (std::size_t e = 0; e < engines.size() && e < p.scores.size(); ++e) {
        const PageScore& sc = p.scores[e];
        j[key(e)] = {{"missing", sc.missing},
                     {"cer", sc.cer.rate()},
                     {"wer", sc.wer.rate()},
                     {"blind_cer", sc.blind_cer.rate()},
                     {"order_free_wer", sc.bag_wer.rate()},
                     {"truth_chars", sc.cer.reference_length}};
      }
      list.push_back(j);
    }
    out["pages"] = list;
  }
  std::cout << out.dump(2) << "\n";
}

// Engines side by side, one row per level (bench/ingest).
void print_columns(const std::vector<std::string>& engines, const Summaries& s) {
  const char* head = "   CER    WER   bCER   oWER";
  std::printf("OCR accuracy, mean of per-page rates (definitions: bench/README.md)\n");
  std::printf("%-16s %5s", "", "");
  for (const std::string& e : engines) std::printf(" | %-27s", e.c_str());
  std::printf("\n%-16s %5s", "level", "pages");
  for (std::size_t e = 0; e < engines.size(); ++e) std::printf(" | %s", head);
  std::printf("\n");
  for (const auto& [level, summary] : s[0]) {
    if (level == kAllLevels) continue;
    std::printf("%-16s %5d", level_label(level).c_str(), summary.pages);
    for (const auto& by_level : s) std::printf(" | %s", row(by_level.at(level)).c_str());
    std::printf("\n");
  }
  std::printf("%-16s %5d", "all", s[0].at(kAllLevels).pages);
  for (const auto& by_level : s) std::printf(" | %s", row(by_level.at(kAllLevels)).c_str());
  std::printf("\n");
}

double rate_of(const Timing* t, int pages) {
  return t != nullptr && t->seconds > 0 ? pages / t->seconds : 0;
}

// One block per level, one row per engine, with speed and memory (bench/ocr).
void print_with_timings(const std::vector<std::string>& engines, const Summaries& s,
                        const Timings& timings) {
  // Overall time of an engine: the sum of its per-level runs; peak RSS: the largest.
  auto timing = [&](const std::string& engine, int level) -> std::optional<Timing> {
    if (level != kAllLevels) {
      auto it = timings.find({engine, level});
      if (it == timings.end()) return std::nullopt;
      return it->second;
    }
    Timing total;
    bool any = false;
    for (const auto& [key, t] : timings) {
      if (key.first != engine) continue;
      any = true;
      total.seconds += t.seconds;
      total.peak_rss_kib = std::max(total.peak_rss_kib, t.peak_rss_kib);
    }
    return any ? std::optional<Timing>(total) : std::nullopt;
  };
  std::printf("OCR accuracy (mean of per-page rates) and speed, per scan level\n");
  std::vector<int> levels;
  for (const auto& [level, summary] : s[0]) {
    if (level != kAllLevels) levels.push_back(level);
  }
  levels.push_back(kAllLevels);
  for (int level : levels) {
    const int pages = s[0].at(level).pages;
    std::printf("\n%s, %d pages\n", level_label(level).c_str(), pages);
    std::printf("  %-40s %6s %6s %6s %6s %8s %8s %9s\n", "engine", "CER", "WER", "bCER", "oWER",
                "wall s", "pages/s", "peak RSS");
    for (std::size_t e = 0; e < engines.size(); ++e) {
      const Summary& sm = s[e].at(level);
      const std::optional<Timing> t = timing(engines[e], level);
      std::printf("  %-40s %s", engines[e].c_str(), row(sm).c_str());
      if (t) {
        std::printf(" %8.1f %8.2f %5ld MiB", t->seconds, rate_of(&*t, pages),
                    t->peak_rss_kib / 1024);
      }
      std::printf("\n");
    }
  }
  std::printf(
      "\nsohoa / peer, all pages (CER: below 1 is fewer errors; pages/s: above 1 is faster)\n");
  std::printf("  %-40s %9s %9s %9s\n", "peer", "CER", "bCER", "pages/s");
  const Summary& mine = s[0].at(kAllLevels);
  const std::optional<Timing> my_time = timing(engines[0], kAllLevels);
  for (std::size_t e = 1; e < engines.size(); ++e) {
    const Summary& theirs = s[e].at(kAllLevels);
    const std::optional<Timing> their_time = timing(engines[e], kAllLevels);
    auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };
    std::printf("  %-40s %9.2f %9.2f", engines[e].c_str(),
                ratio(mine.mean(mine.cer), theirs.mean(theirs.cer)),
                ratio(mine.mean(mine.blind_cer), theirs.mean(theirs.blind_cer)));
    if (my_time && their_time) {
      std::printf(" %9.2f",
                  ratio(rate_of(&*my_time, mine.pages), rate_of(&*their_time, mine.pages)));
    }
    std::printf("\n");
  }
}

void print_worst(const std::vector<ScoredPage>& pages, const std::vector<std::string>& engines,
                 int worst) {
  std::vector<const ScoredPage*> order;
  for (const ScoredPage& p : pages) order.push_back(&p);
  std::stable_sort(order.begin(), order.end(), [](const ScoredPage* a, const ScoredPage* b) {
    return a->scores[0].cer.rate() > b->scores[0].cer.rate();
  });
  std::printf("\nworst pages by sohoa CER (sohoa CER / WER / order-free WER");
  for (std::size_t e = 1; e < engines.size(); ++e) std::printf("; %s CER", engines[e].c_str());
  std::printf("):\n");
  for (int i = 0; i < worst && i < static_cast<int>(order.size()); ++i) {
    const ScoredPage& r = *order[i];
    const PageScore& s = r.scores[0];
    std::printf("  %-28s p%-3d %-14s %s %s %s%s", r.dossier.c_str(), r.number, r.kind.c_str(),
                percent(s.cer.rate()).c_str(), percent(s.wer.rate()).c_str(),
                percent(s.bag_wer.rate()).c_str(), s.missing ? " MISSING" : "");
    for (std::size_t e = 1; e < r.scores.size(); ++e) {
      std::printf("; %s", percent(r.scores[e].cer.rate()).c_str());
    }
    std::printf("\n");
  }
}

}  // namespace

Timings read_timings(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  Timings out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> cols;
    std::istringstream split(line);
    for (std::string c; std::getline(split, c, '\t');) cols.push_back(c);
    if (cols.size() != 4) throw std::runtime_error(file.string() + ": bad line: " + line);
    out[{cols[0], std::stoi(cols[1])}] = {std::stod(cols[2]), std::stol(cols[3])};
  }
  return out;
}

void print_report(const std::vector<ScoredPage>& pages, const std::vector<std::string>& engines,
                  int unmatched, std::size_t truth_dossiers, const ReportOptions& options) {
  const Summaries s = summarise(pages, engines.size());
  if (options.json) {
    print_json(pages, engines, s, unmatched, truth_dossiers, options);
    return;
  }
  if (s[0].empty()) {
    std::printf("no truth pages\n");
    return;
  }
  if (options.timings) {
    print_with_timings(engines, s, *options.timings);
  } else {
    print_columns(engines, s);
  }
  std::printf("truth pages without recognised text:");
  for (std::size_t e = 0; e < engines.size(); ++e) {
    std::printf("%s %s %d", e == 0 ? "" : ",", engines[e].c_str(), s[e].at(kAllLevels).missing);
  }
  std::printf("; record pages matching no truth page: %d\n", unmatched);
  std::printf(
      "bCER: diacritics-blind CER; oWER: order-free WER (a WER far above it means "
      "words in the wrong order)\n");
  if (options.worst > 0) print_worst(pages, engines, options.worst);
}

}  // namespace sohoa::bench
