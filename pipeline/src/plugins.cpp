#include "sohoa/pipeline/plugins.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <map>
#include <optional>
#include <set>

#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>

#include "sohoa/archive/schema.h"
#include "sohoa/archive/text.h"
#include "sohoa/plugin/extract.h"
#include "sohoa/plugin/sdk.h"
#include "sohoa/plugin/text.h"

namespace sohoa {
namespace fs = std::filesystem;
namespace dll = boost::dll;

namespace {

constexpr std::string_view kDescriptorSymbol = "sohoa_plugin_descriptor";
constexpr std::string_view kFactorySymbol = "sohoa_create_extractor";
constexpr std::size_t kMaxValueBytes = 2000;

// Every library ever opened, for the life of the process (see plugins.h: never unloaded).
std::vector<std::shared_ptr<dll::shared_library>>& kept_libraries() {
  static auto* libraries = new std::vector<std::shared_ptr<dll::shared_library>>();
  return *libraries;
}

bool is_identifier(const char* s) {
  if (s == nullptr || *s == '\0') return false;
  for (const char* p = s; *p != '\0'; ++p) {
    const char c = *p;
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return std::string_view(s).size() <= 64;
}

bool is_text(const char* s) {
  return s != nullptr && *s != '\0' && std::string_view(s).size() < 500;
}

bool valid_utf8(std::string_view s) {
  for (char32_t c : plugin::decode_utf8(s)) {
    if (c == U'\uFFFD' || (c < 0x20 && c != '\n')) return false;
  }
  return true;
}

// At most `max_bytes` of `s`, cut between two characters, never inside one: a record holding
// half a character cannot be saved (JSON needs whole UTF-8).
std::string utf8_prefix(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  std::size_t n = max_bytes;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return std::string(s.substr(0, n));
}

// The descriptor's problem, or empty.
std::string check_descriptor(const sohoa_plugin_descriptor& d, PluginInfo& info) {
  if (d.abi_version != SOHOA_PLUGIN_ABI_VERSION) {
    return "built for plugin ABI " + std::to_string(d.abi_version) + ", this sohoa speaks ABI " +
           std::to_string(SOHOA_PLUGIN_ABI_VERSION) +
           ": rebuild it against this sohoa's plugins/sdk";
  }
  if (d.cxx_abi == nullptr || std::string_view(d.cxx_abi) != SOHOA_PLUGIN_CXX_ABI) {
    return std::string("built with C++ library ABI '") + (d.cxx_abi ? d.cxx_abi : "(none)") +
           "', this sohoa uses '" SOHOA_PLUGIN_CXX_ABI "': rebuild it with the same compiler";
  }
  if (!is_identifier(d.id)) return "descriptor id is missing or not [a-z0-9_]+";
  if (!is_text(d.version)) return "descriptor version is missing";
  if (d.role != SOHOA_PLUGIN_ROLE_PROCEDURE && d.role != SOHOA_PLUGIN_ROLE_RECEIPT) {
    return "descriptor role " + std::to_string(d.role) + " is unknown";
  }
  if (d.field_count > 0 && d.fields == nullptr) return "descriptor has fields but no field table";
  if (d.field_count > 200)
    return "descriptor declares " + std::to_string(d.field_count) + " fields";
  info.id = d.id;
  info.version = d.version;
  info.title_vi = is_text(d.title_vi) ? d.title_vi : d.id;
  info.receipt = d.role == SOHOA_PLUGIN_ROLE_RECEIPT;
  std::set<std::string> keys;
  for (std::size_t i = 0; i < d.field_count; ++i) {
    const sohoa_field_schema& f = d.fields[i];
    if (!is_identifier(f.key)) return "field " + std::to_string(i) + " has no valid key";
    if (!keys.insert(f.key).second) return std::string("field '") + f.key + "' is declared twice";
    if (f.type == nullptr || !schema::is_field_type(f.type)) {
      return std::string("field '") + f.key + "' has unknown type '" + (f.type ? f.type : "") + "'";
    }
    info.fields.push_back(
        PluginField{f.key, is_text(f.label_vi) ? f.label_vi : f.key, f.type, f.searchable != 0});
  }
  return {};
}

// A word OCR glued to its label across the colon, the space after it lost
// ("thoại:0352128424", "của:*Nguyễn", "của*,BÙI"): the label's word with its colon, then the
// rest, each with its share of the box (by characters). Any other word: itself. A label word
// is in lower case; a speck read as a colon between two words of a name or title ("Hà:Nội",
// "HỒ:SƠ") is no label's, and stays.
std::vector<plugin::WordView> unglue_label(const plugin::WordView& w) {
  const std::u32string cps = plugin::decode_utf8(w.text);
  std::size_t colon = 1;
  auto glue = [](char32_t c) { return c == U':' || c == U';' || c == U'*'; };
  while (colon < cps.size() && !glue(cps[colon])) ++colon;
  if (colon + 1 >= cps.size() ||
      !plugin::holds_letter(plugin::encode_utf8(cps.substr(colon - 1, 1)))) {
    return {w};
  }
  std::size_t rest = colon;
  while (rest < cps.size() && (glue(cps[rest]) || cps[rest] == U',')) ++rest;
  if (rest >= cps.size()) return {w};
  const std::string head = plugin::encode_utf8(cps.substr(0, colon));
  if (plugin::holds_letter(plugin::encode_utf8(cps.substr(rest, 1))) &&
      plugin::to_lower(head) != head) {
    return {w};
  }
  const int left_w = static_cast<int>(std::lround(
      static_cast<double>(w.box.w) * static_cast<double>(rest) / static_cast<double>(cps.size())));
  plugin::WordView label{
      plugin::encode_utf8(cps.substr(0, rest)), {w.box.x, w.box.y, left_w, w.box.h}, w.confidence};
  plugin::WordView value{plugin::encode_utf8(cps.substr(rest)),
                         {w.box.x + left_w, w.box.y, w.box.w - left_w, w.box.h},
                         w.confidence};
  return {label, value};
}

plugin::PageView make_page_view(const Page& p) {
  plugin::PageView page;
  page.number = p.number;
  page.width = p.width;
  page.height = p.height;
  page.dpi = p.dpi;
  page.blank = p.blank;
  page.confidence = p.ocr_confidence;
  for (const Word& w : p.words) {
    if (w.line < 0) continue;
    const auto line = static_cast<std::size_t>(w.line);
    if (page.lines.size() <= line) page.lines.resize(line + 1);
    plugin::LineView& l = page.lines[line];
    const plugin::Box box{w.bbox[0], w.bbox[1], w.bbox[2], w.bbox[3]};
    for (plugin::WordView& piece : unglue_label(plugin::WordView{w.text, box, w.confidence})) {
      if (!l.text.empty()) l.text += ' ';
      l.text += piece.text;
      l.words.push_back(std::move(piece));
    }
    l.box = plugin::unite(l.box, box);
  }
  std::erase_if(page.lines, [](const plugin::LineView& l) { return l.words.empty(); });
  return page;
}

plugin::DossierView make_view(const Dossier& d) {
  plugin::DossierView view;
  for (const Page& p : d.pages) view.pages.push_back(make_page_view(p));
  return view;
}

// The latest date a dossier can carry: a year from today (a due date may lie ahead). A date
// beyond it is a misreading ("năm 2048").
std::string latest_plausible_date() {
  std::time_t now = std::time(nullptr);
  now += 366 * 24 * 3600;
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

void flag(Dossier& d, const std::string& key, const std::string& reason) {
  if (std::find(d.needs_review.begin(), d.needs_review.end(), key) == d.needs_review.end()) {
    d.needs_review.push_back(key);
  }
  std::string& r = d.review_reasons[key];
  if (r.empty()) r = reason;
}

// How a value of this type is read from its text, for the types whose values are digits.
std::optional<plugin::ValueKind> digit_kind(std::string_view type) {
  if (type == "date") return plugin::ValueKind::kDate;
  if (type == "year") return plugin::ValueKind::kYear;
  if (type == "id_number") return plugin::ValueKind::kIdNumber;
  if (type == "phone") return plugin::ValueKind::kPhone;
  if (type == "money") return plugin::ValueKind::kMoney;
  if (type == "number") return plugin::ValueKind::kNumber;
  if (type == "dossier_code") return plugin::ValueKind::kDossierCode;
  return std::nullopt;
}

bool inside(const Box& inner, const Box& outer) {
  return inner[0] >= outer[0] && inner[1] >= outer[1] &&
         inner[0] + inner[2] <= outer[0] + outer[2] && inner[1] + inner[3] <= outer[1] + outer[3];
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A word without the punctuation around it (letters, digits and any non-ASCII character kept).
std::string_view word_core(std::string_view w) {
  auto alnum = [](char c) { return is_digit(c) || (c & 0x80) != 0 || std::isalpha(c) != 0; };
  while (!w.empty() && !alnum(w.front())) w.remove_prefix(1);
  while (!w.empty() && !alnum(w.back())) w.remove_suffix(1);
  return w;
}

// `word` with its digits replaced by those of `again`, when `again` is the same word with other
// digits: as many digits, the same other characters (punctuation around the word aside). A
// reading that gained or lost a digit, or read a letter, is no other value of the word.
std::optional<std::string> same_word_other_digits(std::string_view word, std::string_view again) {
  const std::string_view a = word_core(word);
  const std::string_view b = word_core(again);
  if (a.size() != b.size() || a == b) return std::nullopt;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i] && !(is_digit(a[i]) && is_digit(b[i]))) return std::nullopt;
  }
  std::string out(word);
  out.replace(static_cast<std::size_t>(a.data() - word.data()), a.size(), b);
  return out;
}

// What a field of `kind` would be if the word `word`, one of the words of `raw`, had been read
// with the digits of `again`.
struct OtherValue {
  bool placed = false;               // `again` is `word` with other digits, found in `raw`
  std::optional<std::string> value;  // a valid value other than the field's, if that gives one
};

OtherValue other_value(plugin::ValueKind kind, const std::string& raw, const std::string& value,
                       const std::string& word, const std::string& again) {
  OtherValue out;
  const std::optional<std::string> replaced = same_word_other_digits(word, again);
  if (!replaced) return out;
  for (std::size_t at = raw.find(word); at != std::string::npos; at = raw.find(word, at + 1)) {
    const std::size_t end = at + word.size();
    if ((at > 0 && raw[at - 1] != ' ') || (end < raw.size() && raw[end] != ' ')) continue;
    out.placed = true;
    std::string other = raw;
    other.replace(at, word.size(), *replaced);
    std::optional<std::string> v = plugin::normalize_as(kind, other);
    if (v && *v != value) {
      out.value = std::move(v);
      return out;
    }
  }
  return out;
}

// Whether every run of digits of `word` is in `digits` (a date's "05/02/2020" in 20200205).
bool digits_in(std::string_view word, const std::string& digits) {
  for (std::size_t i = 0; i < word.size();) {
    if (!is_digit(word[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < word.size() && is_digit(word[j])) ++j;
    if (digits.find(word.substr(i, j - i)) == std::string::npos) return false;
    i = j;
  }
  return true;
}

// Whether `word` has a letter (ASCII or any non-ASCII character: OCR's Vietnamese letters).
bool has_letter(std::string_view word) {
  return std::any_of(word.begin(), word.end(), [](char c) {
    return (c & 0x80) != 0 || std::isalpha(static_cast<unsigned char>(c)) != 0;
  });
}

// Letters and digits of `word`, in code points (a Vietnamese letter is one).
std::size_t glyphs(std::string_view word) {
  std::size_t n = 0;
  for (char c : word) {
    if ((c & 0xC0) == 0x80) continue;  // inside a multi-byte letter
    if ((c & 0x80) != 0 || std::isalnum(static_cast<unsigned char>(c)) != 0) ++n;
  }
  return n;
}

// Whether `part` is `whole` with some characters left out.
bool subsequence(std::string_view part, std::string_view whole) {
  std::size_t i = 0;
  for (char c : whole) {
    if (i < part.size() && part[i] == c) ++i;
  }
  return i == part.size();
}

// Where two ISO dates differ in exactly one digit and both digits are round figures OCR
// takes for each other (0 3 5 6 8 9), those two digits ("8/6"); otherwise nothing.
std::optional<std::string> confusable_digit(std::string_view a, std::string_view b) {
  static constexpr std::string_view kRound = "035689";
  if (a.size() != b.size()) return std::nullopt;
  std::optional<std::string> pair;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] == b[i]) continue;
    if (pair || kRound.find(a[i]) == std::string_view::npos ||
        kRound.find(b[i]) == std::string_view::npos) {
      return std::nullopt;
    }
    pair = std::string{a[i], '/', b[i]};
  }
  return pair;
}

// Days since 1970-01-01 of an ISO date "YYYY-MM-DD" (proleptic Gregorian), or nothing.
std::optional<long> days_of(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  if (std::sscanf(std::string(iso).c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m},
                                        std::chrono::day{d}};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days{ymd}.time_since_epoch().count();
}

// Whether the second reading of a word of digits only (`first`: its digits) saw fewer figures
// and a letter among them, while keeping at least two of the digits in order: "44401" read
// again as "Ả401". How many digits the number has is then in doubt. A lost "1" says nothing
// (l, I, J and T are its usual misreadings), nor does a reading keeping fewer than two digits.
bool fewer_glyphs_with_a_letter(std::string_view word, const std::string& first,
                                std::string_view second, const std::string& again) {
  if (has_letter(word) || !has_letter(second) || again.size() < 2) return false;
  if (glyphs(second) >= first.size() || !subsequence(again, first)) return false;
  std::string lost = first;
  for (char c : again) lost.erase(lost.find(c), 1);
  return lost.find_first_not_of('1') != std::string::npos;
}

// A word of the page read a second time, as the plugins saw it: a word glued to its label is
// two (unglue_label), and so is its second reading when it splits alike.
struct SecondReading {
  std::string text;
  Box bbox{};
  std::string second_reading;
};

std::vector<SecondReading> second_readings_of(const Page& page) {
  std::vector<SecondReading> out;
  for (const Word& w : page.words) {
    if (w.second_reading.empty()) continue;
    const std::vector<plugin::WordView> pieces =
        unglue_label(plugin::WordView{w.text, {w.bbox[0], w.bbox[1], w.bbox[2], w.bbox[3]}, 0});
    const std::vector<plugin::WordView> again =
        unglue_label(plugin::WordView{w.second_reading, {}, 0});
    for (std::size_t i = 0; i < pieces.size(); ++i) {
      const plugin::Box& b = pieces[i].box;
      out.push_back(
          SecondReading{pieces[i].text,
                        {b.x, b.y, b.w, b.h},
                        again.size() == pieces.size() ? again[i].text : w.second_reading});
    }
  }
  return out;
}

// The second readings of every page of the dossier, by page number - 1.
using SecondReadings = std::vector<std::vector<SecondReading>>;
SecondReadings second_readings(const Dossier& d) {
  SecondReadings out;
  for (const Page& p : d.pages) out.push_back(second_readings_of(p));
  return out;
}

// Whether `again` is `word` with one of its digits left out, punctuation around them aside
// ("96/2016-SCT/BS" read again as "6/2016-SCT/BS."): the other reading saw no digit there.
bool one_digit_dropped(std::string_view word, std::string_view again) {
  const std::string_view a = word_core(word);
  const std::string_view b = word_core(again);
  if (b.empty() || a.size() != b.size() + 1) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (is_digit(a[i]) && a.substr(0, i) == b.substr(0, i) && a.substr(i + 1) == b.substr(i)) {
      return true;
    }
  }
  return false;
}

