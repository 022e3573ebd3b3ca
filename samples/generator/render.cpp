#include "render.h"

#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <numbers>
#include <stdexcept>
#include <utility>

#include <opencv2/imgproc.hpp>

#include "marks.h"
#include "text.h"
#include "text_engine.h"

namespace sohoa::samples {

const char* kind_name(PageKind kind) {
  switch (kind) {
    case PageKind::kReceipt:
      return "receipt";
    case PageKind::kForm:
      return "form";
    case PageKind::kProse:
      return "prose";
    case PageKind::kCertifiedCopy:
      return "certified_copy";
    case PageKind::kSeparator:
      return "separator";
    case PageKind::kBlank:
      return "blank";
  }
  return "form";
}

namespace {

constexpr double kPxPerMm = kRenderDpi / 25.4;
constexpr double kRuleWidth = 2.4;  // about 0.2 mm

cv::Size paper_size(Paper paper) {
  return paper == Paper::kA4 ? cv::Size(2480, 3508) : cv::Size(1748, 2480);
}

std::string repeat(std::string_view unit, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += unit;
  return out;
}

struct Canvas {
  cairo_surface_t* surface = nullptr;
  cairo_t* cr = nullptr;
  std::vector<std::string> lines;
  std::vector<cv::Rect> signatures;
  bool has_content = false;
};

/// A laid-out line of a paragraph: its words, where it starts, whether it is justified.
struct Line {
  std::vector<std::string> words;
  double x = 0;      ///< offset from the region's left edge
  double extra = 0;  ///< extra space between words (justified lines)
  std::string text() const { return join(words, " "); }
};

class Flow {
 public:
  Flow(TextEngine& engine, const DocumentSpec& spec, const Typeface& face, Rng& rng)
      : engine_(engine), spec_(spec), face_(face), rng_(rng), size_(paper_size(spec.paper)) {
    engine_.set_face(face_.family, face_.size_pt * kRenderDpi / 72.0);
    left_ = face_.margin_left_mm * kPxPerMm;
    right_ = size_.width - face_.margin_right_mm * kPxPerMm;
    top_ = face_.margin_top_mm * kPxPerMm;
    bottom_ = size_.height - face_.margin_bottom_mm * kPxPerMm;
    em_ = face_.size_pt * kRenderDpi / 72.0;
    new_page();
  }
  ~Flow() {
    for (Canvas& c : pages_) {
      cairo_destroy(c.cr);
      cairo_surface_destroy(c.surface);
    }
  }
  Flow(const Flow&) = delete;
  Flow& operator=(const Flow&) = delete;

  void run() {
    for (const Block& block : spec_.blocks) {
      std::visit([this](const auto& b) { place(b); }, block);
    }
  }

  size_t page_count() const { return pages_.size(); }

  std::vector<RenderedPage> finish() {
    std::vector<RenderedPage> out;
    for (Canvas& c : pages_) {
      cairo_surface_flush(c.surface);
      cv::Mat bgra(size_, CV_8UC4, cairo_image_surface_get_data(c.surface),
                   static_cast<size_t>(cairo_image_surface_get_stride(c.surface)));
      RenderedPage page;
      page.kind = spec_.kind;
      cv::cvtColor(bgra, page.image, cv::COLOR_BGRA2BGR);
      page.lines = std::move(c.lines);
      page.signatures = std::move(c.signatures);
      page.seal = spec_.seal;
      out.push_back(std::move(page));
    }
    return out;
  }

 private:
  double width() const { return right_ - left_; }
  double advance(const Style& style) { return engine_.height(style) * face_.line_spacing; }
  Canvas& page() { return pages_.back(); }

  void new_page() {
    Canvas c;
    c.surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, size_.width, size_.height);
    c.cr = cairo_create(c.surface);
    cairo_set_source_rgb(c.cr, 1, 1, 1);
    cairo_paint(c.cr);
    cairo_set_source_rgb(c.cr, 0, 0, 0);
    pages_.push_back(c);
    y_ = top_;
  }

