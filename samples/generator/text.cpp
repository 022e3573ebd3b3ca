#include "text.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <array>
#include <stdexcept>

namespace sohoa::samples {
namespace {

icu::UnicodeString to_unicode(std::string_view text) {
  return icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
}

std::string to_utf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

constexpr std::array<const char*, 10> kDigitWords = {"không", "một", "hai", "ba",  "bốn",
                                                     "năm",   "sáu", "bảy", "tám", "chín"};

// 0..999; `inner` prints "không trăm" / "linh" as inside a longer number.
void below_thousand(int n, bool inner, std::vector<std::string>& words) {
  const int hundreds = n / 100;
  const int tens = (n / 10) % 10;
  const int units = n % 10;
  const bool said_hundreds = hundreds > 0 || inner;
  if (said_hundreds) {
    words.emplace_back(kDigitWords[static_cast<size_t>(hundreds)]);
    words.emplace_back("trăm");
  }
  if (tens == 0) {
    if (units > 0) {
      if (said_hundreds) words.emplace_back("linh");
      words.emplace_back(kDigitWords[static_cast<size_t>(units)]);
    }
    return;
  }
  if (tens == 1) {
    words.emplace_back("mười");
  } else {
    words.emplace_back(kDigitWords[static_cast<size_t>(tens)]);
    words.emplace_back("mươi");
  }
  if (units == 0) return;
  if (units == 5) {
    words.emplace_back("lăm");
  } else if (units == 1 && tens > 1) {
    words.emplace_back("mốt");
  } else if (units == 4 && tens > 1) {
    words.emplace_back("tư");
  } else {
    words.emplace_back(kDigitWords[static_cast<size_t>(units)]);
  }
}

}  // namespace

std::string nfc(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU NFC normaliser unavailable");
  icu::UnicodeString out = normalizer->normalize(to_unicode(text), status);
  if (U_FAILURE(status)) throw std::runtime_error("cannot normalise text to NFC");
  return to_utf8(out);
}

std::string upper(std::string_view text) {
  icu::UnicodeString u = to_unicode(text);
  u.toUpper(icu::Locale("vi"));
  return nfc(to_utf8(u));
}

std::string capitalize_first(std::string_view text) {
  icu::UnicodeString u = to_unicode(text);
  if (u.isEmpty()) return {};
  const int32_t first_len = u.moveIndex32(0, 1);
  icu::UnicodeString head(u, 0, first_len);
  head.toUpper(icu::Locale("vi"));
  icu::UnicodeString tail(u, first_len);
  return nfc(to_utf8(head + tail));
}

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    size_t j = i;
    while (j < text.size() && text[j] != ' ') ++j;
    if (j > i) words.emplace_back(text.substr(i, j - i));
    i = j;
  }
  return words;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += separator;
    out += parts[i];
  }
  return out;
}

std::string squeeze_spaces(std::string_view text) { return join(split_words(text), " "); }

std::string number_words(int64_t n) {
  if (n == 0) return "không";
  if (n < 0) return "âm " + number_words(-n);
  struct Group {
    int64_t scale;
    const char* name;
  };
  constexpr std::array<Group, 4> kGroups = {
      {{1'000'000'000, "tỷ"}, {1'000'000, "triệu"}, {1'000, "nghìn"}, {1, ""}}};
  std::vector<std::string> words;
  bool started = false;
  for (const Group& group : kGroups) {
    const int64_t value = group.scale == 1'000'000'000 ? n / group.scale : (n / group.scale) % 1000;
    if (value == 0) continue;
    if (value >= 1000) {
      words.push_back(number_words(value));
    } else {
      below_thousand(static_cast<int>(value), started, words);
    }
    if (group.name[0] != '\0') words.emplace_back(group.name);
    started = true;
  }
  return join(words, " ");
}

std::string month_words(int month) {
  constexpr std::array<const char*, 12> kMonths = {
      "một", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "mười một", "mười hai"};
  return kMonths.at(static_cast<size_t>(month - 1));
}

std::string group_thousands(int64_t value) {
  std::string digits = std::to_string(value);
  std::string out;
  const size_t n = digits.size();
  for (size_t i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return out;
}

std::string zero_pad(int64_t value, int width) {
  std::string s = std::to_string(value);
  while (static_cast<int>(s.size()) < width) s.insert(s.begin(), '0');
  return s;
}

std::string tenths_printed(int64_t tenths) {
  std::string s = std::to_string(tenths / 10);
  if (tenths % 10 != 0) {
    s += ',';
    s += std::to_string(tenths % 10);
  }
  return s;
}

std::string tenths_stored(int64_t tenths) {
  std::string s = std::to_string(tenths / 10);
  if (tenths % 10 != 0) {
    s += '.';
    s += std::to_string(tenths % 10);
  }
  return s;
}

}  // namespace sohoa::samples
