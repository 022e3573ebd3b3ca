// Reading "Label: value" forms from a table of rules, the way most extractors do.
//
// A plugin describes each field once (key, printed label, kind of value, how far the value
// may wrap, which label must come before it) and gets FieldValues with value, raw text,
// confidence, page and box. Values that fail their normaliser are left out, never guessed.
//
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sohoa/plugin/sdk.h"
#include "sohoa/plugin/text.h"

namespace sohoa::plugin {

// How the text after a label becomes a stored value (shared/FORMS.md conventions).
enum class ValueKind {
  kText,         // single spaces, leaders removed
  kAddress,      // normalize_address (address.h); its doubts flag the field for review
  kName,         // normalize_name
  kDate,         // parse_date, else parse_date_words
  kYear,         // four digits
  kIdNumber,     // the first 12- or 9-digit number (spaces inside allowed)
  kPhone,        // normalize_phone
  kMoney,        // normalize_money
  kNumber,       // normalize_number
  kSex,          // normalize_sex
  kWard,         // find_ward
  kDossierCode,  // find_dossier_code
};

// Whether a word is one Vietnamese syllable as written: an onset (b, ch, ngh, qu, …, or none)
// and a rhyme of the language, tone aside ("VẬI", "Nhổii" and "XEMÁY", two words run
// together, are not). Words with digits or punctuation and abbreviations without a vowel
// (TNHH) or in plain capitals (UBND) pass; foreign words fail: a person should check them.
bool plausible_word(std::string_view word);

// The stored value of `text` read as `kind`, or nothing.
std::optional<std::string> normalize_as(ValueKind kind, std::string_view text);

struct FieldRule {
  std::string_view key;
  std::string_view label;  // as printed, e.g. "Ngày, tháng, năm sinh"
  ValueKind kind = ValueKind::kText;
  int continuation_lines = 0;                      // the value may wrap onto this many more lines
  std::vector<std::string_view> stop_labels = {};  // labels that end the value on its line
  // A label that must be found first; the field's label is searched only after it (on a
  // later line, or later on the same line). Empty: anywhere in the scope.
  std::string_view after = {};
  // A label that ends the search: the field's label must come before it. When it is not
  // found, the value is read from anywhere after `after` and flagged for review.
  std::string_view before = {};
  // The label opens its line (specks aside): a title or a sentence that holds the same words
  // is no match ("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN…" for "Tiếp nhận hồ sơ của").
  bool line_start = false;
};

// Where rules are searched: pages [first_page, last_page) by index.
struct Scope {
  int first_page = 0;
  int last_page = 1 << 30;
};

// Person names are printed more than once in a dossier (receipt, form, signature), in capitals
// and in mixed case, and OCR misreads their marks differently each time. settle_name() finds
// every reading of the same name (the same letters once folded) and takes, word by word, the
// spelling most readings agree on (mixed-case readings weigh 1.5, capitals 1: OCR drops marks
// on capitals more often); a family name that is no known surname but folds to exactly one
// ("Nguyen", "Nguyên" → "Nguyễn") takes that surname. Confidence drops when readings disagree.
void settle_name(const DossierView& dossier, FieldValue& name);

// Whether `word` ("Hiền", "Nguyễn") is a given name or family name of the SDK's tables of
// usual names, spelled as a name word is (a capital, then lower case).
bool is_name_word(std::string_view word);

// The usual given or middle name with the letters of `word` ("Huy" for "Hùy") but other marks,
// when `word`, spelled as a name word is, is no usual name word itself; nothing otherwise. A
// word like that is most likely the name with a mark misread.
std::optional<std::string_view> remarked_name_word(std::string_view word);

// The common middle name (chữ đệm) with the letters of `word` but other marks ("Thu" for
// "Thư"), when `word`, spelled as a name word is, is none itself. Both may be names; only the
// position tells: in "Dương Thị Thư Phương" the word before the given name is most likely Thu.
std::optional<std::string_view> remarked_middle_name(std::string_view word);

// An address is often printed more than once in a dossier (the receipt, the form's applicant,
// the owner). A number of the field's raw text that another page prints otherwise between the
// same two words on each side ("ngõ 37 Tây Tựu" on the receipt, "ngõ 237 Tây Tựu" on the form:
// held-out seed 72, a digit lost) flags the field, unless the value's own reading is printed more
// often. read_field does this for ValueKind::kAddress.
void doubt_numbers_printed_otherwise(const DossierView& dossier, FieldValue& field);

// The words of `text` between its spaces, none empty.
std::vector<std::string> split_at_spaces(std::string_view text);

// The letters of a word (punctuation OCR glued on dropped), spelled as a name word is:
// "HIỀN," → "Hiền". Empty when it has no letter.
std::string name_word(std::string_view raw);

// The known Vietnamese family name whose letters without marks are `folded` (e.g. "tran"),
// when there is exactly one; nothing otherwise.
std::optional<std::string_view> surname_for(std::string_view folded);

// Reads one field (names are settled with settle_name). Confidence is the lowest word confidence of
// the value, lowered by 5% per edit the label needed.
std::optional<FieldValue> read_field(const DossierView& dossier, const FieldRule& rule,
                                     const Scope& scope = {});

// Reads every rule; the fields found, in rule order. Of rules sharing a key (a label of each
// version of the form), the value read on the earliest page is kept; on one page, the first
// rule's.
std::vector<FieldValue> read_fields(const DossierView& dossier, const std::vector<FieldRule>& rules,
                                    const Scope& scope = {});

// A FieldValue holding `value`, read as `text` (raw text, page, box, confidence).
FieldValue field_from(std::string_view key, std::string value, const ValueText& text);

// A FieldValue from text already located (e.g. a table cell); nothing if it does not
// normalise.
std::optional<FieldValue> make_field(std::string_view key, ValueKind kind, const ValueText& text);

// How well one of the first `top_lines` lines of a page reads as `title` (folded, whole line),
// 0..1, best over the pages. Titles of forms are printed near the top in capitals.
double title_score(const DossierView& dossier, std::string_view title, int top_lines = 14);
double title_score_on_page(const PageView& page, std::string_view title, int top_lines = 14);

// The index of the page carrying `title` best (score ≥ min_score), or -1.
int page_with_title(const DossierView& dossier, std::string_view title, double min_score = 0.75,
                    int top_lines = 14);

// The field with this key, or null.
FieldValue* find_field(std::vector<FieldValue>& fields, std::string_view key);

// Marks a value the plugin doubts (failed validation, two readings disagree); keeps the
// first reason given.
void flag_for_review(FieldValue* field, const std::string& reason);

// Flags the ID number under `id_key` when it is a CCCD whose century digit or birth year
// contradicts the date (or year) under `birth_key` (check_cccd). Either missing: nothing.
void check_id_against_birth(std::vector<FieldValue>& fields, std::string_view id_key,
                            std::string_view birth_key);

// The date of a "place, ngày DD tháng MM năm YYYY" line (the line above the signatures, or
// under the national motto), first in the scope after `after` (a label; empty: anywhere). The
// date may run onto the next line.
std::optional<FieldValue> read_place_date(const DossierView& dossier, std::string_view key,
                                          const Scope& scope = {}, std::string_view after = {});

// Whether the one-stop receipt of the dossier asks for this procedure: its "Nội dung yêu cầu
// giải quyết" contains `words` (compared folded, e.g. "khai sinh").
bool receipt_requests(const DossierView& dossier, std::string_view words);

// The usual score of a procedure plugin: its form's title near the top of a page, supported
// by the receipt's request: 0.75 × title similarity + 0.25 if the receipt asks for it; a
// receipt request alone (form unreadable) gives 0.55.
double procedure_score(const DossierView& dossier, std::string_view title,
                       std::string_view request_words);

}  // namespace sohoa::plugin
