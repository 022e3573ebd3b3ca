// sohoa-split-eval: how well `sohoa ingest --split` cut generated stacks into dossiers.
//
//   sohoa-split-eval --truth SET --records records.jsonl [--show-errors] [--json]
//
// SET is made by `sohoa-samples --preset stack` (SET/stacks/<name>.truth.json); records.jsonl
// is `sohoa export --format jsonl` of an archive that ingested SET/stacks with --split.
// A truth dossier is split exactly right when one record holds exactly its pages (blank backs
// included, separator sheet excluded) in the same order. For those, the location (the
// separator's box label) and the procedure are checked too. Pages of the stack that no record
// holds are "lost"; blank backs the record does not mark blank are "blank missed".
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "sohoa/pipeline/inputs.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

fs::path canonical_path(const fs::path& p) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(p, ec);
  return ec ? p : c;
}

// Where a page of a record sits: its stack and its position in it, from 1.
struct Place {
  fs::path stack;
  int position = 0;
};

struct RecordPages {
  std::string id;
  std::string procedure;
  std::string location;
  std::vector<int> content;  // positions of the pages that are not separator sheets
  std::set<int> blank;       // positions the record marks blank
};

struct StackScore {
  std::string name;
  bool separators = false;
  std::string container;
  int pages = 0;
  int dossiers = 0;
  int exact = 0;
  int location_right = 0;  // of the exact ones
  int procedure_right = 0;
  int records = 0;
  int lost_pages = 0;
  int blank_pages = 0;
  int blank_missed = 0;
};

std::string join(const std::vector<int>& v) {
  std::string out;
  for (int x : v) out += (out.empty() ? "" : ",") + std::to_string(x);
  return out;
}

