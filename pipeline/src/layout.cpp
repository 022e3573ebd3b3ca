#include "sohoa/pipeline/layout.h"

#include <algorithm>
#include <limits>

#include "sohoa/archive/text.h"

namespace sohoa {
namespace {

int right_edge(const Word& w) { return w.bbox[0] + w.bbox[2]; }
int bottom_edge(const Word& w) { return w.bbox[1] + w.bbox[3]; }

// Words of one line that belong together: no gutter between them.
struct Segment {
  std::vector<Word> words;  // left to right
  int left = 0, top = 0, right = 0, bottom = 0;
  bool motto = false;  // begins with the national motto (starts_motto)

  void add(Word w) {
    if (words.empty()) {
      left = w.bbox[0];
      top = w.bbox[1];
      right = right_edge(w);
      bottom = bottom_edge(w);
    } else {
      left = std::min(left, w.bbox[0]);
      top = std::min(top, w.bbox[1]);
      right = std::max(right, right_edge(w));
      bottom = std::max(bottom, bottom_edge(w));
    }
    words.push_back(std::move(w));
  }
  int centre_x() const { return (left + right) / 2; }
  int centre_y() const { return (top + bottom) / 2; }
};

// Segments side by side at one height, left to right.
struct Row {
  std::vector<Segment> segments;
  int top = 0, bottom = 0;
};

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

// Letters or digits, other than spacing modifier letters (U+02B0-U+02FF: "ˆ", "ˇ", "ˋ"),
// which Tesseract makes of specks and stray strokes.
bool has_alnum(const std::string& s) {
  for (const text::Token& t : text::tokenize(s)) {
    for (std::size_t i = 0; i < t.text.size(); ++i) {
      const auto lead = static_cast<unsigned char>(t.text[i]);
      const bool modifier = (lead == 0xCA && i + 1 < t.text.size() &&
                             static_cast<unsigned char>(t.text[i + 1]) >= 0xB0) ||
                            lead == 0xCB;
      if (modifier) {
        ++i;
        continue;
      }
      if ((lead & 0xC0) != 0x80) return true;  // the first byte of any other character
    }
  }
  return false;
}

// The smallest and largest of some values.
struct Spread {
  int lo = std::numeric_limits<int>::max();
  int hi = std::numeric_limits<int>::min();
  int count = 0;
  void add(int v) {
    lo = std::min(lo, v);
    hi = std::max(hi, v);
    ++count;
  }
  int width() const { return count == 0 ? 0 : hi - lo; }
};

// Page geometry the rules below measure against.
struct Metrics {
  int word_height = 0;  // median
  int space = 0;        // median gap between words of a line
  int gutter = 0;       // a gap at least this wide separates side-by-side blocks
  int align = 0;        // left edges this close are aligned
  int max_row_gap = 0;  // a block has no vertical gap wider than this (signature space)
};

// The national motto, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" over "Độc lập - Tự do - Hạnh
// phúc", heads the right-hand block of every Vietnamese administrative document (Nghị định
// 30/2020/NĐ-CP); on a narrow page it sits closer to the issuing body's name, at its left,
// than a gutter, as little as a word space. Word k of a line starts it when it reads "CỘNG
// HÒA XÃ" in capitals (a law's "nước Cộng hòa xã hội chủ nghĩa Việt Nam" in running text is
// not in capitals) or "Độc lập - Tự do".
bool starts_motto(const std::vector<Word>& line, std::size_t k) {
  if (k == 0 || line[k].bbox[0] <= right_edge(line[k - 1])) return false;
  auto folded = [&](std::size_t i) {
    return i < line.size() ? text::fold_diacritics(text::to_lower(line[i].text)) : std::string();
  };
  // In capitals: past its first letter, the word still has letters lower case would change.
  const std::string& w = line[k].text;
  std::size_t second = 1;
  while (second < w.size() && (static_cast<unsigned char>(w[second]) & 0xC0) == 0x80) ++second;
  const std::string rest = w.substr(std::min(second, w.size()));
  const bool capitals = !rest.empty() && text::to_lower(rest) != rest;
  return (capitals && folded(k) == "cong" && folded(k + 1) == "hoa" && folded(k + 2) == "xa") ||
         (folded(k) == "doc" && folded(k + 1) == "lap" &&
          (folded(k + 2) == "-" || folded(k + 2) == "tu"));
}

// Tesseract's lines, split at gutters into segments.
std::vector<Segment> segments_of(std::vector<Word>& words, Metrics& m) {
  std::vector<std::vector<Word>> lines;
  int current = 0;
  for (Word& w : words) {
    if (lines.empty() || w.line != current) {
      lines.emplace_back();
      current = w.line;
    }
    lines.back().push_back(std::move(w));
  }
  std::vector<int> spaces;
  for (auto& line : lines) {
    std::sort(line.begin(), line.end(),
              [](const Word& a, const Word& b) { return a.bbox[0] < b.bbox[0]; });
    for (std::size_t k = 1; k < line.size(); ++k) {
      const int gap = line[k].bbox[0] - right_edge(line[k - 1]);
      if (gap > 0) spaces.push_back(gap);
    }
  }
  m.space = median(spaces);
  // A gutter is far wider than a space between words: four times the page's median space,
  // and more than a word's height.
  m.gutter = std::max(4 * m.space, m.word_height * 6 / 5);
  std::vector<Segment> segments;
  for (auto& line : lines) {
    for (std::size_t k = 0; k < line.size(); ++k) {
      const bool motto = starts_motto(line, k);  // false for k == 0
      if (k == 0 || line[k].bbox[0] - right_edge(line[k - 1]) > m.gutter || motto) {
        segments.emplace_back();
        segments.back().motto = motto;
      }
      segments.back().add(std::move(line[k]));
    }
  }
  return segments;
}

// Segments grouped into rows by height: a segment whose vertical centre lies within a row's
// extent, and which overlaps no segment of it, joins that row.
std::vector<Row> rows_of(std::vector<Segment> segments) {
  std::stable_sort(segments.begin(), segments.end(),
                   [](const Segment& a, const Segment& b) { return a.centre_y() < b.centre_y(); });
  std::vector<Row> rows;
  for (Segment& s : segments) {
    bool joined = false;
    if (!rows.empty()) {
      Row& r = rows.back();
      const bool level = s.centre_y() >= r.top && s.centre_y() <= r.bottom;
      const bool apart = std::none_of(r.segments.begin(), r.segments.end(), [&](const Segment& o) {
        return s.left < o.right && o.left < s.right;
      });
      if (level && apart) {
        r.top = std::min(r.top, s.top);
        r.bottom = std::max(r.bottom, s.bottom);
        r.segments.push_back(std::move(s));
        joined = true;
      }
    }
    if (!joined) {
      Row r;
      r.top = s.top;
      r.bottom = s.bottom;
      r.segments.push_back(std::move(s));
      rows.push_back(std::move(r));
    }
  }
  for (Row& r : rows) {
    std::sort(r.segments.begin(), r.segments.end(),
              [](const Segment& a, const Segment& b) { return a.left < b.left; });
  }
  return rows;
}

using Lines = std::vector<std::vector<Word>>;

void append(std::vector<Word>& line, std::vector<Word>& words) {
  for (Word& w : words) line.push_back(std::move(w));
}

// A table: rows whose cells start at the same column edges (left-aligned cells), at least
// three columns. Cells that wrap continue on rows whose first column is empty; a table row
// is read as one line: the first cell, then the second (all its lines), then the third.
// Returns the number of rows used from `first` (0: no table there).
std::size_t read_table(std::vector<Row>& rows, std::size_t first, const Metrics& m, Lines& out) {
  if (rows[first].segments.size() < 3) return 0;
  std::vector<int> columns;
  for (const Segment& s : rows[first].segments) columns.push_back(s.left);
  // Splits a row's words into cells at the column edges; empty if the row does not fit.
  auto cells_of = [&](const Row& row) {
    std::vector<std::vector<const Word*>> cells(columns.size());
    std::vector<const Word*> words;
    for (const Segment& s : row.segments) {
      for (const Word& w : s.words) words.push_back(&w);
    }
    std::size_t col = 0;
    for (std::size_t k = 0; k < words.size(); ++k) {
      const Word& w = *words[k];
      // A cell's text begins at its column's edge, after more than a word space.
      const bool after_gap = k == 0 || w.bbox[0] - right_edge(*words[k - 1]) > m.space * 3 / 2;
      std::size_t starts = columns.size();
      for (std::size_t c = k == 0 ? 0 : col + 1; c < columns.size() && after_gap; ++c) {
        if (std::abs(w.bbox[0] - columns[c]) <= m.align) starts = c;
      }
      if (starts < columns.size()) {
        col = starts;
      } else if (k == 0 || (col + 1 < columns.size() && w.bbox[0] >= columns[col + 1] - m.align)) {
        return decltype(cells){};  // text off the column edges, or across one: not a table row
      }
      cells[col].push_back(&w);
    }
    return cells;
  };
  std::size_t end = first;
  std::vector<std::vector<std::vector<const Word*>>> table;
  while (end < rows.size()) {
    if (end > first && rows[end].top - rows[end - 1].bottom > m.word_height * 3) break;
    auto cells = cells_of(rows[end]);
    if (cells.empty()) break;
    table.push_back(std::move(cells));
    ++end;
  }
  if (table.size() < 2) return 0;
  // Physical rows → table rows: a row with an empty first cell continues the one above.
  std::vector<std::vector<std::vector<const Word*>>> merged;
  for (auto& cells : table) {
    if (merged.empty() || !cells.front().empty()) {
      merged.push_back(std::move(cells));
    } else {
      for (std::size_t c = 0; c < cells.size(); ++c) {
        merged.back()[c].insert(merged.back()[c].end(), cells[c].begin(), cells[c].end());
      }
    }
  }
  for (const auto& cells : merged) {
    std::vector<Word> line;
    for (const auto& cell : cells) {
      for (const Word* w : cell) line.push_back(*w);
    }
    out.push_back(std::move(line));
  }
  return end - first;
}

// Two blocks side by side (header: issuing body | national motto; signatures; recipients |
// signature): from a row with two segments, the following rows whose segments all lie on
// one side of a common gutter. Read as the left block, then the right block. At least two
// rows must have both sides, and one side must be centred text (its lines share a centre,
// not a left edge: headers and signatures), which tells these blocks from table rows and from
// two fields on one line. Returns the number of rows used (0: no such blocks from `first`).
std::size_t read_side_by_side(std::vector<Row>& rows, std::size_t first, const Metrics& m,
                              Lines& out) {
  if (rows[first].segments.size() != 2) return 0;
  int gutter_left = rows[first].segments[0].right;
  int gutter_right = rows[first].segments[1].left;
  Spread centres[2], edges[2];
  auto note = [&](int side, const Segment& s) {
    centres[side].add(s.centre_x());
    edges[side].add(s.left);
  };
  note(0, rows[first].segments[0]);
  note(1, rows[first].segments[1]);
  int two_sided = 1;
  std::size_t end = first + 1;
  for (; end < rows.size(); ++end) {
    const Row& r = rows[end];
    if (r.top - rows[end - 1].bottom > m.max_row_gap || r.segments.size() > 2) break;
    int gl = gutter_left;
    int gr = gutter_right;
    std::vector<int> sides;
    for (const Segment& s : r.segments) {
      if (s.right <= gutter_right && (r.segments.size() == 1 || &s == &r.segments[0])) {
        gl = std::max(gl, s.right);
        sides.push_back(0);
      } else if (s.left >= gutter_left) {
        gr = std::min(gr, s.left);
        sides.push_back(1);
      } else {
        sides.clear();
        break;
      }
    }
    if (sides.size() != r.segments.size() || (sides.size() == 2 && sides[0] == sides[1])) break;
    // A line on one side only belongs to that block if it shares the block's centre or left
    // edge ("V/v …" under the issuing body; the last recipient), not if it is body text.
    if (sides.size() == 1) {
      const Segment& s = r.segments[0];
      const int side = sides[0];
      const bool same_centre =
          s.centre_x() >= centres[side].lo - m.align && s.centre_x() <= centres[side].hi + m.align;
      const bool same_edge =
          s.left >= edges[side].lo - m.align && s.left <= edges[side].hi + m.align;
      if (!same_centre && !same_edge) break;
    }
    // The gutter narrows as rows are added, but stays wider than a word space, unless the
    // right block is the national motto, whatever the gap.
    const bool motto = r.segments.size() == 2 && r.segments[1].motto;
    if (gr - gl <= 2 * m.space && !motto) break;
    gutter_left = gl;
    gutter_right = gr;
    for (std::size_t k = 0; k < sides.size(); ++k) note(sides[k], r.segments[k]);
    two_sided += sides.size() == 2 ? 1 : 0;
  }
  constexpr int kJitter = 8;  // pixels of box noise
  // Lines of varying width (left edges differ) that share a centre.
  auto centred = [&](int side) {
    return centres[side].count >= 2 && edges[side].width() > 2 * kJitter &&
           centres[side].width() <= edges[side].width() / 2;
  };
  if (two_sided < 2 || !(centred(0) || centred(1))) return 0;
  for (int side = 0; side < 2; ++side) {
    for (std::size_t k = first; k < end; ++k) {
      for (Segment& s : rows[k].segments) {
        const bool left = s.right <= gutter_left;
        if (left == (side == 0)) out.push_back(std::move(s.words));
      }
    }
  }
  return end - first;
}

// Tesseract sometimes reads two side-by-side lines with a narrow gap as one segment (a
// wide left block nearly touching the right one). Such a row is split where the gutter of the
// row just above or below it runs, if it has a gap wider than a word space there.
void split_at_neighbour_gutters(std::vector<Row>& rows, const Metrics& m) {
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].segments.size() != 1) continue;
    for (std::size_t j : {i - 1, i + 1}) {
      if (j >= rows.size() || rows[j].segments.size() != 2) continue;
      const int distance = j < i ? rows[i].top - rows[j].bottom : rows[j].top - rows[i].bottom;
      if (distance > m.word_height * 2) continue;
      const int gl = rows[j].segments[0].right;
      const int gr = rows[j].segments[1].left;
      std::vector<Word>& words = rows[i].segments[0].words;
      std::size_t cut = 0;
      int widest = m.space;
      for (std::size_t k = 1; k < words.size(); ++k) {
        const int a = right_edge(words[k - 1]);
        const int b = words[k].bbox[0];
        if (b - a > widest && a >= gl - m.align && b <= gr + m.align) {
          widest = b - a;
          cut = k;
        }
      }
      if (cut == 0) continue;
      Segment left, right;
      for (std::size_t k = 0; k < words.size(); ++k) (k < cut ? left : right).add(words[k]);
      rows[i].segments = {std::move(left), std::move(right)};
      break;
    }
  }
}

