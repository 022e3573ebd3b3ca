// Text accuracy metrics of the OCR benchmark: character and word error rates of a recognised
// page against the generator's truth text. Definitions: bench/README.md.
//
// All functions take UTF-8 and are pure and thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sohoa::bench {

// The text both sides are compared as: normalize_text() (NFC, Ð→Đ, "hòa/thủy" tone style),
// every dotted-leader run (a run of '.' and '…' that is 3 or more long or holds a '…')
// replaced by one space, then all whitespace collapsed to single spaces and trimmed.
std::string comparable_text(std::string_view utf8);

// comparable_text() folded: lower case, no diacritics, đ→d (sohoa::text::fold_diacritics).
std::string blind_text(std::string_view comparable);

// An edit distance and the length of the reference it is measured against.
struct ErrorCount {
  std::size_t edits = 0;
  std::size_t reference_length = 0;

  // edits / reference_length; for an empty reference 0 if nothing was inserted, else 1.
  double rate() const;
};

// Levenshtein distance over Unicode code points (insert, delete, substitute cost 1).
ErrorCount character_errors(std::string_view reference, std::string_view hypothesis);

// Levenshtein distance over words (the text split at single spaces).
ErrorCount word_errors(std::string_view reference, std::string_view hypothesis);

// Order-blind word errors: the word edit distance if words could be reordered for free, i.e.
// max(reference words missing from the hypothesis, hypothesis words missing from the
// reference), counted as multisets. Never above word_errors(); a page whose word_errors() is
// much higher than this has the right words in the wrong order.
ErrorCount bag_of_words_errors(std::string_view reference, std::string_view hypothesis);

}  // namespace sohoa::bench
