#include "document.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <unordered_set>

#include "sohoa/archive/schema.h"
#include "sohoa/archive/store.h"
#include "sohoa/archive/text.h"

namespace sohoa {
namespace {

constexpr std::size_t kMaxTermBytes = 120;  // Xapian's limit is 245; longer "words" are noise
constexpr Xapian::termpos kPageGap = 100;   // keeps phrases from spanning two pages
constexpr Xapian::termpos kFieldGap = 10;   // keeps phrases from spanning two field values

// Dossier codes as printed on receipts: V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX
// (000.00.17.H26-191226-0001): '9' stands for a digit, 'A' for a letter, others for themselves.
constexpr std::string_view kCodeShape = "999.99.99.A99-999999-9999";

bool is_ascii_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

bool matches_code_shape(std::string_view s) {
  for (std::size_t i = 0; i < kCodeShape.size(); ++i) {
    const char c = s[i];
    const char want = kCodeShape[i];
    const bool ok = want == '9'   ? std::isdigit(static_cast<unsigned char>(c)) != 0
                    : want == 'A' ? std::isalpha(static_cast<unsigned char>(c)) != 0
                                  : c == want;
    if (!ok) return false;
  }
  return true;
}

// Every dossier code in the text, as printed.
std::vector<std::string_view> find_dossier_codes(std::string_view text) {
  std::vector<std::string_view> codes;
  const std::size_t n = kCodeShape.size();
  for (std::size_t i = 0; i + n <= text.size(); ++i) {
    if (i > 0 && is_ascii_alnum(text[i - 1])) continue;
    if (i + n < text.size() && is_ascii_alnum(text[i + n])) continue;
    if (matches_code_shape(text.substr(i, n))) codes.push_back(text.substr(i, n));
  }
  return codes;
}

// Vietnamese family names (lower case, with diacritics) that begin a person's name written in
// the text. Left out: family names that more often begin a place (Hà Nội, Thái Bình, Cao
// Bằng, Lâm Đồng) or are also middle names (Văn): a name starting with one of those is still
// found by its words, only without the whole-name boost.
const std::unordered_set<std::string>& family_names() {
  static const std::unordered_set<std::string> kNames = {
      "nguyễn", "trần",  "lê",     "phạm",  "hoàng", "huỳnh", "phan",   "vũ",    "võ",
      "đặng",   "bùi",   "đỗ",     "hồ",    "ngô",   "dương", "lý",     "đào",   "đoàn",
      "vương",  "trịnh", "trương", "đinh",  "phùng", "tô",    "tạ",     "lương", "lưu",
      "quách",  "kiều",  "chu",    "đàm",   "hứa",   "tăng",  "nghiêm", "khúc",  "triệu",
      "lại",    "tống",  "mạc",    "khổng", "diệp",  "lục",   "âu",     "thân",  "doãn",
      "nông",   "bạch",  "hầu",    "lã",    "lữ",    "tiêu",  "phí",    "cù",    "cấn",
      "chử",    "đậu",   "khương", "nhâm",  "quản",  "sầm",   "tôn",    "thạch", "trình",
  };
  return kNames;
}

bool starts_upper(std::string_view word) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(word.data());
  int32_t i = 0;
  UChar32 c = 0;
  U8_NEXT(bytes, i, static_cast<int32_t>(word.size()), c);
  return c >= 0 && u_isupper(c);
}

// True if only spaces or tabs stand between two words: a name does not run across a line
// break or punctuation ("Nguyễn Văn An\nNgày sinh", "Lê Thị Hoa, Nơi cư trú").
bool same_phrase(std::string_view text, const text::Token& a, const text::Token& b) {
  for (std::size_t i = a.offset + a.length; i < b.offset; ++i) {
    if (text[i] != ' ' && text[i] != '\t') return false;
  }
  return true;
}

class DocumentBuilder {
 public:
  explicit DocumentBuilder(const Dossier& d) : d_(d) {}

