#include "sohoa/pipeline/ocr.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <optional>
#include <string_view>

#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>

#include "sohoa/archive/schema.h"
#include "sohoa/archive/text.h"
#include "sohoa/pipeline/layout.h"
#include "sohoa/plugin/text.h"

namespace sohoa {
namespace {

struct TextDeleter {
  void operator()(char* p) const { delete[] p; }
};
using TessText = std::unique_ptr<char, TextDeleter>;

bool has_digit(std::string_view text) {
  return text.find_first_of("0123456789") != std::string_view::npos;
}

bool is_digit(const char* symbol) {
  return symbol != nullptr && symbol[0] >= '0' && symbol[0] <= '9' && symbol[1] == '\0';
}

// Extra beam searches over each line for the choices (lstm_choice_iterations): each gives
// every character one more choice, the runner-up first, and costs 1-2% of the page's time.
constexpr const char* kChoiceIterations = "1";
// A digit whose runner-up reaches this confidence makes its word doubtful
// (OcrConfig::digit_doubt).
constexpr float kDoubtingRunnerUp = 0.35f;
// A digit whose runner-up digit reaches this gives its word a second reading with that digit
// (OcrConfig::digit_rival_readings).
constexpr float kDigitRivalReading = 0.10f;

// A vowel with a mark, of either case ("ề", "Ĩ").
bool marked_vowel(const char* symbol) {
  if (symbol == nullptr || static_cast<unsigned char>(symbol[0]) < 0x80) return false;
  const std::string base = text::fold_diacritics(symbol);  // lower case, no marks
  return base.size() == 1 && std::strchr("aeiouy", base[0]) != nullptr;
}

// A capital vowel with a mark ("Ĩ", "Ộ").
bool marked_capital(const char* symbol) {
  return marked_vowel(symbol) && text::to_lower(symbol) != symbol;
}

// A word in capitals: it has a letter, and no lower-case one.
bool in_capitals(const std::string& word) {
  return plugin::to_upper(word) == word && text::to_lower(word) != word;
}

// A word with a lower-case letter and no digit: the words marks are printed on in mixed case.
bool in_lower_case(const std::string& word) {
  return !has_digit(word) && plugin::to_upper(word) != word;
}

// A character Tesseract ranked below the one it read, in place of a symbol of a word.
struct Rival {
  std::string text;
  float confidence = 0;
  std::size_t at = 0;  // where the symbol it rivals is in the word (bytes)
  std::size_t length = 0;
};

// A digit as read, and its box on the page.
struct Glyph {
  char digit = '0';
  std::array<int, 4> box{};  // x, y, w, h
};

// A word's symbols as read, the rivals of those of them that are doubted, and its digits'
// boxes.
struct WordChoices {
  std::string word;
  std::vector<Rival> rivals;
  std::vector<Glyph> glyphs;
};

// The word at `it`, with the rivals of its `doubted` symbols; leaves `it` at the word's last
// symbol. Needs lstm_choice_mode 2.
template <typename Doubted>
WordChoices word_choices(tesseract::ResultIterator& it, Doubted doubted) {
  WordChoices out;
  while (true) {
    TessText symbol(it.GetUTF8Text(tesseract::RIL_SYMBOL));
    const std::string s = symbol ? symbol.get() : "";
    if (symbol && is_digit(symbol.get())) {
      int left = 0;
      int top = 0;
      int right = 0;
      int bottom = 0;
      if (it.BoundingBox(tesseract::RIL_SYMBOL, &left, &top, &right, &bottom)) {
        out.glyphs.push_back({s[0], {left, top, right - left, bottom - top}});
      }
    }
    if (symbol && doubted(symbol.get())) {
      tesseract::ChoiceIterator choice(it);
      do {
        const char* c = choice.GetUTF8Text();
        if (c == nullptr || c[0] == '\0' || s == c) continue;
        out.rivals.push_back({c, choice.Confidence() / 100.0f, out.word.size(), s.size()});
      } while (choice.Next());
    }
    out.word += s;
    if (it.IsAtFinalElement(tesseract::RIL_WORD, tesseract::RIL_SYMBOL)) break;
    if (!it.Next(tesseract::RIL_SYMBOL)) break;
  }
  return out;
}

// The highest of a word's rivals that `keep(symbol, rival)` accepts; confidence 0 if none.
template <typename Keep>
Rival best_rival(const WordChoices& w, Keep keep) {
  Rival best;
  for (const Rival& r : w.rivals) {
    if (r.confidence > best.confidence && keep(w.word.substr(r.at, r.length), r.text)) best = r;
  }
  return best;
}

// The word with `r` read in place of the symbol it rivals, NFC.
std::string with_rival(const WordChoices& w, const Rival& r) {
  std::string word = w.word;
  word.replace(r.at, r.length, r.text);
  return text::collapse_spaces(text::normalize_text(word));
}

// For a digit, any other character is a rival (a 2 with a Z close behind, a 4 with a '-').
bool any_rival(const std::string&, const std::string& c) { return c[0] != ' '; }

// The same letter with another mark or none ("Ĩ" against "I").
bool other_mark(const std::string& symbol, const std::string& c) {
  return text::fold_diacritics(c) == text::fold_diacritics(symbol);
}

// The word at `it` read with the mark Tesseract nearly read instead: of its marked vowels, the
// one whose runner-up, the same letter with another mark or none (not the same letter in the
// other case, "Ờ"), came highest, when that reached kDoubtingRunnerUp ("Hiển" for a "Hiền"
// whose ề had ể close behind); else empty. Leaves `it` at the word's last symbol.
std::string nearly_read_mark(tesseract::ResultIterator& it) {
  const WordChoices w = word_choices(it, marked_vowel);
  const Rival r = best_rival(w, [](const std::string& symbol, const std::string& c) {
    return other_mark(symbol, c) && text::to_lower(c) != text::to_lower(symbol);
  });
  if (r.confidence < kDoubtingRunnerUp) return {};
  return with_rival(w, r);
}

// The word `w` (its digits' rivals) read with the digit Tesseract ranked highest in place of
// one of its digits, when that came to kDigitRivalReading or more ("0382240785" for a phone
// read 0882240785 at 95%, its 8 with a 3 at 11%: held-out seed 34); else empty. This reaches
// far below kDoubtingRunnerUp, where the word's confidence is left alone.
std::string digit_rival_reading(const WordChoices& w) {
  const Rival r =
      best_rival(w, [](const std::string&, const std::string& c) { return is_digit(c.c_str()); });
  if (r.confidence < kDigitRivalReading) return {};
  return with_rival(w, r);
}

// What recognised_words makes of the choices Tesseract kept (OcrConfig).
struct ChoiceUse {
  bool doubt_digits = false;
  bool doubt_marks = false;
  bool read_marks = false;
  bool read_digits = false;
  bool doubt_glyphs = false;
};

// A digit's shape: the share of ink in each cell of a kGlyphColumns × kGlyphRows grid laid
// over its box on the binarised page, so that digits of any size compare.
constexpr int kGlyphColumns = 12;
constexpr int kGlyphRows = 18;
using Shape = std::array<float, kGlyphColumns * kGlyphRows>;

Shape shape_of(PIX* binary, std::array<int, 4> box) {
  Shape out{};
  // A box Tesseract drew past the image's edge is cut at it.
  box[2] = std::min(box[2], pixGetWidth(binary) - box[0]);
  box[3] = std::min(box[3], pixGetHeight(binary) - box[1]);
  if (box[0] < 0 || box[1] < 0 || box[2] <= 0 || box[3] <= 0) return out;
  const int w = box[2];
  const int h = box[3];
  for (int row = 0; row < kGlyphRows; ++row) {
    const int y0 = box[1] + row * h / kGlyphRows;
    const int y1 = std::max(box[1] + (row + 1) * h / kGlyphRows, y0 + 1);
    for (int col = 0; col < kGlyphColumns; ++col) {
      const int x0 = box[0] + col * w / kGlyphColumns;
      const int x1 = std::max(box[0] + (col + 1) * w / kGlyphColumns, x0 + 1);
      int ink = 0;
      int all = 0;
      for (int y = y0; y < y1; ++y) {
        for (int x = x0; x < x1; ++x) {
          l_uint32 v = 0;
          if (pixGetPixel(binary, x, y, &v) == 0 && v != 0) ++ink;
          ++all;
        }
      }
      out[static_cast<std::size_t>(row * kGlyphColumns + col)] = static_cast<float>(ink) / all;
    }
  }
  return out;
}

// The width of the ink a digit's box stands on: the run of columns, from the box's middle
// out, that hold ink in the box's rows (0 when the middle holds none). A box Tesseract drew
// over half a digit ("0" of "06,") still stands on the whole digit's ink.
int ink_width(PIX* binary, const std::array<int, 4>& box) {
  const int w = pixGetWidth(binary);
  const int top = std::max(box[1], 0);
  const int bottom = std::min(box[1] + box[3], pixGetHeight(binary));
  auto inked = [&](int x) {
    if (x < 0 || x >= w) return false;
    for (int y = top; y < bottom; ++y) {
      l_uint32 v = 0;
      if (pixGetPixel(binary, x, y, &v) == 0 && v != 0) return true;
    }
    return false;
  };
  const int middle = box[0] + box[2] / 2;
  if (!inked(middle)) return 0;
  const int reach = 4 * std::max(box[3], 1);  // a run of touching glyphs is wide enough
  int left = middle;
  int right = middle;
  while (middle - left < reach && inked(left - 1)) --left;
  while (right - middle < reach && inked(right + 1)) ++right;
  return right - left + 1;
}

float shape_distance(const Shape& a, const Shape& b) {
  float sum = 0;
  for (std::size_t i = 0; i < a.size(); ++i) sum += (a[i] - b[i]) * (a[i] - b[i]);
  return std::sqrt(sum);
}

float median_of(std::vector<float> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
  return v[v.size() / 2];
}

// A page prints each digit alike every time, and a speck on a digit can make Tesseract read
// another one surely (held-out seed 81: the 4 of a phone's last group read 3 at 99%, a speck
// on its top). `glyphs[k]` is a digit of word `word_of[k]`. A digit whose shape is farther
// from the page's other digits read the same (their mean) than kOddGlyphRatio times its
// distance to the mean of another digit is odd; so are the words holding one. Only digits
// with a box of a digit's height (a box Tesseract stretched over a speck or a rule says
// nothing of the shape) and of their digit's usual width count; a digit read fewer than
// kGlyphsToCompare times on the page is not compared.
//
// A digit wider than a 1 whose box has a 1's width, not its own digit's, and which stands on
// ink under 0.7 of its digit's usual (ink_width) is odd too: Tesseract read the ink of a 1 as
// another digit (held-out seed 58: a blot on the stem of a dossier code's 1 read 4 at 95%, its
// box and ink 14 px wide where the page's 4s are 24 and its 1s 12). The shape says nothing
// there: the box holds the blot and half the stem. The ink tells a box drawn over half a digit
// (a 0 or 2 before a comma) from a narrow glyph.
constexpr float kOddGlyphRatio = 1.4f;
constexpr std::size_t kGlyphsToCompare = 4;
std::vector<std::size_t> words_with_odd_digits(PIX* binary, const std::vector<Glyph>& glyphs,
                                               const std::vector<std::size_t>& word_of) {
  std::vector<float> heights;
  for (const Glyph& g : glyphs) heights.push_back(static_cast<float>(g.box[3]));
  const float height = median_of(heights);
  std::array<std::vector<std::size_t>, 10> of_digit;
  for (std::size_t k = 0; k < glyphs.size(); ++k) of_digit[glyphs[k].digit - '0'].push_back(k);
  std::array<Shape, 10> sum{};
  std::array<Shape, 10> mean{};
  std::array<float, 10> width{};
  std::array<float, 10> ink{};
  std::vector<Shape> shapes;
  std::vector<int> inks;
  shapes.reserve(glyphs.size());
  inks.reserve(glyphs.size());
  for (const Glyph& g : glyphs) {
    shapes.push_back(shape_of(binary, g.box));
    inks.push_back(ink_width(binary, g.box));
  }
  for (int d = 0; d < 10; ++d) {
    std::vector<float> widths;
    std::vector<float> ink_widths;
    for (std::size_t k : of_digit[d]) {
      for (std::size_t i = 0; i < sum[d].size(); ++i) sum[d][i] += shapes[k][i];
      widths.push_back(static_cast<float>(glyphs[k].box[2]));
      ink_widths.push_back(static_cast<float>(inks[k]));
    }
    width[d] = median_of(widths);
    ink[d] = median_of(ink_widths);
    mean[d] = sum[d];
    for (float& v : mean[d]) v /= static_cast<float>(std::max<std::size_t>(of_digit[d].size(), 1));
  }
  std::vector<std::size_t> out;
  for (std::size_t k = 0; k < glyphs.size(); ++k) {
    const Glyph& g = glyphs[k];
    const int d = g.digit - '0';
    const std::size_t n = of_digit[d].size();
    if (n < kGlyphsToCompare) continue;
    if (g.box[3] < 0.85f * height || g.box[3] > 1.2f * height) continue;
    if (d != 1 && of_digit[1].size() >= kGlyphsToCompare && g.box[2] < 0.7f * width[d] &&
        g.box[2] >= 0.7f * width[1] && g.box[2] <= 1.4f * width[1] &&
        static_cast<float>(inks[k]) < 0.7f * ink[d]) {
      out.push_back(word_of[k]);  // a 1's width, read as a wider digit
      continue;
    }
    if (g.box[2] < 0.7f * width[d] || g.box[2] > 1.4f * width[d]) continue;
    Shape own{};  // the mean of the others read as this digit
    for (std::size_t i = 0; i < own.size(); ++i) {
      own[i] = (sum[d][i] - shapes[k][i]) / static_cast<float>(n - 1);
    }
    const float to_own = shape_distance(shapes[k], own);
    for (int other = 0; other < 10; ++other) {
      if (other == d || of_digit[other].size() < kGlyphsToCompare) continue;
      if (to_own > kOddGlyphRatio * shape_distance(shapes[k], mean[other])) {
        out.push_back(word_of[k]);
        break;
      }
    }
  }
  return out;
}

// A word holding an odd digit (words_with_odd_digits) keeps a confidence no higher than
// this, under the plugins' review threshold.
constexpr float kOddGlyphConfidence = 0.6f;

// The words of Tesseract's last recognition, NFC, with boxes and confidences; `line` numbers
// them by text line from `first_line` on (or gives them all `first_line`, if `one_line`).
// With `choices` (the recognition kept them), a word's digits or the marks of a word in
// capitals can lower its confidence, and a word holding digits or in lower case can keep the
// digit or mark Tesseract nearly read as its second reading.
std::vector<Word> recognised_words(tesseract::TessBaseAPI& api, int first_line, bool one_line,
                                   const ChoiceUse& choices = {}) {
  std::vector<Word> out;
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  if (!it) return out;
  std::vector<Glyph> glyphs;
  std::vector<std::size_t> word_of;  // the word in `out` of each glyph
  int line = first_line - 1;
  do {
    if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE) && !one_line) ++line;
    TessText raw(it->GetUTF8Text(tesseract::RIL_WORD));
    if (!raw) continue;
    Word w;
    w.text = text::collapse_spaces(text::normalize_text(raw.get()));
    if (w.text.empty()) continue;
    int left = 0;
    int top = 0;
    int right = 0;
    int bottom = 0;
    it->BoundingBox(tesseract::RIL_WORD, &left, &top, &right, &bottom);
    w.bbox = {left, top, right - left, bottom - top};
    w.confidence = it->Confidence(tesseract::RIL_WORD) / 100.0f;
    w.line = one_line ? first_line : line;
    if ((choices.doubt_digits || choices.read_digits || choices.doubt_glyphs) &&
        has_digit(w.text)) {
      const WordChoices digits = word_choices(*it, is_digit);
      if (choices.doubt_glyphs) {
        for (const Glyph& g : digits.glyphs) {
          glyphs.push_back(g);
          word_of.push_back(out.size());
        }
      }
      const float runner_up = best_rival(digits, any_rival).confidence;
      if (choices.doubt_digits && runner_up >= kDoubtingRunnerUp) {
        w.confidence = std::min(w.confidence, 1 - runner_up);
      }
      if (choices.read_digits) {
        std::string other = digit_rival_reading(digits);
        if (!other.empty() && other != w.text) w.second_reading = std::move(other);
      }
    } else if (choices.doubt_marks && in_capitals(w.text)) {
      const float runner_up = best_rival(word_choices(*it, marked_capital), other_mark).confidence;
      if (runner_up >= kDoubtingRunnerUp) w.confidence = std::min(w.confidence, 1 - runner_up);
    } else if (choices.read_marks && in_lower_case(w.text)) {
      std::string other = nearly_read_mark(*it);
      if (!other.empty() && other != w.text) w.second_reading = std::move(other);
    }
    out.push_back(std::move(w));
  } while (it->Next(tesseract::RIL_WORD));
  if (choices.doubt_glyphs && !glyphs.empty()) {
    if (PIX* binary = api.GetThresholdedImage()) {
      for (std::size_t k : words_with_odd_digits(binary, glyphs, word_of)) {
        out[k].confidence = std::min(out[k].confidence, kOddGlyphConfidence);
      }
      pixDestroy(&binary);
    }
  }
  return out;
}

