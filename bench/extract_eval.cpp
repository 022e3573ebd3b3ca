// sohoa-extract-eval: procedure and field accuracy of archived dossiers against the sample
// generator's truth.
//
//   sohoa-extract-eval --truth SET --records records.jsonl [--show-errors] [--json]
//
// SET is a generated sample set (SET/truth/<name>.json); records.jsonl is `sohoa export
// --format jsonl` of an archive that ingested SET/dossiers. For every truth dossier it finds
// the record made from the same file or folder, then compares the procedure and every truth
// field (exact string match of the stored value). A field is right, missing (not extracted;
// flagged for review by the host), or wrong (a value that is not the truth): wrong values are
// the ones that matter most, and "wrong, not flagged" are those an officer would not be told
// to check. Extra keys the truth does not have count as wrong.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "sohoa/archive/text.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

fs::path canonical_path(const fs::path& p) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(p, ec);
  return ec ? p : c;
}

struct Tally {
  int total = 0;
  int right = 0;
  int missing = 0;
  int wrong = 0;
  int wrong_unflagged = 0;
  int right_flagged = 0;  // right values sent to review anyway: the review load they cost
  double accuracy() const { return total > 0 ? 100.0 * right / total : 0; }
};

struct Mistake {
  std::string dossier;
  std::string key;
  std::string truth;
  std::string got;  // empty: missing
  std::string raw;
  bool flagged = false;
};

