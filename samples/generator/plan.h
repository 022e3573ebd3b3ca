// Which dossiers a preset makes: procedure, scan level and container of each.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "output.h"

namespace sohoa::samples {

struct PlannedDossier {
  std::string name;  ///< "L1-ket_hon-004"
  std::string procedure;
  int level = 0;
  Container container = Container::kFolder;
  double prose_chance = 0.3;
  bool flip_second_page = false;  ///< store page 2 upside down (levels 1 and 2)
  bool bitonal = false;           ///< level 2: bitonal rather than grey
  int jpeg_quality = 80;
  int stack = -1;  ///< preset stack: index of the stack the dossier is in
};

struct PlanOptions {
  std::string preset = "ocr";  ///< committed | ocr | extract | stack
  uint64_t seed = 1;
  int count = 0;  ///< 0: the preset's default
  std::vector<int> levels = {0, 1, 2};
  std::vector<Container> containers = {Container::kFolder, Container::kPdf, Container::kTiff};
  // Preset stack only.
  int stacks = 1;          ///< the dossiers are spread over this many stacks, in order
  bool separators = true;  ///< a separator sheet before every dossier
};

/// One box of dossiers scanned into one file (preset stack).
struct PlannedStack {
  std::string name;   ///< "sep-001" or "nosep-001"
  std::string label;  ///< box label "HOP-2019-017", one per stack, distinct
  Container container = Container::kPdf;
  bool separators = true;
  size_t first = 0;  ///< its dossiers are plan[first, first + count)
  size_t count = 0;
};

/// The dossiers to generate, in order. Throws std::invalid_argument for a bad preset.
std::vector<PlannedDossier> plan_dossiers(const PlanOptions& options);

/// The stacks of preset stack, matching the `stack` of plan_dossiers(options). Throws
/// std::invalid_argument for more stacks than dossiers.
std::vector<PlannedStack> plan_stacks(const PlanOptions& options);

}  // namespace sohoa::samples