  /// Starts a new page unless `height` more pixels fit on this one (or it is still empty).
  void ensure(double height) {
    if (y_ + height > bottom_ && page().has_content) new_page();
  }

  void text_at(double x, double top, const std::string& text, const Style& style) {
    cairo_set_source_rgb(page().cr, 0, 0, 0);
    engine_.draw(page().cr, x, top, text, style);
    page().has_content = true;
  }

  void rule(double x0, double x1, double y) {
    cairo_t* cr = page().cr;
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, kRuleWidth);
    cairo_move_to(cr, x0, y);
    cairo_line_to(cr, x1, y);
    cairo_stroke(cr);
  }

  /// Greedy line breaking of `text` into lines no wider than `first` / `rest` pixels.
  std::vector<Line> wrap(const std::string& text, const Style& style, double first, double rest) {
    std::vector<Line> lines;
    Line current;
    for (std::string& word : split_words(nfc(text))) {
      const double limit = lines.empty() ? first : rest;
      if (!current.words.empty()) {
        const std::string candidate = current.text() + " " + word;
        if (engine_.width(candidate, style) > limit) {
          lines.push_back(std::move(current));
          current = Line{};
        }
      }
      current.words.push_back(std::move(word));
    }
    if (!current.words.empty()) lines.push_back(std::move(current));
    return lines;
  }

  /// Positions the lines of a paragraph inside a region of the given width.
  /// A one-line paragraph's style, shrunk until its text fits the region.
  Style fitted_style(const Para& p, double region_width) {
    Style style = p.style;
    if (!p.one_line) return style;
    const double avail = region_width - (p.indent_em + p.first_indent_em) * em_;
    const std::string text = squeeze_spaces(nfc(p.text));
    for (int i = 0; i < 20 && engine_.width(text, style) > avail * 0.98; ++i) style.scale *= 0.95;
    return style;
  }

  /// Positions the lines of a paragraph inside a region of the given width.
  std::vector<Line> layout_para(const Para& p, double region_width) {
    const double indent = p.indent_em * em_;
    const double first_indent = indent + p.first_indent_em * em_;
    std::vector<Line> lines =
        wrap(p.text, p.style, region_width - first_indent, region_width - indent);
    const double space = engine_.width(" ", p.style);
    for (size_t i = 0; i < lines.size(); ++i) {
      Line& line = lines[i];
      const double start = i == 0 ? first_indent : indent;
      const double avail = region_width - start;
      const double natural = engine_.width(line.text(), p.style);
      switch (p.align) {
        case Align::kLeft:
          line.x = start;
          break;
        case Align::kCenter:
          line.x = start + (avail - natural) / 2;
          break;
        case Align::kRight:
          line.x = start + avail - natural;
          break;
        case Align::kJustify: {
          line.x = start;
          const bool last = i + 1 == lines.size();
          if (!last && line.words.size() > 1) {
            const double extra = (avail - natural) / static_cast<double>(line.words.size() - 1);
            if (extra < space * 2.5) line.extra = extra;
          }
          break;
        }
      }
    }
    return lines;
  }

  void draw_line(const Line& line, double x0, double top, const Para& p) {
    if (line.extra <= 0) {
      text_at(x0 + line.x, top, line.text(), p.style);
      return;
    }
    const double space = engine_.width(" ", p.style);
    double x = x0 + line.x;
    for (const std::string& word : line.words) {
      text_at(x, top, word, p.style);
      x += engine_.width(word, p.style) + space + line.extra;
    }
  }

