// sohoa plugins [--json] [--plugins DIR] [--test DIR]: the extractor plugins, their fields
// and load errors; with --test, the golden-file tests of plugins.
//
// A golden file is a dossier record (as `sohoa show --json` prints it: the OCR words are what
// plugins read) with an "expected" object: {"procedure": "...", "fields": {"key": "value"}}.
// The plugins classify and extract the record again; every expected field must come out with
// that value, and no field may come out that is not expected.
#include <algorithm>
#include <fstream>
#include <iomanip>
#include <iostream>

#include "command.h"

namespace sohoa::cli {
namespace {

nlohmann::json plugins_json(const PluginSet& set, const std::vector<std::filesystem::path>& dirs) {
  nlohmann::json plugins = nlohmann::json::array();
  for (const PluginInfo& p : set.plugins()) {
    nlohmann::json fields = nlohmann::json::array();
    for (const PluginField& f : p.fields) {
      fields.push_back(
          {{"key", f.key}, {"label", f.label_vi}, {"type", f.type}, {"searchable", f.searchable}});
    }
    plugins.push_back({{"id", p.id},
                       {"version", p.version},
                       {"role", p.receipt ? "receipt" : "procedure"},
                       {"title", p.title_vi},
                       {"file", p.file},
                       {"fields", std::move(fields)}});
  }
  nlohmann::json failures = nlohmann::json::array();
  for (const PluginFailure& f : set.failures()) {
    failures.push_back({{"file", f.file}, {"reason", f.reason}});
  }
  nlohmann::json folders = nlohmann::json::array();
  for (const auto& d : dirs) folders.push_back(d.string());
  return {{"folders", std::move(folders)},
          {"plugins", std::move(plugins)},
          {"failures", std::move(failures)}};
}

void print_plugins(const PluginSet& set) {
  for (const PluginInfo& p : set.plugins()) {
    std::cout << p.id << " " << p.version << "  " << (p.receipt ? "receipt" : "procedure") << "  "
              << p.title_vi << "\n  file: " << p.file << "\n";
    for (const PluginField& f : p.fields) {
      std::cout << "  " << std::left << std::setw(22) << f.key << std::setw(13) << f.type
                << (f.searchable ? "searchable  " : "            ") << f.label_vi << "\n";
    }
  }
  for (const PluginFailure& f : set.failures()) {
    std::cout << "FAILED " << f.file << "\n  " << f.reason << "\n";
  }
  std::cout << set.plugins().size() << " plugins loaded, " << set.failures().size() << " failed\n";
}

// Runs one golden file; returns the differences (empty: pass).
std::vector<std::string> run_golden(PluginSet& set, const std::filesystem::path& file) {
  std::ifstream in(file);
  nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.contains("expected"))
    return {"not a golden file (JSON with expected)"};
  Result<Dossier> d = record_from_json(j);
  if (!d) return {d.error().message};
  set.classify_and_extract(*d);
  std::vector<std::string> diffs;
  const nlohmann::json& expected = j.at("expected");
  const std::string procedure = expected.value("procedure", "unknown");
  if (d->procedure != procedure)
    diffs.push_back("procedure: want " + procedure + ", got " + d->procedure);
  const nlohmann::json fields = expected.value("fields", nlohmann::json::object());
  for (const auto& [key, value] : fields.items()) {
    auto it = d->fields.find(key);
    if (it == d->fields.end()) {
      diffs.push_back(key + ": want [" + value.get<std::string>() + "], missing");
    } else if (it->second.value != value.get<std::string>()) {
      diffs.push_back(key + ": want [" + value.get<std::string>() + "], got [" + it->second.value +
                      "]");
    }
  }
  for (const auto& [key, field] : d->fields) {
    if (!fields.contains(key)) diffs.push_back(key + ": not expected, got [" + field.value + "]");
  }
  return diffs;
}

int run_goldens(PluginSet& set, const std::string& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->path().extension() == ".json") files.push_back(it->path());
  }
  if (ec || files.empty()) {
    return print_error(make_error(ErrorCode::kNotFound, dir + ": no golden files (*.json) found",
                                  "see docs/writing-a-plugin.md, \"Golden files\""));
  }
  std::sort(files.begin(), files.end());
  int failed = 0;
  for (const auto& f : files) {
    const std::vector<std::string> diffs = run_golden(set, f);
    std::cout << (diffs.empty() ? "pass  " : "FAIL  ") << f.string() << "\n";
    for (const std::string& d : diffs) std::cout << "      " << d << "\n";
    failed += diffs.empty() ? 0 : 1;
  }
  std::cout << files.size() - static_cast<std::size_t>(failed) << " passed, " << failed
            << " failed\n";
  return failed == 0 ? kExitOk : kExitFailed;
}

}  // namespace

void register_plugins(CLI::App& app, int& exit_code) {
  struct Options {
    bool json = false;
    std::vector<std::string> folders;
    std::string test;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "plugins", "list the extractor plugins, their fields, and the ones that failed to load");
  cmd->add_flag("--json", opts->json, "print as JSON");
  add_plugins_option(*cmd, opts->folders);
  cmd->add_option("--test", opts->test,
                  "run the golden files (*.json) of this folder against the plugins");
  cmd->callback([opts, &exit_code] {
    PluginSet set = load_plugins(opts->folders, !opts->test.empty());
    if (!opts->test.empty()) {
      exit_code = run_goldens(set, opts->test);
      return;
    }
    std::vector<std::filesystem::path> dirs = PluginSet::default_folders();
    dirs.insert(dirs.end(), opts->folders.begin(), opts->folders.end());
    if (opts->json) {
      std::cout << plugins_json(set, dirs).dump(2) << "\n";
    } else {
      print_plugins(set);
    }
    exit_code = set.failures().empty() ? kExitOk : kExitFailed;
  });
}

}  // namespace sohoa::cli