// Tesseract misreads a digit with full confidence ("0332876577" for 0932876577); the words
// holding digits have a second reading (Word::second_reading: by the second model, alone, or
// with the digit the first nearly read). A value of
// digits is doubted when the second reading of one of its words
//   - is the same word with other digits, and put in its place makes another valid value (and
//     not when it makes none: "22/04/2024" read again "32/04/2024"),
//   - else changed a digit: neither reading's digits are the other's with some left out ("053."
//     read again as "-0594"),
//   - saw fewer figures, a letter among them (fewer_glyphs_with_a_letter).
// Otherwise a second reading whose digits only gained or lost some (the word's box cut into a
// neighbour's ink, or a faint digit was dropped), or that read letters, says nothing. Only the
// words whose digits are in the value count ("16 giờ 55 phút" of a date does not). A text
// value holding digits and letters (a certification book "96/2016-SCT/BS") is doubted when a
// word's second reading is the word with one digit left out (one_digit_dropped: "6/2016-SCT/BS."
// by the second model, held-out seed 30, where the print has 06); its digits are too few to
// say more, and a number's own lost digits stay silent as above.
void doubt_by_second_reading(Dossier& d, const SecondReadings& readings) {
  for (const auto& [key, field] : d.fields) {
    const std::string& type = schema::field_spec(key).type;
    std::optional<plugin::ValueKind> kind = digit_kind(type);
    // A text field whose value is a number (a certification number) is a value of digits too.
    if (!kind && !field.value.empty() && schema::digits_only(field.value) == field.value) {
      kind = plugin::ValueKind::kNumber;
    }
    const bool text_with_digits =
        !kind && type == "text" && !schema::digits_only(field.value).empty();
    if ((!kind && !text_with_digits) || field.page < 1 ||
        field.page > static_cast<int>(d.pages.size())) {
      continue;
    }
    const std::string value_digits = schema::digits_only(field.value);
    for (const SecondReading& w : readings[static_cast<std::size_t>(field.page - 1)]) {
      if (!inside(w.bbox, field.bbox)) continue;
      const std::string first = schema::digits_only(w.text);
      const std::string again = schema::digits_only(w.second_reading);
      if (first.empty() || !digits_in(w.text, value_digits)) continue;
      std::string why;
      if (!kind) {
        if (one_digit_dropped(w.text, w.second_reading)) why = "(a digit left out)";
      } else if (const OtherValue other =
                     other_value(*kind, field.raw, field.value, w.text, w.second_reading);
                 other.value) {
        why = "(" + *other.value + ")";
      } else if (other.placed) {
        // The same word with other digits that make no valid value ("32/04/2024"): the
        // page's reading stands.
      } else if (!again.empty() && !subsequence(again, first) && !subsequence(first, again)) {
        why = "(other digits)";
      } else if (fewer_glyphs_with_a_letter(w.text, first, w.second_reading, again)) {
        why = "(fewer figures)";
      }
      if (why.empty()) continue;
      flag(d, key,
           "read as " + field.value + ", but \"" + w.text + "\" was also read \"" +
               w.second_reading + "\" " + why);
      break;
    }
  }
}

