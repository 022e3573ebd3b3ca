#include "sohoa/archive/text.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <array>

namespace sohoa::text {
namespace {

const icu::Normalizer2& nfc() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  return *n;  // ICU's built-in data is always present; a failure here cannot be recovered.
}

const icu::Normalizer2& nfd() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(status);
  return *n;
}

icu::UnicodeString from_utf8(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

std::string to_utf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

bool is_tone_mark(UChar32 c) {
  return c == 0x0300 || c == 0x0301 || c == 0x0303 || c == 0x0309 || c == 0x0323;
}

bool is_mark(UChar32 c) {
  return u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK;
}

// One letter of a decomposed word: base code point plus its combining marks.
struct Letter {
  UChar32 base;
  std::u32string marks;
};

UChar32 lower(UChar32 c) { return u_tolower(c); }

bool is_consonant_base(UChar32 c) {
  static constexpr std::u32string_view kVowels = U"aeiouy";
  return u_isalpha(c) && kVowels.find(lower(c)) == std::u32string_view::npos;
}

// Rewrites one decomposed word from "hoà/khoẻ/thuỷ" style to "hòa/khỏe/thủy" style: in an
// open syllable ending in oa, oe or uy (not "qu"+y), the tone moves to the first vowel.
void place_tone(std::vector<Letter>& word) {
  const std::size_t n = word.size();
  if (n < 2) return;
  Letter& first = word[n - 2];
  Letter& second = word[n - 1];
  const UChar32 a = lower(first.base);
  const UChar32 b = lower(second.base);
  const bool oa_oe = a == 'o' && (b == 'a' || b == 'e');
  const bool uy = a == 'u' && b == 'y';
  if (!oa_oe && !uy) return;
  if (!first.marks.empty()) return;  // ô, ơ, ư or a tone already on the first vowel
  if (n >= 3) {
    const UChar32 before = lower(word[n - 3].base);
    if (!is_consonant_base(before) || !word[n - 3].marks.empty()) return;
    if (uy && before == 'q') return;  // "quý": the u belongs to the consonant
  }
  std::u32string kept;
  std::u32string tone;
  for (char32_t m : second.marks) (is_tone_mark(static_cast<UChar32>(m)) ? tone : kept) += m;
  if (tone.size() != 1) return;
  second.marks = kept;
  first.marks = tone;
}

// Lower case and folded forms of every precomposed letter Vietnamese text uses (Latin-1
// Supplement, Latin Extended-A and -B, Latin Extended Additional), computed once with ICU. A word
// made only of these and ASCII (no combining marks) folds and lower-cases letter by letter, so
// the table gives exactly what the ICU path gives, some twenty times faster: indexing a million
// dossiers calls these functions for every word.
class LetterTable {
 public:
  LetterTable() {
    for (UChar32 c = 0; c < kEnd; ++c) {
      if (!covered(c)) continue;
      icu::UnicodeString u(c);
      lower_[static_cast<std::size_t>(c)] =
          to_utf8(icu::UnicodeString(u).toLower(icu::Locale::getRoot()));
      fold_[static_cast<std::size_t>(c)] = slow_fold(u);
    }
  }
  static bool covered(UChar32 c) { return (c >= 0 && c < 0x250) || (c >= 0x1E00 && c < 0x1F00); }
  // Applies the table to `utf8`; false (and `out` unspecified) if a code point is not covered.
  bool apply(std::string_view utf8, bool fold, std::string& out) const {
    out.clear();
    out.reserve(utf8.size());
    const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
    const auto size = static_cast<int32_t>(utf8.size());
    for (int32_t i = 0; i < size;) {
      if (bytes[i] < 0x80) {
        const char c = static_cast<char>(bytes[i++]);
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        continue;
      }
      UChar32 c;
      U8_NEXT(bytes, i, size, c);
      if (!covered(c)) return false;
      out += fold ? fold_[static_cast<std::size_t>(c)] : lower_[static_cast<std::size_t>(c)];
    }
    return true;
  }
  static std::string slow_fold(const icu::UnicodeString& u) {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString decomposed = nfd().normalize(u, status);
    if (U_FAILURE(status)) decomposed = u;
    icu::UnicodeString out;
    for (int32_t i = 0; i < decomposed.length();) {
      UChar32 c = decomposed.char32At(i);
      i += U16_LENGTH(c);
      if (u_charType(c) == U_NON_SPACING_MARK) continue;
      if (c == 0x0110 || c == 0x0111 || c == 0x00D0 || c == 0x00F0) c = 'd';
      out.append(u_tolower(c));
    }
    return to_utf8(out);
  }

 private:
  static constexpr UChar32 kEnd = 0x1F00;
  std::array<std::string, kEnd> lower_;
  std::array<std::string, kEnd> fold_;
};

const LetterTable& letters() {
  static const LetterTable table;
  return table;
}

}  // namespace

std::string normalize_text(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString decomposed = nfd().normalize(from_utf8(utf8), status);
  if (U_FAILURE(status)) return std::string(utf8);

  icu::UnicodeString out;
  std::vector<Letter> word;
  auto flush = [&]() {
    place_tone(word);
    for (const Letter& l : word) {
      out.append(l.base);
      for (char32_t m : l.marks) out.append(static_cast<UChar32>(m));
    }
    word.clear();
  };
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (c == 0x00D0) c = 0x0110;  // Ð (eth) typed for Đ
    if (c == 0x00F0) c = 0x0111;
    if (is_mark(c) && !word.empty()) {
      word.back().marks += static_cast<char32_t>(c);
    } else if (u_isalpha(c)) {
      word.push_back(Letter{c, {}});
    } else {
      flush();
      out.append(c);
    }
  }
  flush();
  icu::UnicodeString composed = nfc().normalize(out, status);
  if (U_FAILURE(status)) return std::string(utf8);
  return to_utf8(composed);
}

std::string to_lower(std::string_view utf8) {
  std::string fast;
  if (letters().apply(utf8, false, fast)) return fast;
  icu::UnicodeString u = from_utf8(utf8);
  u.toLower(icu::Locale::getRoot());
  return to_utf8(u);
}

std::string fold_diacritics(std::string_view utf8) {
  std::string fast;
  if (letters().apply(utf8, true, fast)) return fast;
  return LetterTable::slow_fold(from_utf8(utf8));
}

bool has_diacritics(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString decomposed = nfd().normalize(from_utf8(utf8), status);
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) return true;
    if (c == 0x0110 || c == 0x0111 || c == 0x00D0 || c == 0x00F0) return true;
  }
  return false;
}

std::string collapse_spaces(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  bool pending_space = false;
  for (char c : utf8) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

std::vector<Token> tokenize(std::string_view utf8) {
  std::vector<Token> tokens;
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto size = static_cast<int32_t>(utf8.size());
  int32_t i = 0;
  int32_t start = -1;
  auto close = [&](int32_t end) {
    if (start >= 0) {
      tokens.push_back(Token{std::string(utf8.substr(start, end - start)),
                             static_cast<std::size_t>(start),
                             static_cast<std::size_t>(end - start)});
    }
    start = -1;
  };
  while (i < size) {
    const int32_t at = i;
    UChar32 c;
    U8_NEXT(bytes, i, size, c);
    const bool word_char = c >= 0 && (u_isalnum(c) || (start >= 0 && is_mark(c)));
    if (word_char) {
      if (start < 0) start = at;
    } else {
      close(at);
    }
  }
  close(size);
  return tokens;
}

}  // namespace sohoa::text
