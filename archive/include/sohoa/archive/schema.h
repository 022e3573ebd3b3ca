// The search index schema, in one place. The indexer, the query parser, `sohoa plugins`,
// `sohoa verify` and `sohoa stats` all read it; nothing else invents a prefix or a value slot.
//
// Two tables:
//  - kFields: the query fields an officer types (`code:`, `procedure:`, `ward:`, `id:`,
//    `date:`, `signed:`, `year:`), each with its term prefix, value slot, folding and help.
//  - the record-field registry: every key a plugin may put in Dossier::fields (shared/FORMS.md
//    keys are built in; plugins register more with register_field()), each with a value type.
//    Each record field is searchable as `key:value` under the prefix field_prefix(key), and
//    is indexed according to its type (see index.cpp and docs/architecture.md).
//
// Words of the text are indexed twice: the folded form without a prefix and with its position
// ("duong"), and, when it differs, the exact lower-case form under kExactPrefix ("XEđường"),
// without position. A query word without diacritics matches the folded form; a query word
// with diacritics matches either, so exact spellings get the extra weight and rank first.
// Phrases match on folded positions (an exact phrase is always a folded one); their exact
// words add weight. Adjacent name words also get a pair term (kPairPrefix) that filters a
// phrase before its positions are read.
//
// Changing how terms are made means bumping kSchemaVersion or kFoldingVersion; both are stored
// in the database metadata so that an old index is recognised (`sohoa verify`) and rebuilt
// (`sohoa reindex`).
//
// Thread-safety: the constexpr tables are immutable. The record-field registry is guarded by
// a mutex: register_field(), field_spec() and field_specs() may be called from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sohoa/result.h"