// A person's name holding a word Tesseract nearly read with another mark (the second reading
// of a word in lower case, OcrConfig::mark_readings), when that reading is a usual name too
// ("Hiển", nearly "Hiền"): which of the two is printed is for a person to see. A reading that
// is no name ("Hiến" nearly "Hiên") says nothing.
void doubt_name_marks(Dossier& d, const SecondReadings& readings) {
  for (const auto& [key, field] : d.fields) {
    if (schema::field_spec(key).type != "person_name") continue;
    if (field.page < 1 || field.page > static_cast<int>(d.pages.size())) continue;
    const std::string spaced = " " + field.value + " ";
    for (const SecondReading& w : readings[static_cast<std::size_t>(field.page - 1)]) {
      if (!inside(w.bbox, field.bbox)) continue;
      const std::string read = plugin::name_word(w.text);
      const std::string other = plugin::name_word(w.second_reading);
      if (read.empty() || other == read || plugin::fold(other) != plugin::fold(read)) continue;
      if (spaced.find(" " + read + " ") == std::string::npos || !plugin::is_name_word(other)) {
        continue;
      }
      flag(d, key,
           "\"" + read + "\" of " + field.value + " was nearly read \"" + other +
               "\", a name too: which is printed?");
      break;
    }
  }
}

// The receipt's applicant is most often the form's requester, owner or applicant: one name
// read twice. When the two differ in one letter of one word, marks aside ("LÊ BÌNH VIỆT" on the
// receipt, "Lê Đình Việt" three times on the form: held-out seed 34), the spelling the pages
// print fewer times is doubted, the applicant's on a tie.
void doubt_applicant_one_letter_off(Dossier& d) {
  const auto applicant = d.fields.find("applicant_name");
  if (applicant == d.fields.end()) return;
  auto words_of = [](const std::string& value) {
    std::vector<std::string> out;
    for (text::Token& t : text::tokenize(value)) out.push_back(std::move(t.text));
    return out;
  };
  const std::vector<std::string> a = words_of(applicant->second.value);
  for (const auto& [key, field] : d.fields) {
    if (key == "applicant_name" || schema::field_spec(key).type != "person_name") continue;
    const std::vector<std::string> b = words_of(field.value);
    if (a.size() != b.size()) continue;
    std::size_t at = a.size();
    int differing = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a[i] != b[i]) {
        ++differing;
        at = i;
      }
    }
    if (differing != 1) continue;
    const std::u32string fa = plugin::decode_utf8(plugin::fold(a[at]));
    const std::u32string fb = plugin::decode_utf8(plugin::fold(b[at]));
    if (plugin::edit_distance(fa, fb) != 1) continue;
    int count_a = 0;
    int count_b = 0;
    for (const Page& p : d.pages) {
      for (const Word& w : p.words) {
        const std::string spelled = plugin::name_word(w.text);
        count_a += spelled == a[at] ? 1 : 0;
        count_b += spelled == b[at] ? 1 : 0;
      }
    }
    const std::string doubted = count_a <= count_b ? "applicant_name" : key;
    flag(d, doubted,
         "\"" + applicant->second.value + "\" and \"" + field.value + "\" (" + key +
             ") differ in one letter: one person, misread?");
    return;
  }
}

}  // namespace