// Words of one Tesseract line that sit together (no gutter between them).
struct Piece {
  int line = 0;
  int left = 0, top = 0, right = 0, bottom = 0;
  std::vector<std::size_t> words;  // indexes into the page's words
  float lowest = 1;                // lowest word confidence
  double sum = 0;                  // of word confidences
};

std::vector<Piece> pieces_of(const std::vector<Word>& words) {
  std::vector<int> heights;
  for (const Word& w : words) heights.push_back(w.bbox[3]);
  if (heights.empty()) return {};
  std::nth_element(heights.begin(),
                   heights.begin() + static_cast<std::ptrdiff_t>(heights.size() / 2),
                   heights.end());
  const int gutter = 3 * heights[heights.size() / 2];
  std::vector<Piece> out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const Word& w = words[i];
    Piece* p = out.empty() ? nullptr : &out.back();
    if (p == nullptr || p->line != w.line || w.bbox[0] - p->right > gutter) {
      out.push_back(Piece{w.line, w.bbox[0], 0, w.bbox[0], 0, {}, 1, 0});
      p = &out.back();
    }
    p->left = std::min(p->left, w.bbox[0]);
    p->right = std::max(p->right, w.bbox[0] + w.bbox[2]);
    p->words.push_back(i);
    p->lowest = std::min(p->lowest, w.confidence);
    p->sum += w.confidence;
  }
  for (Piece& p : out) {
    std::vector<int> tops;
    std::vector<int> bottoms;
    for (std::size_t i : p.words) {
      tops.push_back(words[i].bbox[1]);
      bottoms.push_back(words[i].bbox[1] + words[i].bbox[3]);
    }
    const auto middle = static_cast<std::ptrdiff_t>(tops.size() / 2);
    std::nth_element(tops.begin(), tops.begin() + middle, tops.end());
    std::nth_element(bottoms.begin(), bottoms.begin() + middle, bottoms.end());
    p.top = tops[static_cast<std::size_t>(middle)];
    p.bottom = bottoms[static_cast<std::size_t>(middle)];
  }
  return out;
}

}  // namespace