  Xapian::Document build() {
    doc_.add_boolean_term(std::string(schema::kIdPrefix) + d_.id);
    doc_.add_boolean_term(std::string(schema::find_field("procedure")->prefix) + d_.procedure);
    doc_.add_value(schema::kSlotProcedure, d_.procedure);
    doc_.add_value(schema::kSlotIngestedAt, d_.ingested_at);
    const std::string code_prefix(schema::find_field("code")->prefix);
    nlohmann::json page_texts = nlohmann::json::array();
    for (const Page& page : d_.pages) {
      add_words(page.text, "", "");
      pos_ += kPageGap;
      for (std::string_view code : find_dossier_codes(page.text)) {
        doc_.add_boolean_term(code_prefix + schema::normalize_code(code));
      }
      page_texts.push_back(page.text);
    }
    nlohmann::json field_values = nlohmann::json::object();
    for (const auto& [key, field] : d_.fields) {
      const schema::FieldSpec spec = schema::field_spec(key);
      if (!spec.searchable || field.value.empty()) continue;
      add_field(key, spec.type, field.value);
      field_values[key] = field.value;
      pos_ += kFieldGap;
    }
    if (!d_.location.empty()) {
      add_field("location", "text", d_.location);
      field_values["location"] = d_.location;
    }
    if (year_.empty() && !signed_year_.empty()) year_ = signed_year_;
    if (!year_.empty()) {
      doc_.add_value(schema::kSlotYear, year_);
      doc_.add_boolean_term(std::string(schema::find_field("year")->prefix) + year_);
    }
    std::string ward;
    if (auto it = d_.fields.find("ward"); it != d_.fields.end()) {
      ward = schema::canonical_ward(it->second.value);
    }
    doc_.add_value(schema::kSlotFacets, d_.procedure + "\t" + ward + "\t" + year_);
    doc_.add_value(schema::kSlotRecordDigest, record_digest(d_));
    nlohmann::json data = {{"id", d_.id},
                           {"procedure", d_.procedure},
                           {"sources", d_.sources},
                           {"fields", std::move(field_values)},
                           {"pages", std::move(page_texts)}};
    doc_.set_data(data.dump());
    return std::move(doc_);
  }

 private:
  // Words of `text` into the free text (folded, exact under XE) and, with a field prefix, also
  // under that field's prefixes, at the same positions. Person names written in the text get
  // their whole-name term too (add_text_names).
  void add_words(std::string_view text, const std::string& field_prefix,
                 const std::string& field_exact_prefix) {
    const std::vector<text::Token> tokens = text::tokenize(text);
    std::vector<std::string> folded(tokens.size());
    std::vector<std::string> lower(tokens.size());
    bool after_name_word = false;  // the word before is_name_word (one look-up per word)
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const text::Token& t = tokens[i];
      ++pos_;
      folded[i] = text::fold_diacritics(t.text);
      if (folded[i].size() > kMaxTermBytes) {
        after_name_word = false;
        continue;
      }
      lower[i] = text::to_lower(t.text);
      const bool differs = lower[i] != folded[i];
      doc_.add_posting(folded[i], pos_);
      const bool name_word = schema::is_name_word(folded[i]);
      if (name_word && after_name_word) {
        doc_.add_boolean_term(schema::pair_term(folded[i - 1], folded[i]));
      }
      after_name_word = name_word;
      // Exact forms carry no positions: a phrase matches on folded positions, and the exact
      // words only rank (an exact phrase is always a folded phrase too). This halves the
      // position data, the largest table of the index.
      if (differs) doc_.add_term(std::string(schema::kExactPrefix) + lower[i]);
      if (field_prefix.empty()) continue;
      doc_.add_posting(field_prefix + folded[i], pos_);
      if (differs) doc_.add_term(field_exact_prefix + lower[i]);
    }
    add_text_names(text, tokens, folded, lower);
  }

  // A person named in the text, not only in a field (the holder of a certified copy, the
  // family name of a business, a parent on a form the plugin does not read), gets the same
  // whole-name term as a person_name field: in a run of capitalised words on one line, the
  // words from the first family name to the end of the run, if they are 2 to 5 ("Giấy khai
  // sinh của: Nguyễn Mạnh Thắng", "HỘ KINH DOANH NGUYỄN THỊ HOA" → "XNnguyen thi hoa").
  void add_text_names(std::string_view text, const std::vector<text::Token>& tokens,
                      const std::vector<std::string>& folded,
                      const std::vector<std::string>& lower) {
    std::size_t i = 0;
    while (i < tokens.size()) {
      if (!starts_upper(tokens[i].text)) {
        ++i;
        continue;
      }
      std::size_t end = i + 1;
      while (end < tokens.size() && starts_upper(tokens[end].text) &&
             same_phrase(text, tokens[end - 1], tokens[end])) {
        ++end;
      }
      for (std::size_t first = i; first + 1 < end; ++first) {
        if (!family_names().count(lower[first])) continue;
        if (end - first <= 5) add_name_term(folded, first, end);
        break;
      }
      i = end;
    }
  }

