#include <xapian.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <set>

#include "index_error.h"
#include "index_layout.h"
#include "sohoa/archive/index.h"
#include "sohoa/archive/query.h"
#include "sohoa/archive/schema.h"
#include "sohoa/archive/text.h"

namespace sohoa {
namespace {

// The facet values of every document (kSlotFacets, "procedure\tward\tyear"), as a small
// code per docid, read in one pass over the slot's value stream and kept by the Searcher for
// as long as the index stays at the same revision. Counting a match is then one array read:
// reading the value of each match instead (Document::get_value, or a value stream moved from
// match to match) decodes the value chunks around it and costs as much as the whole stream
// once the matches are a few percent of the archive.
struct FacetTable {
  std::uint64_t revision = 0;  // see index_revision
  bool loaded = false;
  std::vector<std::uint32_t> code;    // by docid; kNone: no value
  std::vector<std::string> combined;  // by code
  static constexpr std::uint32_t kNone = ~std::uint32_t{0};

  // From each shard on its own: the docids a MatchSpy sees are the shards' (index.cpp, Shard).
  void load(const std::vector<Xapian::Database>& shards, std::uint64_t at_revision) {
    code.clear();
    combined.clear();
    std::map<std::string, std::uint32_t> codes;
    for (const Xapian::Database& db : shards) {
      code.resize(std::max<std::size_t>(code.size(), db.get_lastdocid() + 1), kNone);
      for (auto v = db.valuestream_begin(schema::kSlotFacets);
           v != db.valuestream_end(schema::kSlotFacets); ++v) {
        const Xapian::docid did = v.get_docid();
        if (did >= code.size()) code.resize(did + 1, kNone);
        auto [it, added] = codes.try_emplace(*v, static_cast<std::uint32_t>(combined.size()));
        if (added) combined.push_back(it->first);
        code[did] = it->second;
      }
    }
    revision = at_revision;
    loaded = true;
  }
};

// Counts matches by procedure, ward and year: one count per combination of the three (see
// FacetTable), split into the three facets at the end.
class FacetSpy : public Xapian::MatchSpy {
 public:
  explicit FacetSpy(const FacetTable& table) : table_(table), counts_(table.combined.size(), 0) {}

  void operator()(const Xapian::Document& doc, double) override {
    const Xapian::docid did = doc.get_docid();
    if (did < table_.code.size() && table_.code[did] != FacetTable::kNone) {
      ++counts_[table_.code[did]];
    }
  }

  std::vector<Facet> facets() const {
    std::map<std::string, unsigned> by[3];
    for (std::size_t c = 0; c < counts_.size(); ++c) {
      if (counts_[c] == 0) continue;
      const std::string& combined = table_.combined[c];
      const unsigned n = counts_[c];
      std::size_t start = 0;
      for (int i = 0; i < 3; ++i) {
        const std::size_t tab = combined.find('\t', start);
        const std::string value =
            combined.substr(start, tab == std::string::npos ? std::string::npos : tab - start);
        if (!value.empty()) by[i][value] += n;
        if (tab == std::string::npos) break;
        start = tab + 1;
      }
    }
    std::vector<Facet> out;
    const char* names[] = {"procedure", "ward", "year"};
    for (int i = 0; i < 3; ++i) {
      Facet f{names[i], {by[i].begin(), by[i].end()}};
      std::stable_sort(f.counts.begin(), f.counts.end(),
                       [](const auto& a, const auto& b) { return a.second > b.second; });
      out.push_back(std::move(f));
    }
    return out;
  }