std::vector<SplitLine> split_lines(const std::vector<Word>& words) {
  constexpr float kDoubtful = 0.75f;
  const std::vector<Piece> pieces = pieces_of(words);
  std::vector<SplitLine> out;
  for (std::size_t a = 0; a < pieces.size(); ++a) {
    for (std::size_t b = a + 1; b < pieces.size(); ++b) {
      const Piece& p = pieces[a];
      const Piece& q = pieces[b];
      if (p.line == q.line || (p.lowest >= kDoubtful && q.lowest >= kDoubtful)) continue;
      const int overlap = std::min(p.bottom, q.bottom) - std::max(p.top, q.top);
      const int shorter = std::min(p.bottom - p.top, q.bottom - q.top);
      const int height = std::max(p.bottom - p.top, q.bottom - q.top);
      const int gap = std::max(p.left, q.left) - std::min(p.right, q.right);
      if (overlap * 2 <= shorter || gap > height) continue;
      const int pad = height / 4;
      SplitLine split;
      split.words = p.words;
      split.words.insert(split.words.end(), q.words.begin(), q.words.end());
      split.line = std::min(p.line, q.line);
      split.mean_confidence = (p.sum + q.sum) / static_cast<double>(split.words.size());
      split.left = std::max(0, std::min(p.left, q.left) - pad);
      split.top = std::max(0, std::min(p.top, q.top) - pad);
      split.right = std::max(p.right, q.right) + pad;
      split.bottom = std::max(p.bottom, q.bottom) + pad;
      out.push_back(std::move(split));
    }
  }
  return out;
}

