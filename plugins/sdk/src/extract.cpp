#include "sohoa/plugin/extract.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include "sohoa/plugin/address.h"
#include "sohoa/plugin/values.h"

namespace sohoa::plugin {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

constexpr std::string_view kDagger = "†";

// Where the first "†" at or after `from` that touches a digit is in `text`, or npos: how a 1 of
// the print reads in a poor scan ("00† 195"). For ID numbers, which read it as the 1;
// addresses doubt it with any other sign (sign_beside_digit_in_address).
std::size_t dagger_beside_digit(std::string_view text, std::size_t from = 0) {
  for (std::size_t at = text.find(kDagger, from); at != std::string_view::npos;
       at = text.find(kDagger, at + 1)) {
    const std::size_t end = at + kDagger.size();
    if ((at > 0 && is_digit(text[at - 1])) || (end < text.size() && is_digit(text[end]))) {
      return at;
    }
  }
  return std::string_view::npos;
}

struct IdRun {
  std::string digits;
  std::size_t start = 0;  // where in the text the run begins
  std::size_t end = 0;    // where in the text the run stopped
  bool dashed = false;    // a '-' joined two of its groups
  bool spread = false;    // a sign and a space stood between two of its groups ("001. 199")
};

// The first run of 12 or 9 digits at or after `from`, spaces and dots inside allowed ("001 0
// 88 012345").
std::optional<IdRun> first_id_run(std::string_view text, std::size_t from = 0) {
  for (std::size_t i = from; i < text.size(); ++i) {
    if (!is_digit(text[i]) || (i > 0 && is_digit(text[i - 1]))) continue;
    // Groups join across a space, '.', ',', a quote and a '-': a speck OCR put between two
    // groups ("001'0 78 957126", "001 093 391-004"; make_field doubts them). Read as a break,
    // it left a 9-digit number of the first or last groups.
    IdRun run;
    run.start = i;
    std::size_t j = i;
    for (; j < text.size(); ++j) {
      const char c = text[j];
      const bool sign = c == '.' || c == ',' || c == '\'' || c == '`';
      if (is_digit(c)) {
        run.digits += c;
      } else if ((c == ' ' || c == '-' || sign) && j + 1 < text.size() && is_digit(text[j + 1])) {
        run.dashed = run.dashed || c == '-';
      } else if (sign && j + 2 < text.size() && text[j + 1] == ' ' && is_digit(text[j + 2])) {
        // "001. 199 395 657" (held-out seed 89): a speck after a group read as '.', and the
        // rest taken for a 9-digit identity card's number.
        run.spread = true;
        ++j;
      } else {
        break;
      }
    }
    if (run.digits.size() == 12 || run.digits.size() == 9) {
      run.end = j;
      return run;
    }
    i = j;
  }
  return std::nullopt;
}

// Whether the word right before `at`, where a 9-digit number printed in groups of three
// begins, is three letters or signs, as long as a group: the first group of a 12-digit number
// read as letters ("bồi 179 651 838" for 001 179 651 838, held-out seed 82: it went in as the 9
// digits of an identity card). "số", "CCCD" and a word ending in ':' are none.
bool group_before(std::string_view text, std::size_t at) {
  if (at < 2 || text[at - 1] != ' ' || at + 3 >= text.size() || text[at + 3] != ' ') return false;
  const std::size_t begin = text.rfind(' ', at - 2);
  const std::string_view word =
      text.substr(begin == std::string_view::npos ? 0 : begin + 1,
                  at - 1 - (begin == std::string_view::npos ? 0 : begin + 1));
  return decode_utf8(word).size() == 3 && word.back() != ':' && word.back() != '.';
}

// Whether a 1's look-alike (I, l, |, !) and then digits follow `at`, spaces between: a number's
// last group with its 1 misread ("027303843 I 17" for 027303843117, held-out seed 63: read as
// the 9 digits of an identity card, it went in with a 12-digit number's three lost).
bool one_then_digits(std::string_view text, std::size_t at) {
  while (at < text.size() && text[at] == ' ') ++at;
  if (at >= text.size() ||
      (text[at] != 'I' && text[at] != 'l' && text[at] != '|' && text[at] != '!'))
    return false;
  ++at;
  while (at < text.size() && text[at] == ' ') ++at;
  return at < text.size() && is_digit(text[at]);
}

std::optional<std::string> first_id_number(std::string_view text) {
  std::optional<IdRun> run = first_id_run(text);
  if (!run) return std::nullopt;
  return std::move(run->digits);
}

// A lower-case letter (one that has a capital), a capital (one that has a lower case).
bool is_lower(char32_t c) {
  const std::string s = encode_utf8(std::u32string(1, c));
  return to_upper(s) != s;
}
bool is_upper(char32_t c) {
  const std::string s = encode_utf8(std::u32string(1, c));
  return to_lower(s) != s;
}
bool is_cased_letter(char32_t c) { return is_upper(c) || is_lower(c); }

// OCR capitalises a lower-case letter inside running text ("nhà Ở riêng", "giấy tỜ"): a
// capital after a lower-case letter of the same word, or a one-letter capital word between
// lower-case words, is made lower case. All-capital words ("HH2", "TP.") are left alone.
std::string fix_stray_capitals(std::string_view text) {
  std::vector<std::u32string> words;
  std::u32string cur;
  for (char32_t c : decode_utf8(text)) {
    if (c == ' ') {
      words.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  words.push_back(cur);
  auto lower = [](char32_t c) {
    return decode_utf8(to_lower(encode_utf8(std::u32string(1, c))))[0];
  };
  // A first word in capitals with a Vietnamese mark before lower-case words ("SỐ 42, ngõ")
  // is a capitalised word misread; plain ASCII capitals ("UBND", "HH2") are left alone.
  if (words.size() > 1 && words[0].size() > 1 && !words[1].empty() && is_lower(words[1][0])) {
    bool capitals = true;
    bool marked = false;
    for (char32_t c : words[0]) {
      capitals = capitals && is_upper(c);
      marked = marked || c > 0x7F;
    }
    if (capitals && marked) {
      for (std::size_t k = 1; k < words[0].size(); ++k) words[0][k] = lower(words[0][k]);
    }
  }
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::u32string& w = words[i];
    for (std::size_t k = 1; k < w.size(); ++k) {
      if (is_upper(w[k]) && is_lower(w[k - 1])) w[k] = lower(w[k]);
    }
    const bool lone = w.size() == 1 && is_upper(w[0]);
    if (lone && i > 0 && i + 1 < words.size() && !words[i - 1].empty() &&
        is_lower(words[i - 1].back()) && !words[i + 1].empty() && is_lower(words[i + 1][0])) {
      w[0] = lower(w[0]);
    }
  }
  // The other way round: a word with lower-case letters between two words in capitals, in a
  // name printed in capitals ("ĐIỆN THOẠI Di ĐỘNG"), is a capital misread.
  auto in_capitals = [](const std::u32string& w) {
    return w.size() > 1 && std::any_of(w.begin(), w.end(), is_upper) &&
           std::none_of(w.begin(), w.end(), is_lower);
  };
  for (std::size_t i = 1; i + 1 < words.size(); ++i) {
    std::u32string& w = words[i];
    if (!in_capitals(words[i - 1]) || !in_capitals(words[i + 1])) continue;
    if (std::none_of(w.begin(), w.end(), is_lower)) continue;
    w = decode_utf8(to_upper(encode_utf8(w)));
  }
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += ' ';
    out += encode_utf8(words[i]);
  }
  return out;
}

// Single spaces; words with no letter or digit (specks OCR read as “ ` ˆ % …) dropped; a
// comma OCR put before a word instead of after the previous one moved back.
std::string collapse(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t j = text.find(' ', i);
    if (j == std::string_view::npos) j = text.size();
    std::string_view word = text.substr(i, j - i);
    i = j + 1;
    bool meaningful = false;
    for (char32_t c : decode_utf8(word)) {
      const std::string f = fold(encode_utf8(std::u32string(1, c)));
      meaningful = meaningful || (f.size() == 1 && std::isalnum(static_cast<unsigned char>(f[0])));
    }
    if (!meaningful) continue;
    if (word.front() == ',' && !out.empty()) {
      out += ',';
      word.remove_prefix(1);
    }
    if (!out.empty()) out += ' ';
    out += word;
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == ',' || out.back() == ';')) {
    out.pop_back();
  }
  return out;
}

// Flags `f` when the number right before the first "tháng" of `text` (folded) has another
// number before it with nothing but spaces and a few signs between ("ngày 25 2 tháng").
void doubt_two_numbers_before_month(FieldValue& f, std::string_view text) {
  const std::string folded = fold(text);
  const auto letter = [](char c) { return c >= 'a' && c <= 'z'; };
  const std::size_t month = folded.find("thang");
  if (month == std::string::npos) return;
  std::size_t i = month;
  while (i > 0 && !is_digit(folded[i - 1]) && !letter(folded[i - 1])) --i;
  if (i == 0 || !is_digit(folded[i - 1])) return;
  while (i > 0 && is_digit(folded[i - 1])) --i;  // the day
  std::size_t between = 0;
  while (i > 0 && !is_digit(folded[i - 1]) && !letter(folded[i - 1])) {
    --i;
    ++between;
  }
  if (i > 0 && is_digit(folded[i - 1]) && between <= 4) {
    flag_for_review(&f, "two numbers before \"tháng\" in \"" + std::string(text) + "\"");
  }
}