// A word of digits read again with its line, against the page's reading of the same place when
// that gives as many digits: the surer of the two stands, and the other's digits, when other,
// are its second reading. Held-out seed 56: an ID's "364385" read at 23% on the page was
// "304385" at 85% with its line, with nothing left to doubt it; on a cut of that page, the
// wife's "001300237578", 77% on the page, came back at 20% from a reread that raised the line's
// mean, and went for noise.
void settle_with_page_reading(Word& again, const std::vector<Word>& page,
                              const std::vector<std::size_t>& replaced) {
  const std::string digits = schema::digits_only(again.text);
  if (digits.empty()) return;
  for (std::size_t i : replaced) {
    const Word& before = page[i];
    const int overlap = std::min(again.bbox[0] + again.bbox[2], before.bbox[0] + before.bbox[2]) -
                        std::max(again.bbox[0], before.bbox[0]);
    if (overlap * 2 <= std::min(again.bbox[2], before.bbox[2])) continue;
    const std::string other = schema::digits_only(before.text);
    if (other.size() != digits.size()) continue;
    if (before.confidence > again.confidence) {
      Word reread = std::move(again);
      again = before;
      again.line = reread.line;
      if (other != digits) again.second_reading = std::move(reread.text);
    } else if (other != digits) {
      again.second_reading = before.text;
    }
    return;
  }
}

