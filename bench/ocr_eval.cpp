// sohoa-ocr-eval: OCR accuracy of archived dossiers against the sample generator's truth.
//
//   sohoa-ocr-eval --truth SET --records records.jsonl [--tesseract-dir DIR] [--json]
//
// SET is a generated sample set (SET/truth/<name>.json, SET/<truth.path> the dossier);
// records.jsonl is `sohoa export --format jsonl` of an archive that ingested those dossiers;
// DIR/<name>/page-NNN.txt is the plain tesseract output of the same pages. Prints mean CER,
// WER and diacritics-blind CER per degradation level. Metric definitions: bench/README.md.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "ocr_metrics.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace sohoa::bench {
namespace {

struct TruthPage {
  int number = 0;
  std::string kind;
  std::string text;
};

struct TruthDossier {
  std::string name;
  fs::path path;  // absolute, canonical
  std::string container;
  int level = 0;
  std::vector<TruthPage> pages;  // by number
};

struct RecordPage {
  std::string record_id;
  int number = 0;
  int source_page = 1;
  std::string text;
  bool matched = false;
};

// Scores of one recognised page against its truth.
struct PageScore {
  bool missing = false;  // no recognised text for this truth page; scored as empty text
  ErrorCount cer, wer, blind_cer, bag_wer;
};

struct PageResult {
  std::string dossier;
  int number = 0;
  int level = 0;
  std::string kind;
  PageScore sohoa;
  std::optional<PageScore> tesseract;
};

fs::path canonical_path(const fs::path& p) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(p, ec);
  return ec ? fs::absolute(p).lexically_normal() : c;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// "page-2" < "page-10": digit runs compare as numbers.
bool natural_less(const std::string& a, const std::string& b) {
  std::size_t i = 0, j = 0;
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  while (i < a.size() && j < b.size()) {
    if (digit(a[i]) && digit(b[j])) {
      std::size_t ei = i, ej = j;
      while (ei < a.size() && digit(a[ei])) ++ei;
      while (ej < b.size() && digit(b[ej])) ++ej;
      std::string_view na = std::string_view(a).substr(i, ei - i);
      std::string_view nb = std::string_view(b).substr(j, ej - j);
      while (na.size() > 1 && na.front() == '0') na.remove_prefix(1);
      while (nb.size() > 1 && nb.front() == '0') nb.remove_prefix(1);
      if (na.size() != nb.size()) return na.size() < nb.size();
      if (na != nb) return na < nb;
      i = ei;
      j = ej;
    } else {
      if (a[i] != b[j]) return a[i] < b[j];
      ++i;
      ++j;
    }
  }
  return a.size() - i < b.size() - j;
}

// The page files of a folder dossier, in natural name order.
std::vector<fs::path> page_files(const fs::path& folder) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(folder, ec)) {
    std::string ext = e.path().extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    if (e.is_regular_file() &&
        (ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".tif" || ext == ".tiff")) {
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
    return natural_less(a.filename().string(), b.filename().string());
  });
  return files;
}

std::vector<TruthDossier> load_truth(const fs::path& set) {
  std::vector<TruthDossier> dossiers;
  for (const fs::directory_entry& e : fs::directory_iterator(set / "truth")) {
    if (e.path().extension() != ".json") continue;
    const json j = json::parse(read_file(e.path()));
    TruthDossier d;
    d.name = j.at("name").get<std::string>();
    d.path = canonical_path(set / j.at("path").get<std::string>());
    d.container = j.value("container", "");
    d.level = j.value("level", 0);
    for (const json& p : j.at("pages")) {
      d.pages.push_back(
          {p.at("number").get<int>(), p.value("kind", ""), p.at("text").get<std::string>()});
    }
    std::sort(d.pages.begin(), d.pages.end(),
              [](const TruthPage& a, const TruthPage& b) { return a.number < b.number; });
    dossiers.push_back(std::move(d));
  }
  std::sort(dossiers.begin(), dossiers.end(), [](const TruthDossier& a, const TruthDossier& b) {
    return natural_less(a.name, b.name);
  });
  return dossiers;
}