 private:
  const FacetTable& table_;
  std::vector<unsigned> counts_;
};

// Matches ranked by ParsedQuery::quick before the whole query ranks them (Searcher::search).
constexpr unsigned kRerankDepth = 100;
// The same when the query holds a whole name that exists: the dossiers are ranked mostly by
// the name terms already, and the phrase boosts only reorder the closest of them.
// Each candidate's word positions are read, at a million the larger part of a search.
constexpr unsigned kNamedRerankDepth = 30;

// The dossier id in a document's data, without parsing the rest: the data is the JSON object
// make_document writes, whose "id" is a plain string (hex digits).
std::string id_of(const std::string& data) {
  static constexpr std::string_view kKey = "\"id\":\"";
  const std::size_t at = data.find(kKey);
  if (at == std::string::npos) return {};
  const std::size_t start = at + kKey.size();
  const std::size_t end = data.find('"', start);
  return end == std::string::npos ? std::string() : data.substr(start, end - start);
}

SearchHit make_hit(const Xapian::MSetIterator& it, unsigned rank,
                   const std::vector<std::string>& highlight) {
  const nlohmann::json data = nlohmann::json::parse(it.get_document().get_data());
  SearchHit hit;
  hit.id = data.at("id").get<std::string>();
  hit.rank = rank;
  hit.percent = it.get_percent();
  hit.procedure = data.value("procedure", "unknown");
  hit.sources = data.value("sources", std::vector<std::string>{});
  hit.fields = data.value("fields", std::map<std::string, std::string>{});
  const auto& pages = data.at("pages");
  for (std::size_t p = 0; p < pages.size() && hit.snippet.empty() && !highlight.empty(); ++p) {
    hit.snippet = make_snippet(pages[p].get<std::string>(), highlight);
    if (!hit.snippet.empty()) hit.page = static_cast<int>(p + 1);
  }
  return hit;
}

}  // namespace

std::string make_snippet(const std::string& text, const std::vector<std::string>& folded_words,
                         std::size_t max_words) {
  const std::vector<text::Token> tokens = text::tokenize(text);
  const std::set<std::string> wanted(folded_words.begin(), folded_words.end());
  std::vector<std::string> folded(tokens.size());
  std::vector<bool> hit(tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    folded[i] = text::fold_diacritics(tokens[i].text);
    hit[i] = wanted.count(folded[i]) > 0;
  }
  // The window of max_words tokens with the most hits (distinct words count more).
  std::size_t best_start = 0;
  std::size_t best_score = 0;
  for (std::size_t start = 0; start < tokens.size(); ++start) {
    if (!hit[start]) continue;
    std::set<std::string> distinct;
    std::size_t score = 0;
    for (std::size_t i = start; i < std::min(tokens.size(), start + max_words); ++i) {
      if (!hit[i]) continue;
      ++score;
      distinct.insert(folded[i]);
    }
    score += 10 * distinct.size();
    if (score > best_score) {
      best_score = score;
      best_start = start;
    }
  }
  if (best_score == 0) return {};
  const std::size_t first = best_start >= 4 ? best_start - 4 : 0;  // a little context before
  const std::size_t last = std::min(tokens.size(), first + max_words) - 1;
  std::string out = first > 0 ? "…" : "";
  std::size_t cursor = tokens[first].offset;
  for (std::size_t i = first; i <= last; ++i) {
    out += text.substr(cursor, tokens[i].offset - cursor);
    out += hit[i] ? "[" + tokens[i].text + "]" : tokens[i].text;
    cursor = tokens[i].offset + tokens[i].length;
  }
  if (last + 1 < tokens.size()) out += " …";
  return text::collapse_spaces(out);
}

struct Searcher::Impl {
  std::filesystem::path path;
  Xapian::Database db;  // every shard, as one database
  // Each shard on its own, only for its revision: Xapian gives none for several shards.
  std::vector<Xapian::Database> shards;
  FacetTable facets;  // loaded by the first search that asks for facets

  // Grows with every commit to any shard. The facet table is loaded from the shards as they
  // are at this revision, after `db` was reopened (Searcher::search).
  std::uint64_t index_revision() {
    std::uint64_t sum = 0;
    for (Xapian::Database& shard : shards) {
      shard.reopen();
      sum += shard.get_revision();
    }
    return sum;
  }
};

Searcher::Searcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;
Searcher::~Searcher() = default;

Result<Searcher> Searcher::open(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path)) {
    return make_error(ErrorCode::kNotFound, path.string() + ": no index here",
                      "ingest some dossiers first, or pass --archive DIR");
  }
  try {
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    impl->db = Xapian::Database(path.string());
    std::vector<std::filesystem::path> shards = index_layout::shard_paths(path);
    if (shards.empty()) shards.push_back(path);  // one database, made before shards
    for (const auto& shard : shards) impl->shards.emplace_back(shard.string());
    return Searcher(std::move(impl));
  } catch (const Xapian::Error& e) {
    return index_error(path, e);
  }
}

