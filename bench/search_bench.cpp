// sohoa-bench-search: the search benchmark behind bench/search (see bench/README.md).
//
// Generates N synthetic dossier records (search_corpus.h), indexes each through the real
// sohoa indexer (IndexWriter::add, the code path of ingest and reindex, without writing a
// record file) and into SQLite FTS5, then runs the same queries of five kinds on both and
// reports latency percentiles, index sizes, and whether each engine put the right dossier in
// its top 3.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "../samples/generator/rng.h"
#include "search_corpus.h"
#include "search_fts5.h"
#include "sohoa/archive/index.h"
#include "sohoa/archive/text.h"

namespace sohoa::bench {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

double process_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::uint64_t folder_bytes(const fs::path& p) {
  if (fs::is_regular_file(p)) return fs::file_size(p);
  std::uint64_t n = 0;
  for (const auto& e : fs::recursive_directory_iterator(p)) {
    if (e.is_regular_file()) n += e.file_size();
  }
  return n;
}

struct Query {
  std::string sohoa;      // as an officer types it
  std::string fts5;       // the FTS5 MATCH expression for the same need
  std::string lo, hi;     // received-date filter for FTS5 (field + date kind)
  std::string target;     // the dossier it is meant to find ("" for facets)
  std::string judge;      // FTS5 expression (dated like fts5) of every dossier the query fits
  std::string procedure;  // facets: the procedure and year
  std::string year;
};

struct KindResult {
  std::string kind;
  std::string fts5_note;
  std::vector<double> sohoa_ms, fts5_ms;
  std::vector<std::string> sohoa_queries;  // as typed, in the order of sohoa_ms
  unsigned sohoa_top3 = 0, fts5_top3 = 0, queries = 0;
  // Queries that fit more than one dossier equally (judged by FTS5: two dossiers with the
  // same two names, the same name in the same months), and the top-3 over the others.
  unsigned ambiguous = 0, sohoa_top3_clear = 0, fts5_top3_clear = 0;
  unsigned facet_agree = 0;
};

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t i = std::min(v.size() - 1, static_cast<std::size_t>(p * (v.size() - 1) + 0.5));
  return v[i];
}

std::string fts5_words(const std::string& s) {
  // Each word quoted: FTS5 reads bare AND/OR/NOT and some punctuation as syntax.
  std::string out;
  for (const text::Token& t : text::tokenize(s)) out += "\"" + t.text + "\" ";
  return out;
}

std::string month_shift(const std::string& iso, int months) {
  int y = std::stoi(iso.substr(0, 4));
  int m = std::stoi(iso.substr(5, 2)) + months;
  while (m < 1) m += 12, --y;
  while (m > 12) m -= 12, ++y;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  return buf;
}

Query make_query(const std::string& kind, std::uint64_t seed, std::uint64_t n, samples::Rng& rng) {
  for (;;) {
    const std::uint64_t i =
        static_cast<std::uint64_t>(rng.uniform_int(0, static_cast<int64_t>(n) - 1));
    const CorpusDossier c = make_corpus_dossier(seed, i);
    Query q;
    q.target = c.record.id;
    const std::string subject = text::fold_diacritics(c.subject_name);
    const std::string other = text::fold_diacritics(c.other_name);
    // A name query names two people of the dossier; where the dossier has only one (the
    // investor who applies himself), another dossier is drawn.
    if ((kind == "name" || kind == "phrase") && subject == other) continue;
    q.judge = "\"" + c.subject_name + "\" AND \"" + c.other_name + "\"";
    if (kind == "name") {
      q.sohoa = subject + " " + other;
      q.fts5 = fts5_words(q.sohoa);
    } else if (kind == "phrase") {
      q.sohoa = "\"" + c.subject_name + "\" \"" + c.other_name + "\"";
      q.fts5 = "\"" + c.subject_name + "\" \"" + c.other_name + "\"";
    } else if (kind == "field_date") {
      q.lo = month_shift(c.received_date, -1);
      q.hi = month_shift(c.received_date, 1);
      q.sohoa = c.subject_key + ":\"" + subject + "\" date:" + q.lo + ".." + q.hi;
      std::string key_words = c.subject_key;
      std::replace(key_words.begin(), key_words.end(), '_', ' ');
      q.fts5 = "fields : \"" + key_words + " " + subject + "\"";
      q.judge = "fields : \"" + key_words + " " + c.subject_name + "\"";
      q.hi += "~";
    } else if (kind == "id") {
      if (c.id_number.empty()) continue;
      q.sohoa = "id:\"" + c.id_printed + "\"";
      q.fts5 = "fields : \"" + c.id_number + "\"";  // FTS5 gets the digits already joined
      q.judge = q.fts5;
    } else {  // facets
      q.target.clear();
      q.procedure = c.record.procedure;
      q.year = c.received_date.substr(0, 4);
      q.sohoa = "procedure:" + q.procedure + " date:" + q.year;
    }
    return q;
  }
}

