#include "command.h"

#include "sohoa/archive/schema.h"

#include <cstdlib>
#include <iostream>

namespace sohoa::cli {

std::filesystem::path archive_dir(const std::string& option) {
  if (!option.empty()) return option;
  if (const char* env = std::getenv("SOHOA_ARCHIVE"); env != nullptr && *env != '\0') return env;
  return "sohoa-data";
}

void add_archive_option(CLI::App& command, std::string& archive) {
  command.add_option("--archive", archive,
                     "archive folder (default: $SOHOA_ARCHIVE, else ./sohoa-data)");
}

Result<Archive> open_archive(const std::string& option, Archive::Mode mode) {
  return Archive::open(archive_dir(option), mode);
}

void add_plugins_option(CLI::App& command, std::vector<std::string>& folders) {
  command
      .add_option("--plugins", folders,
                  "also load extractor plugins from this folder (besides plugins/ next to "
                  "the binary and $SOHOA_PLUGIN_PATH); repeat it for more folders")
      ->allow_extra_args(false);
}

PluginSet load_plugins(const std::vector<std::string>& extra_folders, bool warn) {
  std::vector<std::filesystem::path> folders = PluginSet::default_folders();
  folders.insert(folders.end(), extra_folders.begin(), extra_folders.end());
  PluginSet set = PluginSet::load(folders);
  if (warn) {
    for (const PluginFailure& f : set.failures()) {
      std::cerr << "sohoa: warning: plugin " << f.file << ": " << f.reason << "\n";
    }
    if (set.plugins().empty()) {
      std::cerr << "sohoa: warning: no extractor plugins loaded: dossiers will be archived as "
                   "'unknown' without fields\n  hint: see `sohoa plugins`\n";
    }
  }
  return set;
}

int print_error(const Error& error) {
  std::cerr << "sohoa: error: " << error.message << "\n";
  if (!error.hint.empty()) std::cerr << "  hint: " << error.hint << "\n";
  return error.exit_code();
}

void add_wait_option(CLI::App& command, double& seconds) {
  command
      .add_option("--wait", seconds,
                  "seconds to wait for another ingest or reindex to finish (default 10)")
      ->check(CLI::Range(0.0, 86400.0));
}

std::string query_field_help() {
  std::string out;
  for (const schema::IndexField& f : schema::kFields) {
    if (f.name == "text") continue;
    out += "\n  " + std::string(f.name) + ":  " + std::string(f.help);
  }
  return out;
}

}  // namespace sohoa::cli