std::string percent(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", v);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Field extraction accuracy against the sample generator's truth"};
  std::string set_dir;
  std::string records_file;
  bool show_errors = false;
  bool as_json = false;
  app.add_option("--truth", set_dir, "generated sample set")->required();
  app.add_option("--records", records_file, "sohoa export --format jsonl")->required();
  app.add_flag("--show-errors", show_errors, "list every missing or wrong field");
  app.add_flag("--json", as_json, "print the figures as JSON");
  CLI11_PARSE(app, argc, argv);

  // Records by the canonical path of their dossier (the file, or the folder of page files).
  std::map<fs::path, json> records;
  std::ifstream in(records_file);
  if (!in) {
    std::cerr << "sohoa-extract-eval: cannot read " << records_file << "\n";
    return 2;
  }
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    json r = json::parse(line);
    const auto& sources = r.at("sources");
    if (sources.empty()) continue;
    const fs::path first = canonical_path(sources.at(0).get<std::string>());
    records[first] = r;
    records.emplace(first.parent_path(), r);  // a folder dossier; a file's own path wins
  }

  std::map<std::string, Tally> by_key;
  std::map<std::string, std::map<int, Tally>> by_key_level;
  std::map<int, Tally> by_level;
  std::map<int, std::pair<int, int>> procedure_by_level;  // right, total
  std::map<std::string, std::pair<int, int>> procedure_by_truth;
  std::vector<Mistake> mistakes;
  std::vector<std::string> unmatched;
  std::vector<std::string> misclassified;
  Tally all;
  std::vector<fs::path> truth_files;
  for (const auto& e : fs::directory_iterator(fs::path(set_dir) / "truth")) {
    if (e.path().extension() == ".json") truth_files.push_back(e.path());
  }
  std::sort(truth_files.begin(), truth_files.end());
  for (const fs::path& tf : truth_files) {
    std::ifstream t(tf);
    const json truth = json::parse(t);
    const std::string name = truth.at("name");
    const int level = truth.at("level");
    const fs::path path = canonical_path(fs::path(set_dir) / truth.at("path").get<std::string>());
    auto it = records.find(path);
    if (it == records.end()) {
      unmatched.push_back(name);
      continue;
    }
    const json& r = it->second;
    const std::string want_proc = truth.at("procedure");
    const std::string got_proc = r.value("procedure", "unknown");
    auto& pl = procedure_by_level[level];
    auto& pt = procedure_by_truth[want_proc];
    ++pl.second;
    ++pt.second;
    if (want_proc == got_proc) {
      ++pl.first;
      ++pt.first;
    } else {
      misclassified.push_back(name + ": " + got_proc);
    }
    std::set<std::string> review;
    for (const auto& k : r.value("needs_review", json::array()))
      review.insert(k.get<std::string>());
    const json fields = r.value("fields", json::object());
    const json& want = truth.at("fields");
    for (const auto& [key, value] : want.items()) {
      Tally& k = by_key[key];
      Tally& l = by_level[level];
      Tally& kl = by_key_level[key][level];
      for (Tally* tally : {&k, &l, &all, &kl}) ++tally->total;
      Mistake m{name, key, value.get<std::string>(), "", "", review.count(key) > 0};
      if (!fields.contains(key)) {
        for (Tally* tally : {&k, &l, &all}) ++tally->missing;
        mistakes.push_back(m);
        continue;
      }
      // One tone-placement style on both sides (FORMS.md: "hòa"/"hoà" are one spelling).
      m.truth = sohoa::text::normalize_text(m.truth);
      m.got = sohoa::text::normalize_text(fields[key].at("value").get<std::string>());
      m.raw = fields[key].value("raw", "");
      if (m.got == m.truth) {
        for (Tally* tally : {&k, &l, &all, &kl}) {
          ++tally->right;
          if (m.flagged) ++tally->right_flagged;
        }
        continue;
      }
      for (Tally* tally : {&k, &l, &all}) {
        ++tally->wrong;
        if (!m.flagged) ++tally->wrong_unflagged;
      }
      mistakes.push_back(m);
    }
    for (const auto& [key, f] : fields.items()) {
      if (want.contains(key)) continue;
      Tally& k = by_key[key];
      Tally& l = by_level[level];
      const bool flagged = review.count(key) > 0;
      for (Tally* tally : {&k, &l, &all}) {
        ++tally->total;
        ++tally->wrong;
        if (!flagged) ++tally->wrong_unflagged;
      }
      mistakes.push_back(
          {name, key, "(none)", f.at("value").get<std::string>(), f.value("raw", ""), flagged});
    }
  }

  int proc_right = 0;
  int proc_total = 0;
  for (const auto& [level, p] : procedure_by_level) {
    proc_right += p.first;
    proc_total += p.second;
  }
  if (as_json) {
    json out;
    out["dossiers"] = proc_total;
    out["unmatched"] = unmatched;
    out["procedure_accuracy"] = proc_total ? 100.0 * proc_right / proc_total : 0;
    for (const auto& [level, p] : procedure_by_level) {
      out["procedure_accuracy_by_level"][std::to_string(level)] = 100.0 * p.first / p.second;
    }
    auto tally_json = [](const Tally& t) {
      return json{{"total", t.total},
                  {"right", t.right},
                  {"missing", t.missing},
                  {"wrong", t.wrong},
                  {"wrong_unflagged", t.wrong_unflagged},
                  {"right_flagged", t.right_flagged},
                  {"accuracy", t.accuracy()}};
    };
    out["fields"] = tally_json(all);
    for (const auto& [level, t] : by_level)
      out["fields_by_level"][std::to_string(level)] = tally_json(t);
    for (const auto& [key, t] : by_key) out["fields_by_key"][key] = tally_json(t);
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  std::printf("dossiers: %d matched, %zu without a record\n", proc_total, unmatched.size());
  std::printf("\nprocedure accuracy: %s (%d/%d)\n",
              percent(proc_total ? 100.0 * proc_right / proc_total : 0).c_str(), proc_right,
              proc_total);
  for (const auto& [level, p] : procedure_by_level) {
    std::printf("  level %d: %s (%d/%d)\n", level, percent(100.0 * p.first / p.second).c_str(),
                p.first, p.second);
  }
  for (const auto& [proc, p] : procedure_by_truth) {
    std::printf("  %-18s %s (%d/%d)\n", proc.c_str(), percent(100.0 * p.first / p.second).c_str(),
                p.first, p.second);
  }
  std::printf("\n%-22s %6s %6s %7s %6s %8s %8s %8s %8s %9s\n", "field", "total", "right", "missing",
              "wrong", "level 0", "level 1", "level 2", "all", "unflagged");
  auto row = [&](const std::string& name, const Tally& t, const std::map<int, Tally>* levels) {
    std::printf("%-22s %6d %6d %7d %6d", name.c_str(), t.total, t.right, t.missing, t.wrong);
    for (int level = 0; level <= 2; ++level) {
      const Tally* lt = nullptr;
      if (levels != nullptr && levels->count(level)) lt = &levels->at(level);
      std::printf(" %8s", lt != nullptr && lt->total > 0 ? percent(lt->accuracy()).c_str() : "");
    }
    std::printf(" %8s %9d\n", percent(t.accuracy()).c_str(), t.wrong_unflagged);
  };
  std::printf("(unflagged: wrong values not listed in needs_review)\n");
  for (const auto& [key, t] : by_key) row(key, t, &by_key_level[key]);
  std::printf("\n");
  for (const auto& [level, t] : by_level) row("level " + std::to_string(level), t, nullptr);
  row("all", all, &by_level);
  std::printf("\nright values flagged for review anyway: %d of %d", all.right_flagged, all.right);
  for (const auto& [level, t] : by_level) std::printf("; level %d: %d", level, t.right_flagged);
  std::printf("\n");
  if (show_errors) {
    std::printf("\nmisclassified:\n");
    for (const std::string& m : misclassified) std::printf("  %s\n", m.c_str());
    std::printf("\nfield errors:\n");
    for (const Mistake& m : mistakes) {
      std::printf("  %-28s %-20s want [%s] got [%s]%s raw [%s]\n", m.dossier.c_str(), m.key.c_str(),
                  m.truth.c_str(), m.got.empty() ? "-" : m.got.c_str(),
                  m.flagged ? " (flagged)" : "", m.raw.c_str());
    }
  }
  return 0;
}