  /// Draws a paragraph inside a column at `*y` without page breaks; returns its height.
  double para_in_region(const Para& para, double x0, double region_width, double y, bool draw,
                        std::vector<std::string>* truth) {
    Para p = para;
    p.style = fitted_style(para, region_width);
    const double adv = advance(p.style);
    double h = p.space_before * adv;
    const std::vector<Line> lines = layout_para(p, region_width);
    for (size_t i = 0; i < lines.size(); ++i) {
      if (draw) {
        draw_line(lines[i], x0, y + h, p);
        truth->push_back(lines[i].text());
      }
      h += adv;
    }
    if (p.rule_below > 0 && !lines.empty()) {
      if (draw) {
        const double w = engine_.width(lines.back().text(), p.style) * p.rule_below;
        const double cx = x0 + lines.back().x + engine_.width(lines.back().text(), p.style) / 2;
        rule(cx - w / 2, cx + w / 2, y + h - adv + engine_.height(p.style) + 0.15 * em_);
      }
      h += 0.3 * em_;
    }
    return h;
  }

  void place(const Para& para) {
    Para p = para;
    p.style = fitted_style(para, width());
    const double adv = advance(p.style);
    y_ += p.space_before * adv;
    const std::vector<Line> lines = layout_para(p, width());
    for (const Line& line : lines) {
      ensure(adv);
      draw_line(line, left_, y_, p);
      page().lines.push_back(line.text());
      y_ += adv;
    }
    if (p.rule_below > 0 && !lines.empty()) {
      const double w = engine_.width(lines.back().text(), p.style);
      const double cx = left_ + lines.back().x + w / 2;
      rule(cx - w * p.rule_below / 2, cx + w * p.rule_below / 2,
           y_ - adv + engine_.height(p.style) + 0.15 * em_);
      y_ += 0.3 * em_;
    }
  }

  /// Leaders filling `avail` pixels in the document's leader style ("" when too short).
  std::string leaders(double avail, const Style& style) {
    const auto fill = [&](std::string_view unit, double room) {
      int n = static_cast<int>(room / engine_.width(unit, style));
      while (n > 0 && engine_.width(repeat(unit, n), style) > room) --n;
      return std::max(n, 0);
    };
    std::string out;
    switch (face_.leader) {
      case LeaderStyle::kDots:
        out = repeat(".", fill(".", avail));
        break;
      case LeaderStyle::kEllipsis:
        out = repeat("…", fill("…", avail));
        break;
      case LeaderStyle::kMixed: {
        out = repeat("…", fill("…", avail));
        const double rest = avail - engine_.width(out, style);
        out += repeat(".", fill(".", rest));
        break;
      }
    }
    return engine_.width(out, style) < em_ * 0.9 ? std::string() : out;
  }

  static std::string field_text(const Field& f) {
    std::string text = nfc(f.label) + ":";
    const std::string value = squeeze_spaces(nfc(f.value));
    if (!value.empty()) text += " " + value;
    return text;
  }

  void single_field(const Field& f, double indent, bool with_leaders) {
    const Style style;
    const double adv = advance(style);
    const double region = width() - indent;
    const double space = engine_.width(" ", style);
    const std::vector<Line> lines = wrap(field_text(f), style, region, region);
    for (size_t i = 0; i < lines.size(); ++i) {
      ensure(adv);
      std::string text = lines[i].text();
      if (with_leaders && i + 1 == lines.size()) {
        const std::string dots = leaders(region - engine_.width(text, style) - space, style);
        if (!dots.empty()) text += " " + dots;
      }
      text_at(left_ + indent, y_, text, style);
      page().lines.push_back(text);
      y_ += adv;
    }
  }