  void add_field(const std::string& key, const std::string& type, const std::string& raw) {
    const std::string value = text::collapse_spaces(text::normalize_text(raw));
    const std::string prefix = schema::field_prefix(key);
    if (type == "text" || type == "person_name") {
      add_words(value, prefix, schema::field_exact_prefix(key));
      if (type == "person_name") add_name_term(value);
    } else if (type == "id_number" || type == "phone") {
      const std::string digits = schema::digits_only(value);
      if (digits.empty()) return;
      doc_.add_boolean_term(prefix + digits);
      if (type == "id_number") {
        doc_.add_boolean_term(std::string(schema::find_field("id")->prefix) + digits);
      }
      doc_.add_posting(digits, ++pos_);
    } else if (type == "date") {
      add_date(key, value);
    } else if (type == "year") {
      const std::string digits = schema::digits_only(value);
      if (!digits.empty()) doc_.add_boolean_term(prefix + digits);
    } else if (type == "dossier_code") {
      const std::string code = schema::normalize_code(value);
      doc_.add_boolean_term(std::string(schema::find_field("code")->prefix) + code);
      doc_.add_boolean_term(prefix + code);
    } else if (type == "ward") {
      const std::string ward = schema::canonical_ward(value);
      doc_.add_boolean_term(schema::ward_term(ward));
      if (key == "ward") doc_.add_value(schema::kSlotWard, ward);
      add_words(value, "", "");
    } else if (type == "sex") {
      doc_.add_boolean_term(prefix + text::fold_diacritics(value));
    } else if (type == "money") {
      doc_.add_boolean_term(prefix + schema::digits_only(value));
    } else {  // number: decimal with '.'
      std::string number = text::to_lower(value);
      std::replace(number.begin(), number.end(), ',', '.');
      doc_.add_boolean_term(prefix + number);
    }
  }

  void add_name_term(const std::string& value) {
    std::vector<std::string> folded;
    for (const text::Token& t : text::tokenize(value))
      folded.push_back(text::fold_diacritics(t.text));
    add_name_term(folded, 0, folded.size());
  }

  // The whole-name term of the folded words [first, last).
  void add_name_term(const std::vector<std::string>& folded, std::size_t first, std::size_t last) {
    if (first >= last) return;
    std::string name(schema::kNamePrefix);
    for (std::size_t i = first; i < last; ++i) {
      if (i > first) name += ' ';
      name += folded[i];
    }
    // Once per dossier, however many fields repeat the name: a dossier should not outrank
    // the one that names both people asked for because it names one of them three times.
    if (name.size() <= kMaxTermBytes && names_.insert(name).second) doc_.add_term(name);
  }

  void add_date(const std::string& key, const std::string& value) {
    const std::optional<std::string> iso = schema::normalize_date(value);
    if (!iso) {  // not a date: still findable as words
      add_words(value, schema::field_prefix(key), schema::field_exact_prefix(key));
      return;
    }
    const std::string prefix = schema::field_prefix(key);
    doc_.add_boolean_term(prefix + *iso);
    doc_.add_boolean_term(prefix + iso->substr(0, 7));
    doc_.add_boolean_term(prefix + iso->substr(0, 4));
    if (key == "received_date") {
      doc_.add_value(schema::kSlotReceivedDate, *iso);
      year_ = iso->substr(0, 4);
    } else if (key == "signed_date") {
      doc_.add_value(schema::kSlotSignedDate, *iso);
      signed_year_ = iso->substr(0, 4);
    } else if (key == "due_date") {
      doc_.add_value(schema::kSlotDueDate, *iso);
    } else if (key == "returned_date") {
      doc_.add_value(schema::kSlotReturnedDate, *iso);
    }
  }

  const Dossier& d_;
  Xapian::Document doc_;
  Xapian::termpos pos_ = 0;
  std::string year_;
  std::string signed_year_;
  std::set<std::string> names_;  // whole-name terms added
};

}  // namespace

Xapian::Document make_document(const Dossier& dossier) { return DocumentBuilder(dossier).build(); }

std::string record_digest(const Dossier& dossier) {
  return sha256_hex(record_to_json(dossier).dump()).substr(0, 16);
}

}  // namespace sohoa
