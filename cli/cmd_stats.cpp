// sohoa stats [--archive DIR] [--json]: dossiers per procedure, ward and year, and the share
// resolved within the legal time (see archive/include/sohoa/archive/stats.h for definitions).
#include <iomanip>
#include <iostream>
#include <sstream>

#include "command.h"
#include "sohoa/archive/stats.h"

namespace sohoa::cli {
namespace {

nlohmann::json counts_json(const std::map<std::string, unsigned>& counts) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [value, n] : counts) out[value.empty() ? "unknown" : value] = n;
  return out;
}

nlohmann::json timeliness_json(const Timeliness& t) {
  nlohmann::json out = {{"with_received_and_due", t.with_dates},
                        {"on_time", t.on_time},
                        {"late", t.late},
                        {"no_return_recorded", t.no_return}};
  out["share_on_time"] = nullptr;
  if (t.recorded() > 0) out["share_on_time"] = t.share_on_time();
  return out;
}

std::string share(const Timeliness& t) {
  if (t.recorded() == 0) return "-";
  std::ostringstream s;
  s << std::fixed << std::setprecision(1) << 100.0 * t.share_on_time() << "%";
  return s.str();
}

void print_counts(const char* title, const std::map<std::string, unsigned>& counts) {
  std::cout << title << "\n";
  for (const auto& [value, n] : counts) {
    std::cout << "  " << std::left << std::setw(24) << (value.empty() ? "(unknown)" : value)
              << std::right << std::setw(9) << n << "\n";
  }
}

void print_timeliness_row(const std::string& label, const Timeliness& t) {
  std::cout << "  " << std::left << std::setw(8) << label << std::right << std::setw(10)
            << t.with_dates << std::setw(9) << t.on_time << std::setw(7) << t.late << std::setw(11)
            << t.no_return << std::setw(10) << share(t) << "\n";
}

}  // namespace

void register_stats(CLI::App& app, int& exit_code) {
  struct Options {
    std::string archive;
    bool json = false;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "stats", "dossiers per procedure, ward and year; share resolved within the legal time");
  add_archive_option(*cmd, opts->archive);
  cmd->add_flag("--json", opts->json, "print the figures as JSON");
  cmd->callback([opts, &exit_code] {
    Result<Archive> archive = open_archive(opts->archive, Archive::Mode::kOpenExisting);
    if (!archive) {
      exit_code = print_error(archive.error());
      return;
    }
    Result<ArchiveStats> stats = compute_stats(archive->index_path());
    if (!stats) {
      exit_code = print_error(stats.error());
      return;
    }
    const ArchiveStats& s = *stats;
    if (opts->json) {
      nlohmann::json by_year = nlohmann::json::object();
      for (const auto& [year, t] : s.timeliness_by_year) by_year[year] = timeliness_json(t);
      std::cout << nlohmann::json{{"dossiers", s.dossiers},
                                  {"by_procedure", counts_json(s.by_procedure)},
                                  {"by_ward", counts_json(s.by_ward)},
                                  {"by_year", counts_json(s.by_year)},
                                  {"timeliness", timeliness_json(s.timeliness)},
                                  {"timeliness_by_year", std::move(by_year)}}
                       .dump(2)
                << "\n";
    } else {
      std::cout << s.dossiers << " dossiers\n";
      print_counts("by procedure", s.by_procedure);
      print_counts("by ward", s.by_ward);
      print_counts("by year received", s.by_year);
      std::cout << "resolved within the legal time (due date on the receipt; returned_date "
                   "when recorded)\n"
                << "  year      received+due  on time  late  no return  on time %\n";
      for (const auto& [year, t] : s.timeliness_by_year) print_timeliness_row(year, t);
      print_timeliness_row("all", s.timeliness);
    }
    exit_code = kExitOk;
  });
}

}  // namespace sohoa::cli