// Reads again, as one line, each printed line Tesseract cut in two (split_lines, layout.h);
// the new reading replaces the two pieces when Tesseract is surer of it.
void reread_split_lines(tesseract::TessBaseAPI& api, std::vector<Word>& words) {
  std::vector<bool> removed(words.size(), false);
  std::vector<Word> added;
  for (const SplitLine& split : split_lines(words)) {
    if (std::any_of(split.words.begin(), split.words.end(),
                    [&](std::size_t i) { return removed[i]; })) {
      continue;
    }
    api.SetPageSegMode(tesseract::PSM_SINGLE_LINE);
    api.SetRectangle(split.left, split.top, split.right - split.left, split.bottom - split.top);
    std::vector<Word> again;
    if (api.Recognize(nullptr) == 0) again = recognised_words(api, split.line, true);
    api.SetPageSegMode(tesseract::PSM_AUTO);
    double sum = 0;
    for (const Word& w : again) sum += w.confidence;
    if (again.empty() || sum / static_cast<double>(again.size()) <= split.mean_confidence + 0.05) {
      continue;
    }
    for (std::size_t i : split.words) removed[i] = true;
    for (Word& w : again) {
      settle_with_page_reading(w, words, split.words);
      added.push_back(std::move(w));
    }
  }
  if (added.empty()) return;
  std::vector<Word> kept;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!removed[i]) kept.push_back(std::move(words[i]));
  }
  for (Word& w : added) kept.push_back(std::move(w));
  std::stable_sort(kept.begin(), kept.end(), [](const Word& x, const Word& y) {
    return x.line != y.line ? x.line < y.line : x.bbox[0] < y.bbox[0];
  });
  words = std::move(kept);
}

