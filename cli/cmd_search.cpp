// sohoa search [--archive DIR] [--json] [--limit N] [--offset N] [--sort relevance|date]
//              [--facets] QUERY
#include <iostream>

#include "command.h"
#include "sohoa/archive/index.h"

namespace sohoa::cli {

void register_search(CLI::App& app, int& exit_code) {
  struct Options {
    std::string archive;
    bool json = false;
    unsigned limit = 10;
    unsigned offset = 0;
    std::string sort = "relevance";
    bool facets = false;
    std::vector<std::string> words;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "search",
      "find dossiers. Words match with or without diacritics; \"a phrase\"; AND OR NOT ( ); "
      "field:value, e.g. father_name:\"tran van b\"; " +
          query_field_help());
  add_archive_option(*cmd, opts->archive);
  cmd->add_flag("--json", opts->json, "print results as JSON");
  cmd->add_option("--limit", opts->limit, "results to show (default 10)");
  cmd->add_option("--offset", opts->offset, "results to skip (default 0)");
  cmd->add_option("--sort", opts->sort, "relevance (default) or date (latest received first)")
      ->check(CLI::IsMember({"relevance", "date"}));
  cmd->add_flag("--facets", opts->facets, "also count the matches by procedure, ward and year");
  cmd->add_option("query", opts->words, "the query")->required();
  cmd->callback([opts, &exit_code] {
    std::string query;
    for (const std::string& w : opts->words) query += (query.empty() ? "" : " ") + w;
    Result<Archive> archive = open_archive(opts->archive, Archive::Mode::kOpenExisting);
    if (!archive) {
      exit_code = print_error(archive.error());
      return;
    }
    SearchRequest request{query, opts->offset, opts->limit,
                          opts->sort == "date" ? SortOrder::kDate : SortOrder::kRelevance,
                          opts->facets};
    Result<SearchResults> results = search(archive->index_path(), request);
    if (!results) {
      exit_code = print_error(results.error());
      return;
    }
    if (opts->json) {
      nlohmann::json hits = nlohmann::json::array();
      for (const SearchHit& h : results->hits) {
        hits.push_back({{"rank", h.rank},
                        {"id", h.id},
                        {"percent", h.percent},
                        {"procedure", h.procedure},
                        {"sources", h.sources},
                        {"fields", h.fields},
                        {"page", h.page},
                        {"snippet", h.snippet}});
      }
      nlohmann::json out = {{"query", query},
                            {"total", results->total_estimate},
                            {"offset", opts->offset},
                            {"sort", opts->sort},
                            {"hits", std::move(hits)}};
      if (opts->facets) {
        nlohmann::json facets = nlohmann::json::object();
        for (const Facet& f : results->facets) {
          nlohmann::json counts = nlohmann::json::array();
          for (const auto& [value, count] : f.counts) {
            counts.push_back({{"value", value}, {"count", count}});
          }
          facets[f.name] = std::move(counts);
        }
        out["facets"] = std::move(facets);
      }
      std::cout << out.dump(2) << "\n";
    } else {
      for (const SearchHit& h : results->hits) {
        std::cout << h.rank << ". " << h.id << "  " << h.procedure << "  (" << h.percent << "%)  "
                  << (h.sources.empty() ? "" : h.sources.front()) << "\n";
        if (!h.snippet.empty()) std::cout << "   p." << h.page << ": " << h.snippet << "\n";
      }
      std::cout << results->total_estimate
                << (results->total_estimate == 1 ? " dossier" : " dossiers") << " match \"" << query
                << "\"\n";
      for (const Facet& f : results->facets) {
        std::cout << f.name << ":";
        for (const auto& [value, count] : f.counts) std::cout << "  " << value << " " << count;
        std::cout << "\n";
      }
    }
    exit_code = kExitOk;
  });
}

}  // namespace sohoa::cli