// Where a truth page was ingested from: a file and the page within it.
struct PageSource {
  fs::path file;  // canonical
  int page = 1;   // 1-based
};

// The source of each truth page, in truth page order. A folder dossier's pages are its page
// files in natural name order; a PDF or TIFF dossier's page n is page n of the file.
std::vector<PageSource> page_sources(const TruthDossier& d) {
  std::vector<PageSource> sources;
  if (fs::is_directory(d.path)) {
    const std::vector<fs::path> files = page_files(d.path);
    if (files.size() != d.pages.size()) {
      std::cerr << "warning: " << d.name << ": " << files.size() << " page files in " << d.path
                << " but " << d.pages.size() << " truth pages\n";
    }
    for (const fs::path& f : files) sources.push_back({canonical_path(f), 1});
  } else {
    for (const TruthPage& p : d.pages) sources.push_back({d.path, p.number});
  }
  return sources;
}

// For bench/ingest: one line per truth page, tab-separated: dossier name, truth page number,
// how plain tesseract reads it ("image": OCR the file; "pdf": rasterise page N first;
// "multipage": OCR the whole file, which yields its pages in order), file, page in file,
// the dossier's path (what sohoa ingests).
void list_pages(const std::vector<TruthDossier>& truth) {
  for (const TruthDossier& d : truth) {
    const std::vector<PageSource> sources = page_sources(d);
    std::string ext = d.path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    const char* how = fs::is_directory(d.path)          ? "image"
                      : ext == ".pdf"                   ? "pdf"
                      : ext == ".tif" || ext == ".tiff" ? "multipage"
                                                        : "image";
    for (std::size_t i = 0; i < d.pages.size() && i < sources.size(); ++i) {
      std::cout << d.name << '\t' << d.pages[i].number << '\t' << how << '\t'
                << sources[i].file.string() << '\t' << sources[i].page << '\t' << d.path.string()
                << '\n';
    }
  }
}

// Record pages by the canonical path of their source file.
std::map<fs::path, std::vector<RecordPage>> load_records(std::istream& in) {
  std::map<fs::path, std::vector<RecordPage>> by_source;
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const json r = json::parse(line);
    const std::string id = r.value("id", "");
    for (const json& p : r.at("pages")) {
      RecordPage page{id, p.value("number", 0), p.value("source_page", 1), p.value("text", ""),
                      false};
      by_source[canonical_path(p.at("source").get<std::string>())].push_back(std::move(page));
    }
  }
  return by_source;
}

PageScore score(const std::string& truth, const std::optional<std::string>& recognised) {
  PageScore s;
  s.missing = !recognised.has_value();
  const std::string ref = comparable_text(truth);
  const std::string hyp = comparable_text(recognised.value_or(""));
  s.cer = character_errors(ref, hyp);
  s.wer = word_errors(ref, hyp);
  s.blind_cer = character_errors(blind_text(ref), blind_text(hyp));
  s.bag_wer = bag_of_words_errors(ref, hyp);
  return s;
}

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