  void place(const FieldRow& row) {
    const Style style;
    const double adv = advance(style);
    y_ += row.space_before * adv;
    const double indent = row.indent_em * em_;
    if (row.fields.size() > 1) {
      double total_share = 0;
      for (const Field& f : row.fields) total_share += f.share;
      const double space = engine_.width(" ", style);
      const double gap = 0.4 * em_;
      bool fits = true;
      std::vector<std::string> texts;
      std::vector<double> slots;
      for (const Field& f : row.fields) {
        texts.push_back(field_text(f));
        slots.push_back((width() - indent) * f.share / total_share);
        if (engine_.width(texts.back(), style) + space + 2 * em_ > slots.back() - gap) fits = false;
      }
      if (fits) {
        ensure(adv);
        double x = left_ + indent;
        std::vector<std::string> printed;
        for (size_t i = 0; i < texts.size(); ++i) {
          std::string text = texts[i];
          if (row.leaders) {
            const double room = slots[i] - gap - engine_.width(text, style) - space;
            const std::string dots = leaders(room, style);
            if (!dots.empty()) text += " " + dots;
          }
          text_at(x, y_, text, style);
          printed.push_back(text);
          x += slots[i];
        }
        page().lines.push_back(join(printed, " "));
        y_ += adv;
        return;
      }
    }
    for (const Field& f : row.fields) single_field(f, indent, row.leaders);
  }

  void place(const Table& table) {
    const Style body;
    const Style head{.bold = true};
    const double adv = advance(body);
    y_ += table.space_before * adv;
    const double pad_x = 0.35 * em_;
    const double pad_y = 0.3 * em_;
    std::vector<double> xs{left_};
    for (double w : table.widths) xs.push_back(xs.back() + w * width());
    for (size_t r = 0; r < table.rows.size(); ++r) {
      const bool is_head = table.header_row && r == 0;
      const Para cell_para{.style = is_head ? head : body,
                           .align = is_head ? Align::kCenter : Align::kLeft};
      std::vector<std::vector<Line>> cells;
      size_t max_lines = 1;
      for (size_t c = 0; c < table.rows[r].size() && c + 1 < xs.size(); ++c) {
        Para p = cell_para;
        p.text = table.rows[r][c];
        cells.push_back(layout_para(p, xs[c + 1] - xs[c] - 2 * pad_x));
        max_lines = std::max(max_lines, cells.back().size());
      }
      const double row_h = static_cast<double>(max_lines) * adv + 2 * pad_y;
      ensure(row_h);
      std::vector<std::string> truth;
      for (size_t c = 0; c < cells.size(); ++c) {
        double top = y_ + pad_y;
        for (const Line& line : cells[c]) {
          draw_line(line, xs[c] + pad_x, top, cell_para);
          top += adv;
        }
        std::vector<std::string> words;
        for (const Line& line : cells[c]) words.push_back(line.text());
        const std::string cell_text = join(words, " ");
        if (!cell_text.empty()) truth.push_back(cell_text);
      }
      cairo_t* cr = page().cr;
      cairo_set_source_rgb(cr, 0, 0, 0);
      cairo_set_line_width(cr, kRuleWidth);
      for (size_t c = 0; c + 1 < xs.size(); ++c) {
        cairo_rectangle(cr, xs[c], y_, xs[c + 1] - xs[c], row_h);
      }
      cairo_stroke(cr);
      page().has_content = true;
      if (!truth.empty()) page().lines.push_back(join(truth, " "));
      y_ += row_h;
    }
  }

  void place(const Columns& block) {
    const double line_adv = advance(Style{});
    y_ += block.space_before * line_adv;
    const double gap_h = block.signature_lines * line_adv;
    std::vector<double> xs{left_};
    for (double w : block.widths) xs.push_back(xs.back() + w * width());
    // Measure, keep together, then draw column by column (the truth reading order).
    double height = 0;
    for (size_t c = 0; c < block.columns.size() && c + 1 < xs.size(); ++c) {
      double h = 0;
      const Column& col = block.columns[c];
      for (size_t i = 0; i < col.lines.size(); ++i) {
        h += para_in_region(col.lines[i], xs[c], xs[c + 1] - xs[c], 0, false, nullptr);
        if (static_cast<int>(i) == col.signature_after) h += gap_h;
      }
      height = std::max(height, h);
    }
    ensure(height);
    for (size_t c = 0; c < block.columns.size() && c + 1 < xs.size(); ++c) {
      const Column& col = block.columns[c];
      const double col_w = xs[c + 1] - xs[c];
      double y = y_;
      for (size_t i = 0; i < col.lines.size(); ++i) {
        y += para_in_region(col.lines[i], xs[c], col_w, y, true, &page().lines);
        page().has_content = true;
        if (static_cast<int>(i) == col.signature_after) {
          const cv::Rect box(static_cast<int>(xs[c] + col_w * 0.18), static_cast<int>(y),
                             static_cast<int>(col_w * 0.64), static_cast<int>(gap_h));
          draw_scribble(page().cr, box, rng_);
          if (col.sealed) page().signatures.push_back(box);
          y += gap_h;
        }
      }
    }
    y_ += height;
  }

