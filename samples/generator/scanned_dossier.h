// One planned dossier composed, rendered and scanned: what every preset writes out.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "degrade.h"
#include "dossier.h"
#include "plan.h"
#include "render.h"
#include "rng.h"

namespace sohoa::samples {

struct ScannedDossier {
  DossierContent content;
  ScanSettings settings;               ///< how all its pages went through the scanner
  std::vector<RenderedPage> rendered;  ///< upright pages at 300 dpi, in page order
  std::vector<ScannedPage> scanned;    ///< the same pages as stored
};

/// Composes, renders and scans `plan`, drawing from `rng` in a fixed order (content, pages,
/// scan settings, then per page whether it is fed upside down and its degradation).
ScannedDossier scan_dossier(const PlannedDossier& plan, Rng& rng, Renderer& renderer);

/// The truth file's `fields`: the content's fields as NFC strings.
nlohmann::ordered_json truth_fields(const DossierContent& content);

}  // namespace sohoa::samples
