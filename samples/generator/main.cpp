// sohoa-samples: synthetic Vietnamese administrative dossiers with ground truth.
//
//   sohoa-samples --out DIR --seed N [--preset committed|ocr|extract|stack] [--count N]
//                 [--levels 0,1,2] [--containers folder,pdf,tiff] [--jobs N]
//                 [--separators yes|no] [--stacks K] [--blank-backs P]   (preset stack)
//
// Output (see samples/README.md): DIR/manifest.json, DIR/dossiers/…, DIR/truth/NAME.json;
// preset stack: DIR/stacks/NAME.pdf|.tif|/ and DIR/stacks/NAME.truth.json.
// The same seed and options give byte-identical files, whatever --jobs is.
#include <leptonica/allheaders.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>

#include "degrade.h"
#include "dossier.h"
#include "output.h"
#include "plan.h"
#include "render.h"
#include "scanned_dossier.h"
#include "stack.h"
#include "text.h"

namespace fs = std::filesystem;
using namespace sohoa::samples;

namespace {

/// What one generated dossier contributed, for the summary.
struct Outcome {
  std::string error;
  int pages = 0;
  int upside_down = 0;
};

Outcome generate_one(const PlannedDossier& plan, size_t index, uint64_t seed,
                     const fs::path& out_dir, Renderer& renderer) {
  Rng rng(Rng::derive(seed, index));
  const ScannedDossier dossier = scan_dossier(plan, rng, renderer);

  nlohmann::ordered_json pages = nlohmann::ordered_json::array();
  Outcome outcome;
  for (size_t i = 0; i < dossier.scanned.size(); ++i) {
    const ScannedPage& s = dossier.scanned[i];
    outcome.upside_down += s.rotation == 180 ? 1 : 0;
    nlohmann::ordered_json page;
    page["number"] = i + 1;
    page["kind"] = kind_name(dossier.rendered[i].kind);
    page["dpi"] = s.dpi;
    page["rotation"] = s.rotation;
    page["width"] = s.image.cols;
    page["height"] = s.image.rows;
    page["text"] = nfc(join(dossier.rendered[i].lines, "\n"));
    pages.push_back(std::move(page));
  }
  outcome.pages = static_cast<int>(dossier.scanned.size());

  nlohmann::ordered_json truth;
  truth["name"] = plan.name;
  truth["path"] = write_dossier(out_dir, plan.name, plan.container, dossier.scanned);
  truth["container"] = container_name(plan.container);
  truth["level"] = plan.level;
  truth["procedure"] = dossier.content.procedure;
  truth["fields"] = truth_fields(dossier.content);
  truth["pages"] = std::move(pages);
  write_json(out_dir / "truth" / (plan.name + ".json"), truth);
  return outcome;
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::string item;
  for (char c : text + ",") {
    if (c == ',') {
      if (!item.empty()) out.push_back(item);
      item.clear();
    } else if (c != ' ') {
      item += c;
    }
  }
  return out;
}

nlohmann::ordered_json manifest_head(uint64_t seed, const std::string& preset) {
  nlohmann::ordered_json manifest;
  manifest["generator"] = "sohoa-samples";
  manifest["version"] = 1;
  manifest["seed"] = seed;
  manifest["preset"] = preset;
  return manifest;
}

/// Preset stack: the stacks, their manifest and the summary. Returns the exit status.
int run_stacks(const std::vector<PlannedDossier>& plan, const std::vector<PlannedStack>& stacks,
               const StackRun& run, const fs::path& out,
               std::chrono::steady_clock::time_point started) {
  const StackTotals totals = generate_stacks(plan, stacks, run, out);
  nlohmann::ordered_json manifest = manifest_head(run.seed, "stack");
  manifest["stacks"] = totals.written;
  try {
    write_json(out / "manifest.json", manifest);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf(
      "%zu stacks, %d dossiers, %d pages (%d separator sheets, %d blank backs, %d upside "
      "down) in %.1f s\n",
      totals.written.size(), totals.dossiers, totals.pages, totals.separators, totals.blanks,
      totals.upside_down, seconds);
  for (const auto& [level, n] : totals.per_level) std::printf("  level %d: %d pages\n", level, n);
  for (const auto& [name, n] : totals.per_container) {
    std::printf("  %s: %d pages\n", name.c_str(), n);
  }
  return totals.failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Generate synthetic Vietnamese administrative dossiers with ground truth."};
  std::string out_dir;
  uint64_t seed = 1;
  std::string preset = "ocr";
  int count = 0;
  std::string levels_arg = "0,1,2";
  std::string containers_arg;
  std::string separators_arg = "yes";
  int stacks = 1;
  double blank_backs = 0.15;
  unsigned jobs = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
  app.add_option("--out", out_dir,
                 "Output folder (its dossiers/, truth/, stacks/ and manifest.json are "
                 "replaced)")
      ->required();
  app.add_option("--seed", seed, "Random seed; same seed and options give identical output")
      ->capture_default_str();
  app.add_option("--preset", preset, "committed | ocr | extract | stack")
      ->check(CLI::IsMember({"committed", "ocr", "extract", "stack"}))
      ->capture_default_str();
  app.add_option("--count", count, "Number of dossiers (default: the preset's)")
      ->check(CLI::PositiveNumber);
  app.add_option("--levels", levels_arg, "Scan levels to use, e.g. 0,1,2")->capture_default_str();
  app.add_option("--containers", containers_arg,
                 "Containers to use: folder,pdf,tiff (default folder,pdf,tiff; stack: one per "
                 "stack, pdf,tiff,folder)");
  CLI::Option* separators_opt = app.add_option("--separators", separators_arg,
                                               "stack: a separator sheet before every dossier")
                                    ->check(CLI::IsMember({"yes", "no"}))
                                    ->capture_default_str();
  CLI::Option* stacks_opt =
      app.add_option("--stacks", stacks, "stack: number of stacks the dossiers are spread over")
          ->check(CLI::Range(1, 999))
          ->capture_default_str();
  CLI::Option* blank_backs_opt =
      app.add_option("--blank-backs", blank_backs, "stack: chance that a blank back follows a page")
          ->check(CLI::Range(0.0, 1.0))
          ->capture_default_str();
  app.add_option("--jobs", jobs, "Worker threads (output does not depend on it)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;  // --help is not an error; anything else is a usage error
  }

  const bool stack_preset = preset == "stack";
  for (const CLI::Option* opt : {separators_opt, stacks_opt, blank_backs_opt}) {
    if (!stack_preset && opt->count() > 0) {
      std::fprintf(stderr, "error: %s is for --preset stack only\n", opt->get_name().c_str());
      return 2;
    }
  }
  if (containers_arg.empty()) containers_arg = stack_preset ? "pdf,tiff,folder" : "folder,pdf,tiff";

  PlanOptions options;
  options.preset = preset;
  options.stacks = stacks;
  options.separators = separators_arg == "yes";
  options.seed = seed;
  options.count = count;
  options.levels.clear();
  for (const std::string& l : split_list(levels_arg)) {
    if (l != "0" && l != "1" && l != "2") {
      std::fprintf(stderr, "error: --levels: '%s' is not 0, 1 or 2\n", l.c_str());
      return 2;
    }
    options.levels.push_back(l[0] - '0');
  }
  options.containers.clear();
  for (const std::string& c : split_list(containers_arg)) {
    if (c == "folder") {
      options.containers.push_back(Container::kFolder);
    } else if (c == "pdf") {
      options.containers.push_back(Container::kPdf);
    } else if (c == "tiff") {
      options.containers.push_back(Container::kTiff);
    } else {
      std::fprintf(stderr, "error: --containers: '%s' is not folder, pdf or tiff\n", c.c_str());
      return 2;
    }
  }

  std::vector<PlannedDossier> plan;
  std::vector<PlannedStack> stack_plan;
  try {
    plan = plan_dossiers(options);
    if (stack_preset) stack_plan = plan_stacks(options);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 2;
  }

  const auto started = std::chrono::steady_clock::now();
  setMsgSeverity(L_SEVERITY_ERROR);
  const fs::path out(out_dir);
  try {
    fs::create_directories(out);
    fs::remove_all(out / "dossiers");
    fs::remove_all(out / "truth");
    fs::remove_all(out / "stacks");
    fs::remove(out / "manifest.json");
    fs::create_directories(out / (stack_preset ? "stacks" : "truth"));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: cannot prepare %s: %s\n", out_dir.c_str(), e.what());
    return 1;
  }

  if (stack_preset) {
    return run_stacks(plan, stack_plan, StackRun{seed, blank_backs, jobs}, out, started);
  }

  std::vector<Outcome> outcomes(plan.size());
  std::atomic<size_t> next{0};
  std::mutex progress;
  const auto worker = [&]() {
    Renderer renderer;
    for (size_t i = next++; i < plan.size(); i = next++) {
      try {
        outcomes[i] = generate_one(plan[i], i, seed, out, renderer);
      } catch (const std::exception& e) {
        outcomes[i].error = e.what();
      }
      const std::lock_guard<std::mutex> lock(progress);
      std::fprintf(stderr, "%s %s (%d pages)\n", outcomes[i].error.empty() ? "made" : "FAILED",
                   plan[i].name.c_str(), outcomes[i].pages);
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < std::min<size_t>(jobs, plan.size()); ++t) threads.emplace_back(worker);
  for (std::thread& t : threads) t.join();

  int failures = 0;
  int pages = 0;
  int upside_down = 0;
  std::map<int, int> per_level;
  std::map<std::string, int> per_container;
  nlohmann::ordered_json names = nlohmann::ordered_json::array();
  for (size_t i = 0; i < plan.size(); ++i) {
    if (!outcomes[i].error.empty()) {
      std::fprintf(stderr, "error: %s: %s\n", plan[i].name.c_str(), outcomes[i].error.c_str());
      ++failures;
      continue;
    }
    names.push_back(plan[i].name);
    pages += outcomes[i].pages;
    upside_down += outcomes[i].upside_down;
    per_level[plan[i].level] += outcomes[i].pages;
    per_container[container_name(plan[i].container)] += outcomes[i].pages;
  }
  nlohmann::ordered_json manifest = manifest_head(seed, preset);
  manifest["dossiers"] = names;
  try {
    write_json(out / "manifest.json", manifest);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("%zu dossiers, %d pages (%d upside down) in %.1f s\n", names.size(), pages,
              upside_down, seconds);
  for (const auto& [level, n] : per_level) std::printf("  level %d: %d pages\n", level, n);
  for (const auto& [name, n] : per_container) std::printf("  %s: %d pages\n", name.c_str(), n);
  return failures == 0 ? 0 : 1;
}
