// sohoa-ocr-eval: OCR accuracy of archived dossiers against the sample generator's truth.
//
//   sohoa-ocr-eval --truth SET --records records.jsonl [--tesseract-dir DIR]
//                  [--peer NAME=DIR]... [--timings TSV] [--json] [--worst N]
//
// SET is a generated sample set (SET/truth/<name>.json, SET/<truth.path> the dossier);
// records.jsonl is `sohoa export --format jsonl` of an archive that ingested those dossiers;
// DIR/<name>/page-NNN.txt is another engine's text of the same pages. Prints mean CER,
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
#include "ocr_report.h"

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
// the dossier's path (what sohoa ingests), its scan level.
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
                << '\t' << d.level << '\n';
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

std::optional<std::string> peer_text(const fs::path& dir, const std::string& dossier, int page) {
  char file[32];
  std::snprintf(file, sizeof file, "page-%03d.txt", page);
  const fs::path out = dir / dossier / file;
  if (!fs::exists(out)) return std::nullopt;
  return read_file(out);
}

using Records = std::map<fs::path, std::vector<RecordPage>>;

Records read_records(const std::string& path) {
  if (path == "-") return load_records(std::cin);
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  return load_records(in);
}

// The text of the record page that came from `source`, marking it matched.
std::optional<std::string> record_text(Records& records, const PageSource& source) {
  std::optional<std::string> text;
  auto it = records.find(source.file);
  if (it == records.end()) return text;
  for (RecordPage& rp : it->second) {
    if (rp.source_page != source.page) continue;
    if (!text) text = rp.text;
    rp.matched = true;
  }
  return text;
}

int run(const fs::path& set, const std::string& records_path, const std::vector<Peer>& peers,
        const ReportOptions& options) {
  const std::vector<TruthDossier> truth = load_truth(set);
  Records records = read_records(records_path);
  // Peers given as another archive's records (a file) rather than a folder of texts.
  std::map<std::size_t, Records> peer_records;
  for (std::size_t k = 0; k < peers.size(); ++k) {
    if (!fs::is_directory(peers[k].dir)) peer_records[k] = read_records(peers[k].dir.string());
  }

  std::vector<ScoredPage> results;
  for (const TruthDossier& d : truth) {
    const std::vector<PageSource> sources = page_sources(d);
    for (std::size_t i = 0; i < d.pages.size(); ++i) {
      const TruthPage& tp = d.pages[i];
      ScoredPage r{d.name, tp.number, d.level, tp.kind, {}};
      const bool has_source = i < sources.size();
      r.scores.push_back(
          score(tp.text, has_source ? record_text(records, sources[i]) : std::nullopt));
      for (std::size_t k = 0; k < peers.size(); ++k) {
        std::optional<std::string> text;
        if (!peer_records.count(k)) {
          text = peer_text(peers[k].dir, d.name, tp.number);
        } else if (has_source) {
          text = record_text(peer_records[k], sources[i]);
        }
        r.scores.push_back(score(tp.text, text));
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
  std::vector<std::string> engines = {options.sohoa_label};
  for (const Peer& p : peers) engines.push_back(p.name);
  print_report(results, engines, unmatched, truth.size(), options);
  return 0;
}

}  // namespace
}  // namespace sohoa::bench

int main(int argc, char** argv) {
  CLI::App app{"OCR accuracy of archived dossiers against the sample generator's truth"};
  std::string truth;
  std::string records;
  std::string tesseract_dir;
  std::vector<std::string> peer_specs;
  std::string timings;
  sohoa::bench::ReportOptions options;
  app.add_option("--truth", truth, "generated sample set (holds truth/ and dossiers/)")
      ->required()
      ->check(CLI::ExistingDirectory);
  bool list = false;
  CLI::Option* records_opt =
      app.add_option("--records", records, "`sohoa export --format jsonl` output, - for stdin");
  app.add_flag("--list-pages", list,
               "print each truth page's source instead: name, number, image|pdf|multipage, "
               "file, page in file, dossier path, level (tab-separated; used by bench/ingest and "
               "bench/ocr)")
      ->excludes(records_opt);
  app.add_option("--tesseract-dir", tesseract_dir,
                 "plain tesseract output: DIR/<name>/page-NNN.txt (the peer 'plain tesseract')")
      ->check(CLI::ExistingDirectory);
  app.add_option("--peer", peer_specs,
                 "NAME=DIR: another engine's output, DIR/<name>/page-NNN.txt; or NAME=FILE: "
                 "another sohoa archive's records JSONL (repeatable)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_option("--sohoa-label", options.sohoa_label, "name of the sohoa column");
  app.add_option("--timings", timings,
                 "TSV of the runs (engine, level, wall seconds, peak RSS KiB): adds speed, "
                 "memory and sohoa/peer ratios to the table")
      ->check(CLI::ExistingFile);
  app.add_flag("--json", options.json, "print a JSON summary instead of the table");
  app.add_flag("--per-page", options.per_page, "with --json: add every page's scores");
  app.add_option("--worst", options.worst, "also list the N pages with the highest sohoa CER")
      ->check(CLI::NonNegativeNumber);
  CLI11_PARSE(app, argc, argv);
  if (!list && records.empty()) {
    std::cerr << "sohoa-ocr-eval: --records or --list-pages is required\n";
    return 2;
  }
  std::vector<sohoa::bench::Peer> peers;
  if (!tesseract_dir.empty()) peers.push_back({"plain tesseract", tesseract_dir});
  for (const std::string& spec : peer_specs) {
    const std::size_t eq = spec.rfind('=');  // names may hold '=', folders should not
    if (eq == std::string::npos || eq == 0 || !fs::exists(spec.substr(eq + 1))) {
      std::cerr << "sohoa-ocr-eval: --peer " << spec
                << ": expected NAME=DIR (texts) or NAME=FILE (records JSONL)\n";
      return 2;
    }
    peers.push_back({spec.substr(0, eq), spec.substr(eq + 1)});
  }
  try {
    if (list) {
      sohoa::bench::list_pages(sohoa::bench::load_truth(truth));
      return 0;
    }
    if (!timings.empty()) options.timings = sohoa::bench::read_timings(timings);
    return sohoa::bench::run(truth, records, peers, options);
  } catch (const std::exception& e) {
    std::cerr << "sohoa-ocr-eval: " << e.what() << "\n";
    return 1;
  }
}
