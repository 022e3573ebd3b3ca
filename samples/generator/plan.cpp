#include "plan.h"

#include <stdexcept>
#include <utility>

#include "dossier.h"
#include "rng.h"
#include "text.h"

namespace sohoa::samples {
namespace {

constexpr uint64_t kPlanStream = 0xD055'1E25ULL;

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
  } else {
    throw std::invalid_argument("unknown preset '" + options.preset +
                                "' (expected committed, ocr or extract)");
  }
  for (size_t i = 0; i < plan.size(); ++i) {
    plan[i].name = name_of(plan[i].level, plan[i].procedure, i);
  }
  return plan;
}

}  // namespace sohoa::samples