struct PluginSet::Loaded {
  std::shared_ptr<plugin::Extractor> extractor;
  std::size_t info = 0;  // index into infos_
};

PluginSet::PluginSet() = default;
PluginSet::~PluginSet() = default;
PluginSet::PluginSet(PluginSet&&) noexcept = default;
PluginSet& PluginSet::operator=(PluginSet&&) noexcept = default;

const std::vector<PluginInfo>& PluginSet::plugins() const { return infos_; }
const std::vector<PluginFailure>& PluginSet::failures() const { return failures_; }

std::vector<fs::path> PluginSet::default_folders() {
  std::vector<fs::path> out;
  std::error_code ec;
  const fs::path exe = dll::program_location(ec);
  if (!ec) {
    out.push_back(exe.parent_path() / "plugins");
    out.push_back(exe.parent_path().parent_path() / "lib" / "sohoa" / "plugins");
  }
  if (const char* env = std::getenv("SOHOA_PLUGIN_PATH")) {
    std::string_view rest = env;
    while (!rest.empty()) {
      const std::size_t colon = rest.find(':');
      const std::string_view part = rest.substr(0, colon);
      if (!part.empty()) out.emplace_back(std::string(part));
      rest = colon == std::string_view::npos ? std::string_view{} : rest.substr(colon + 1);
    }
  }
  return out;
}

