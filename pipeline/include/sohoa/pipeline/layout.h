// Reading order of the words on a page.
//
// Tesseract reads a line across the whole page. Official pages put two blocks side by side
// (the issuing body left, the national motto right; two signatures at the bottom), so their
// lines come out interleaved: "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI…". A person reads the left
// block, then the right one; so does sohoa.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "sohoa/archive/record.h"

namespace sohoa {

// Removes what Tesseract made of non-text: lone punctuation read with low confidence (rules,
// specks: "_", "—", "|") and very tall, low-confidence "words" (signature scribbles, seals).
void drop_noise_words(std::vector<Word>& words);

// One printed line that Tesseract cut into two text lines, typically beside a block at another
// height ("PHÓ CHỦ TỊCH" beside the "Nơi nhận" list came out as "2 CHỦ TICH" and "LMO CH"):
// two pieces (words of one line with no gutter between them) of different lines that overlap
// in height by more than half of the shorter and touch side by side, one of them holding a
// word read under 0.75. A piece's top and bottom are the median of its words': one word's box
// can reach into the next line ("quyết" 88 px tall in a line of 45), and a piece that tall
// would pair with the line below and have it read as part of its own (a due date lost).
struct SplitLine {
  std::vector<std::size_t> words;                // indexes of both pieces' words
  int line = 0;                                  // the upper of the two lines
  double mean_confidence = 0;                    // of those words
  int left = 0, top = 0, right = 0, bottom = 0;  // both pieces, a quarter of their height around
};

// The split lines among `words` (Tesseract's order and line numbers), to read again as single
// lines. A piece can appear in several; the caller skips those whose words it already replaced.
std::vector<SplitLine> split_lines(const std::vector<Word>& words);

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