// A word's box with a third of its height around it, inside the page: what a word is read
// again from. Nothing when that is empty.
std::optional<std::array<int, 4>> word_surround(const Word& w, int page_width, int page_height) {
  const int pad = w.bbox[3] / 3;
  const int left = std::max(0, w.bbox[0] - pad);
  const int top = std::max(0, w.bbox[1] - pad);
  const int right = std::min(page_width, w.bbox[0] + w.bbox[2] + pad);
  const int bottom = std::min(page_height, w.bbox[1] + w.bbox[3] + pad);
  if (right <= left || bottom <= top) return std::nullopt;
  return std::array<int, 4>{left, top, right - left, bottom - top};
}

// The text of Tesseract's last recognition of a single word, NFC, on one line; may be empty.
std::string single_word_text(tesseract::TessBaseAPI& api) {
  TessText raw(api.GetUTF8Text());
  if (!raw) return {};
  std::string text = text::collapse_spaces(text::normalize_text(raw.get()));
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

// Each word holding a digit read again alone (word_surround, as a single word). A reading that
// differs from the page's goes to Word::second_reading.
void read_digits_again(tesseract::TessBaseAPI& api, std::vector<Word>& words, int width,
                       int height) {
  api.SetPageSegMode(tesseract::PSM_SINGLE_WORD);
  for (Word& w : words) {
    if (!has_digit(w.text)) continue;
    const std::optional<std::array<int, 4>> r = word_surround(w, width, height);
    if (!r) continue;
    api.SetRectangle((*r)[0], (*r)[1], (*r)[2], (*r)[3]);
    if (api.Recognize(nullptr) != 0) continue;
    std::string again = single_word_text(api);
    if (!again.empty() && again != w.text) w.second_reading = std::move(again);
  }
  api.SetPageSegMode(tesseract::PSM_AUTO);
}

int digit_count(std::string_view text) {
  return static_cast<int>(
      std::count_if(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }));
}

