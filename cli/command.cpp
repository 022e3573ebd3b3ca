#include "command.h"

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

int print_error(const Error& error) {
  std::cerr << "sohoa: error: " << error.message << "\n";
  if (!error.hint.empty()) std::cerr << "  hint: " << error.hint << "\n";
  return error.exit_code();
}

}  // namespace sohoa::cli