// The generator's degradation levels.
std::string level_name(int level) {
  switch (level) {
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

std::string percent(double rate) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%5.1f%%", rate * 100);
  return buf;
}

std::string row(const Summary& s) {
  return percent(s.mean(s.cer)) + " " + percent(s.mean(s.wer)) + " " +
         percent(s.mean(s.blind_cer)) + " " + percent(s.mean(s.bag_wer));
}

int run(const fs::path& set, const std::string& records_path,
        const std::optional<fs::path>& tesseract_dir, bool as_json, bool per_page, int worst) {
  const std::vector<TruthDossier> truth = load_truth(set);
  std::map<fs::path, std::vector<RecordPage>> records;
  if (records_path == "-") {
    records = load_records(std::cin);
  } else {
    std::ifstream in(records_path);
    if (!in) throw std::runtime_error("cannot read " + records_path);
    records = load_records(in);
  }

  std::vector<PageResult> results;
  for (const TruthDossier& d : truth) {
    const std::vector<PageSource> sources = page_sources(d);
    for (std::size_t i = 0; i < d.pages.size(); ++i) {
      const TruthPage& tp = d.pages[i];
      PageResult r{d.name, tp.number, d.level, tp.kind, {}, std::nullopt};
      std::optional<std::string> recognised;
      if (i < sources.size()) {
        auto it = records.find(sources[i].file);
        if (it != records.end()) {
          for (RecordPage& rp : it->second) {
            if (rp.source_page != sources[i].page) continue;
            if (!recognised) recognised = rp.text;
            rp.matched = true;
          }
        }
      }
      r.sohoa = score(tp.text, recognised);
      if (tesseract_dir) {
        char file[32];
        std::snprintf(file, sizeof file, "page-%03d.txt", tp.number);
        const fs::path out = *tesseract_dir / d.name / file;
        std::optional<std::string> text;
        if (fs::exists(out)) text = read_file(out);
        r.tesseract = score(tp.text, text);
      }
      results.push_back(std::move(r));
    }
  }

  int unmatched = 0;
  for (const auto& [source, pages] : records) {
    for (const RecordPage& rp : pages) {
      if (rp.matched) continue;
      if (++unmatched <= 5) {
        std::cerr << "warning: record " << rp.record_id << " page " << rp.number << " ("
                  << source.string() << " page " << rp.source_page << ") matches no truth page\n";
      }
    }
  }

  std::map<int, Summary> sohoa_by_level, tess_by_level;
  Summary sohoa_all, tess_all;
  for (const PageResult& r : results) {
    sohoa_by_level[r.level].add(r.sohoa);
    sohoa_all.add(r.sohoa);
    if (r.tesseract) {
      tess_by_level[r.level].add(*r.tesseract);
      tess_all.add(*r.tesseract);
    }
  }

  if (as_json) {
    json out;
    out["truth_dossiers"] = truth.size();
    out["unmatched_record_pages"] = unmatched;
    json levels = json::array();
    for (const auto& [level, s] : sohoa_by_level) {
      json l = {{"level", level}, {"name", level_name(level)}};
      l["sohoa"] = s.to_json();
      if (tesseract_dir) l["tesseract"] = tess_by_level[level].to_json();
      levels.push_back(l);
    }
    out["levels"] = levels;
    out["overall"]["sohoa"] = sohoa_all.to_json();
    if (tesseract_dir) out["overall"]["tesseract"] = tess_all.to_json();
    if (per_page) {
      json pages = json::array();
      auto page_json = [](const PageScore& s) {
        return json{{"missing", s.missing},
                    {"cer", s.cer.rate()},
                    {"wer", s.wer.rate()},
                    {"blind_cer", s.blind_cer.rate()},
                    {"order_free_wer", s.bag_wer.rate()},
                    {"truth_chars", s.cer.reference_length}};
      };
      for (const PageResult& r : results) {
        json p = {{"dossier", r.dossier}, {"page", r.number}, {"level", r.level}, {"kind", r.kind}};
        p["sohoa"] = page_json(r.sohoa);
        if (r.tesseract) p["tesseract"] = page_json(*r.tesseract);
        pages.push_back(p);
      }
      out["pages"] = pages;
    }
    std::cout << out.dump(2) << "\n";
    return 0;
  }

  const char* head = "   CER    WER   bCER   oWER";
  std::printf("OCR accuracy, mean of per-page rates (definitions: bench/README.md)\n");
  std::printf("%-16s %5s | %-27s", "", "", "sohoa ingest");
  if (tesseract_dir) std::printf(" | %s", "plain tesseract");
  std::printf("\n%-16s %5s | %s", "level", "pages", head);
  if (tesseract_dir) std::printf(" | %s", head);
  std::printf("\n");
  auto print_row = [&](const std::string& label, const Summary& s, const Summary* t) {
    std::printf("%-16s %5d | %s", label.c_str(), s.pages, row(s).c_str());
    if (t) std::printf(" | %s", row(*t).c_str());
    std::printf("\n");
  };
  for (const auto& [level, s] : sohoa_by_level) {
    print_row(std::to_string(level) + " " + level_name(level), s,
              tesseract_dir ? &tess_by_level[level] : nullptr);
  }
  print_row("all", sohoa_all, tesseract_dir ? &tess_all : nullptr);
  std::printf("truth pages without recognised text: sohoa %d", sohoa_all.missing);
  if (tesseract_dir) std::printf(", tesseract %d", tess_all.missing);
  std::printf("; record pages matching no truth page: %d\n", unmatched);
  std::printf(
      "bCER: diacritics-blind CER; oWER: order-free WER (a WER far above it means "
      "words in the wrong order)\n");

  if (worst > 0) {
    std::vector<const PageResult*> order;
    for (const PageResult& r : results) order.push_back(&r);
    std::stable_sort(order.begin(), order.end(), [](const PageResult* a, const PageResult* b) {
      return a->sohoa.cer.rate() > b->sohoa.cer.rate();
    });
    std::printf("\nworst pages by sohoa CER (sohoa CER / WER / order-free WER; tesseract CER):\n");
    for (int i = 0; i < worst && i < static_cast<int>(order.size()); ++i) {
      const PageResult& r = *order[i];
      std::printf("  %-28s p%-3d %-14s %s %s %s%s", r.dossier.c_str(), r.number, r.kind.c_str(),
                  percent(r.sohoa.cer.rate()).c_str(), percent(r.sohoa.wer.rate()).c_str(),
                  percent(r.sohoa.bag_wer.rate()).c_str(), r.sohoa.missing ? " MISSING" : "");
      if (r.tesseract) std::printf("; %s", percent(r.tesseract->cer.rate()).c_str());
      std::printf("\n");
    }
  }
  return 0;
}

}  // namespace
}  // namespace sohoa::bench

