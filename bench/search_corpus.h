// Synthetic dossier records for the search benchmark (bench/search): what OCR and the plugins
// would have produced for a filed dossier, without images or OCR.
//
// Dossier i is a pure function of (seed, i): the benchmark regenerates any dossier to build a
// query for it, so the corpus never has to be held in memory. Names, wards, addresses, ID
// numbers and dates come from the sample generator (samples/generator/values.h); field keys
// and value formats follow shared/FORMS.md; each dossier carries about 3 KB of page text
// (receipt, declaration form, an ID-card copy).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sohoa/archive/record.h"

namespace sohoa::bench {

struct CorpusDossier {
  Dossier record;
  // What an officer might know of it, for queries.
  std::string subject_name;  // the person the dossier is about (child, deceased, owner, …)
  std::string subject_key;   // its field key (child_name, …)
  std::string other_name;    // a second person of the dossier (father, husband, requester, …)
  std::string id_number;     // digits; empty if the procedure records none
  std::string id_printed;    // the ID number as printed on the page ("001 088 012345")
  std::string received_date;
};

CorpusDossier make_corpus_dossier(std::uint64_t seed, std::uint64_t index);

// The procedures the corpus draws from.
const std::vector<std::string>& corpus_procedures();

}  // namespace sohoa::bench