PluginSet PluginSet::load(const std::vector<fs::path>& folders) {
  PluginSet set;
  std::vector<fs::path> files;
  std::set<fs::path> seen_folders;
  for (const fs::path& folder : folders) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(folder, ec);
    if (ec || !fs::is_directory(canonical, ec) || !seen_folders.insert(canonical).second) continue;
    std::vector<fs::path> here;
    for (const fs::directory_entry& e : fs::directory_iterator(canonical, ec)) {
      if (e.path().extension() == ".so" && e.is_regular_file(ec)) here.push_back(e.path());
    }
    std::sort(here.begin(), here.end());
    files.insert(files.end(), here.begin(), here.end());
  }
  std::map<std::string, std::string> id_files;
  for (const fs::path& file : files) {
    auto fail = [&](const std::string& reason) {
      set.failures_.push_back(PluginFailure{file.string(), reason});
    };
    std::shared_ptr<dll::shared_library> lib;
    try {
      lib = std::make_shared<dll::shared_library>(
          file, dll::load_mode::rtld_now | dll::load_mode::rtld_local);
    } catch (const std::exception& e) {
      fail(std::string("not a loadable plugin library (") + e.what() +
           "): remove it from the plugin folder or rebuild it");
      continue;
    }
    kept_libraries().push_back(lib);
    if (!lib->has(kDescriptorSymbol.data())) {
      fail("exports no sohoa_plugin_descriptor: not a sohoa plugin (see docs/writing-a-plugin.md)");
      continue;
    }
    const auto& descriptor = lib->get<const sohoa_plugin_descriptor>(kDescriptorSymbol.data());
    PluginInfo info;
    info.file = file.string();
    if (std::string problem = check_descriptor(descriptor, info); !problem.empty()) {
      fail(problem);
      continue;
    }
    if (auto it = id_files.find(info.id); it != id_files.end()) {
      fail("plugin id '" + info.id + "' is already loaded from " + it->second +
           ": remove one of the two");
      continue;
    }
    // The fields join the one schema table: a key keeps one meaning and one type everywhere
    // (a type other than the schema's, or a key reserved for a query field, is refused there).
    std::string conflict;
    for (const PluginField& f : info.fields) {
      if (Status st = schema::register_field(f.key, f.type, f.label_vi, f.searchable); !st) {
        conflict = st.error().message + ": " + st.error().hint;
        break;
      }
    }
    if (!conflict.empty()) {
      fail(conflict);
      continue;
    }
    if (!lib->has(kFactorySymbol.data())) {
      fail("exports no sohoa_create_extractor factory (SOHOA_PLUGIN exports it)");
      continue;
    }
    std::unique_ptr<plugin::Extractor> made;
    try {
      auto& factory = lib->get_alias<plugin::ExtractorFactory>(kFactorySymbol.data());
      made = factory();
    } catch (const std::exception& e) {
      fail(std::string("threw while creating its extractor: ") + e.what());
      continue;
    } catch (...) {
      fail("threw a non-standard exception while creating its extractor");
      continue;
    }
    if (!made) {
      fail("its factory returned no extractor");
      continue;
    }
    // The deleter owns the library: the code of the extractor's destructor stays mapped.
    std::shared_ptr<plugin::Extractor> extractor(made.release(),
                                                 [lib](plugin::Extractor* e) { delete e; });
    id_files[info.id] = info.file;
    set.loaded_.push_back(Loaded{std::move(extractor), set.infos_.size()});
    set.infos_.push_back(std::move(info));
  }
  return set;
}

