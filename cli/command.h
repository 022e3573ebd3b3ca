// Shared pieces of the `sohoa` subcommands. Each subcommand lives in its own cmd_*.cpp and
// registers itself on the CLI11 app; its callback stores the process exit code.
#pragma once

#include <CLI/CLI.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "sohoa/archive/store.h"
#include "sohoa/pipeline/plugins.h"
#include "sohoa/result.h"

namespace sohoa::cli {

// Exit codes of DESIGN.md: 0 all good, 1 some inputs failed, 2 usage error.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;

// --archive, else $SOHOA_ARCHIVE, else ./sohoa-data.
std::filesystem::path archive_dir(const std::string& option);

// Adds the --archive option to a subcommand.
void add_archive_option(CLI::App& command, std::string& archive);

// Opens the archive, printing the error if it cannot be opened.
Result<Archive> open_archive(const std::string& option, Archive::Mode mode);

// Prints "sohoa: error: …" with the hint to stderr and returns the exit code for it.
int print_error(const Error& error);

// Adds the --plugins option (more plugin folders, repeatable) to a subcommand.
void add_plugins_option(CLI::App& command, std::vector<std::string>& folders);

// Loads the plugins of the default folders and `extra_folders`. With `warn`, each plugin that
// failed to load is reported on stderr ("sohoa: warning: plugin FILE: REASON").
PluginSet load_plugins(const std::vector<std::string>& extra_folders, bool warn);
// Adds --wait SECONDS to a subcommand that writes the index: how long to wait for another
// writer (ingest, reindex) to finish before giving up.
void add_wait_option(CLI::App& command, double& seconds);

// One line per query field of the schema ("code:  dossier code, e.g. …"), for --help.
std::string query_field_help();

void register_ingest(CLI::App& app, int& exit_code);
void register_search(CLI::App& app, int& exit_code);
void register_show(CLI::App& app, int& exit_code);
void register_export(CLI::App& app, int& exit_code);
void register_reindex(CLI::App& app, int& exit_code);
void register_plugins(CLI::App& app, int& exit_code);
void register_reextract(CLI::App& app, int& exit_code);
void register_verify(CLI::App& app, int& exit_code);
void register_stats(CLI::App& app, int& exit_code);
void register_watch(CLI::App& app, int& exit_code);
void register_separator(CLI::App& app, int& exit_code);

}  // namespace sohoa::cli