double percent(int part, int whole) { return whole > 0 ? 100.0 * part / whole : 0.0; }

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"score `sohoa ingest --split` against the stack truth"};
  std::string truth_dir;
  std::string records_file;
  bool show_errors = false;
  bool as_json = false;
  app.add_option("--truth", truth_dir, "generated stack set (with stacks/*.truth.json)")
      ->required();
  app.add_option("--records", records_file, "sohoa export --format jsonl")->required();
  app.add_flag("--show-errors", show_errors, "list every dossier not split exactly right");
  app.add_flag("--json", as_json, "print the scores as JSON");
  CLI11_PARSE(app, argc, argv);

  // The truth, and how to find a page's position in its stack.
  std::vector<json> truths;
  std::map<fs::path, fs::path> folder_stack;  // page file → its folder stack
  std::map<fs::path, int> folder_position;    // page file → position in the folder stack
  for (const auto& e : fs::directory_iterator(fs::path(truth_dir) / "stacks")) {
    const std::string name = e.path().filename().string();
    if (name.size() < 11 || name.substr(name.size() - 11) != ".truth.json") continue;
    std::ifstream in(e.path());
    json t = json::parse(in);
    const fs::path stack = canonical_path(fs::path(truth_dir) / t.at("path").get<std::string>());
    t["abs"] = stack.string();
    if (fs::is_directory(stack)) {
      std::vector<std::string> files;
      for (const auto& f : fs::directory_iterator(stack)) files.push_back(f.path().string());
      std::sort(files.begin(), files.end(), [](const std::string& a, const std::string& b) {
        return sohoa::natural_less(fs::path(a).filename().string(),
                                   fs::path(b).filename().string());
      });
      for (std::size_t i = 0; i < files.size(); ++i) {
        folder_stack[canonical_path(files[i])] = stack;
        folder_position[canonical_path(files[i])] = static_cast<int>(i) + 1;
      }
    }
    truths.push_back(std::move(t));
  }
  std::sort(truths.begin(), truths.end(),
            [](const json& a, const json& b) { return a["name"] < b["name"]; });
  if (truths.empty()) {
    std::cerr << "sohoa-split-eval: no stacks/*.truth.json in " << truth_dir << "\n";
    return 2;
  }

  std::map<fs::path, std::vector<RecordPages>> by_stack;
  std::ifstream records(records_file);
  if (!records) {
    std::cerr << "sohoa-split-eval: cannot read " << records_file << "\n";
    return 2;
  }
  for (std::string line; std::getline(records, line);) {
    if (line.empty()) continue;
    const json r = json::parse(line);
    RecordPages rec;
    rec.id = r["id"];
    rec.procedure = r.value("procedure", "unknown");
    rec.location = r.value("location", "");
    fs::path stack;
    for (const json& p : r["pages"]) {
      const fs::path source = canonical_path(p["source"].get<std::string>());
      Place place{source, p.value("source_page", 1)};
      if (auto it = folder_stack.find(source); it != folder_stack.end()) {
        place = Place{it->second, folder_position[source]};
      }
      stack = place.stack;
      if (p.value("separator", false)) continue;
      rec.content.push_back(place.position);
      if (p.value("blank", false)) rec.blank.insert(place.position);
    }
    by_stack[stack].push_back(std::move(rec));
  }

  std::vector<StackScore> scores;
  json errors = json::array();
  for (const json& t : truths) {
    StackScore s;
    s.name = t["name"];
    s.separators = t.value("separators", false);
    s.container = t.value("container", "");
    s.pages = t.value("pages", 0);
    const std::vector<RecordPages>& recs = by_stack[fs::path(t["abs"].get<std::string>())];
    s.records = static_cast<int>(recs.size());
    std::map<std::string, const RecordPages*> by_content;
    std::set<int> held;
    for (const RecordPages& r : recs) {
      by_content[join(r.content)] = &r;
      held.insert(r.content.begin(), r.content.end());
    }
    std::set<int> separators;
    for (const json& d : t["dossiers"]) {
      ++s.dossiers;
      const std::vector<int> pages = d["pages"].get<std::vector<int>>();
      if (d.contains("separator_page") && d["separator_page"].is_number()) {
        separators.insert(d["separator_page"].get<int>());
      }
      const std::string location = d.value("location", json()).is_string() ? d["location"] : "";
      const std::vector<int> blanks = d.value("blank_pages", std::vector<int>{});
      auto it = by_content.find(join(pages));
      for (int b : blanks) {
        ++s.blank_pages;
        bool marked = false;
        for (const RecordPages& r : recs) marked = marked || r.blank.count(b) > 0;
        if (!marked) ++s.blank_missed;
      }
      if (it == by_content.end()) {
        errors.push_back({{"stack", s.name},
                          {"dossier", d.value("name", "")},
                          {"pages", join(pages)},
                          {"problem", "no record holds exactly these pages"}});
        continue;
      }
      ++s.exact;
      const RecordPages& r = *it->second;
      if (r.location == location) {
        ++s.location_right;
      } else {
        errors.push_back({{"stack", s.name},
                          {"dossier", d.value("name", "")},
                          {"pages", join(pages)},
                          {"problem", "location '" + r.location + "', truth '" + location + "'"}});
      }
      if (r.procedure == d.value("procedure", "unknown")) ++s.procedure_right;
    }
    for (int p = 1; p <= s.pages; ++p) {
      if (!held.count(p) && !separators.count(p)) ++s.lost_pages;
    }
    if (show_errors) {
      for (const RecordPages& r : recs) {
        bool matched = false;
        for (const json& d : t["dossiers"]) {
          matched = matched || join(d["pages"].get<std::vector<int>>()) == join(r.content);
        }
        if (!matched) {
          errors.push_back({{"stack", s.name},
                            {"record", r.id},
                            {"pages", join(r.content)},
                            {"problem", "record of pages that are no truth dossier"}});
        }
      }
    }
    scores.push_back(s);
  }

  StackScore all[2];
  for (const StackScore& s : scores) {
    StackScore& a = all[s.separators ? 1 : 0];
    a.pages += s.pages;
    a.dossiers += s.dossiers;
    a.exact += s.exact;
    a.location_right += s.location_right;
    a.procedure_right += s.procedure_right;
    a.records += s.records;
    a.lost_pages += s.lost_pages;
    a.blank_pages += s.blank_pages;
    a.blank_missed += s.blank_missed;
  }
  if (as_json) {
    json out = json::array();
    for (const StackScore& s : scores) {
      out.push_back({{"stack", s.name},
                     {"separators", s.separators},
                     {"container", s.container},
                     {"pages", s.pages},
                     {"dossiers", s.dossiers},
                     {"exact", s.exact},
                     {"location_right", s.location_right},
                     {"procedure_right", s.procedure_right},
                     {"records", s.records},
                     {"lost_pages", s.lost_pages},
                     {"blank_pages", s.blank_pages},
                     {"blank_missed", s.blank_missed}});
    }
    std::cout << json{{"stacks", out}, {"errors", errors}}.dump(2) << "\n";
    return 0;
  }
  std::printf("%-14s %-5s %-6s %6s %9s %8s %8s %9s %10s %8s %6s %7s\n", "stack", "sep", "cont",
              "pages", "dossiers", "records", "exact", "exact %", "location", "proc.", "lost",
              "blank✗");
  auto row = [](const StackScore& s, const char* name, const char* sep, const char* cont) {
    std::printf("%-14s %-5s %-6s %6d %9d %8d %8d %8.1f%% %10d %8d %6d %5d/%d\n", name, sep, cont,
                s.pages, s.dossiers, s.records, s.exact, percent(s.exact, s.dossiers),
                s.location_right, s.procedure_right, s.lost_pages, s.blank_missed, s.blank_pages);
  };
  for (const StackScore& s : scores) {
    row(s, s.name.c_str(), s.separators ? "yes" : "no", s.container.c_str());
  }
  for (int sep = 1; sep >= 0; --sep) {
    if (all[sep].dossiers > 0) {
      row(all[sep], sep ? "all, with sep" : "all, no sep", sep ? "yes" : "no", "");
    }
  }
  std::printf(
      "\nexact: one record holds exactly the dossier's pages (blank backs included, separator "
      "sheet\nexcluded), in order; location and proc.: of the exact ones, the box label and the "
      "procedure\nare right; lost: stack pages no record holds; blank✗: blank backs not marked "
      "blank.\n");
  if (!errors.empty()) {
    std::printf("\n%zu problems%s\n", errors.size(),
                show_errors ? ":" : " (--show-errors lists them)");
    if (show_errors) {
      for (const json& e : errors) std::printf("  %s\n", e.dump().c_str());
    }
  }
  return 0;
}