int main(int argc, char** argv) {
  CLI::App app{"OCR accuracy of archived dossiers against the sample generator's truth"};
  std::string truth;
  std::string records;
  std::string tesseract_dir;
  bool as_json = false;
  bool per_page = false;
  int worst = 0;
  app.add_option("--truth", truth, "generated sample set (holds truth/ and dossiers/)")
      ->required()
      ->check(CLI::ExistingDirectory);
  bool list = false;
  CLI::Option* records_opt =
      app.add_option("--records", records, "`sohoa export --format jsonl` output, - for stdin");
  app.add_flag("--list-pages", list,
               "print each truth page's source instead: name, number, image|pdf|multipage, "
               "file, page in file, dossier path (tab-separated; used by bench/ingest)")
      ->excludes(records_opt);
  app.add_option("--tesseract-dir", tesseract_dir,
                 "plain tesseract output: DIR/<name>/page-NNN.txt")
      ->check(CLI::ExistingDirectory);
  app.add_flag("--json", as_json, "print a JSON summary instead of the table");
  app.add_flag("--per-page", per_page, "with --json: add every page's scores");
  app.add_option("--worst", worst, "also list the N pages with the highest sohoa CER")
      ->check(CLI::NonNegativeNumber);
  CLI11_PARSE(app, argc, argv);
  if (!list && records.empty()) {
    std::cerr << "sohoa-ocr-eval: --records or --list-pages is required\n";
    return 2;
  }
  try {
    if (list) {
      sohoa::bench::list_pages(sohoa::bench::load_truth(truth));
      return 0;
    }
    std::optional<fs::path> tess;
    if (!tesseract_dir.empty()) tess = tesseract_dir;
    return sohoa::bench::run(truth, records, tess, as_json, per_page, worst);
  } catch (const std::exception& e) {
    std::cerr << "sohoa-ocr-eval: " << e.what() << "\n";
    return 1;
  }
}