namespace sohoa::schema {

inline constexpr std::string_view kSchemaVersion = "4";
inline constexpr std::string_view kFoldingVersion = "1";

inline constexpr std::string_view kIdPrefix = "Q";      // unique id term of a dossier
inline constexpr std::string_view kExactPrefix = "XE";  // exact lower-case word
// A whole person name, folded, words joined by one space: "XNnguyen thu hoa". From every
// person_name field, and (schema 3) from the names written in the text: in a run of
// capitalised words on one line, the words from the first Vietnamese family name on, if they
// are 2 to 5. Ranking only: a query's runs of adjacent words are tried as names.
inline constexpr std::string_view kNamePrefix = "XN";
// Two adjacent words of the text that are both common in person names (is_name_word), folded,
// joined by one space: "XBnguyen thu". Without positions (schema 4). A quoted phrase is
// filtered on the pair terms of its adjacent name words before any position is read: name
// words are among the commonest of the archive ("thu", "hoa", "thang" and "quan" are in nearly
// every dossier), so without the filter a name in quotes reads the positions of most dossiers.
// The filter loses nothing: every adjacency of two name words anywhere in the text has its
// pair term, whatever its case.
inline constexpr std::string_view kPairPrefix = "XB";

// True if the folded word is common in Vietnamese person names (a family, middle or given
// name): the words whose adjacent pairs get a kPairPrefix term.
bool is_name_word(std::string_view folded);

// The kPairPrefix term of two adjacent folded words.
std::string pair_term(std::string_view first, std::string_view second);

// Value slots. Dates are stored as ISO `YYYY-MM-DD` strings, which sort as dates.
inline constexpr unsigned kSlotIngestedAt = 0;    // ISO 8601 UTC
inline constexpr unsigned kSlotReceivedDate = 1;  // received_date (`date:`)
inline constexpr unsigned kSlotSignedDate = 2;    // signed_date (`signed:`)
inline constexpr unsigned kSlotProcedure = 3;     // procedure id (facet, stats)
inline constexpr unsigned kSlotWard = 4;          // canonical ward name (facet, stats)
inline constexpr unsigned kSlotYear = 5;          // year received, else year signed (facet)
inline constexpr unsigned kSlotDueDate = 6;       // due_date (stats)
inline constexpr unsigned kSlotReturnedDate = 7;  // returned_date (stats)
inline constexpr unsigned kSlotRecordDigest = 8;  // digest of the record indexed (verify)
inline constexpr unsigned kSlotFacets = 9;        // "procedure\tward\tyear", one read per match
inline constexpr int kNoSlot = -1;

// How a query field's value becomes a term or a range.
enum class Folding {
  kText,       // words: folded, plus exact under kExactPrefix, with positions
  kKeyword,    // the whole value, as given (procedure ids)
  kCode,       // the whole value, upper case, spaces removed (dossier codes)
  kWard,       // a canonical ward name, exact, never folded (see resolve_ward)
  kDigits,     // digits only: spaces, dots and dashes typed inside are ignored (ID numbers)
  kDateRange,  // a date, partial date or range, over a value slot
  kYear,       // a year, or a range of years
};

struct IndexField {
  std::string_view name;    // as typed in a query: name:value
  std::string_view prefix;  // Xapian term prefix ("" for slot-only fields)
  int slot;                 // value slot, or kNoSlot
  Folding folding;
  bool boolean;  // filter only, no weight
  std::string_view help;
};

inline constexpr IndexField kFields[] = {
    {"text", "", kNoSlot, Folding::kText, false, "words anywhere in the dossier (the default)"},
    {"code", "XC", kNoSlot, Folding::kCode, true,
     "dossier code, e.g. code:000.00.17.H26-191226-0001"},
    {"procedure", "XP", static_cast<int>(kSlotProcedure), Folding::kKeyword, true,
     "procedure id, e.g. procedure:khai_sinh"},
    {"ward", "XW", static_cast<int>(kSlotWard), Folding::kWard, true,
     "ward, exact: ward:\"Phú Diễn\" (never Phúc Diễn); without diacritics if unambiguous"},
    {"id", "XI", kNoSlot, Folding::kDigits, true,
     "ID number in any id_number field, spaces and dots ignored: id:\"001 088 012345\""},
    {"date", "", static_cast<int>(kSlotReceivedDate), Folding::kDateRange, true,
     "received date: date:2019, date:2019-03, date:2019-01-01..2019-06-30, date:2019.."},
    {"signed", "", static_cast<int>(kSlotSignedDate), Folding::kDateRange, true,
     "date signed, same forms as date:"},
    {"year", "XY", static_cast<int>(kSlotYear), Folding::kYear, true,
     "year received (else signed): year:2019, year:2018..2020"},
};

inline constexpr const IndexField* find_field(std::string_view name) {
  for (const IndexField& f : kFields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

// ---- record fields (Dossier::fields) --------------------------------------------------------

// The value types of shared/FORMS.md "Value conventions".
inline constexpr std::string_view kFieldTypes[] = {
    "text",  "person_name", "date",   "year", "id_number", "dossier_code",
    "phone", "money",       "number", "sex",  "ward",
};

bool is_field_type(std::string_view type);

struct FieldSpec {
  std::string key;       // e.g. "father_name"
  std::string type;      // one of kFieldTypes
  std::string label_vi;  // label as printed on the forms, e.g. "Họ, chữ đệm, tên người cha"
  bool searchable = true;
  bool builtin = false;  // from shared/FORMS.md (or sohoa itself), not registered at run time
};

// Registers a record field. Thread-safe. Registering a key again with the same type is fine
// (the label and searchable flag of the first registration stay); errors (kUsage): a key that
// is not [a-z][a-z0-9_]*, a name reserved for a query field (text, code, procedure, id, date,
// signed, year), an unknown type, or a type that conflicts with the key's existing type.
Status register_field(std::string key, std::string type, std::string label_vi, bool searchable);

// The spec of a key; an unknown key is treated as searchable text, so that old records and
// fields of unregistered plugins still index.
FieldSpec field_spec(std::string_view key);
// The spec of a built-in or registered key, or nothing.
std::optional<FieldSpec> find_field_spec(std::string_view key);
// Every built-in and registered field, sorted by key.
std::vector<FieldSpec> field_specs();

// Term prefix of a record field's folded words or whole value ("XFfather_name:"), and of its
// exact lower-case words ("XGfather_name:").
std::string field_prefix(std::string_view key);
std::string field_exact_prefix(std::string_view key);

// ---- value conventions ---------------------------------------------------------------------

// The term value of a dossier code (Folding::kCode): upper case, spaces removed.
std::string normalize_code(std::string_view code);
// Digits only ("001 088.012-345" → "001088012345").
std::string digits_only(std::string_view text);
// An ISO date `YYYY-MM-DD` from `YYYY-MM-DD`, `D/M/YYYY` or `D-M-YYYY`; nothing if the value is
// not a valid calendar date.
std::optional<std::string> normalize_date(std::string_view value);

// A closed, half-open or open range of ISO dates, compared as strings: `lo` is inclusive,
// `hi` is inclusive of every date starting with it (hi = "2019-03" covers all of March).
struct DateRange {
  std::string lo;  // empty: no lower bound
  std::string hi;  // empty: no upper bound; else a date prefix, compared with "~" appended
};
// Parses `2019`, `2019-03`, `2019-03-05`, `A..B`, `A..`, `..B` (A and B any of the three).
// Errors: kUsage naming what is wrong ("month 13", "2019-02-30 is not a date", "ends before").
Result<DateRange> parse_date_range(std::string_view text);

// The 13 wards of Bắc Từ Liêm before 1 July 2025 (shared/FORMS.md).
struct Ward {
  std::string_view code;
  std::string_view name;  // canonical
};
inline constexpr Ward kWards[] = {
    {"00595", "Thượng Cát"}, {"00598", "Liên Mạc"},    {"00601", "Đông Ngạc"},
    {"00602", "Đức Thắng"},  {"00604", "Thụy Phương"}, {"00607", "Tây Tựu"},
    {"00610", "Xuân Đỉnh"},  {"00611", "Xuân Tảo"},    {"00613", "Minh Khai"},
    {"00616", "Cổ Nhuế 1"},  {"00617", "Cổ Nhuế 2"},   {"00619", "Phú Diễn"},
    {"00620", "Phúc Diễn"},
};

// The ward name a field value names, for indexing: "phường Xuân Đỉnh", "P. Xuân Đỉnh" →
// "Xuân Đỉnh". Compared exactly (case aside): folding never maps one ward onto another. A name
// outside the table is kept as written (normalised, words capitalised as printed).
std::string canonical_ward(std::string_view value);
// The ward a query names: exact (case aside) first; typed without any diacritic, the one ward
// whose folded name matches, if exactly one does. Errors (kUsage): a name without diacritics
// that matches no ward or several. A name with diacritics outside the table is taken as is.
Result<std::string> resolve_ward(std::string_view typed);
// The term of a canonical ward name (lower case, exact).
std::string ward_term(std::string_view canonical);

}  // namespace sohoa::schema