  void place(const Box& box) {
    const double pad = 0.6 * em_;
    const double box_w = width() * box.width_frac;
    const double x0 = left_ + (width() - box_w) / 2;
    const double photo_w = box.photo ? 30 * kPxPerMm * 0.75 : 0;
    const double photo_h = photo_w * 4 / 3;
    const double text_x = x0 + pad + (box.photo ? photo_w + pad : 0);
    const double text_w = x0 + box_w - pad - text_x;
    y_ += box.space_before * advance(Style{});
    double text_h = 0;
    for (const Para& p : box.lines) text_h += para_in_region(p, text_x, text_w, 0, false, nullptr);
    const double box_h = std::max(text_h, photo_h) + 2 * pad;
    ensure(box_h);
    cairo_t* cr = page().cr;
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, kRuleWidth * 1.5);
    cairo_rectangle(cr, x0, y_, box_w, box_h);
    cairo_stroke(cr);
    if (box.photo) {
      cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
      cairo_rectangle(cr, x0 + pad, y_ + pad, photo_w, photo_h);
      cairo_fill(cr);
      cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);  // head and shoulders
      cairo_arc(cr, x0 + pad + photo_w / 2, y_ + pad + photo_h * 0.38, photo_w * 0.22, 0,
                2 * std::numbers::pi);
      cairo_fill(cr);
      cairo_arc(cr, x0 + pad + photo_w / 2, y_ + pad + photo_h * 1.02, photo_w * 0.42,
                std::numbers::pi, 2 * std::numbers::pi);
      cairo_fill(cr);
    }
    double y = y_ + pad;
    for (const Para& p : box.lines) {
      y += para_in_region(p, text_x, text_w, y, true, &page().lines);
    }
    page().has_content = true;
    y_ += box_h;
  }

  void place(const Gap& gap) { y_ += gap.lines * advance(Style{}); }

  void place(const PageBreak&) {
    if (page().has_content) new_page();
  }

  TextEngine& engine_;
  const DocumentSpec& spec_;
  Typeface face_;
  Rng& rng_;
  cv::Size size_;
  double left_ = 0;
  double right_ = 0;
  double top_ = 0;
  double bottom_ = 0;
  double em_ = 0;
  double y_ = 0;
  std::vector<Canvas> pages_;
};

}  // namespace

struct Renderer::Impl {
  TextEngine engine;
};

Renderer::Renderer() : impl_(std::make_unique<Impl>()) {}
Renderer::~Renderer() = default;

std::vector<RenderedPage> Renderer::render(const DocumentSpec& spec, Rng& rng) {
  // Rendering is serialised (text_drawing_mutex); scanning and encoding, most of the work,
  // stay parallel.
  const std::lock_guard<std::mutex> lock(text_drawing_mutex());
  Typeface face = spec.face;
  constexpr int kMaxShrink = 8;
  for (int attempt = 0;; ++attempt) {
    Flow flow(impl_->engine, spec, face, rng);
    flow.run();
    if (!spec.single_page || flow.page_count() == 1 || attempt == kMaxShrink) return flow.finish();
    face.size_pt -= 0.5;
    face.line_spacing = std::max(1.0, face.line_spacing - 0.04);
  }
}

}  // namespace sohoa::samples