PageStart PluginSet::page_starts(const Page& page) {
  PageStart start;
  if (page.blank || page.separator || page.words.empty()) return start;
  const plugin::PageView view = make_page_view(page);
  for (const Loaded& l : loaded_) {
    const PluginInfo& info = infos_[l.info];
    bool starts = false;
    try {
      starts = l.extractor->starts_dossier(view);
    } catch (const std::exception& e) {
      start.failures.push_back(
          PluginFailure{info.tag(), std::string("threw in starts_dossier: ") + e.what()});
    } catch (...) {
      start.failures.push_back(
          PluginFailure{info.tag(), "threw a non-standard exception in starts_dossier"});
    }
    if (!starts) continue;
    (info.receipt ? start.receipt : start.form) = true;
    start.plugin = info.id;
  }
  return start;
}

Classification PluginSet::classify_and_extract(Dossier& d) {
  Classification result;
  d.procedure = "unknown";
  d.procedure_confidence = 0;
  d.fields.clear();
  d.needs_review.clear();
  d.review_reasons.clear();
  const plugin::DossierView view = make_view(d);
  const std::string latest_date = latest_plausible_date();

  auto misbehaved = [&](const PluginInfo& info, const std::string& what) {
    result.failures.push_back(PluginFailure{info.tag(), what});
    for (const PluginField& f : info.fields) flag(d, f.key, "plugin " + info.tag() + " " + what);
  };

  // Scores.
  std::vector<double> scores(loaded_.size(), -1);
  for (std::size_t i = 0; i < loaded_.size(); ++i) {
    const PluginInfo& info = infos_[loaded_[i].info];
    try {
      const double s = loaded_[i].extractor->score(view);
      if (!std::isfinite(s) || s < 0 || s > 1) {
        result.failures.push_back(
            PluginFailure{info.tag(), "returned score " + std::to_string(s) + ", not in 0..1"});
        continue;
      }
      scores[i] = s;
    } catch (const std::exception& e) {
      result.failures.push_back(PluginFailure{info.tag(), std::string("threw: ") + e.what()});
    } catch (...) {
      result.failures.push_back(PluginFailure{info.tag(), "threw a non-standard exception"});
    }
  }

  // The procedure: the best claim, unless another is as good.
  std::size_t best = loaded_.size();
  double second = -1;
  for (std::size_t i = 0; i < loaded_.size(); ++i) {
    if (infos_[loaded_[i].info].receipt || scores[i] < kMatchThreshold) continue;
    if (best == loaded_.size() || scores[i] > scores[best]) {
      if (best != loaded_.size()) second = std::max(second, scores[best]);
      best = i;
    } else {
      second = std::max(second, scores[i]);
    }
  }
  if (best != loaded_.size() && second >= 0 && scores[best] - second < kTieMargin) {
    flag(d, "procedure", "two procedures match equally well");
    best = loaded_.size();
  } else if (best == loaded_.size()) {
    flag(d, "procedure", "no procedure plugin recognised the dossier");
  } else {
    d.procedure = infos_[loaded_[best].info].id;
    d.procedure_confidence = scores[best];
  }

  // Fields: the receipt plugins that recognised their page, then the procedure's plugin.
  for (std::size_t i = 0; i < loaded_.size(); ++i) {
    const PluginInfo& info = infos_[loaded_[i].info];
    const bool extracts = info.receipt ? scores[i] >= kMatchThreshold : i == best;
    if (!extracts) continue;
    std::vector<plugin::FieldValue> values;
    try {
      values = loaded_[i].extractor->extract(view);
    } catch (const std::exception& e) {
      misbehaved(info, std::string("threw: ") + e.what());
      continue;
    } catch (...) {
      misbehaved(info, "threw a non-standard exception");
      continue;
    }
    std::set<std::string> returned;
    for (const plugin::FieldValue& v : values) {
      const auto declared = std::find_if(info.fields.begin(), info.fields.end(),
                                         [&](const PluginField& f) { return f.key == v.key; });
      std::string problem;
      if (declared == info.fields.end()) {
        problem = "returned undeclared field '" +
                  (valid_utf8(v.key) ? utf8_prefix(v.key, 64) : std::string("(not UTF-8)")) + "'";
      } else if (v.value.empty() || v.value.size() > kMaxValueBytes || !valid_utf8(v.value)) {
        problem = "returned an empty, oversized or non-UTF-8 value";
      } else if (!valid_utf8(v.raw)) {
        problem = "returned a non-UTF-8 raw text";
      } else if (v.needs_review &&
                 (v.review_reason.size() > kMaxValueBytes || !valid_utf8(v.review_reason))) {
        problem = "returned an oversized or non-UTF-8 review reason";
      } else if (!std::isfinite(v.confidence) || v.confidence < 0 || v.confidence > 1) {
        problem = "returned confidence " + std::to_string(v.confidence);
      } else if (v.page < 1 || v.page > static_cast<int>(d.pages.size())) {
        problem = "returned page " + std::to_string(v.page) + " of a " +
                  std::to_string(d.pages.size()) + "-page dossier";
      } else {
        const Page& page = d.pages[static_cast<std::size_t>(v.page - 1)];
        if (v.box.x < 0 || v.box.y < 0 || v.box.w < 0 || v.box.h < 0 ||
            v.box.right() > page.width || v.box.bottom() > page.height) {
          problem = "returned a box outside its page";
        }
      }
      if (problem.empty() && declared != info.fields.end() &&
          (declared->type == "date" || declared->type == "year") &&
          v.value > latest_date.substr(0, v.value.size())) {
        // Not the plugin's fault: OCR misread a digit. Nothing is stored, a person checks.
        flag(d, v.key, "read as " + v.value + ", a date in the future: " + utf8_prefix(v.raw, 80));
        continue;
      }
      if (!problem.empty()) {
        result.failures.push_back(PluginFailure{info.tag(), problem});
        if (declared != info.fields.end()) flag(d, v.key, "plugin " + info.tag() + " " + problem);
        continue;
      }
      if (!returned.insert(v.key).second || d.fields.count(v.key) != 0) continue;  // first wins
      d.fields[v.key] = Field{v.value,    v.confidence,
                              v.page,     {v.box.x, v.box.y, v.box.w, v.box.h},
                              info.tag(), utf8_prefix(v.raw, kMaxValueBytes)};
      if (v.needs_review) {
        flag(d, v.key, v.review_reason.empty() ? "the plugin doubts this value" : v.review_reason);
      } else if (v.confidence < kReviewBelowConfidence) {
        flag(d, v.key, "read with confidence " + std::to_string(v.confidence).substr(0, 4));
      }
    }
    for (const PluginField& f : info.fields) {
      if (d.fields.count(f.key) == 0) flag(d, f.key, "not found on the pages");
    }
  }
  const SecondReadings readings = second_readings(d);
  doubt_by_second_reading(d, readings);
  doubt_name_marks(d, readings);
  doubt_applicant_one_letter_off(d);
  // The same person named twice (the receipt's applicant, the form's requester) with the first
  // word missing in one reading: "Mai Hà" beside "Lê Mai Hà" lost its family name.
  std::map<std::string, std::vector<std::string>> name_words;
  for (const auto& [key, field] : d.fields) {
    if (schema::field_spec(key).type != "person_name") continue;
    for (const text::Token& t :
         text::tokenize(text::fold_diacritics(text::to_lower(field.value)))) {
      name_words[key].push_back(t.text);
    }
  }
  for (const auto& [key, words] : name_words) {
    for (const auto& [other_key, other] : name_words) {
      if (key == other_key || words.size() < 2 || other.size() <= words.size()) continue;
      if (std::equal(words.begin(), words.end(), other.end() - words.size())) {
        flag(d, key,
             "\"" + d.fields[key].value + "\" lacks the first word of \"" +
                 d.fields[other_key].value + "\" (" + other_key + ")");
      }
    }
  }
  // A declaration is signed before it is handed in, not after: a later date is a misread digit
  // in one of the two.
  const auto signed_at = d.fields.find("signed_date");
  const auto received_at = d.fields.find("received_date");
  if (signed_at != d.fields.end() && received_at != d.fields.end() &&
      signed_at->second.value > received_at->second.value) {
    flag(d, "signed_date",
         "signed " + signed_at->second.value + ", after the dossier was received (" +
             received_at->second.value + ")");
  }
  // Signed a few days before it was received, the two dates one digit apart where OCR
  // confuses round figures ("08" read "06", "28" read "23"): more often the same day with the
  // signing date misread than a form signed two days ahead.
  if (signed_at != d.fields.end() && received_at != d.fields.end()) {
    if (std::optional<std::string> pair =
            confusable_digit(signed_at->second.value, received_at->second.value)) {
      flag(d, "signed_date",
           "signed " + signed_at->second.value + ", one digit (" + *pair +
               ") from the received date " + received_at->second.value + ": a misread digit?");
    }
  }
  // A form is signed days before it is handed in, not months: signed over 30 days before
  // the dossier was received is more likely a month misread ("06" for 08 on a clean scan,
  // seed 16), which the one-digit check above misses when the days differ too.
  if (signed_at != d.fields.end() && received_at != d.fields.end()) {
    const std::optional<long> signed_day = days_of(signed_at->second.value);
    const std::optional<long> received_day = days_of(received_at->second.value);
    if (signed_day && received_day && *received_day - *signed_day > 30) {
      flag(d, "signed_date",
           "signed " + signed_at->second.value + ", " +
               std::to_string(*received_day - *signed_day) +
               " days before the dossier was received (" + received_at->second.value +
               "): a misread digit?");
    }
  }
  // The result is due after the dossier was received, never before; nor before its form was
  // signed, which comes first (the received date may be unread).
  const auto due_at = d.fields.find("due_date");
  for (const auto& [before, what] : {std::pair{received_at, "the dossier was received"},
                                     std::pair{signed_at, "the form was signed"}}) {
    if (due_at == d.fields.end() || before == d.fields.end() ||
        due_at->second.value >= before->second.value) {
      continue;
    }
    const std::string why =
        "due " + due_at->second.value + ", before " + what + " (" + before->second.value + ")";
    flag(d, "due_date", why);
    flag(d, before->first, why);
  }
  return result;
}

}  // namespace sohoa