// What the second model reads in word_surround of `box` on `image`, in its page segmentation
// mode; empty if nothing.
std::string opinion_of(tesseract::TessBaseAPI& api, PIX* image, int dpi, const Word& box) {
  const std::optional<std::array<int, 4>> r =
      word_surround(box, pixGetWidth(image), pixGetHeight(image));
  if (!r) return {};
  BOX* b = boxCreate((*r)[0], (*r)[1], (*r)[2], (*r)[3]);
  PIX* crop = pixClipRectangle(image, b, nullptr);
  boxDestroy(&b);
  if (crop == nullptr) return {};
  api.SetImage(crop);
  api.SetSourceResolution(dpi);
  std::string text = single_word_text(api);
  pixDestroy(&crop);
  return text;
}

// A word of digits and their separators only ("0986", "378.", "24/7").
bool digits_alone(const std::string& text) {
  return has_digit(text) && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || std::strchr(".,-/", c) != nullptr;
         });
}

// `word` with its digits replaced, in order, by `digits` (as many).
std::string with_digits(std::string word, const std::string& digits) {
  std::size_t next = 0;
  for (char& c : word) {
    if (c >= '0' && c <= '9' && next < digits.size()) c = digits[next++];
  }
  return word;
}

// A number printed in groups: words [first, last) of a page, two or more words of digits
// (digits_alone) side by side on one line, left to right.
struct DigitGroup {
  std::size_t first = 0;
  std::size_t last = 0;
  Word box;            // only its bbox: the group's
  std::string digits;  // the group's digits, in order
};

