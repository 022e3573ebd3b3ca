// sohoa verify [--archive DIR] [--json]: check every original's hash and that the index and
// the records agree. Exit 0 when all is well, 1 when something is wrong (each problem listed
// with what repairs it).
#include <iostream>

#include "command.h"
#include "sohoa/archive/verify.h"

namespace sohoa::cli {
namespace {

nlohmann::json problems_json(const std::vector<VerifyProblem>& problems) {
  nlohmann::json out = nlohmann::json::array();
  for (const VerifyProblem& p : problems) {
    out.push_back({{"object", p.object}, {"what", p.what}, {"fix", p.fix}});
  }
  return out;
}

void print_problems(const char* kind, const std::vector<VerifyProblem>& problems) {
  for (const VerifyProblem& p : problems) {
    std::cout << kind << p.object << ": " << p.what;
    if (!p.fix.empty()) std::cout << " (fix: " << p.fix << ")";
    std::cout << "\n";
  }
}

}  // namespace

void register_verify(CLI::App& app, int& exit_code) {
  struct Options {
    std::string archive;
    bool json = false;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "verify", "check the originals' hashes and that the index agrees with the records");
  add_archive_option(*cmd, opts->archive);
  cmd->add_flag("--json", opts->json, "print the report as JSON");
  cmd->callback([opts, &exit_code] {
    Result<Archive> archive = open_archive(opts->archive, Archive::Mode::kOpenExisting);
    if (!archive) {
      exit_code = print_error(archive.error());
      return;
    }
    Result<VerifyReport> report = verify_archive(*archive);
    if (!report) {
      exit_code = print_error(report.error());
      return;
    }
    const VerifyReport& r = *report;
    if (opts->json) {
      std::cout << nlohmann::json{{"ok", r.ok()},
                                  {"records", r.records},
                                  {"blobs", r.blobs},
                                  {"index_documents", r.index_documents},
                                  {"problems", problems_json(r.problems)},
                                  {"notes", problems_json(r.notes)}}
                       .dump(2)
                << "\n";
    } else {
      print_problems("problem: ", r.problems);
      print_problems("note: ", r.notes);
      std::cout << r.records << " records, " << r.blobs << " originals, " << r.index_documents
                << " index entries checked: "
                << (r.ok() ? "all good" : std::to_string(r.problems.size()) + " problems") << "\n";
    }
    exit_code = r.ok() ? kExitOk : kExitFailed;
  });
}

}  // namespace sohoa::cli
