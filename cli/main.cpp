// sohoa: the command line. One file per subcommand (cmd_*.cpp).
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <exception>
#include <iostream>

#include "command.h"

namespace {

// Tesseract's OpenMP threads make parallel pages several times slower on a small machine, and
// libgomp reads OMP_THREAD_LIMIT once, when it is loaded, before main(). So the process
// restarts itself once with the variable set.
void ensure_single_threaded_openmp(char** argv) {
  const char* limit = std::getenv("OMP_THREAD_LIMIT");
  if (limit != nullptr && std::strcmp(limit, "1") == 0) return;
  setenv("OMP_THREAD_LIMIT", "1", 1);
  execv("/proc/self/exe", argv);
  // If the restart fails, carry on: slower, not wrong.
}

}  // namespace

int main(int argc, char** argv) {
  ensure_single_threaded_openmp(argv);
  CLI::App app{"sohoa: the digital archive of the district's dossiers (hồ sơ)", "sohoa"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "sohoa 0.1.0");
  int exit_code = sohoa::cli::kExitOk;
  sohoa::cli::register_ingest(app, exit_code);
  sohoa::cli::register_search(app, exit_code);
  sohoa::cli::register_show(app, exit_code);
  sohoa::cli::register_export(app, exit_code);
  sohoa::cli::register_reindex(app, exit_code);
  sohoa::cli::register_plugins(app, exit_code);
  sohoa::cli::register_reextract(app, exit_code);
  sohoa::cli::register_verify(app, exit_code);
  sohoa::cli::register_stats(app, exit_code);
  sohoa::cli::register_watch(app, exit_code);
  sohoa::cli::register_separator(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? sohoa::cli::kExitOk : sohoa::cli::kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "sohoa: internal error: " << e.what() << "\n";
    return sohoa::cli::kExitFailed;
  }
  return exit_code;
}
