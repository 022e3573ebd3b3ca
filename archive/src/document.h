// The Xapian document of a dossier, built from its record as schema.h says. Private to the
// archive library: the indexer writes these documents, verify and stats read their values.
#pragma once

#include <xapian.h>

#include <string>

#include "sohoa/archive/record.h"

namespace sohoa {

// The document that indexes `dossier`: terms, positions, value slots and the data a result
// list shows. Pure; thread-safe.
Xapian::Document make_document(const Dossier& dossier);

// A short digest of the record as indexed (kSlotRecordDigest), so that `sohoa verify` can tell
// an index entry that no longer matches its record.
std::string record_digest(const Dossier& dossier);

}  // namespace sohoa
