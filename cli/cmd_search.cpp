// sohoa search [--archive DIR] [--json] [--limit N] [--offset N] QUERY
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
    std::vector<std::string> words;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "search",
      "find dossiers. Words match with or without diacritics; \"a phrase\"; AND OR NOT ( ); "
      "code:DOSSIER_CODE; procedure:ID");
  add_archive_option(*cmd, opts->archive);
  cmd->add_flag("--json", opts->json, "print results as JSON");
  cmd->add_option("--limit", opts->limit, "results to show (default 10)");
  cmd->add_option("--offset", opts->offset, "results to skip (default 0)");
  cmd->add_option("query", opts->words, "the query")->required();
  cmd->callback([opts, &exit_code] {
    std::string query;
    for (const std::string& w : opts->words) query += (query.empty() ? "" : " ") + w;
    Result<Archive> archive = open_archive(opts->archive, Archive::Mode::kOpenExisting);
    if (!archive) {
      exit_code = print_error(archive.error());
      return;
    }
    Result<SearchResults> results =
        search(archive->index_path(), SearchRequest{query, opts->offset, opts->limit});
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
                        {"page", h.page},
                        {"snippet", h.snippet}});
      }
      std::cout << nlohmann::json{{"query", query},
                                  {"total", results->total_estimate},
                                  {"offset", opts->offset},
                                  {"hits", std::move(hits)}}
                       .dump(2)
                << "\n";
    } else {
      for (const SearchHit& h : results->hits) {
        std::cout << h.rank << ". " << h.id << "  " << h.procedure << "  (" << h.percent << "%)  "
                  << (h.sources.empty() ? "" : h.sources.front()) << "\n";
        if (!h.snippet.empty()) std::cout << "   p." << h.page << ": " << h.snippet << "\n";
      }
      std::cout << results->total_estimate
                << (results->total_estimate == 1 ? " dossier" : " dossiers") << " match \"" << query
                << "\"\n";
    }
    exit_code = kExitOk;
  });
}

}  // namespace sohoa::cli