// The digit groups of `words` holding `min_digits` digits or more.
std::vector<DigitGroup> digit_groups(const std::vector<Word>& words, int min_digits) {
  std::vector<DigitGroup> out;
  for (std::size_t i = 0; i < words.size();) {
    DigitGroup g{i, i, {}, {}};
    while (g.last < words.size() && digits_alone(words[g.last].text) &&
           words[g.last].line == words[i].line &&
           (g.last == i || words[g.last].bbox[0] > words[g.last - 1].bbox[0])) {
      g.box.bbox = g.last == i ? words[g.last].bbox : unite(g.box.bbox, words[g.last].bbox);
      g.digits += schema::digits_only(words[g.last].text);
      ++g.last;
    }
    i = std::max(g.last, i + 1);
    if (g.last - g.first >= 2 && static_cast<int>(g.digits.size()) >= min_digits) {
      out.push_back(std::move(g));
    }
  }
  return out;
}

// Each word holding OcrConfig::second_opinion_digits digits or more read by the second
// model, alone: word_surround cut from the page, as a single word. A reading whose digits
// differ from the page's takes Word::second_reading, in place of any reading the first model
// gave it (the digit it nearly read, or its own reading of the word alone). So is a number
// printed in groups ("0986 378 221", held-out seed 42's phone, printed 0986 378 421): each
// digit group is read as one line; when the second model reads as many digits, each word whose
// share differs gets its own digits as its second reading.
void second_opinion(tesseract::TessBaseAPI& api, PIX* image, int dpi, std::vector<Word>& words,
                    int min_digits) {
  for (Word& w : words) {
    if (digit_count(w.text) < min_digits) continue;
    std::string again = opinion_of(api, image, dpi, w);
    // A reading without digits ("sc") says nothing of them.
    const std::string digits = schema::digits_only(again);
    if (!digits.empty() && digits != schema::digits_only(w.text)) {
      w.second_reading = std::move(again);
    }
  }
  api.SetPageSegMode(tesseract::PSM_SINGLE_LINE);
  for (const DigitGroup& g : digit_groups(words, min_digits)) {
    const std::string again = schema::digits_only(opinion_of(api, image, dpi, g.box));
    if (again.size() != g.digits.size() || again == g.digits) continue;
    std::size_t at = 0;
    for (std::size_t k = g.first; k < g.last; ++k) {
      const std::string mine = schema::digits_only(words[k].text);
      const std::string share = again.substr(at, mine.size());
      at += mine.size();
      if (share != mine) words[k].second_reading = with_digits(words[k].text, share);
    }
  }
  api.SetPageSegMode(tesseract::PSM_SINGLE_WORD);
  api.Clear();
}

}  // namespace

