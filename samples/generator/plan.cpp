#include "plan.h"

#include <stdexcept>
#include <utility>

#include "dossier.h"
#include "rng.h"
#include "text.h"

namespace sohoa::samples {
namespace {

constexpr uint64_t kPlanStream = 0xD055'1E25ULL;
constexpr uint64_t kStackPlanStream = 0x57AC'4B0EULL;
constexpr size_t kStackDefaultCount = 100;

size_t stack_count(const PlanOptions& options) {
  return options.count > 0 ? static_cast<size_t>(options.count) : kStackDefaultCount;
}

/// Dossier `i` of `count` spread over `stacks` stacks in order, the first ones one larger.
size_t stack_size(size_t count, size_t stacks, size_t s) {
  return count / stacks + (s < count % stacks ? 1 : 0);
}

void check_stacks(const PlanOptions& options) {
  if (options.stacks < 1 || options.stacks > 999 ||
      static_cast<size_t>(options.stacks) > stack_count(options)) {
    throw std::invalid_argument(
        "--stacks must be between 1 and the number of dossiers (999 at most)");
  }
}

std::string name_of(int level, const std::string& procedure, size_t index) {
  std::string name = "L";
  name += std::to_string(level);
  name += '-';
  name += procedure;
  name += '-';
  name += zero_pad(static_cast<int64_t>(index + 1), 3);
  return name;
}

}  // namespace

std::vector<PlannedDossier> plan_dossiers(const PlanOptions& options) {
  if (options.levels.empty() || options.containers.empty()) {
    throw std::invalid_argument("at least one level and one container are needed");
  }
  const std::vector<std::string>& ids = procedure_ids();  // six procedures, then "unknown"
  Rng rng(Rng::derive(options.seed, kPlanStream));
  std::vector<PlannedDossier> plan;
  const size_t n_levels = options.levels.size();
  const size_t n_containers = options.containers.size();

  if (options.preset == "committed") {
    // Two dossiers per procedure and two prose-only ones; level and container rotate so
    // that every (level, container) pair appears and each procedure gets two levels.
    const size_t count = options.count > 0 ? static_cast<size_t>(options.count) : 14;
    int flipped = 0;
    for (size_t i = 0; i < count; ++i) {
      PlannedDossier d;
      d.procedure = ids[(i / 2) % ids.size()];
      d.level = options.levels[i % n_levels];
      d.container = options.containers[(i + i / n_levels) % n_containers];
      d.prose_chance = 0.4;
      d.bitonal = d.level == 2 && d.container != Container::kFolder;
      d.jpeg_quality = d.level == 1 ? 60 : 55;
      if (d.level > 0 && d.procedure != "unknown" && flipped < 2) {
        d.flip_second_page = true;
        ++flipped;
      }
      plan.push_back(std::move(d));
    }
  } else if (options.preset == "ocr" || options.preset == "extract") {
    const bool ocr = options.preset == "ocr";
    const size_t count = options.count > 0 ? static_cast<size_t>(options.count) : (ocr ? 24 : 126);
    // Balanced (level, container) pairs in a shuffled order.
    std::vector<std::pair<int, Container>> combos;
    while (combos.size() < count) {
      for (int level : options.levels) {
        for (Container c : options.containers) combos.emplace_back(level, c);
      }
    }
    combos.resize(count);
    rng.shuffle(combos);
    for (size_t i = 0; i < count; ++i) {
      PlannedDossier d;
      if (ocr) {
        d.procedure = ids[i % ids.size()];
        d.prose_chance = 1.0;  // three pages or more per dossier
      } else {
        // 20 of each procedure per 126, the rest prose-only.
        d.procedure = i % 21 == 20 ? "unknown" : ids[(i - i / 21) % 6];
        d.prose_chance = 0.3;
      }
      d.level = combos[i].first;
      d.container = combos[i].second;
      d.bitonal = d.level == 2 && rng.chance(d.container == Container::kTiff ? 0.8 : 0.5);
      d.jpeg_quality =
          static_cast<int>(d.level == 1 ? rng.uniform_int(70, 85) : rng.uniform_int(60, 75));
      plan.push_back(std::move(d));
    }
  } else if (options.preset == "stack") {
    check_stacks(options);
    const size_t count = stack_count(options);
    // Procedures: the six in turn; with separators every twelfth dossier is prose-only
    // (without a separator nothing would mark where one starts). Then shuffled.
    std::vector<std::string> procedures;
    for (size_t i = 0, k = 0; i < count; ++i) {
      procedures.push_back(options.separators && i % 12 == 11 ? "unknown" : ids[k++ % 6]);
    }
    rng.shuffle(procedures);
    std::vector<int> levels;
    while (levels.size() < count) {
      for (int level : options.levels) levels.push_back(level);
    }
    levels.resize(count);
    rng.shuffle(levels);
    const auto stacks = static_cast<size_t>(options.stacks);
    for (size_t s = 0, i = 0; s < stacks; ++s) {
      for (size_t n = stack_size(count, stacks, s); n > 0; --n, ++i) {
        PlannedDossier d;
        d.procedure = procedures[i];
        d.prose_chance = 0.3;
        d.level = levels[i];
        d.container = options.containers[s % n_containers];
        d.stack = static_cast<int>(s);
        d.bitonal = d.level == 2 && rng.chance(d.container == Container::kTiff ? 0.8 : 0.5);
        d.jpeg_quality =
            static_cast<int>(d.level == 1 ? rng.uniform_int(70, 85) : rng.uniform_int(60, 75));
        plan.push_back(std::move(d));
      }
    }
  } else {
    throw std::invalid_argument("unknown preset '" + options.preset +
                                "' (expected committed, ocr, extract or stack)");
  }
  for (size_t i = 0; i < plan.size(); ++i) {
    plan[i].name = name_of(plan[i].level, plan[i].procedure, i);
  }
  return plan;
}

std::vector<PlannedStack> plan_stacks(const PlanOptions& options) {
  if (options.containers.empty()) throw std::invalid_argument("at least one container is needed");
  check_stacks(options);
  const size_t count = stack_count(options);
  const auto stacks = static_cast<size_t>(options.stacks);
  Rng rng(Rng::derive(options.seed, kStackPlanStream));
  std::vector<PlannedStack> out;
  size_t first = 0;
  for (size_t s = 0; s < stacks; ++s) {
    PlannedStack stack;
    stack.name =
        (options.separators ? "sep-" : "nosep-") + zero_pad(static_cast<int64_t>(s + 1), 3);
    // A box label: year and a three-digit box number, distinct within the set.
    for (bool fresh = false; !fresh;) {
      stack.label = "HOP-" + std::to_string(rng.uniform_int(2016, 2025)) + "-" +
                    zero_pad(rng.uniform_int(1, 999), 3);
      fresh = true;
      for (const PlannedStack& other : out) fresh = fresh && other.label != stack.label;
    }
    stack.container = options.containers[s % options.containers.size()];
    stack.separators = options.separators;
    stack.first = first;
    stack.count = stack_size(count, stacks, s);
    first += stack.count;
    out.push_back(std::move(stack));
  }
  return out;
}

}  // namespace sohoa::samples