bool in_top3(const std::vector<std::string>& ids, const std::string& target) {
  for (std::size_t i = 0; i < ids.size() && i < 3; ++i) {
    if (ids[i] == target) return true;
  }
  return false;
}

struct Options {
  std::uint64_t dossiers = 100000;
  unsigned queries = 300;  // per kind
  std::uint64_t seed = 2026;
  std::string dir;
  std::string json_out;
  bool keep = false;
  bool reuse = false;  // query the indexes a --keep run left in --dir, without indexing
  bool show_misses = false;
  std::vector<std::string> kinds;  // empty: all
  unsigned slowest = 0;            // print this many slowest sohoa queries of each kind
};

int run(const Options& o) {
  const fs::path dir = o.dir;
  fs::create_directories(dir);
  const fs::path xapian_dir = dir / "sohoa-index";
  const fs::path sqlite_file = dir / "fts5.sqlite";
  if (o.reuse && (!fs::exists(xapian_dir) || !fs::exists(sqlite_file))) {
    std::cerr << "--reuse: " << dir.string() << " holds no indexes of a --keep run\n";
    return 2;
  }
  if (!o.reuse) fs::remove_all(xapian_dir);

  // ---- indexing ----
  Result<IndexWriter> writer =
      o.reuse ? make_error(ErrorCode::kInternal, "reused") : IndexWriter::open(xapian_dir);
  if (!writer && !o.reuse) {
    std::cerr << writer.error().describe() << "\n";
    return 1;
  }
  Fts5Index fts(sqlite_file, o.reuse);
  constexpr std::uint64_t kBatch = 10000;  // dossiers per commit, both engines
  constexpr std::uint64_t kChunk = 1000;   // dossiers generated at once
  double sohoa_ms = 0, fts5_ms = 0, generate_ms = 0, sohoa_cpu_ms = 0, fts5_cpu_ms = 0;
  std::uint64_t text_bytes = 0;
  if (!o.reuse) fts.begin();
  const auto started = Clock::now();
  std::vector<Dossier> chunk;
  for (std::uint64_t first = 0; first < o.dossiers && !o.reuse; first += kChunk) {
    const std::uint64_t end = std::min(o.dossiers, first + kChunk);
    auto t0 = Clock::now();
    chunk.clear();
    for (std::uint64_t i = first; i < end; ++i) {
      chunk.push_back(make_corpus_dossier(o.seed, i).record);
    }
    generate_ms += ms_since(t0);
    for (const Dossier& d : chunk) {
      for (const Page& p : d.pages) text_bytes += p.text.size();
    }
    // sohoa: IndexWriter::add_all, the path of `sohoa reindex`: documents are built on a
    // worker thread while this one adds them to Xapian, so its CPU time is the process's.
    t0 = Clock::now();
    double cpu0 = process_cpu_ms();
    if (Status s = writer->add_all(chunk); !s) {
      std::cerr << s.error().describe() << "\n";
      return 1;
    }
    if (end % kBatch == 0 || end == o.dossiers) {
      if (Status s = writer->commit(); !s) {
        std::cerr << s.error().describe() << "\n";
        return 1;
      }
    }
    sohoa_ms += ms_since(t0);
    sohoa_cpu_ms += process_cpu_ms() - cpu0;
    t0 = Clock::now();
    cpu0 = thread_cpu_ms();
    for (std::uint64_t i = first; i < end; ++i) {
      fts.add(static_cast<std::int64_t>(i + 1), chunk[i - first]);
      if ((i + 1) % kBatch == 0 || i + 1 == o.dossiers) {
        fts.commit();
        if (i + 1 < o.dossiers) fts.begin();
      }
    }
    fts5_ms += ms_since(t0);
    fts5_cpu_ms += thread_cpu_ms() - cpu0;
    if (end % 100000 == 0) {
      std::cerr << "  " << end << " dossiers, " << std::fixed << std::setprecision(0)
                << ms_since(started) / 1000 << " s\n";
    }
  }
  writer = make_error(ErrorCode::kInternal, "closed");  // releases the writer
  const double sohoa_rate = o.reuse ? 0 : o.dossiers / (sohoa_ms / 1000);
  const double fts5_rate = o.reuse ? 0 : o.dossiers / (fts5_ms / 1000);
  const std::uint64_t sohoa_bytes = folder_bytes(xapian_dir);
  const std::uint64_t fts5_bytes = folder_bytes(sqlite_file);

  // ---- queries ----
  const std::vector<std::pair<std::string, std::string>> kinds = {
      {"name", "đ is not folded to d: unaccented names with Đ never match"},
      {"phrase", ""},
      {"field_date", "column filter on a key+value text column; đ as for name"},
      {"id", "given the digits already joined (FTS5 splits \"001 088 012345\")"},
      {"facets", "plain SQL GROUP BY on an indexed metadata table, not FTS5"},
  };
  // Both engines keep their database open between queries, as a server would.
  Result<Searcher> searcher = Searcher::open(xapian_dir);
  if (!searcher) {
    std::cerr << searcher.error().describe() << "\n";
    return 1;
  }
  std::vector<KindResult> results;
  for (std::size_t kind_index = 0; kind_index < kinds.size(); ++kind_index) {
    const auto& [kind, note] = kinds[kind_index];
    if (!o.kinds.empty() && std::find(o.kinds.begin(), o.kinds.end(), kind) == o.kinds.end()) {
      continue;
    }
    // Each kind draws its own queries, so that a run of some kinds asks what a full run asks.
    samples::Rng rng(samples::Rng::derive(o.seed, 0xBE7C4 + kind_index));
    KindResult r;
    r.kind = kind;
    r.fts5_note = note;
    for (unsigned k = 0; k < o.queries; ++k) {
      const Query q = make_query(kind, o.seed, o.dossiers, rng);
      SearchRequest request{q.sohoa, 0, 10, SortOrder::kRelevance, kind == "facets"};
      auto t0 = Clock::now();
      Result<SearchResults> found = searcher->search(request);
      r.sohoa_ms.push_back(ms_since(t0));
      r.sohoa_queries.push_back(q.sohoa);
      if (!found) {
        std::cerr << "sohoa: " << q.sohoa << ": " << found.error().describe() << "\n";
        return 1;
      }
      std::vector<std::string> ids;
      for (const SearchHit& h : found->hits) ids.push_back(h.id);
      ++r.queries;
      if (kind == "facets") {
        t0 = Clock::now();
        auto counts = fts.facets(q.procedure, q.year);
        r.fts5_ms.push_back(ms_since(t0));
        std::map<std::string, std::map<std::string, unsigned>> ours;
        for (const Facet& f : found->facets) {
          for (const auto& [v, c] : f.counts) ours[f.name][v] = c;
        }
        r.facet_agree += ours == counts ? 1 : 0;
        continue;
      }
      const bool hit = in_top3(ids, q.target);
      r.sohoa_top3 += hit ? 1 : 0;
      t0 = Clock::now();
      const std::vector<std::string> theirs = fts.match(q.fts5, q.lo, q.hi);
      r.fts5_ms.push_back(ms_since(t0));
      r.fts5_top3 += in_top3(theirs, q.target) ? 1 : 0;
      const std::uint64_t fitting = fts.count(q.judge, q.lo, q.hi);
      if (fitting > 1) {
        ++r.ambiguous;
      } else {
        r.sohoa_top3_clear += hit ? 1 : 0;
        r.fts5_top3_clear += in_top3(theirs, q.target) ? 1 : 0;
      }
      if (o.show_misses && !hit) {
        std::cerr << "miss: " << q.sohoa << " → wanted " << q.target << ", got";
        for (std::size_t h = 0; h < ids.size() && h < 3; ++h) std::cerr << " " << ids[h];
        std::cerr << " of " << found->total_estimate << "; " << fitting
                  << " dossiers fit the query\n";
      }
    }
    std::vector<std::size_t> order(r.sohoa_ms.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return r.sohoa_ms[a] > r.sohoa_ms[b]; });
    for (std::size_t i = 0; i < order.size() && i < o.slowest; ++i) {
      std::cerr << "slow " << kind << ": " << std::fixed << std::setprecision(1)
                << r.sohoa_ms[order[i]] << " ms  " << r.sohoa_queries[order[i]] << "\n";
    }
    results.push_back(std::move(r));
  }

  // ---- report ----
  nlohmann::json report = {{"dossiers", o.dossiers},
                           {"queries_per_kind", o.queries},
                           {"seed", o.seed},
                           {"page_text_bytes_per_dossier", text_bytes / o.dossiers},
                           {"generate_seconds", generate_ms / 1000},
                           {"sohoa",
                            {{"index_seconds", sohoa_ms / 1000},
                             {"index_cpu_seconds", sohoa_cpu_ms / 1000},
                             {"dossiers_per_second", sohoa_rate},
                             {"index_bytes", sohoa_bytes}}},
                           {"fts5",
                            {{"index_seconds", fts5_ms / 1000},
                             {"index_cpu_seconds", fts5_cpu_ms / 1000},
                             {"dossiers_per_second", fts5_rate},
                             {"index_bytes", fts5_bytes}}}};
  std::cout << std::fixed << std::setprecision(1);
  std::cout << "corpus: " << o.dossiers << " dossiers";
  if (o.reuse) {  // nothing was generated or indexed: only the sizes on disk are known
    std::cout << " (seed " << o.seed << "), indexes reused: sohoa " << sohoa_bytes / 1048576.0
              << " MiB, FTS5 " << fts5_bytes / 1048576.0 << " MiB\n\n";
  } else {
    std::cout << ", " << text_bytes / o.dossiers << " bytes of page text each (seed " << o.seed
              << ")\n";
    std::cout << "indexing: sohoa " << sohoa_rate << " dossiers/s, " << sohoa_bytes / 1048576.0
              << " MiB;  FTS5 " << fts5_rate << " dossiers/s, " << fts5_bytes / 1048576.0
              << " MiB;  ratio sohoa/FTS5 rate " << std::setprecision(2) << sohoa_rate / fts5_rate
              << ", size " << static_cast<double>(sohoa_bytes) / fts5_bytes << "\n"
              << "indexing per CPU second (the machine may be shared): sohoa "
              << std::setprecision(1) << o.dossiers / (sohoa_cpu_ms / 1000) << ", FTS5 "
              << o.dossiers / (fts5_cpu_ms / 1000) << " dossiers\n\n";
  }
  std::cout << "| kind | queries | sohoa p50 | p95 | p99 ms | sohoa top-3 | FTS5 p50 | p95 | "
               "p99 ms | FTS5 top-3 | p95 sohoa/FTS5 | FTS5 note |\n"
            << "|---|---|---|---|---|---|---|---|---|---|---|---|\n";
  // top-3: of all queries / of the queries that fit one dossier only (those that fit several
  // have no single right answer).
  for (const KindResult& r : results) {
    const double s50 = percentile(r.sohoa_ms, .5), s95 = percentile(r.sohoa_ms, .95),
                 s99 = percentile(r.sohoa_ms, .99);
    const double f50 = percentile(r.fts5_ms, .5), f95 = percentile(r.fts5_ms, .95),
                 f99 = percentile(r.fts5_ms, .99);
    std::ostringstream s3, f3;
    s3 << std::fixed << std::setprecision(1);
    f3 << std::fixed << std::setprecision(1);
    if (r.kind == "facets") {
      s3 << "counts agree " << 100.0 * r.facet_agree / r.queries << "%";
      f3 << "-";
    } else {
      const unsigned clear = r.queries - r.ambiguous;
      s3 << 100.0 * r.sohoa_top3 / r.queries << "% / " << 100.0 * r.sohoa_top3_clear / clear
         << "% of " << clear;
      f3 << 100.0 * r.fts5_top3 / r.queries << "% / " << 100.0 * r.fts5_top3_clear / clear << "%";
    }
    std::cout << std::setprecision(2) << "| " << r.kind << " | " << r.queries << " | " << s50
              << " | " << s95 << " | " << s99 << " | " << s3.str() << " | " << f50 << " | " << f95
              << " | " << f99 << " | " << f3.str() << " | " << s95 / f95 << " | " << r.fts5_note
              << " |\n";
    report["kinds"][r.kind] = {{"queries", r.queries},
                               {"ambiguous", r.ambiguous},
                               {"sohoa",
                                {{"p50_ms", s50},
                                 {"p95_ms", s95},
                                 {"p99_ms", s99},
                                 {"top3", r.sohoa_top3},
                                 {"top3_unambiguous", r.sohoa_top3_clear}}},
                               {"fts5",
                                {{"p50_ms", f50},
                                 {"p95_ms", f95},
                                 {"p99_ms", f99},
                                 {"top3", r.fts5_top3},
                                 {"top3_unambiguous", r.fts5_top3_clear}}},
                               {"facet_counts_agree", r.facet_agree},
                               {"p95_ratio_sohoa_over_fts5", s95 / f95},
                               {"fts5_note", r.fts5_note}};
  }
  if (!o.json_out.empty()) {
    std::ofstream(o.json_out) << report.dump(2) << "\n";
  }
  if (!o.keep && !o.reuse) {
    fs::remove_all(xapian_dir);
    fs::remove(sqlite_file);
  }
  return 0;
}

}  // namespace
}  // namespace sohoa::bench