Result<SearchResults> Searcher::search(const SearchRequest& request) {
  Result<ParsedQuery> parsed = parse_query(request.query);
  if (!parsed) return parsed.error();
  Xapian::Database& db = impl_->db;
  for (int attempt = 0;; ++attempt) {
    try {
      // See what was committed since the last search. The facet table is loaded from the
      // shards after that, so it is never older than `db`; it is loaded again only when `db`
      // moved on (reopening each shard for its revision costs as much as a small search).
      const bool moved = db.reopen();
      if (request.facets && (moved || !impl_->facets.loaded)) {
        const std::uint64_t revision = impl_->index_revision();
        if (!impl_->facets.loaded || impl_->facets.revision != revision) {
          impl_->facets.load(impl_->shards, revision);
        }
      }
      Xapian::Enquire enquire(db);
      enquire.set_query(parsed->query);
      if (request.sort == SortOrder::kDate) {
        enquire.set_sort_by_value_then_relevance(schema::kSlotReceivedDate, true);
      }
      FacetSpy spy(impl_->facets);
      if (request.facets) enquire.add_matchspy(&spy);
      // Facet counts must see every match, not the sample Xapian needs for the top hits.
      const Xapian::doccount check_at_least = request.facets ? db.get_doccount() : 0;
      std::optional<Xapian::doccount> estimate;
      if (request.sort == SortOrder::kRelevance && !request.facets &&
          request.offset + request.limit <= kRerankDepth) {
        // Two passes: the best kRerankDepth by words and whole names (no positions read),
        // then those ranked by the whole query, phrase boosts included. The phrase boosts are
        // small beside the whole-name terms, so the dossiers they lift are among the first
        // kRerankDepth already; reading positions for every candidate is what made a query
        // of common name words cost in proportion to the archive.
        //
        // The first pass looks among the dossiers that hold one of the query's whole names
        // first: a name term is rare and weighs more than all the common words of a name
        // together, so when those dossiers fill the page, no other can rank above them.
        // Only when they do not (no such name, or too few holders) does the first pass read
        // every dossier with all the words, which at a million costs two to five times more.
        const unsigned page_end = request.offset + request.limit;
        const unsigned named_depth = std::max(kNamedRerankDepth, page_end);
        std::optional<Xapian::MSet> first;
        std::vector<Xapian::Query> named;
        for (const std::string& name : parsed->names) {
          if (db.term_exists(name)) named.emplace_back(name);
        }
        if (!named.empty()) {
          enquire.set_query(
              Xapian::Query(Xapian::Query::OP_FILTER, parsed->quick,
                            Xapian::Query(Xapian::Query::OP_OR, named.begin(), named.end())));
          first = enquire.get_mset(0, named_depth);
          if (first->size() < page_end) {
            first.reset();
          } else {
            // The page comes from the named dossiers; the count is the whole query's.
            enquire.set_query(parsed->quick);
            estimate = enquire.get_mset(0, 0).get_matches_estimated();
          }
        }
        if (!first && parsed->has_quick) {
          enquire.set_query(parsed->quick);
          // A query holding a whole name that exists is ranked by it already: the phrase
          // boosts only reorder the closest, as above.
          first = enquire.get_mset(0, named.empty() ? kRerankDepth : named_depth);
          estimate = first->get_matches_estimated();
        }
        if (first) {
          std::vector<Xapian::Query> ids;
          for (auto it = first->begin(); it != first->end(); ++it) {
            ids.emplace_back(std::string(schema::kIdPrefix) + id_of(it.get_document().get_data()));
          }
          enquire.set_query(
              Xapian::Query(Xapian::Query::OP_FILTER, parsed->query,
                            Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end())));
        } else {
          enquire.set_query(parsed->query);
        }
      }
      Xapian::MSet mset = enquire.get_mset(request.offset, request.limit, check_at_least);
      SearchResults results;
      results.total_estimate = estimate ? *estimate : mset.get_matches_estimated();
      unsigned rank = request.offset;
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        results.hits.push_back(make_hit(it, ++rank, parsed->highlight));
      }
      if (request.facets) results.facets = spy.facets();
      return results;
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt >= 3) {
        return make_error(ErrorCode::kIndex,
                          impl_->path.string() + ": index kept changing under the search",
                          "try again");
      }
    } catch (const Xapian::Error& e) {
      return index_error(impl_->path, e);
    } catch (const nlohmann::json::exception& e) {
      return make_error(ErrorCode::kCorrupt,
                        impl_->path.string() + ": unreadable document data: " + e.what(),
                        "rebuild the index with `sohoa reindex`");
    }
  }
}

Result<SearchResults> search(const std::filesystem::path& path, const SearchRequest& request) {
  Result<ParsedQuery> parsed = parse_query(request.query);  // a bad query says so first
  if (!parsed) return parsed.error();
  Result<Searcher> searcher = Searcher::open(path);
  if (!searcher) return searcher.error();
  return searcher->search(request);
}

}  // namespace sohoa
