// Text helpers every extractor needs: Vietnamese case and diacritic folding, edit distance,
// finding a printed label despite OCR errors, and reading the value printed after it.
//
// All functions take and return UTF-8. They are pure and thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sohoa/plugin/sdk.h"

namespace sohoa::plugin {

// Lower case of Vietnamese (and ASCII) letters: "NGUYỄN Đức" → "nguyễn đức".
std::string to_lower(std::string_view text);
// Upper case of Vietnamese (and ASCII) letters.
std::string to_upper(std::string_view text);
// Lower case without diacritics, đ → d, punctuation kept: "Đường Xuân Đỉnh" → "duong xuan dinh".
std::string fold(std::string_view text);
// The code points of `text` (invalid UTF-8 bytes become U+FFFD).
std::u32string decode_utf8(std::string_view text);
std::string encode_utf8(std::u32string_view text);

// The letters and digits of `text`, folded, spaces and punctuation dropped: what labels and
// titles are compared on ("Tên hộ kinh doanh:" → "tenhokinhdoanh").
std::u32string label_key(std::string_view text);

// Whether `word` holds a letter once folded ("Bnn", "doanh:"), not only digits and specks
// ("|", "12.").
bool holds_letter(std::string_view word);

// Levenshtein distance in code points.
int edit_distance(std::u32string_view a, std::u32string_view b);

// True for words that are only leader dots, ellipses, underscores or dashes ("……", "...").
bool is_leader(std::string_view word);
// `word` without leading and trailing leader characters and punctuation that OCR attaches
// ("Khánh……" → "Khánh", "(bộ)" kept), empty if nothing else is left.
std::string strip_leaders(std::string_view word);

// Where a label was found: words [first, last) of a line.
struct LabelMatch {
  int page = 0;  // index into DossierView::pages
  int line = 0;  // index into PageView::lines
  int first = 0;
  int last = 0;
  int distance = 0;    // edit distance of the folded text to the folded label
  bool colon = false;  // followed by ':'
  int rank() const { return distance * 2 + (colon ? 0 : 1); }
};

struct LabelOptions {
  // Distance allowed per character of the label (folded); at least 1 edit is always allowed
  // for labels of 4 or more characters.
  double max_distance_per_char = 0.15;
  int first_page = 0;  // page indexes to search, [first_page, last_page)
  int last_page = 1 << 30;
  bool line_start_only = false;  // the label must be the first words of its line (specks aside)
  // Only positions after this one (page index, line index, word index) count; -1: anywhere.
  int after_page = -1;
  int after_line = -1;
  int after_word = -1;
  // Only lines before this one (page index, line index) count; -1: to the end.
  int before_page = -1;
  int before_line = -1;
};

// The best match of `label` (words, compared folded) anywhere in the pages, or nothing. The
// fewest edits win; among equals a match followed by ':' (a label, not a phrase that merely
// begins like one), then the earliest position.
std::optional<LabelMatch> find_label(const DossierView& dossier, std::string_view label,
                                     const LabelOptions& options = {});
// Every match, best first (the order of find_label), for trying the next one when the best
// match's value is unreadable.
std::vector<LabelMatch> find_labels(const DossierView& dossier, std::string_view label,
                                    const LabelOptions& options = {});
// The best match within one page.
std::optional<LabelMatch> find_label_on_page(const PageView& page, int page_index,
                                             std::string_view label,
                                             const LabelOptions& options = {});

// A value read after a label.
struct ValueText {
  std::string text;  // words joined by spaces, leaders removed
  int page = 0;      // page number (from 1)
  Box box;
  double confidence = 0;  // the lowest word confidence: one bad word spoils a value
  bool empty() const { return text.empty(); }
  // The words joined, when known (join_words): make_field rates a value of digits, or a ward,
  // by the words that may hold it only.
  std::vector<WordView> words = {};
  // Why the words read may not be the whole value (read_value: a wrapped line that lost its
  // first word), and the first word of `words` the doubt is about. make_field flags the field
  // with it when those words change the value. Empty when nothing is doubted.
  std::string doubt = {};
  std::size_t doubted_from = 0;
};

struct ValueOptions {
  // Labels that end the value when they appear on the same line ("Giới tính" after a name).
  std::vector<std::string_view> stop_labels;
  // Read on into following lines until a line that starts with a label-like "Xxx:" or a
  // numbered item, up to this many extra lines (addresses wrap).
  int continuation_lines = 0;
  // Stop at the first leader run instead of skipping it.
  bool stop_at_leaders = true;
};

// The words after `label` on its line (a leading ':' is skipped) up to the dotted leaders, a
// stop label or the end of the line. Empty when nothing but leaders follows.
ValueText read_value(const DossierView& dossier, const LabelMatch& label,
                     const ValueOptions& options = {});

// Words of a page whose boxes lie in [x0, x1) horizontally and on the same visual row as
// `row` (vertical overlap over half the smaller height), in left-to-right order; for tables,
// whose cells OCR reads row by row.
std::vector<WordView> words_in_row(const PageView& page, const Box& row, int x0, int x1);

// Words of a page whose centres lie inside `box`, in reading order (line by line).
std::vector<WordView> words_in_box(const PageView& page, const Box& box);

// Joins word texts with single spaces; the box is their union; confidence their minimum.
ValueText join_words(const std::vector<WordView>& words, int page_number);

}  // namespace sohoa::plugin