int main(int argc, char** argv) {
  sohoa::bench::Options o;
  CLI::App app{"sohoa-bench-search: sohoa's index and SQLite FTS5 on a synthetic corpus"};
  app.add_option("dossiers", o.dossiers, "number of synthetic dossiers (default 100000)");
  app.add_option("--queries", o.queries, "queries per kind (default 300)");
  app.add_option("--seed", o.seed, "corpus seed (default 2026)");
  app.add_option("--dir", o.dir, "working folder for both indexes")->required();
  app.add_option("--json", o.json_out, "also write the figures as JSON to this file");
  app.add_flag("--keep", o.keep, "keep both indexes afterwards");
  app.add_flag("--reuse", o.reuse,
               "query the indexes a --keep run with the same N and seed left in --dir, "
               "without indexing (implies --keep; indexing figures are then zero)");
  app.add_flag("--show-misses", o.show_misses,
               "name the sohoa queries whose dossier missed the top 3");
  app.add_option("--slowest", o.slowest, "print the N slowest sohoa queries of each kind");
  app.add_option("--kinds", o.kinds,
                 "query kinds to run (name, phrase, field_date, id, facets; default all)")
      ->delimiter(',');
  CLI11_PARSE(app, argc, argv);
  try {
    return sohoa::bench::run(o);
  } catch (const std::exception& e) {
    std::cerr << "sohoa-bench-search: " << e.what() << "\n";
    return 1;
  }
}
