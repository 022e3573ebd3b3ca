// The search index schema, in one table. The indexer, the query parser and the CLI's help
// all read it; nothing else invents a prefix.
//
// Words of the text are indexed twice at the same position: the folded form without a prefix
// ("duong") and, when it differs, the exact lower-case form under kExactPrefix ("XEđường").
// A query word without diacritics matches the folded form; a query word with diacritics
// matches either, so exact spellings get the extra weight and rank first.
//
// Changing how terms are made means bumping kSchemaVersion or kFoldingVersion; both are stored
// in the database metadata so that an old index is recognised and rebuilt.
#pragma once

#include <cctype>
#include <string>
#include <string_view>

namespace sohoa::schema {

inline constexpr std::string_view kSchemaVersion = "1";
inline constexpr std::string_view kFoldingVersion = "1";

inline constexpr std::string_view kIdPrefix = "Q";      // unique id term of a dossier
inline constexpr std::string_view kExactPrefix = "XE";  // exact lower-case word

// How a field's value becomes a term.
enum class Folding {
  kText,     // words: folded, plus exact under kExactPrefix, with positions
  kKeyword,  // the whole value, as given (procedure ids)
  kCode,     // the whole value, upper case, spaces removed (dossier codes)
};

struct IndexField {
  std::string_view name;    // as typed in a query: name:value
  std::string_view prefix;  // Xapian term prefix
  Folding folding;
  bool boolean;  // filter only, no weight
  std::string_view help;
};

inline constexpr IndexField kFields[] = {
    {"text", "", Folding::kText, false, "words anywhere in the dossier (the default)"},
    {"code", "XC", Folding::kCode, true, "dossier code, e.g. code:000.00.17.H26-191226-0001"},
    {"procedure", "XP", Folding::kKeyword, true, "procedure id, e.g. procedure:khai_sinh"},
};

// Value slots.
inline constexpr unsigned kSlotIngestedAt = 0;  // ISO 8601 UTC, sorts as a string

// The term value of a dossier code (Folding::kCode): upper case, spaces removed.
inline std::string normalize_code(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (c != ' ') out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

inline constexpr const IndexField* find_field(std::string_view name) {
  for (const IndexField& f : kFields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

}  // namespace sohoa::schema