// Whether something other than spaces, dots or dashes stands between the first `digits`
// digits of `text` ("0900 140” 018": the ” may hide a digit).
bool speck_between_digits(std::string_view text, std::size_t digits) {
  if (text.find('+') != std::string_view::npos) return false;  // +84: counted differently
  std::size_t seen = 0;
  for (char32_t c : decode_utf8(text)) {
    if (c >= '0' && c <= '9') {
      if (++seen == digits) return false;
    } else if (seen > 0 && c != ' ' && c != '.' && c != '-') {
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<std::string> split_at_spaces(std::string_view text) {
  std::vector<std::string> out;
  for (std::size_t i = 0, j; i < text.size(); i = j + 1) {
    j = std::min(text.find(' ', i), text.size());
    if (j > i) out.emplace_back(text.substr(i, j - i));
  }
  return out;
}

namespace {

// The whitespace-separated word of `text` holding its first digit.
std::string_view word_with_first_digit(std::string_view text) {
  const std::size_t d = text.find_first_of("0123456789");
  if (d == std::string_view::npos) return {};
  std::size_t start = text.rfind(' ', d);
  start = start == std::string_view::npos ? 0 : start + 1;
  const std::size_t end = std::min(text.find(' ', d), text.size());
  return text.substr(start, end - start);
}

// A letter read right before a digit of the number ("I1", "B05", "2B2,B"), or right after a
// separator after one ("348,B m2" for 348,8 m2: held-out seed 42): OCR took a digit for a
// letter or a letter for a digit; a unit ("84,5m2") does not count.
bool letter_in_number(std::string_view text) {
  std::string_view word = word_with_first_digit(text);
  if (word.ends_with("m2")) word.remove_suffix(2);
  const std::u32string cps = decode_utf8(word);
  auto letter = [&](std::size_t i) {
    const std::string f = fold(encode_utf8(cps.substr(i, 1)));
    return f.size() == 1 && f[0] >= 'a' && f[0] <= 'z';
  };
  auto digit = [&](std::size_t i) { return cps[i] >= '0' && cps[i] <= '9'; };
  for (std::size_t i = 1; i < cps.size(); ++i) {
    if (digit(i) && letter(i - 1)) return true;
    if (i >= 2 && letter(i) && (cps[i - 1] == ',' || cps[i - 1] == '.') && digit(i - 2)) {
      return true;
    }
  }
  return false;
}

// The word after the number a value was read from, when it begins with a digit: the number
// may go on past a space OCR put inside it ("359, 5m2" is 359,5 m2, "3 6,2 m2" 36,2 or 316,2).
std::string_view digits_after_number(std::string_view text) {
  const std::size_t first = text.find_first_of("0123456789");
  if (first == std::string_view::npos) return {};
  const std::size_t end = text.find(' ', first);
  if (end == std::string_view::npos) return {};
  const std::size_t next = text.find_first_not_of(' ', end);
  if (next == std::string_view::npos) return {};
  const std::string_view word =
      text.substr(next, std::min(text.find(' ', next), text.size()) - next);
  // A 1 misread as a letter, alone: "3 I" for 31, "213, L m2" for 213,1 (held-out seed 71).
  if (word == "I" || word == "l" || word == "|" || word == "L" || word == "!") return word;
  if (!is_digit(text[next])) return {};
  return word;
}

// A sign or a 1's look-alike glued after the comma or dot that ends a number's first digits:
// "526,† m2" for 526,1 (held-out seed 76; the value went in as 526). A space, a digit or a
// letter there ("84,5m2", "526,m2") is none.
std::optional<std::string> sign_after_decimal_comma(std::string_view text) {
  const std::size_t first = text.find_first_of("0123456789");
  if (first == std::string_view::npos) return std::nullopt;
  std::size_t i = first;
  while (i < text.size() && is_digit(text[i])) ++i;
  if (i + 1 >= text.size() || (text[i] != ',' && text[i] != '.')) return std::nullopt;
  const std::u32string after = decode_utf8(text.substr(i + 1, 4));
  if (after.empty()) return std::nullopt;
  const char32_t c = after[0];
  const bool one = c == U'I' || c == U'l' || c == U'|' || c == U'L' || c == U'!';
  if (c == U' ' || c == U',' || c == U'.' || (c < 0x80 && is_digit(static_cast<char>(c))) ||
      (!one && holds_letter(encode_utf8(std::u32string(1, c))))) {
    return std::nullopt;
  }
  return encode_utf8(std::u32string(1, c));
}

// The rhymes of Vietnamese syllables (vowel nucleus and final consonant), tone marks
// removed; with the onsets below they make every syllable the language writes.
constexpr std::u32string_view kRhymes[] = {
    U"a",    U"ai",   U"ao",   U"au",   U"ay",   U"ac",   U"ach", U"am",  U"an",   U"ang",  U"anh",
    U"ap",   U"at",   U"ăc",   U"ăm",   U"ăn",   U"ăng",  U"ăp",  U"ăt",  U"âc",   U"âm",   U"ân",
    U"âng",  U"âp",   U"ât",   U"âu",   U"ây",   U"e",    U"eo",  U"ec",  U"em",   U"en",   U"eng",
    U"ep",   U"et",   U"ê",    U"êu",   U"êch",  U"êm",   U"ên",  U"ênh", U"êp",   U"êt",   U"i",
    U"ia",   U"iu",   U"ich",  U"im",   U"in",   U"inh",  U"ip",  U"it",  U"iêc",  U"iêm",  U"iên",
    U"iêng", U"iêp",  U"iêt",  U"iêu",  U"o",    U"oa",   U"oai", U"oao", U"oay",  U"oac",  U"oach",
    U"oam",  U"oan",  U"oang", U"oanh", U"oap",  U"oat",  U"oăc", U"oăm", U"oăn",  U"oăng", U"oăt",
    U"oe",   U"oeo",  U"oen",  U"oet",  U"oi",   U"oc",   U"om",  U"on",  U"ong",  U"op",   U"ot",
    U"ooc",  U"oong", U"ô",    U"ôi",   U"ôc",   U"ôm",   U"ôn",  U"ông", U"ôp",   U"ôt",   U"ơ",
    U"ơi",   U"ơm",   U"ơn",   U"ơp",   U"ơt",   U"u",    U"ua",  U"uây", U"uân",  U"uâng", U"uât",
    U"ui",   U"uc",   U"um",   U"un",   U"ung",  U"up",   U"ut",  U"uê",  U"uêch", U"uênh", U"uơ",
    U"uôc",  U"uôi",  U"uôm",  U"uôn",  U"uông", U"uôt",  U"uy",  U"uya", U"uych", U"uyên", U"uyêt",
    U"uynh", U"uyt",  U"uyu",  U"ư",    U"ưa",   U"ưi",   U"ưu",  U"ưc",  U"ưm",   U"ưn",   U"ưng",
    U"ưt",   U"ươc",  U"ươi",  U"ươm",  U"ươn",  U"ương", U"ươp", U"ươt", U"ươu",  U"y",    U"yêm",
    U"yên",  U"yêt",  U"yêu",
};
constexpr std::u32string_view kOnsets[] = {
    U"ngh", U"ng", U"nh", U"ch", U"gh", U"gi", U"kh", U"ph", U"qu", U"th", U"tr", U"b", U"c", U"d",
    U"đ",   U"g",  U"h",  U"k",  U"l",  U"m",  U"n",  U"p",  U"r",  U"s",  U"t",  U"v", U"x", U"",
};

// The vowel with its quality marks (â ă ê ô ơ ư) but without its tone: "ậ" → "â".
char32_t without_tone(char32_t c) {
  static constexpr std::u32string_view kGroups[] = {U"aàáảãạ", U"ăằắẳẵặ", U"âầấẩẫậ", U"eèéẻẽẹ",
                                                    U"êềếểễệ", U"iìíỉĩị", U"oòóỏõọ", U"ôồốổỗộ",
                                                    U"ơờớởỡợ", U"uùúủũụ", U"ưừứửữự", U"yỳýỷỹỵ"};
  for (std::u32string_view g : kGroups) {
    if (g.find(c) != std::u32string_view::npos) return g[0];
  }
  return c;
}

// Letters (lower case, without tones) that make one Vietnamese syllable: onset and rhyme.
bool is_syllable(std::u32string_view letters) {
  for (std::u32string_view onset : kOnsets) {
    if (!letters.starts_with(onset)) continue;
    if (std::find(std::begin(kRhymes), std::end(kRhymes), letters.substr(onset.size())) !=
        std::end(kRhymes)) {
      return true;
    }
  }
  return false;
}

}  // namespace

bool plausible_word(std::string_view word) {
  std::u32string letters;
  bool vowel = false;
  for (char32_t c : decode_utf8(to_lower(word))) {
    const char32_t base = without_tone(c);
    const std::string f = fold(encode_utf8(std::u32string(1, c)));
    if (f.size() != 1 || f[0] < 'a' || f[0] > 'z') return true;  // digits, punctuation
    vowel = vowel || std::u32string_view(U"aăâeêioôơuưy").find(base) != std::u32string_view::npos;
    letters += base;
  }
  if (!vowel) return true;  // an abbreviation: TNHH, HĐ
  if (is_syllable(letters)) return true;
  // Short plain capitals are an abbreviation (UBND, CCCD), unless one letter misread makes a
  // word of them ("DGANH": DOANH).
  const bool plain_capitals =
      letters.size() <= 5 &&
      std::all_of(word.begin(), word.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  if (!plain_capitals) return false;
  static constexpr std::u32string_view kBaseLetters = U"aăâbcdđeêghiklmnoôơpqrstuưvxy";
  for (std::size_t i = 0; i < letters.size(); ++i) {
    std::u32string other = letters;
    for (char32_t c : kBaseLetters) {
      other[i] = c;
      if (c != letters[i] && is_syllable(other)) return false;
    }
  }
  return true;
}

namespace {

// The cased letters of a word, in order: "Ngọc," → "Ngọc", "“ki" → "ki".
std::u32string cased_letters(std::string_view word) {
  std::u32string out;
  for (char32_t c : decode_utf8(word)) {
    if (is_cased_letter(c)) out += c;
  }
  return out;
}

// "Nguyễn Thanh Ngọc uc,", "Lý Gia Quang “ki": a short word in lower case after a name whose
// words begin with capitals, and no name word even with a capital, is specks OCR read as
// letters. Names are written with a capital on every word.
std::string without_trailing_specks(std::string_view text) {
  std::vector<std::string> words = split_at_spaces(text);
  if (words.size() < 3) return std::string(text);
  const std::u32string last = cased_letters(words.back());
  if (last.empty() || last.size() > 3 || !is_lower(last[0])) return std::string(text);
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    const std::u32string w = cased_letters(words[i]);
    // Every word before a whole one: "Thanh N gần" is "Ngân" split, not specks.
    if (w.size() < 2 || !is_upper(w[0])) return std::string(text);
  }
  const std::string capitalised =
      to_upper(encode_utf8(last.substr(0, 1))) + encode_utf8(last.substr(1));
  if (is_name_word(capitalised)) return std::string(text);
  words.pop_back();
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

// "Ngô Xuân N": a name whose last word is a single capital. normalize_name drops a lone
// letter at a name's end as a speck ("Phạm Mạnh Long É"), but a capital may be what OCR kept of
// the given name (held-out seed 62: "Nam" read "N"; the name went in as "Ngô Xuân").
bool ends_with_lone_capital(std::string_view text) {
  const std::vector<std::string> words = split_at_spaces(text);
  for (auto w = words.rbegin(); w != words.rend(); ++w) {
    const std::u32string letters = cased_letters(*w);
    if (letters.empty()) continue;  // a speck with no letter ("ˆ", "*")
    return letters.size() == 1 && is_upper(letters[0]);
  }
  return false;
}

}  // namespace

std::optional<std::string> normalize_as(ValueKind kind, std::string_view text) {
  switch (kind) {
    case ValueKind::kText: {
      std::string t = fix_stray_capitals(collapse(text));
      if (t.empty()) return std::nullopt;
      return t;
    }
    case ValueKind::kAddress: {
      std::string a = normalize_address(text).value;
      if (a.empty()) return std::nullopt;
      return a;
    }
    case ValueKind::kName:
      return normalize_name(without_trailing_specks(text));
    case ValueKind::kDate: {
      if (std::optional<Date> d = parse_date(text)) return d->iso();
      if (std::optional<Date> d = parse_date_words(text)) return d->iso();
      return std::nullopt;
    }
    case ValueKind::kYear: {
      for (std::size_t i = 0; i + 4 <= text.size(); ++i) {
        const std::string_view y = text.substr(i, 4);
        if (std::all_of(y.begin(), y.end(), is_digit) && (i == 0 || !is_digit(text[i - 1])) &&
            (i + 4 == text.size() || !is_digit(text[i + 4]))) {
          const int year = std::stoi(std::string(y));
          if (year >= 1900 && year <= 2100) return std::string(y);
        }
      }
      return std::nullopt;
    }
    case ValueKind::kIdNumber: {
      // A dagger beside a digit is a 1 of the print ("00† 195 874 077"; make_field doubts it).
      std::string daggerless(text);
      for (std::size_t at = dagger_beside_digit(daggerless); at != std::string::npos;
           at = dagger_beside_digit(daggerless, at + 1)) {
        daggerless.replace(at, kDagger.size(), "1");
      }
      return first_id_number(daggerless);
    }
    case ValueKind::kPhone:
      return normalize_phone(text);
    case ValueKind::kMoney:
      return normalize_money(text);
    case ValueKind::kNumber:
      return normalize_number(text);
    case ValueKind::kSex:
      return normalize_sex(text);
    case ValueKind::kWard:
      return find_ward(text);
    case ValueKind::kDossierCode:
      return read_dossier_code(text);
  }
  return std::nullopt;
}

FieldValue field_from(std::string_view key, std::string value, const ValueText& text) {
  FieldValue f;
  f.key = std::string(key);
  f.value = std::move(value);
  f.raw = text.text;
  f.confidence = std::clamp(text.confidence, 0.0, 1.0);
  f.page = text.page;
  f.box = text.box;
  return f;
}

namespace {

// More lower-case letters than capitals: a sentence, not words printed in capitals.
bool mostly_lower_case(std::string_view text) {
  int upper = 0;
  int lower = 0;
  for (char32_t c : decode_utf8(text)) {
    upper += is_upper(c) ? 1 : 0;
    lower += is_lower(c) ? 1 : 0;
  }
  return lower > upper;
}

// The first word made of two words of letters with a dot between ("XE.MÁY"); not an
// abbreviation's dot at the end of a word ("TP.") nor one beside a digit ("HH2.1").
std::optional<std::string> dot_joining_words(std::string_view text) {
  for (const std::string& w : split_at_spaces(text)) {
    const std::u32string cps = decode_utf8(w);
    for (std::size_t i = 2; i + 2 < cps.size(); ++i) {
      if (cps[i] != U'.') continue;
      if (is_cased_letter(cps[i - 2]) && is_cased_letter(cps[i - 1]) &&
          is_cased_letter(cps[i + 1]) && is_cased_letter(cps[i + 2])) {
        return w;
      }
    }
  }
  return std::nullopt;
}

// The first character touching a digit in `text` that `printed` says is not printed there.
template <typename Printed>
std::optional<std::string> beside_digit(std::string_view text, Printed printed) {
  const std::u32string cps = decode_utf8(text);
  auto digit = [](char32_t c) { return c >= '0' && c <= '9'; };
  for (std::size_t i = 0; i + 1 < cps.size(); ++i) {
    const char32_t a = cps[i];
    const char32_t b = cps[i + 1];
    if (digit(a) && !digit(b) && !printed(b)) return encode_utf8(std::u32string(1, b));
    if (!digit(a) && digit(b) && !printed(a)) return encode_utf8(std::u32string(1, a));
  }
  return std::nullopt;
}

bool separator_or_quote(char32_t c) {
  return c == ' ' || c == '/' || c == '-' || c == '.' || c == ',' || c == ':' || c == ';' ||
         c == '(' || c == ')' || c == '"' || c == '\'' || c == 0x201C || c == 0x201D;
}

// The first character (letter or sign) that touches a digit without a space where a number
// is printed with none: not its separators (/ - . , : ;), not brackets, quotes or "m2".
std::optional<std::string> glued_to_digit(std::string_view text) {
  return beside_digit(
      text, [](char32_t c) { return separator_or_quote(c) || c == 'm' || c == '%' || c == '+'; });
}

// The first character touching a digit that no address prints there: not a plain letter
// ("12A", "N03", "HH2"), not a separator, a bracket or a quote. A letter with a mark or a sign
// is a digit misread ("ngách Ï2/27" for 12/27, held-out seed 54; "ngõ †15" for 115, seed 46),
// which the address keeps or drops.
std::optional<std::string> sign_beside_digit_in_address(std::string_view text) {
  return beside_digit(text, [](char32_t c) {
    return separator_or_quote(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  });
}

// The part of a date's raw text that prints the date `iso` (YYYY-MM-DD): after the time before
// it ("16 giờ30 phút, ngày …"), up to its year (not the next item's "ˆ5. Thời gian …").
std::string_view date_part(std::string_view raw, std::string_view iso) {
  std::size_t from = raw.find("phút");
  from = from == std::string_view::npos ? 0 : from + std::string_view("phút").size();
  const std::size_t year = iso.size() >= 4 ? raw.find(iso.substr(0, 4), from) : raw.npos;
  const std::size_t to = year == std::string_view::npos ? raw.size() : year + 4;
  return raw.substr(from, to - from);
}

// "ngày 2B tháng 05", "ngày !9", "Ø1", "§63": a digit misread as a letter or a sign, which the
// value's words then absorbed. Only the separators a number is printed with may touch it. For a
// date, only the text that prints it counts (date_part): a time's "1ỗ giờ" is no part of it.
// A date's day or month read as letters alone ("ngày II tháng") is doubted too.
void doubt_sign_beside_digit(FieldValue& f, bool date) {
  const std::string_view text = date ? date_part(f.raw, f.value) : std::string_view(f.raw);
  if (std::optional<std::string> w = glued_to_digit(text)) {
    flag_for_review(&f, "\"" + *w + "\" beside a digit: \"" + f.raw + "\"");
  }
  if (date) {
    if (std::optional<std::string> letters = day_or_month_in_letters(f.raw)) {
      flag_for_review(&f, "\"" + *letters + "\" read as digits in \"" + f.raw + "\"");
    }
  }
}

// The digit a letter or sign in a number of digits stands for, as OCR misreads this print
// ("S53" for 553, "097B2…", "Q51", "Ơ973"); 0 when it is none. Not Z (a 2 or a 7), q, or U
// and Ư (an 0 or an 8): the held-out seeds read those both ways.
char digit_look_alike(char32_t c) {
  switch (c) {
    case U'S':
    case U's':
      return '5';
    case U'G':
    case U'b':
      return '6';
    case U'B':
      return '8';
    case U'A':
      return '4';
    case U'g':
      return '9';
    case U'I':
    case U'l':
    case U'|':
    case U'!':
    case U'†':
    case U'Ï':
    case U'ï':
      return '1';
    case U'Q':
    case U'Ø':
    case U'ø':
      return '0';
    default:
      break;
  }
  const std::string base = fold(encode_utf8(std::u32string(1, c)));  // O, marked or not
  return base == "o" ? '0' : 0;
}

// A phone number one of whose digits OCR read as a look-alike letter or sign ("0910. 843.
// S53", "097B213377"): the number with that digit, and the character, when the words holding
// the number's digits give 10 digits starting with 0 with exactly one such character in
// them. Nothing otherwise (two look-alikes, or a digit too many, are too much guessing).
std::optional<std::pair<std::string, std::string>> phone_with_a_look_alike(std::string_view text) {
  std::string digits;
  std::string odd;
  int odd_count = 0;
  for (const std::string& w : split_at_spaces(text)) {
    const std::u32string cps = decode_utf8(w);
    const bool has_digit =
        std::any_of(cps.begin(), cps.end(), [](char32_t c) { return c >= '0' && c <= '9'; });
    if (!has_digit) {
      if (digits.empty()) continue;  // specks before the number
      break;
    }
    for (char32_t c : cps) {
      if (c >= '0' && c <= '9') {
        digits += static_cast<char>(c);
      } else if (const char d = digit_look_alike(c)) {
        digits += d;
        odd = encode_utf8(std::u32string(1, c));
        ++odd_count;
      } else if (c != '.' && c != '-' && c != ',' && c != '\'' && c != ':') {
        return std::nullopt;
      }
    }
  }
  if (odd_count != 1 || digits.size() != 10 || digits[0] != '0') return std::nullopt;
  return std::pair{digits, odd};
}

}  // namespace

namespace {

// The lowest confidence of the words of `text` that may stand for digits of `value`: a word
// one of whose runs of digits is in the value's digits, or a lone letter or sign (a 1 read "l"
// out of place: "3/7/1970 l" for 13/7/1970, seed 18). Words of two letters or more and no digit
// (the label's "CCCD số", "ngày:") or whose digits are not the value's (a time's "16 giờ 30")
// do not count. Nothing when no word holds a digit of the value.
std::optional<double> digit_words_confidence(const ValueText& text, std::string_view value) {
  std::string digits;
  std::copy_if(value.begin(), value.end(), std::back_inserter(digits), is_digit);
  std::optional<double> out;
  double lone = 1.0;  // the lowest of the lone letters and signs
  for (const WordView& w : text.words) {
    bool any_digit = false;
    bool holds = false;
    int letters = 0;
    for (std::size_t i = 0; i < w.text.size();) {
      const unsigned char c = static_cast<unsigned char>(w.text[i]);
      if (!is_digit(w.text[i])) {
        // An ASCII letter, or a character beyond ASCII (a Vietnamese letter) counted once.
        if (std::isalpha(c) != 0 || (c & 0xC0) == 0xC0) ++letters;
        ++i;
        continue;
      }
      any_digit = true;
      std::size_t j = i;
      while (j < w.text.size() && is_digit(w.text[j])) ++j;
      holds = holds || digits.find(w.text.substr(i, j - i)) != std::string::npos;
      i = j;
    }
    if (holds) out = std::min(out.value_or(1.0), w.confidence);
    if (!any_digit && letters < 2) lone = std::min(lone, w.confidence);
  }
  if (out) out = std::min(*out, lone);
  return out;
}

// The lowest confidence of the words of `text` that print the ward `ward` as it is spelt
// (case and a trailing '.' or ',' aside), at their first place; nothing when they do not. The
// rest of a ward line ("Ủy ban nhân dân Phường Cổ Nhuế 1, quận Bắc Từ Liêm, thành phố HàNội")
// says nothing of which ward it is.
std::optional<double> ward_words_confidence(const ValueText& text, std::string_view ward) {
  std::vector<std::string> want = split_at_spaces(to_lower(ward));
  auto bare = [](std::string w) {
    while (!w.empty() && (w.back() == '.' || w.back() == ',')) w.pop_back();
    return to_lower(w);
  };
  for (std::size_t i = 0; !want.empty() && i + want.size() <= text.words.size(); ++i) {
    double lowest = 1.0;
    std::size_t k = 0;
    for (; k < want.size() && bare(text.words[i + k].text) == want[k]; ++k) {
      lowest = std::min(lowest, text.words[i + k].confidence);
    }
    if (k == want.size()) return lowest;
  }
  return std::nullopt;
}

// The letters (A-Z) and digits of `text`, in capitals.
std::string code_characters(std::string_view text) {
  std::string out;
  for (char c : to_upper(text)) {
    if (is_digit(c) || (c >= 'A' && c <= 'Z')) out += c;
  }
  return out;
}

// Whether the letters and digits of `raw` run on with a digit right after those of `code`
// ("000.00.17. H26- 25041140091" read as …-250411-4009, held-out seed 41: the '-' before the
// serial was read as 4, and the serial taken one digit early).
bool digit_after_code(std::string_view raw, std::string_view code) {
  const std::string all = code_characters(raw);
  const std::string want = code_characters(code);
  const std::size_t at = all.find(want);
  return !want.empty() && at != std::string::npos && at + want.size() < all.size() &&
         is_digit(all[at + want.size()]);
}

}  // namespace

namespace {

std::optional<FieldValue> make_field_of(std::string_view key, ValueKind kind,
                                        const ValueText& text) {
  if (text.empty()) return std::nullopt;
  if (kind == ValueKind::kAddress) {
    Address address = normalize_address(text.text);
    if (address.value.empty()) return std::nullopt;
    FieldValue f = field_from(key, std::move(address.value), text);
    if (!address.doubts.empty()) {
      std::string reason = "the address may be misread: ";
      for (std::size_t i = 0; i < address.doubts.size(); ++i)
        reason += (i > 0 ? "; " : "") + address.doubts[i];
      flag_for_review(&f, reason);
    }
    if (std::optional<std::string> sign = sign_beside_digit_in_address(text.text)) {
      flag_for_review(&f, "\"" + *sign + "\" beside a digit: \"" + text.text + "\"");
    }
    // A word of letters without a vowel, not in capitals, is no word of an address and no
    // abbreviation either ("Sđ 197" for Số 197, held-out seed 98).
    for (const std::string& w : split_at_spaces(f.value)) {
      const std::u32string cased = cased_letters(w);
      const std::string letters = encode_utf8(cased);
      if (cased.size() < 2 || to_upper(letters) == letters) continue;
      if (fold(letters).find_first_of("aeiouy") == std::string::npos) {
        flag_for_review(&f, "\"" + w + "\" is no word of an address: \"" + text.text + "\"");
        break;
      }
    }
    return f;
  }
  std::optional<std::string> value = normalize_as(kind, text.text);
  if (!value && kind == ValueKind::kPhone) {
    if (std::optional<std::pair<std::string, std::string>> p = phone_with_a_look_alike(text.text)) {
      FieldValue f = field_from(key, std::move(p->first), text);
      flag_for_review(
          &f, "\"" + p->second + "\" read as a digit of the phone number \"" + text.text + "\"");
      return f;
    }
  }
  if (!value) return std::nullopt;
  FieldValue f = field_from(key, std::move(*value), text);
  // A value of digits is as sure as the words holding its digits: the label's words before it
  // ("CCCD số"), a time before a date ("16 giờ 30 phút, ngày:") or a speck after it say
  // nothing of them. On twenty held-out sets, a third of the right dates, ID numbers, phones
  // and dossier codes put in review for their confidence were put there by such words.
  if (kind == ValueKind::kDate || kind == ValueKind::kIdNumber || kind == ValueKind::kPhone ||
      kind == ValueKind::kDossierCode) {
    if (std::optional<double> c = digit_words_confidence(text, f.value)) {
      f.confidence = std::clamp(*c, 0.0, 1.0);
    }
  }
  if (kind == ValueKind::kWard) {
    if (std::optional<double> c = ward_words_confidence(text, f.value)) {
      f.confidence = std::clamp(*c, 0.0, 1.0);
    }
  }
  // An ID number read across a '-' ("001 093 391-004": seed 16), or whose digits go on past
  // one or a '/': no ID number prints either, a speck or a misread stands there. One with a
  // second ID number after it: the cell holds a neighbour's too ("019603306 CCCD số 001'098-772
  // 107", held-out seed 47, where the columns' edge fell inside the wife's cell).
  if (kind == ValueKind::kIdNumber) {
    if (const std::optional<IdRun> run = first_id_run(text.text)) {
      const std::string& t = text.text;
      if (run->dashed) {
        flag_for_review(&f, "a '-' inside the number: \"" + t + "\"");
      } else if (run->spread) {
        flag_for_review(&f, "a sign between the number's groups: \"" + t + "\"");
      } else if (run->end + 1 < t.size() && (t[run->end] == '-' || t[run->end] == '/') &&
                 is_digit(t[run->end + 1])) {
        flag_for_review(&f, "digits go on after the number: \"" + t + "\"");
      } else if (const std::optional<IdRun> next = first_id_run(t, run->end);
                 next && next->digits != run->digits) {
        flag_for_review(&f, "a second ID number after it: \"" + t + "\"");
      } else if (one_then_digits(t, run->end)) {
        flag_for_review(&f, "digits may go on after the number: \"" + t + "\"");
      } else if (run->digits.size() == 9 && group_before(t, run->start)) {
        flag_for_review(&f, "a word like a group of digits before the number: \"" + t + "\"");
      }
    }
  }
  if (kind == ValueKind::kName && without_trailing_specks(text.text) != text.text) {
    // Dropped, and still shown: a name word misread that short would be lost.
    flag_for_review(&f, "the last word of \"" + text.text + "\" taken for specks");
  } else if (kind == ValueKind::kName && ends_with_lone_capital(text.text)) {
    flag_for_review(&f,
                    "the last word of \"" + text.text + "\" is one capital, dropped: cut short?");
  }
  // Only the old mobile numbers (01x) and landlines (02x) have 11 digits: "09117234968" is
  // a 10-digit mobile number with a digit too many.
  if (kind == ValueKind::kPhone && f.value.size() == 11 && !f.value.starts_with("01") &&
      !f.value.starts_with("02")) {
    flag_for_review(&f, "11 digits, but a number starting " + f.value.substr(0, 2) + " has 10: \"" +
                            text.text + "\"");
  }
  // "ngày 25 2 tháng 02": two numbers before "tháng", a speck read as a digit or a day split
  // (held-out seed 89: the 2 was taken for the day).
  if (kind == ValueKind::kDate) doubt_two_numbers_before_month(f, text.text);
  // "1 1/6/1944": a digit right before a date of one-digit day is the day's first digit
  // parted from it by a space.
  if (kind == ValueKind::kDate) {
    const std::string& t = text.text;
    for (std::size_t i = 0; i + 3 < t.size(); ++i) {
      if (is_digit(t[i]) && t[i + 1] == ' ' && is_digit(t[i + 2]) &&
          (t[i + 3] == '/' || t[i + 3] == '-' || t[i + 3] == '.') &&
          (i + 4 >= t.size() || is_digit(t[i + 4]))) {
        flag_for_review(&f, "a digit before the date, a space inside its day? \"" + t + "\"");
        break;
      }
    }
  }
  if ((kind == ValueKind::kPhone || kind == ValueKind::kIdNumber) &&
      speck_between_digits(text.text, f.value.size())) {
    flag_for_review(&f, "a speck between the digits: \"" + text.text + "\"");
  }
  const bool numeric = kind == ValueKind::kNumber || kind == ValueKind::kMoney ||
                       kind == ValueKind::kPhone || kind == ValueKind::kIdNumber ||
                       kind == ValueKind::kYear;
  if (numeric && letter_in_number(text.text)) {
    flag_for_review(&f, "a letter inside the number: \"" +
                            std::string(word_with_first_digit(text.text)) + "\"");
  }
  // A number after another label ("ö, diện tích: 83,2 m2" for a map sheet read "ö", held-out
  // seed 47): that label's value, the field's own unread.
  if (kind == ValueKind::kNumber) {
    const std::string_view before = std::string_view(text.text).substr(
        0, std::min(text.text.size(), text.text.find_first_of("0123456789")));
    for (const std::string& w : split_at_spaces(before)) {
      if (w.size() > 1 && w.back() == ':' && holds_letter(w)) {
        flag_for_review(&f, "\"" + w + "\" before the number: another item's value?");
        break;
      }
    }
  }
  if (kind == ValueKind::kNumber || kind == ValueKind::kMoney) {
    if (std::optional<std::string> sign = sign_after_decimal_comma(text.text)) {
      flag_for_review(&f, "\"" + *sign + "\" after the number's comma in \"" + text.text +
                              "\": a digit misread?");
    }
    if (std::string_view more = digits_after_number(text.text); !more.empty()) {
      flag_for_review(&f, "\"" + std::string(more) + "\" after the number in \"" + text.text +
                              "\": a space inside the number?");
    }
  }
  if (kind == ValueKind::kDate || numeric) doubt_sign_beside_digit(f, kind == ValueKind::kDate);
  if (kind == ValueKind::kDate) {
    if (std::optional<std::string> seven = slash_read_as_seven(text.text)) {
      flag_for_review(&f, "\"" + *seven + "\" read as a date whose '/' was read as 7");
    }
  }
  if (kind == ValueKind::kDossierCode && text.text.find("†") != std::string::npos) {
    flag_for_review(&f, "\"†\" read as 1 in \"" + text.text + "\"");
  }
  if (kind == ValueKind::kDossierCode && digit_after_code(text.text, f.value)) {
    flag_for_review(&f, "more digits after the code in \"" + text.text + "\"");
  }
  if (kind == ValueKind::kMoney) {
    for (std::size_t i = 1; i + 1 < text.text.size(); ++i) {
      const std::string& t = text.text;
      const bool speck = (t[i] == ':' || t[i] == ';') && is_digit(t[i - 1]) && is_digit(t[i + 1]);
      // "1. 415. 000.000": a space after a separator, read past (normalize_money).
      const bool spaced = (t[i] == '.' || t[i] == ',') && is_digit(t[i - 1]) && t[i + 1] == ' ' &&
                          i + 2 < t.size() && is_digit(t[i + 2]);
      if (speck || spaced) {
        flag_for_review(&f, "a speck between the digits: \"" + t + "\"");
        break;
      }
    }
  }
  if (kind == ValueKind::kMoney && f.value.size() > 3 && !f.value.ends_with("000")) {
    flag_for_review(&f, "an amount not in thousands of đồng: " + f.value);
  }
  // A name printed in capitals (a business's) has no comma inside ("MINH, ANH"), nor a colon
  // or a dot after one of its words but the last ("BẢO: NGỌC", "HOÀNG. LONG", "XE. MÁY": held-out
  // seed 73): specks. An abbreviation's dot is no speck: short words without a vowel ("TP.").
  if (kind == ValueKind::kText && !mostly_lower_case(f.value)) {
    const std::vector<std::string> words = split_at_spaces(f.value);
    bool speck = f.value.find_first_of(",;") != std::string::npos;
    for (std::size_t i = 0; i + 1 < words.size() && !speck; ++i) {
      const std::string& w = words[i];
      const std::string folded = fold(w);
      speck = (w.size() > 3 || folded.find_first_of("aeiouy") != std::string::npos) &&
              (w.back() == ':' || w.back() == '.') && !mostly_lower_case(w) &&
              std::none_of(w.begin(), w.end(), is_digit);
    }
    if (speck) flag_for_review(&f, "a speck inside a name in capitals: \"" + f.value + "\"");
    // Nor a dot between two words: "XE.MÁY" is a speck where the space was.
    if (std::optional<std::string> joined = dot_joining_words(f.value)) {
      flag_for_review(&f, "a dot joining two words in capitals: \"" + *joined + "\"");
    }
  }
  if (kind == ValueKind::kText) {
    for (const std::string& w : split_at_spaces(f.value)) {
      if (!plausible_word(w)) {
        flag_for_review(&f, "\"" + w + "\" is no Vietnamese word (words run together?)");
        break;
      }
    }
    // A word ending in ':' before the value's end is the next item's label, read into this
    // value when OCR hid where that item starts (".2. Địa chỉ trụ sở hộ kinh doanh: Số 24").
    const std::vector<std::string> words = split_at_spaces(f.value);
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
      if (words[i].size() > 1 && words[i].back() == ':' && holds_letter(words[i])) {
        flag_for_review(&f, "\"" + words[i] + "\" inside the value: the next label read into it?");
        break;
      }
    }
  }
  return f;
}

}  // namespace

std::optional<FieldValue> make_field(std::string_view key, ValueKind kind, const ValueText& text) {
  std::optional<FieldValue> f = make_field_of(key, kind, text);
  if (!f || text.doubt.empty() || text.doubted_from > text.words.size()) return f;
  // The doubted words matter only when the value takes them in: a date read whole before them
  // ("ngày 15/08/2022 / [5.] Thời gian trả kết quả…", the next item's number lost) or a ward
  // named on the label's line is the same without them.
  const std::vector<WordView> head(
      text.words.begin(), text.words.begin() + static_cast<std::ptrdiff_t>(text.doubted_from));
  const std::optional<FieldValue> without = make_field_of(key, kind, join_words(head, text.page));
  if (!without || without->value != f->value) flag_for_review(&*f, text.doubt);
  return f;
}

namespace {

// A word as reprints are compared: folded, the punctuation at its ends dropped ("113," → "113").
std::string bare_word(std::string_view word) {
  std::string f = fold(word);
  auto kept = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' ||
           static_cast<unsigned char>(c) >= 0x80;
  };
  while (!f.empty() && !kept(f.back())) f.pop_back();
  std::size_t start = 0;
  while (start < f.size() && !kept(f[start])) ++start;
  return f.substr(start);
}

bool number_word(const std::string& w) {
  return !w.empty() && std::any_of(w.begin(), w.end(), [](char c) { return is_digit(c); }) &&
         std::all_of(w.begin(), w.end(), [](char c) { return is_digit(c) || c == '/'; });
}

}  // namespace

void doubt_numbers_printed_otherwise(const DossierView& dossier, FieldValue& field) {
  std::vector<std::string> mine;
  std::vector<std::string> mine_shown;
  for (const std::string& w : split_at_spaces(field.raw)) {
    std::string b = bare_word(w);
    if (b.empty()) continue;
    mine.push_back(std::move(b));
    mine_shown.push_back(w);
  }
  struct PageWords {
    int number = 0;
    std::vector<std::string> words;  // in reading order, lines run together
    std::vector<std::string> shown;
  };
  std::vector<PageWords> pages;
  for (const PageView& page : dossier.pages) {
    PageWords& p = pages.emplace_back();
    p.number = page.number;
    for (const LineView& line : page.lines) {
      for (const WordView& w : line.words) {
        std::string b = bare_word(w.text);
        if (b.empty()) continue;
        p.words.push_back(std::move(b));
        p.shown.push_back(w.text);
      }
    }
  }
  // Each number of the value against every printing of its place: flagged when the other
  // readings are as many as the value's own (its own line counts); outvoted, they are misreads.
  for (std::size_t k = 2; k + 2 < mine.size(); ++k) {
    if (!number_word(mine[k])) continue;
    int same = 0;
    int other = 0;
    std::string first_other;
    for (const PageWords& p : pages) {
      const std::vector<std::string>& w = p.words;
      for (std::size_t j = 2; j + 2 < w.size(); ++j) {
        if (!number_word(w[j]) || w[j - 2] != mine[k - 2] || w[j - 1] != mine[k - 1] ||
            w[j + 1] != mine[k + 1] || w[j + 2] != mine[k + 2]) {
          continue;
        }
        if (w[j] == mine[k]) {
          ++same;
        } else if (other++ == 0) {
          first_other =
              "\"" + p.shown[j - 1] + " " + p.shown[j] + "\" on page " + std::to_string(p.number);
        }
      }
    }
    if (other > 0 && other >= same) {
      flag_for_review(&field, "\"" + mine_shown[k - 1] + " " + mine_shown[k] + "\" is printed " +
                                  first_other + ": which is right?");
      return;
    }
  }
}

std::optional<FieldValue> read_field(const DossierView& dossier, const FieldRule& rule,
                                     const Scope& scope) {
  LabelOptions options;
  options.first_page = scope.first_page;
  options.last_page = scope.last_page;
  if (!rule.after.empty()) {
    std::optional<LabelMatch> anchor = find_label(dossier, rule.after, options);
    if (!anchor) return std::nullopt;
    options.after_page = anchor->page;
    options.after_line = anchor->line;
    options.after_word = anchor->last - 1;
  }
  bool unbounded = false;
  if (!rule.before.empty()) {
    if (std::optional<LabelMatch> end = find_label(dossier, rule.before, options)) {
      options.before_page = end->page;
      options.before_line = end->line;
    } else {
      unbounded = true;
    }
  }
  options.line_start_only = rule.line_start;
  ValueOptions value_options;
  value_options.stop_labels = rule.stop_labels;
  value_options.continuation_lines = rule.continuation_lines;
  // The best-matching label whose value reads; a heading that merely contains the label
  // ("1. Thông tin về chủ đầu tư:") gives no value and the next match is tried.
  const std::vector<LabelMatch> labels = find_labels(dossier, rule.label, options);
  for (std::size_t i = 0; i < labels.size() && i < 4; ++i) {
    const ValueText text = read_value(dossier, labels[i], value_options);
    std::optional<FieldValue> field = make_field(rule.key, rule.kind, text);
    if (!field) continue;
    field->confidence *= std::pow(0.95, labels[i].distance);
    if (rule.kind == ValueKind::kName) settle_name(dossier, *field);
    if (rule.kind == ValueKind::kAddress) doubt_numbers_printed_otherwise(dossier, *field);
    // Without the label that ends its part, a label printed in more parts than one ("Năm
    // sinh" of the mother and of the father) may be found in a later part: a misread end
    // label gave the mother the father's birth year (held-out seed 48).
    if (unbounded) {
      flag_for_review(&*field, "\"" + std::string(rule.before) +
                                   "\", which ends its part, not found: read from a later part?");
    }
    return field;
  }
  return std::nullopt;
}

std::vector<FieldValue> read_fields(const DossierView& dossier, const std::vector<FieldRule>& rules,
                                    const Scope& scope) {
  std::vector<FieldValue> out;
  for (const FieldRule& rule : rules) {
    std::optional<FieldValue> f = read_field(dossier, rule, scope);
    if (!f) continue;
    // Rules sharing a key are the labels of the form's versions ("Số định danh cá nhân", "Số
    // Chứng minh nhân dân"): the value read on the earliest page is the form's. A later page
    // may be another paper of the dossier naming another person (held-out seed 49: a letter's
    // "Số định danh cá nhân" gave the business owner a neighbour's ID number).
    const auto same =
        std::find_if(out.begin(), out.end(), [&](const FieldValue& v) { return v.key == f->key; });
    if (same == out.end()) {
      out.push_back(std::move(*f));
    } else if (f->page < same->page) {
      *same = std::move(*f);
    }
  }
  return out;
}

double title_score_on_page(const PageView& page, std::string_view title, int top_lines) {
  // On letters and digits only: a speck OCR read as a dot or a dash beside the title costs
  // nothing.
  const std::u32string want = label_key(title);
  if (want.empty()) return 0;
  // A title printed in capitals that reads as a sentence is the same words in a list (a
  // receipt lists "- Giấy đề nghị đăng ký hộ kinh doanh"): it counts for less than the title
  // itself, even one OCR misread a few letters of.
  const bool capitals = !mostly_lower_case(title);
  double best = 0;
  const int n = std::min(top_lines, static_cast<int>(page.lines.size()));
  for (int i = 0; i < n; ++i) {
    const LineView& line = page.lines[static_cast<std::size_t>(i)];
    // The line's words from its first on, as many as read closest: what a stamp or a
    // signature beside the title added after it ("… KHAI SINH LLa Lan HE, 1 TY") is not
    // the title's.
    std::u32string key;
    int d = static_cast<int>(want.size());
    for (const WordView& w : line.words) {
      key += label_key(w.text);
      d = std::min(d, edit_distance(key, want));
      if (key.size() > want.size() * 2) break;
    }
    double score = 1.0 - static_cast<double>(d) / static_cast<double>(want.size());
    if (capitals && mostly_lower_case(line.text)) score *= 0.8;
    best = std::max(best, score);
  }
  return best;
}

double title_score(const DossierView& dossier, std::string_view title, int top_lines) {
  double best = 0;
  for (const PageView& page : dossier.pages) {
    best = std::max(best, title_score_on_page(page, title, top_lines));
  }
  return best;
}

int page_with_title(const DossierView& dossier, std::string_view title, double min_score,
                    int top_lines) {
  int best = -1;
  double best_score = min_score;
  for (std::size_t i = 0; i < dossier.pages.size(); ++i) {
    const double s = title_score_on_page(dossier.pages[i], title, top_lines);
    if (s >= best_score && (best < 0 || s > best_score)) {
      best = static_cast<int>(i);
      best_score = s;
    }
  }
  return best;
}

namespace {

// "Bắc Từ Liêm, ngày 12 tháng 08 năm 2024", "Ngày 20/08/2020": "ngày" opens the line or
// follows a comma, and a number follows it. Not "Sinh ngày …" nor "Ngày cấp: …".
bool is_place_date_line(const LineView& line) {
  for (std::size_t k = 0; k < line.words.size(); ++k) {
    const std::string word = fold(line.words[k].text);
    // "Thắng,ngày": a comma OCR read without the space after it.
    const std::size_t comma = word.rfind(',');
    if (comma != std::string::npos && word.substr(comma + 1) == "ngay" &&
        k + 1 < line.words.size() && !line.words[k + 1].text.empty())
      return true;
    // "ngày.07 tháng 01 năm 2020": a speck glued between "ngày" and its day.
    if (word.rfind("ngay", 0) == 0 && word.size() > 5 &&
        !std::isalnum(static_cast<unsigned char>(word[4])) && is_digit(word.back()) &&
        parse_date(line.text).has_value())
      return true;
    if (word != "ngay") continue;
    // Not a labelled date: "Sinh ngày …", "Ngày cấp: …" (the word after must be a number).
    const std::string before = k == 0 ? "" : fold(line.words[k - 1].text);
    // A line that opens with "ngày" in lower case goes on from the line above ("… do bệnh
    // viện cấp" / "ngày 25/10/2016"); a date line that opens with the date prints "Ngày".
    const bool continues = k == 0 && line.words[0].text.front() == 'n';
    // Nor after a document's number: "Quyết định số 4184/2016/QĐ-UBND ngày 11/6/2016".
    const bool opens = !continues && before != "sinh" && before != "cap" &&
                       before.find(':') == std::string::npos &&
                       before.find('/') == std::string::npos;
    if (k + 1 >= line.words.size() || line.words[k + 1].text.empty()) continue;
    const std::string& next = line.words[k + 1].text;
    const std::string next_folded = fold(next);
    const bool label =
        next.back() == ':' || next_folded.rfind("cap", 0) == 0 || next_folded.rfind("sinh", 0) == 0;
    const bool number = is_digit(next.front()) || (!label && parse_date(line.text).has_value());
    // "Quyết định số 12/QĐ-UBND ngày 05/3/2020 của Bộ Tư pháp", "… ngày 11/6/2016 về việc":
    // a date followed by "của" or "về" is the date of a document cited, not of the signature.
    bool cited = false;
    for (std::size_t j = k + 2; j < line.words.size() && j <= k + 8 && !cited; ++j) {
      const std::string w = fold(line.words[j].text);
      cited = w == "cua" || w == "ve";
    }
    if (opens && number && !cited) return true;
  }
  return false;
}

}  // namespace

std::optional<FieldValue> read_place_date(const DossierView& dossier, std::string_view key,
                                          const Scope& scope, std::string_view after) {
  LabelOptions options;
  options.first_page = scope.first_page;
  options.last_page = scope.last_page;
  if (!after.empty()) {
    std::optional<LabelMatch> anchor = find_label(dossier, after, options);
    if (!anchor) return std::nullopt;
    options.after_page = anchor->page;
    options.after_line = anchor->line;
  }
  const int last = std::min(scope.last_page, static_cast<int>(dossier.pages.size()));
  for (int p = std::max(0, scope.first_page); p < last; ++p) {
    const PageView& page = dossier.pages[static_cast<std::size_t>(p)];
    for (std::size_t li = 0; li < page.lines.size(); ++li) {
      // The anchor's own line counts: "Làm tại: phường X, ngày 10 tháng 02 năm 2020".
      if (p < options.after_page ||
          (p == options.after_page && static_cast<int>(li) < options.after_line))
        continue;
      if (!is_place_date_line(page.lines[li])) continue;
      std::vector<WordView> words = page.lines[li].words;
      std::optional<Date> date = parse_date(page.lines[li].text);
      if (!date && li + 1 < page.lines.size()) {
        date = parse_date(page.lines[li].text + " " + page.lines[li + 1].text);
        if (date) {
          const auto& next = page.lines[li + 1].words;
          words.insert(words.end(), next.begin(), next.end());
        }
      }
      if (!date) continue;
      // The date words only: from "ngày" on.
      std::size_t from = 0;
      for (std::size_t k = 0; k < words.size(); ++k) {
        if (fold(words[k].text).rfind("ngay", 0) == 0) from = k;
      }
      std::vector<WordView> date_words(words.begin() + static_cast<std::ptrdiff_t>(from),
                                       words.end());
      std::erase_if(date_words, [](const WordView& w) { return is_leader(w.text); });
      FieldValue f = field_from(key, date->iso(), join_words(date_words, page.number));
      doubt_sign_beside_digit(f, true);
      doubt_two_numbers_before_month(f, f.raw);
      return f;
    }
  }
  return std::nullopt;
}

namespace {

// Family names of Vietnam, the common ones (together well over 95% of the population).
constexpr std::string_view kSurnames[] = {
    "Nguyễn", "Trần", "Lê",   "Phạm", "Hoàng",  "Huỳnh", "Phan",  "Vũ",      "Võ",   "Đặng",
    "Bùi",    "Đỗ",   "Hồ",   "Ngô",  "Dương",  "Lý",    "Đinh",  "Trịnh",   "Mai",  "Cao",
    "Lương",  "Tạ",   "Chu",  "Hà",   "Đoàn",   "Lâm",   "Kiều",  "Quách",   "Tô",   "Tăng",
    "Vương",  "Thái", "La",   "Lại",  "Nghiêm", "Triệu", "Khúc",  "Phùng",   "Lưu",  "Tống",
    "Đào",    "Kim",  "Âu",   "Mạc",  "Giang",  "Tôn",   "Thạch", "Hứa",     "Nông", "Lò",
    "Lục",    "Đàm",  "Ông",  "Phí",  "Quan",   "Bạch",  "Hàn",   "Diệp",    "Văn",  "Từ",
    "Trương", "Lã",   "Ninh", "Đồng", "Khổng",  "Hoa",   "Mã",    "Âu Dương"};

// Middle and given names, the common ones, in both tone placements where they differ (Hòa /
// Hoà, Thủy / Thuỷ). A name word whose letters are one of these but whose marks are not is
// most likely a misread mark ("Huyển" for Huyền, "Chỉ" for Chi) and goes to review; a word
// that is no name at all ("Ấn") is not taken as the rest of a family name run into it.
constexpr std::string_view kGivenNames[] = {
    "An",    "Anh",    "Ánh",    "Ân",     "Bách",  "Bảo",    "Bằng",   "Bích",  "Bình",   "Bội",
    "Cát",   "Cầm",    "Cẩm",    "Chi",    "Chinh", "Chính",  "Chiến",  "Chung", "Công",   "Cúc",
    "Cương", "Cường",  "Dân",    "Diễm",   "Diệp",  "Diệu",   "Doanh",  "Dung",  "Dũng",   "Dương",
    "Duy",   "Duyên",  "Đại",    "Đan",    "Đào",   "Đạo",    "Đạt",    "Điệp",  "Định",   "Đình",
    "Đông",  "Đồng",   "Đức",    "Đăng",   "Đắc",   "Giang",  "Giao",   "Gia",   "Hà",     "Hạ",
    "Hải",   "Hân",    "Hạnh",   "Hào",    "Hảo",   "Hằng",   "Hậu",    "Hiền",  "Hiển",   "Hiến",
    "Hiệp",  "Hiếu",   "Hoa",    "Hòa",    "Hoà",   "Hóa",    "Hoá",    "Hoài",  "Hoan",   "Hoàn",
    "Hoàng", "Hồng",   "Hợp",    "Huân",   "Huấn",  "Huệ",    "Hùng",   "Hưng",  "Hương",  "Hường",
    "Hữu",   "Huy",    "Huyền",  "Khải",   "Khang", "Khanh",  "Khánh",  "Khiêm", "Khoa",   "Khôi",
    "Khuê",  "Khắc",   "Kiên",   "Kiều",   "Kim",   "Kỳ",     "Lam",    "Lâm",   "Lan",    "Lành",
    "Lê",    "Lệ",     "Liên",   "Liễu",   "Linh",  "Loan",   "Lộc",    "Lợi",   "Long",   "Luân",
    "Lực",   "Lương",  "Ly",     "Lý",     "Mai",   "Mạnh",   "Minh",   "My",    "Mỹ",     "Nam",
    "Nga",   "Ngà",    "Ngân",   "Nghĩa",  "Ngọc",  "Nguyên", "Nguyệt", "Nhàn",  "Nhân",   "Nhi",
    "Nhung", "Như",    "Nhật",   "Nhất",   "Ninh",  "Oanh",   "Phát",   "Phong", "Phú",    "Phúc",
    "Phụng", "Phương", "Phượng", "Phước",  "Quân",  "Quang",  "Quốc",   "Quý",   "Quyên",  "Quyết",
    "Quỳnh", "Quế",    "Sang",   "Sâm",    "Sơn",   "Sinh",   "Sỹ",     "Sĩ",    "Tài",    "Tâm",
    "Tân",   "Thạch",  "Thái",   "Thắm",   "Thắng", "Thanh",  "Thành",  "Thảo",  "Thế",    "Thi",
    "Thị",   "Thiện",  "Thịnh",  "Thoa",   "Thơ",   "Thu",    "Thư",    "Thuận", "Thục",   "Thương",
    "Thùy",  "Thuỳ",   "Thủy",   "Thuỷ",   "Thúy",  "Thuý",   "Thụy",   "Thuỵ",  "Thông",  "Thuần",
    "Tiến",  "Tiên",   "Tín",    "Toàn",   "Trà",   "Trâm",   "Trang",  "Trí",   "Triều",  "Trinh",
    "Trọng", "Trung",  "Trúc",   "Trường", "Tú",    "Tuấn",   "Tùng",   "Tuyết", "Tuyền",  "Tường",
    "Tuệ",   "Tố",     "Tư",     "Uyên",   "Vân",   "Văn",    "Vi",     "Việt",  "Vinh",   "Vĩnh",
    "Vũ",    "Vy",     "Vương",  "Xuân",   "Yến",   "Ý",      "Bá",     "Đạm",   "Khuyên", "Lụa",
    "Phấn",  "Sen",    "Thủ",    "Tịnh",   "Tuyên", "Yên",    "Hiệu",   "Hòe",   "Hoè",
};

// Middle names (chữ đệm) in common use. A middle word that is none of them but has their
// letters with other marks ("Thư" for Thu, in "Dương Thị Thư Phương") is most likely the
// common one misread: both are names, so only the position tells.
constexpr std::string_view kMiddleNames[] = {
    "Văn",    "Thị",  "Hữu",   "Đức",    "Công",  "Quang", "Minh",  "Ngọc",  "Thanh",  "Thu",
    "Xuân",   "Hồng", "Kim",   "Mai",    "Thùy",  "Thuỳ",  "Thủy",  "Thuỷ",  "Thúy",   "Thuý",
    "Phương", "Diệu", "Bảo",   "Gia",    "Hoàng", "Đình",  "Trọng", "Tuấn",  "Mạnh",   "Thành",
    "Khánh",  "Anh",  "Hải",   "Quốc",   "Việt",  "Như",   "Tiến",  "Duy",   "Hoài",   "Bích",
    "Huyền",  "Lan",  "Tường", "Nhật",   "Thế",   "Bá",    "Viết",  "Trung", "Hà",     "Vân",
    "Cẩm",    "Tú",   "Thiên", "Quỳnh",  "Yến",   "Hoa",   "Hòa",   "Hoà",   "Thái",   "Đăng",
    "Hưng",   "Nam",  "Phúc",  "Trường", "Hồ",    "Kiều",  "Lệ",    "Mỹ",    "Nguyệt", "Uyên",
};

bool known_surname(std::string_view word) {
  return std::find(std::begin(kSurnames), std::end(kSurnames), word) != std::end(kSurnames);
}

}  // namespace

bool is_name_word(std::string_view word) {
  return std::find(std::begin(kGivenNames), std::end(kGivenNames), word) != std::end(kGivenNames) ||
         known_surname(word);
}

std::string name_word(std::string_view raw) {
  std::u32string letters;
  for (char32_t c : decode_utf8(raw)) {
    const std::string f = fold(encode_utf8(std::u32string(1, c)));
    if (f.size() == 1 && f[0] >= 'a' && f[0] <= 'z') letters += c;
  }
  if (letters.empty()) return {};
  const std::u32string lower = decode_utf8(to_lower(encode_utf8(letters)));
  return to_upper(encode_utf8(lower.substr(0, 1))) + encode_utf8(lower.substr(1));
}

std::optional<std::string_view> remarked_name_word(std::string_view word) {
  if (is_name_word(word)) return std::nullopt;
  const std::string folded = fold(word);
  for (std::string_view n : kGivenNames) {
    if (fold(n) == folded) return n;
  }
  return std::nullopt;
}

namespace {

bool is_middle_name(std::string_view word) {
  return std::find(std::begin(kMiddleNames), std::end(kMiddleNames), word) !=
         std::end(kMiddleNames);
}

}  // namespace

std::optional<std::string_view> remarked_middle_name(std::string_view word) {
  if (is_middle_name(word)) return std::nullopt;
  const std::string folded = fold(word);
  for (std::string_view m : kMiddleNames) {
    if (fold(m) == folded) return m;
  }
  return std::nullopt;
}

namespace {

// The common middle names a middle word that is none is a letter away from, its marks aside
// ("Trang": Trọng or Trung, held-out seed 70; "Bình" for Đình), as "Trọng" / "Trung"; empty if
// none. Both may be names, but a given name standing in the middle is rarer than a letter
// misread. Words of three letters or more.
std::string middle_names_one_letter_off(std::string_view word) {
  if (is_middle_name(word)) return {};
  const std::u32string folded = decode_utf8(fold(word));
  if (folded.size() < 3) return {};
  std::string found;
  std::vector<std::string> seen;  // folded, once each ("Thùy" and "Thủy" are one)
  for (std::string_view m : kMiddleNames) {
    const std::string f = fold(m);
    if (edit_distance(folded, decode_utf8(f)) != 1) continue;
    if (std::find(seen.begin(), seen.end(), f) != seen.end()) continue;
    seen.push_back(f);
    found += (found.empty() ? "" : "\" / \"") + std::string(m);
  }
  return found;
}

bool all_capitals(std::string_view word) {
  return to_upper(word) == word && to_lower(word) != word;
}

// A word of a name as printed elsewhere: name_word, where a 1 or 0 among letters is the letter
// it looks like ("1ê Thùy Hiền" under a signature: held-out seed 37).
std::string name_word_as_read(std::string_view raw) {
  std::string word(raw);
  if (holds_letter(word)) {
    for (char& c : word) {
      if (c == '1') c = 'l';
      if (c == '0') c = 'o';
    }
  }
  return name_word(word);
}

}  // namespace

std::optional<std::string_view> surname_for(std::string_view folded) {
  std::optional<std::string_view> found;
  for (std::string_view s : kSurnames) {
    if (fold(s) != folded) continue;
    if (found) return std::nullopt;  // two surnames fold alike
    found = s;
  }
  return found;
}

void settle_name(const DossierView& dossier, FieldValue& name) {
  std::vector<std::string> words = split_at_spaces(name.value);
  if (words.empty()) return;
  // The family name split by a speck ("N Guyễn") or run into the next word ("Lêngọc").
  if (words.size() > 2 && decode_utf8(words[0]).size() == 1) {
    const std::string joined = words[0] + to_lower(words[1]);
    if (surname_for(fold(joined))) {
      words[1] = joined;
      words.erase(words.begin());
    }
  }
  if (!surname_for(fold(words[0]))) {
    const std::u32string first = decode_utf8(words[0]);
    for (std::size_t cut = first.size() - 2; cut >= 2 && cut < first.size(); --cut) {
      const std::string head = encode_utf8(first.substr(0, cut));
      if (!surname_for(fold(head))) continue;
      const std::u32string tail = first.substr(cut);
      const std::string tail_word =
          to_upper(encode_utf8(tail.substr(0, 1))) + to_lower(encode_utf8(tail.substr(1)));
      if (!is_name_word(tail_word)) continue;  // "Tuấn" is no "Tu" + "ấn"
      words[0] = head;
      words.insert(words.begin() + 1,
                   to_upper(encode_utf8(tail.substr(0, 1))) + encode_utf8(tail.substr(1)));
      break;
    }
  }
  // Two name words run together ("Khánhquỳnh"): split where both halves are name words, and
  // ask for review, since the letters alone cannot prove where the space was.
  std::string run_together;
  for (std::size_t k = 1; k < words.size(); ++k) {
    if (is_name_word(words[k]) || remarked_name_word(words[k])) continue;
    const std::u32string w = decode_utf8(words[k]);
    for (std::size_t cut = 2; cut + 2 <= w.size(); ++cut) {
      const std::string head = encode_utf8(w.substr(0, cut));
      const std::string tail =
          to_upper(encode_utf8(w.substr(cut, 1))) + to_lower(encode_utf8(w.substr(cut + 1)));
      if (!is_name_word(head) || !is_name_word(tail)) continue;
      run_together = words[k];
      words[k] = head;
      words.insert(words.begin() + static_cast<std::ptrdiff_t>(k) + 1, tail);
      break;
    }
  }
  name.value.clear();
  for (const std::string& w : words) name.value += (name.value.empty() ? "" : " ") + w;
  if (!run_together.empty()) {
    flag_for_review(&name, "\"" + run_together + "\" read as two words run together");
  }
  std::vector<std::string> folded;
  for (const std::string& w : words) folded.push_back(fold(w));
  // Every reading of the name: per word position, spelling → weight.
  std::vector<std::map<std::string, double>> votes(words.size());
  // A two-word name printed elsewhere right after a family name ("Mai Hà" of "LÊ MAI HÀ"): the
  // label swallowed the first word of the value ("tên người yêu cầu::Lê Mai Hà").
  std::string longer;
  for (const PageView& page : dossier.pages) {
    for (const LineView& line : page.lines) {
      std::vector<std::string> spelled;
      for (const WordView& w : line.words) spelled.push_back(name_word_as_read(w.text));
      for (std::size_t start = 0; start + words.size() <= spelled.size(); ++start) {
        bool same = true;
        for (std::size_t k = 0; k < words.size() && same; ++k) {
          same = fold(spelled[start + k]) == folded[k];
        }
        if (!same) continue;
        if (words.size() == 2 && start > 0 && longer.empty()) {
          // A family name, capitalised as names are ("chữ đệm, tên" is a label).
          const std::string before = name_word(line.words[start - 1].text);
          const std::u32string raw_before = decode_utf8(line.words[start - 1].text);
          const bool capital =
              !raw_before.empty() && to_lower(encode_utf8(raw_before.substr(0, 1))) !=
                                         encode_utf8(raw_before.substr(0, 1));
          if (capital && !before.empty() && surname_for(fold(before))) {
            longer = line.words[start - 1].text + " " + line.words[start].text + " " +
                     line.words[start + 1].text;
          }
        }
        for (std::size_t k = 0; k < words.size(); ++k) {
          const bool caps = all_capitals(line.words[start + k].text);
          votes[k][spelled[start + k]] += caps ? 1.0 : 1.5;
        }
      }
    }
  }
  bool disagreed = false;
  std::string remarked_surname;  // the family name as read, when its marks were put right
  std::string doubt;             // the readings of a word no clear majority settles
  std::string settled;
  for (std::size_t k = 0; k < words.size(); ++k) {
    // The spelling most readings agree on; but a name word beats a spelling no name has
    // ("Chi" read once, "Chỉ" twice: a mark misread twice is still a misread).
    std::string best = words[k];
    double best_weight = votes[k].count(best) ? votes[k][best] : 0;
    double total = 0;
    for (const auto& [spelling, weight] : votes[k]) {
      total += weight;
      const bool named = k == 0 || is_name_word(spelling);
      const bool best_named = k == 0 || is_name_word(best);
      if ((named && !best_named) || (named == best_named && weight > best_weight)) {
        best = spelling;
        best_weight = weight;
      }
    }
    disagreed = disagreed || votes[k].size() > 1;
    // A name the readings mostly agree on is settled when the others are no name ("Chi" read
    // twice, "Chỉ" once); two names read, or a name that overrode more readings of a spelling
    // no name has (a rare name the list lacks?), stay in doubt.
    auto usual = [&](const std::string& spelling) {
      return k == 0 ? known_surname(spelling) : is_name_word(spelling);
    };
    const auto names_read = std::count_if(votes[k].begin(), votes[k].end(),
                                          [&](const auto& v) { return usual(v.first); });
    double heaviest = 0;
    for (const auto& [spelling, weight] : votes[k]) heaviest = std::max(heaviest, weight);
    const bool settled_by_majority = usual(best) && names_read == 1 && best_weight >= heaviest;
    if (votes[k].size() > 1 && best_weight < 0.75 * total && !settled_by_majority) {
      std::string readings;
      for (const auto& [spelling, weight] : votes[k])
        readings += (readings.empty() ? "" : " / ") + spelling;
      doubt += (doubt.empty() ? "" : "; ") + readings;
    }
    if (k == 0) {
      if (!known_surname(best)) {
        if (std::optional<std::string_view> s = surname_for(fold(best))) {
          remarked_surname = best;
          best = std::string(*s);
        }
      }
    }
    if (!settled.empty()) settled += ' ';
    settled += best;
  }
  if (settled != name.value) name.value = settled;
  if (disagreed) name.confidence *= 0.9;
  if (!doubt.empty())
    flag_for_review(&name, "the name is printed differently on the pages: " + doubt);
  if (!longer.empty())
    flag_for_review(&name, "printed elsewhere as \"" + longer + "\": the family name lost?");
  // Marks no name has: a misread the readings did not out-vote.
  const std::vector<std::string> settled_words = split_at_spaces(name.value);
  for (std::size_t k = 1; k < settled_words.size(); ++k) {
    if (std::optional<std::string_view> n = remarked_name_word(settled_words[k])) {
      flag_for_review(&name, "\"" + settled_words[k] + "\" is no usual name; \"" + std::string(*n) +
                                 "\" misread?");
    } else if (!is_name_word(settled_words[k])) {
      flag_for_review(&name, "\"" + settled_words[k] + "\" is no usual name word");
    }
  }
  // The family name's marks misread ("NGUYÊN" for Nguyễn): the same line may have lost the
  // marks of another word that is a name either way ("YÊN" for Yến, held-out seed 32).
  for (std::size_t k = 1; !remarked_surname.empty() && k < settled_words.size(); ++k) {
    const std::string& w = settled_words[k];
    for (std::string_view n : kGivenNames) {
      if (n == w || fold(n) != fold(w)) continue;
      flag_for_review(&name, "the family name was read \"" + remarked_surname +
                                 "\", marks lost; \"" + w + "\" may be \"" + std::string(n) + "\"");
      break;
    }
  }
  for (std::size_t k = 1; k + 1 < settled_words.size(); ++k) {
    const std::string& w = settled_words[k];
    std::string m;
    if (std::optional<std::string_view> same_letters = remarked_middle_name(w)) {
      m = *same_letters;
    } else {
      m = middle_names_one_letter_off(w);
    }
    if (!m.empty()) {
      flag_for_review(&name, "\"" + w + "\" is rarely a middle name; \"" + m + "\" misread?");
    }
  }
  if (!settled_words.empty() && !known_surname(settled_words[0]) &&
      !surname_for(fold(settled_words[0]))) {
    flag_for_review(&name, "\"" + settled_words[0] + "\" is no known family name");
  }
}

FieldValue* find_field(std::vector<FieldValue>& fields, std::string_view key) {
  auto it =
      std::find_if(fields.begin(), fields.end(), [&](const FieldValue& f) { return f.key == key; });
  return it == fields.end() ? nullptr : &*it;
}

void flag_for_review(FieldValue* field, const std::string& reason) {
  if (field == nullptr) return;
  field->needs_review = true;
  if (field->review_reason.empty()) field->review_reason = reason;
}

void check_id_against_birth(std::vector<FieldValue>& fields, std::string_view id_key,
                            std::string_view birth_key) {
  FieldValue* id = find_field(fields, id_key);
  const FieldValue* birth = find_field(fields, birth_key);
  if (id == nullptr || birth == nullptr || birth->value.size() < 4) return;
  if (std::optional<std::string> problem =
          check_cccd(id->value, std::stoi(birth->value.substr(0, 4)))) {
    flag_for_review(id, *problem);
  }
}

bool receipt_requests(const DossierView& dossier, std::string_view words) {
  std::optional<LabelMatch> label = find_label(dossier, "Nội dung yêu cầu giải quyết");
  if (!label) return false;
  ValueOptions options;
  options.continuation_lines = 1;
  const std::string value = fold(read_value(dossier, *label, options).text);
  return value.find(fold(words)) != std::string::npos;
}

double procedure_score(const DossierView& dossier, std::string_view title,
                       std::string_view request_words) {
  const double t = title_score(dossier, title);
  const bool requested = receipt_requests(dossier, request_words);
  if (t < 0.6) return requested ? 0.55 : t * 0.5;
  return std::min(1.0, 0.75 * t + (requested ? 0.25 : 0.0));
}

}  // namespace sohoa::plugin
