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

// Reorders `words` (with Tesseract's line numbers) into reading order. Lines are split at
// gutters and regrouped into rows by height, top to bottom; then
//   - a table (rows whose cells start at the same three or more column edges) is read row by
//     row, each cell whole, a wrapped cell's continuation lines joined to it;
//   - two blocks side by side (header: issuing body | national motto; recipients | signature;
//     two signatures), at least one of them centred text, are read left block, then right;
//   - any other row is read left to right.
// Renumbers `Word::line` from 0 in the new order.
void arrange_reading_order(std::vector<Word>& words, int page_width);

// The text of words in order: words of a line joined by spaces, lines by '\n'.
std::string words_to_text(const std::vector<Word>& words);

}  // namespace sohoa
