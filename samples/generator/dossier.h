// One synthetic dossier: the receipt, the declaration form, optional prose, and its truth.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "page_spec.h"
#include "rng.h"

namespace sohoa::samples {

/// Procedure ids of shared/FORMS.md, then "unknown" (prose only).
const std::vector<std::string>& procedure_ids();

struct DossierContent {
  std::string procedure;                ///< procedure id or "unknown"
  nlohmann::ordered_json fields;        ///< tiep_nhan keys, then the procedure's keys
  std::vector<DocumentSpec> documents;  ///< in page order
};

/// Draws a complete dossier of `procedure`. A page of prose follows the form with
/// probability `prose_chance`. "unknown" gives one or two prose pages and no fields.
/// Throws std::invalid_argument for an unknown procedure id.
DossierContent compose_dossier(const std::string& procedure, Rng& rng, double prose_chance);

}  // namespace sohoa::samples
