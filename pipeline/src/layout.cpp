#include "sohoa/pipeline/layout.h"

#include <algorithm>
#include <limits>

#include "sohoa/archive/text.h"

namespace sohoa {
namespace {

struct Line {
  std::vector<Word> words;               // left to right
  std::vector<std::vector<Word>> sides;  // split at gutters
};

int right_edge(const Word& w) { return w.bbox[0] + w.bbox[2]; }

std::vector<std::vector<Word>> split_at_gutters(const std::vector<Word>& words, int min_gutter) {
  std::vector<std::vector<Word>> sides;
  for (const Word& w : words) {
    if (sides.empty() || w.bbox[0] - right_edge(sides.back().back()) > min_gutter) {
      sides.emplace_back();
    }
    sides.back().push_back(w);
  }
  return sides;
}

int median(std::vector<int> values) {
  if (values.empty()) return 0;
  std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
  return values[values.size() / 2];
}

int median_height(const std::vector<Word>& words) {
  std::vector<int> heights;
  for (const Word& w : words) heights.push_back(w.bbox[3]);
  return median(heights);
}

bool has_alnum(const std::string& s) { return !text::tokenize(s).empty(); }

int side_left(const std::vector<Word>& side) { return side.front().bbox[0]; }
int side_right(const std::vector<Word>& side) { return right_edge(side.back()); }

}  // namespace

void drop_noise_words(std::vector<Word>& words) {
  const int median_word_height = median_height(words);
  std::erase_if(words, [median_word_height](const Word& w) {
    const bool junk_punctuation = !has_alnum(w.text) && w.confidence < 0.6f;
    const bool scribble =
        w.bbox[3] * 2 > median_word_height * 5 && (w.confidence < 0.5f || !has_alnum(w.text));
    return junk_punctuation || scribble;
  });
}

void arrange_reading_order(std::vector<Word>& words, int page_width) {
  if (words.empty()) return;
  const int median_word_height = median_height(words);
  std::vector<Line> lines;
  int current = words.front().line - 1;
  for (Word& w : words) {
    if (lines.empty() || w.line != current) {
      lines.emplace_back();
      current = w.line;
    }
    lines.back().words.push_back(std::move(w));
  }
  for (Line& line : lines) {
    std::sort(line.words.begin(), line.words.end(),
              [](const Word& a, const Word& b) { return a.bbox[0] < b.bbox[0]; });
  }
  // A gutter is far wider than a space between words: four times the page's median space,
  // and more than a word's height.
  std::vector<int> spaces;
  for (const Line& line : lines) {
    for (std::size_t k = 1; k < line.words.size(); ++k) {
      const int gap = line.words[k].bbox[0] - right_edge(line.words[k - 1]);
      if (gap > 0) spaces.push_back(gap);
    }
  }
  const int min_gutter = std::max(4 * median(spaces), median_word_height * 6 / 5);
  for (Line& line : lines) line.sides = split_at_gutters(line.words, min_gutter);

  // Side-by-side blocks are centred text (headers, signatures): the lines of a side share
  // their centre, not their left edge. Rows of a table share left edges (cells) and stay rows.
  const int centre_tolerance = std::max(1, page_width * 3 / 100);
  struct Spread {
    int lo = std::numeric_limits<int>::max();
    int hi = std::numeric_limits<int>::min();
    void add(int v) {
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
    int width() const { return hi < lo ? 0 : hi - lo; }  // 0 while empty
  };
  auto centre = [](const std::vector<Word>& side) {
    return (side_left(side) + side_right(side)) / 2;
  };

  std::vector<std::vector<Word>> out_lines;
  for (std::size_t i = 0; i < lines.size();) {
    // The longest run of two-sided lines from i whose sides share one gutter and one centre.
    std::size_t end = i;
    int left_max = 0;
    int right_min = page_width;
    Spread left_centres, right_centres, left_edges, right_edges;
    while (end < lines.size() && end - i < kMaxSideBySideLines && lines[end].sides.size() == 2) {
      const auto& left = lines[end].sides[0];
      const auto& right = lines[end].sides[1];
      Spread lc = left_centres;
      Spread rc = right_centres;
      lc.add(centre(left));
      rc.add(centre(right));
      const int lm = std::max(left_max, side_right(left));
      const int rm = std::min(right_min, side_left(right));
      if (lm >= rm || lc.width() > centre_tolerance || rc.width() > centre_tolerance) break;
      left_max = lm;
      right_min = rm;
      left_centres = lc;
      right_centres = rc;
      left_edges.add(side_left(left));
      right_edges.add(side_left(right));
      ++end;
    }
    constexpr int kJitter = 8;  // pixels of box noise
    const bool centred = left_centres.width() <= left_edges.width() + kJitter &&
                         right_centres.width() <= right_edges.width() + kJitter;
    if (!centred) end = i;
    if (end - i >= 2) {
      for (std::size_t k = i; k < end; ++k) out_lines.push_back(std::move(lines[k].sides[0]));
      for (std::size_t k = i; k < end; ++k) out_lines.push_back(std::move(lines[k].sides[1]));
      i = end;
    } else {
      out_lines.push_back(std::move(lines[i].words));
      ++i;
    }
  }
  words.clear();
  for (std::size_t n = 0; n < out_lines.size(); ++n) {
    for (Word& w : out_lines[n]) {
      w.line = static_cast<int>(n);
      words.push_back(std::move(w));
    }
  }
}

std::string words_to_text(const std::vector<Word>& words) {
  std::string text;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) text += words[i].line == words[i - 1].line ? ' ' : '\n';
    text += words[i].text;
  }
  return text;
}

}  // namespace sohoa
