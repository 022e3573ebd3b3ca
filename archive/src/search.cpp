#include <xapian.h>

#include <algorithm>
#include <set>

#include "index_error.h"
#include "sohoa/archive/index.h"
#include "sohoa/archive/query.h"
#include "sohoa/archive/schema.h"
#include "sohoa/archive/text.h"

namespace sohoa {
namespace {

constexpr std::pair<std::string_view, unsigned> kFacetSlots[] = {
    {"procedure", schema::kSlotProcedure},
    {"ward", schema::kSlotWard},
    {"year", schema::kSlotYear},
};

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
  for (std::size_t p = 0; p < pages.size() && hit.snippet.empty(); ++p) {
    hit.snippet = make_snippet(pages[p].get<std::string>(), highlight);
    if (!hit.snippet.empty()) hit.page = static_cast<int>(p + 1);
  }
  return hit;
}

Facet read_facet(std::string_view name, const Xapian::ValueCountMatchSpy& spy) {
  Facet facet{std::string(name), {}};
  for (auto v = spy.top_values_begin(1000); v != spy.top_values_end(1000); ++v) {
    if ((*v).empty()) continue;
    facet.counts.emplace_back(*v, v.get_termfreq());
  }
  return facet;
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

Result<SearchResults> search(const std::filesystem::path& path, const SearchRequest& request) {
  Result<ParsedQuery> parsed = parse_query(request.query);
  if (!parsed) return parsed.error();
  if (!std::filesystem::exists(path)) {
    return make_error(ErrorCode::kNotFound, path.string() + ": no index here",
                      "ingest some dossiers first, or pass --archive DIR");
  }
  for (int attempt = 0;; ++attempt) {
    try {
      Xapian::Database db(path.string());
      Xapian::Enquire enquire(db);
      enquire.set_query(parsed->query);
      if (request.sort == SortOrder::kDate) {
        enquire.set_sort_by_value_then_relevance(schema::kSlotReceivedDate, true);
      }
      std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
      if (request.facets) {
        for (const auto& [name, slot] : kFacetSlots) {
          spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(slot));
          enquire.add_matchspy(spies.back().get());
        }
      }
      // Facet counts must see every match, not the sample Xapian needs for the top hits.
      const Xapian::doccount check_at_least = request.facets ? db.get_doccount() : 0;
      Xapian::MSet mset = enquire.get_mset(request.offset, request.limit, check_at_least);
      SearchResults results;
      results.total_estimate = mset.get_matches_estimated();
      unsigned rank = request.offset;
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        results.hits.push_back(make_hit(it, ++rank, parsed->highlight));
      }
      for (std::size_t i = 0; i < spies.size(); ++i) {
        results.facets.push_back(read_facet(kFacetSlots[i].first, *spies[i]));
      }
      return results;
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt >= 3) {
        return make_error(ErrorCode::kIndex,
                          path.string() + ": index kept changing under the search", "try again");
      }
    } catch (const Xapian::Error& e) {
      return index_error(path, e);
    } catch (const nlohmann::json::exception& e) {
      return make_error(ErrorCode::kCorrupt,
                        path.string() + ": unreadable document data: " + e.what(),
                        "rebuild the index with `sohoa reindex`");
    }
  }
}

}  // namespace sohoa