struct OcrEngine::Impl {
  OcrConfig config;
  tesseract::TessBaseAPI api;
  // The second model (OcrConfig::second_opinion), when one is configured.
  std::unique_ptr<tesseract::TessBaseAPI> opinion;
};

OcrEngine::OcrEngine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
OcrEngine::OcrEngine(OcrEngine&&) noexcept = default;
OcrEngine& OcrEngine::operator=(OcrEngine&&) noexcept = default;
OcrEngine::~OcrEngine() {
  if (!impl_) return;
  impl_->api.End();
  if (impl_->opinion) impl_->opinion->End();
}

Result<OcrEngine> OcrEngine::create(const OcrConfig& config) {
  auto impl = std::make_unique<Impl>();
  impl->config = config;
  const char* datapath = config.tessdata_dir.empty() ? nullptr : config.tessdata_dir.c_str();
  if (impl->api.Init(datapath, config.languages.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
    return make_error(ErrorCode::kOcr,
                      "cannot load Tesseract language data '" + config.languages + "'" +
                          (datapath ? std::string(" from ") + datapath : std::string()),
                      "install it (scripts/install-deps installs tesseract-ocr-vie)");
  }
  impl->api.SetPageSegMode(tesseract::PSM_AUTO);
  // Tesseract writes progress and warnings to stderr; sohoa reports per page itself.
  impl->api.SetVariable("debug_file", "/dev/null");
  impl->api.SetVariable("tessedit_do_invert", config.read_inverted ? "1" : "0");
  impl->api.SetVariable("lstm_choice_iterations", kChoiceIterations);
  if (!config.second_opinion.empty()) {
    impl->opinion = std::make_unique<tesseract::TessBaseAPI>();
    if (impl->opinion->Init(datapath, config.second_opinion.c_str(), tesseract::OEM_LSTM_ONLY) !=
        0) {
      return make_error(ErrorCode::kOcr,
                        "cannot load Tesseract language data '" + config.second_opinion +
                            "' (the second opinion on digits)" +
                            (datapath ? std::string(" from ") + datapath : std::string()),
                        "install it (scripts/install-deps installs tesseract-ocr-eng)");
    }
    impl->opinion->SetPageSegMode(tesseract::PSM_SINGLE_WORD);
    impl->opinion->SetVariable("debug_file", "/dev/null");
  }
  return OcrEngine(std::move(impl));
}

Result<OcrPage> OcrEngine::recognize(PIX* image, int dpi) {
  tesseract::TessBaseAPI& api = impl_->api;
  api.SetImage(image);
  api.SetSourceResolution(dpi);
  tesseract::ETEXT_DESC monitor;
  monitor.set_deadline_msecs(impl_->config.page_timeout_ms);
  OcrPage out;
  const ChoiceUse use{impl_->config.digit_doubt, impl_->config.mark_doubt,
                      impl_->config.mark_readings, impl_->config.digit_rival_readings,
                      impl_->config.glyph_doubt};
  const bool choices = use.doubt_digits || use.doubt_marks || use.read_marks || use.read_digits;
  if (choices) api.SetVariable("lstm_choice_mode", "2");
  // Past the deadline Tesseract stops and returns an error; the page keeps the words read so
  // far (often none) and is flagged, so that one runaway page never fails its dossier.
  const bool failed = api.Recognize(&monitor) != 0;
  out.timed_out = monitor.deadline_exceeded();
  if (failed && !out.timed_out) {
    api.Clear();
    return make_error(ErrorCode::kOcr, "Tesseract could not recognise the page");
  }

  out.words = recognised_words(api, 0, false, use);
  // The rereads below need no choices (and would pay for them).
  if (choices) api.SetVariable("lstm_choice_mode", "0");
  double confidence_sum = 0;
  if (!out.timed_out && impl_->config.reread_split_lines) reread_split_lines(api, out.words);
  if (!out.timed_out && impl_->config.second_reading) {
    read_digits_again(api, out.words, pixGetWidth(image), pixGetHeight(image));
  }
  if (!out.timed_out && impl_->opinion) {
    second_opinion(*impl_->opinion, image, dpi, out.words, impl_->config.second_opinion_digits);
  }
  drop_noise_words(out.words);
  for (const Word& w : out.words) confidence_sum += w.confidence;
  arrange_reading_order(out.words, pixGetWidth(image));
  out.text = words_to_text(out.words);
  out.mean_confidence = out.words.empty() ? 0 : confidence_sum / out.words.size();
  api.Clear();
  return out;
}

}  // namespace sohoa
