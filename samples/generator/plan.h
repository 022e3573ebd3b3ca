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
};

struct PlanOptions {
  std::string preset = "ocr";  ///< committed | ocr | extract
  uint64_t seed = 1;
  int count = 0;  ///< 0: the preset's default
  std::vector<int> levels = {0, 1, 2};
  std::vector<Container> containers = {Container::kFolder, Container::kPdf, Container::kTiff};
};

/// The dossiers to generate, in order. Throws std::invalid_argument for a bad preset.
std::vector<PlannedDossier> plan_dossiers(const PlanOptions& options);

}  // namespace sohoa::samples
