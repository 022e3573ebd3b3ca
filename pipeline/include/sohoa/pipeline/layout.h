// Reading order of the words on a page.
//
// Tesseract reads a line across the whole page. Official pages put two blocks side by side
// (the issuing body left, the national motto right; two signatures at the bottom), so their
// lines come out interleaved: "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI…". A person reads the left
// block, then the right one; so does sohoa.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "sohoa/archive/record.h"

namespace sohoa {

// Removes what Tesseract made of non-text: lone punctuation read with low confidence (rules,
// specks: "_", "—", "|") and very tall, low-confidence "words" (signature scribbles, seals).
void drop_noise_words(std::vector<Word>& words);

// Reorders `words` (with Tesseract's line numbers, in its order) so that runs of up to
// kMaxSideBySideLines consecutive lines split by one wide gutter are read left block first,
// then right block; each side becomes its own line. Renumbers `Word::line` from 0.
void arrange_reading_order(std::vector<Word>& words, int page_width);

inline constexpr std::size_t kMaxSideBySideLines = 6;

// The text of words in order: words of a line joined by spaces, lines by '\n'.
std::string words_to_text(const std::vector<Word>& words);

}  // namespace sohoa