void drop_noise_words(std::vector<Word>& words) {
  const int median_word_height = median_height(words);
  std::erase_if(words, [median_word_height](const Word& w) {
    const bool junk_punctuation = !has_alnum(w.text) && w.confidence < 0.6f;
    // Signature scribbles: far taller than text, read with middling confidence at best.
    const bool scribble =
        w.bbox[3] * 2 > median_word_height * 5 && (w.confidence < 0.75f || !has_alnum(w.text));
    return junk_punctuation || scribble;
  });
}

void arrange_reading_order(std::vector<Word>& words, int page_width) {
  if (words.empty()) return;
  Metrics m;
  m.word_height = median_height(words);
  m.align = std::max(4, page_width * 3 / 200);
  m.max_row_gap = m.word_height * 8;
  std::vector<Row> rows = rows_of(segments_of(words, m));
  split_at_neighbour_gutters(rows, m);

  Lines out;
  for (std::size_t i = 0; i < rows.size();) {
    std::size_t used = read_table(rows, i, m, out);
    if (used == 0) used = read_side_by_side(rows, i, m, out);
    if (used == 0) {
      std::vector<Word> line;
      for (Segment& s : rows[i].segments) append(line, s.words);
      out.push_back(std::move(line));
      used = 1;
    }
    i += used;
  }
  words.clear();
  for (std::size_t n = 0; n < out.size(); ++n) {
    for (Word& w : out[n]) {
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
