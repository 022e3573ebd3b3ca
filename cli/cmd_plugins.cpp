// sohoa plugins [--json] [--plugins DIR]: the extractor plugins, their fields and load errors.
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

}  // namespace

void register_plugins(CLI::App& app, int& exit_code) {
  struct Options {
    bool json = false;
    std::vector<std::string> folders;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "plugins", "list the extractor plugins, their fields, and the ones that failed to load");
  cmd->add_flag("--json", opts->json, "print as JSON");
  add_plugins_option(*cmd, opts->folders);
  cmd->callback([opts, &exit_code] {
    const PluginSet set = load_plugins(opts->folders, false);
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
