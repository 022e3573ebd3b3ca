// Vietnamese text normalisation and folding.
//
// Every string sohoa stores or indexes goes through normalize_text() first, so that the same
// word always has the same bytes: Unicode NFC, U+00D0/U+00F0 (Ð ð, Icelandic eth, which
// some typed text uses) read as Đ đ, and one tone-placement style. sohoa keeps the style
// the district's forms print ("hòa", "thủy", "khỏe": the tone on the first vowel of an open
// oa/oe/uy syllable); text in the other style ("hoà", "thuỷ") is rewritten to it.
//
// fold_diacritics() gives the search key of a word: lower case, no tone or vowel marks,
// đ→d. "Đường", "dương" and "đương" all fold to "duong".
//
// All functions take and return UTF-8; invalid UTF-8 sequences become U+FFFD. They are pure
// and thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sohoa::text {

// NFC + Ð→Đ + canonical tone placement. Whitespace and punctuation are kept as they are.
std::string normalize_text(std::string_view utf8);

// Lower case (Unicode, root locale) of normalised text.
std::string to_lower(std::string_view utf8);

// Lower case with every diacritic removed and đ→d; the search key of a word.
std::string fold_diacritics(std::string_view utf8);

// True if the text contains a letter that carries a diacritic (or is đ/Đ).
bool has_diacritics(std::string_view utf8);

// Runs of whitespace become one space; leading and trailing whitespace are dropped.
std::string collapse_spaces(std::string_view utf8);

// A word of text: a maximal run of letters, digits and combining marks.
struct Token {
  std::string text;    // the word as it appears (normalised input is expected)
  std::size_t offset;  // byte offset in the input
  std::size_t length;  // byte length in the input
};

// Splits text into words. Punctuation and whitespace separate words and are not returned.
std::vector<Token> tokenize(std::string_view utf8);

}  // namespace sohoa::text
