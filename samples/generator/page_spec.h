// What a document looks like, as plain data: blocks of text that the renderer lays out
// and flows onto one or more pages. Forms code builds these; render.cpp draws them.
#pragma once

#include <string>
#include <variant>
#include <vector>

namespace sohoa::samples {

/// kSeparator and kBlank are the stack preset's separator sheets and blank backs.
enum class PageKind { kReceipt, kForm, kProse, kCertifiedCopy, kSeparator, kBlank };
/// "receipt", "form", "prose", "certified_copy", "separator", "blank" (the truth's `kind`).
const char* kind_name(PageKind kind);

enum class Paper { kA4, kA5 };
enum class Align { kLeft, kCenter, kRight, kJustify };
enum class LeaderStyle { kDots, kEllipsis, kMixed };

/// Font and page geometry of one document; drawn per document so that nothing downstream
/// can rely on pixel positions.
struct Typeface {
  std::string family = "Liberation Serif";
  double size_pt = 13;
  double line_spacing = 1.15;  ///< multiple of the font's natural line height
  double margin_top_mm = 20;
  double margin_bottom_mm = 20;
  double margin_left_mm = 30;
  double margin_right_mm = 15;
  LeaderStyle leader = LeaderStyle::kDots;
};

struct Style {
  bool bold = false;
  bool italic = false;
  double scale = 1.0;  ///< relative to the typeface size
};

/// A paragraph, wrapped to the available width. One printed line per wrapped line.
struct Para {
  std::string text{};
  Style style{};
  Align align = Align::kLeft;
  double indent_em = 0;        ///< left indent of every line
  double first_indent_em = 0;  ///< extra indent of the first line
  double rule_below = 0;    ///< >0: a centred rule under the last line, this fraction of its width
  double space_before = 0;  ///< in lines
  bool one_line = false;    ///< shrink the type rather than wrap (mottos, header lines)
};

/// "Label: value" followed by dotted leaders to the end of its share of the line.
struct Field {
  std::string label{};
  std::string value{};
  double share = 1;  ///< fraction of the line when several fields share one line
};

/// One or several fields on one printed line. Fields that do not fit their share fall back
/// to one line each; a long single field wraps, with leaders after its last line.
struct FieldRow {
  std::vector<Field> fields{};
  double indent_em = 0;
  bool leaders = true;
  double space_before = 0;
};

/// A ruled table. Each row is one truth line: its non-empty cells joined by single spaces.
struct Table {
  std::vector<double> widths{};  ///< column fractions of the text width
  std::vector<std::vector<std::string>> rows{};
  bool header_row = true;  ///< first row bold and centred
  double space_before = 0;
};

/// A column of centred lines; a signature scribble goes after line `signature_after`.
struct Column {
  std::vector<Para> lines{};
  int signature_after = -1;
  bool sealed = true;  ///< at scan level 1 the document's seal may be stamped on the signature
};

/// Side-by-side columns (header blocks, signature blocks), kept on one page. Truth reads
/// the first column's lines, then the second's.
struct Columns {
  std::vector<double> widths{};  ///< fractions of the text width
  std::vector<Column> columns{};
  double space_before = 0;
  double signature_lines = 3.2;  ///< height of the scribble gap, in lines
};

/// A framed box (an ID card copy, a stamp), optionally with a photo placeholder.
struct Box {
  std::vector<Para> lines{};
  double width_frac = 0.6;
  bool photo = false;
  double space_before = 0;
};

struct Gap {
  double lines = 1;
};

struct PageBreak {};

using Block = std::variant<Para, FieldRow, Table, Columns, Box, Gap, PageBreak>;

/// Text around the red seal stamped at scan level 1 (not part of the truth text).
struct Seal {
  std::string top{};     ///< e.g. "ỦY BAN NHÂN DÂN PHƯỜNG XUÂN ĐỈNH"
  std::string bottom{};  ///< e.g. "Q. BẮC TỪ LIÊM - TP. HÀ NỘI"
};

struct DocumentSpec {
  PageKind kind = PageKind::kForm;
  Paper paper = Paper::kA4;
  Typeface face;
  std::vector<Block> blocks;
  Seal seal;
  bool single_page = false;  ///< shrink the type until everything fits on one page
};

}  // namespace sohoa::samples
