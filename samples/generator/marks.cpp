#include "marks.h"

#include <cairo.h>
#include <pango/pangocairo.h>

#include <cmath>
#include <mutex>
#include <numbers>
#include <string>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "text.h"
#include "text_engine.h"

namespace sohoa::samples {
namespace {

constexpr double kPi = std::numbers::pi;

/// UTF-8 code points of NFC text (Vietnamese letters are single precomposed code points).
std::vector<std::string> code_points(const std::string& text) {
  std::vector<std::string> out;
  for (size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const size_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    out.push_back(text.substr(i, len));
    i += len;
  }
  return out;
}

void set_font(PangoLayout* layout, double size_px) {
  PangoFontDescription* desc = pango_font_description_from_string("Liberation Sans Bold");
  pango_font_description_set_absolute_size(desc, size_px * PANGO_SCALE);
  pango_layout_set_font_description(layout, desc);
  pango_font_description_free(desc);
}

double glyph_width(PangoLayout* layout, const std::string& glyph) {
  pango_layout_set_text(layout, glyph.c_str(), static_cast<int>(glyph.size()));
  PangoRectangle logical;
  pango_layout_get_extents(layout, nullptr, &logical);
  return logical.width / static_cast<double>(PANGO_SCALE);
}

/// Text along an arc centred on angle `centre`; `outward` text reads clockwise with the
/// glyph tops outwards (top arc), otherwise counter-clockwise with tops inwards (bottom).
void arc_text(cairo_t* cr, PangoLayout* layout, const std::string& text, double cx, double cy,
              double radius, double centre, double size_px, double max_span, bool outward) {
  const std::vector<std::string> glyphs = code_points(nfc(text));
  double size = size_px;
  std::vector<double> widths;
  double total = 0;
  for (int attempt = 0; attempt < 12; ++attempt) {
    set_font(layout, size);
    widths.clear();
    total = 0;
    for (const std::string& g : glyphs) {
      widths.push_back(glyph_width(layout, g) * 1.08);
      total += widths.back();
    }
    if (total / radius <= max_span) break;
    size *= 0.92;
  }
  const double height = size * 1.15;
  double along = -total / 2;
  for (size_t i = 0; i < glyphs.size(); ++i) {
    const double mid = along + widths[i] / 2;
    along += widths[i];
    const double angle = outward ? centre + mid / radius : centre - mid / radius;
    cairo_save(cr);
    cairo_translate(cr, cx + radius * std::cos(angle), cy + radius * std::sin(angle));
    cairo_rotate(cr, outward ? angle + kPi / 2 : angle - kPi / 2);
    pango_layout_set_text(layout, glyphs[i].c_str(), static_cast<int>(glyphs[i].size()));
    cairo_move_to(cr, -widths[i] / 1.08 / 2, -height / 2);
    pango_cairo_show_layout(cr, layout);
    cairo_restore(cr);
  }
}

}  // namespace

void draw_scribble(cairo_t* cr, const cv::Rect& box, Rng& rng) {
  cairo_save(cr);
  cairo_set_source_rgb(cr, rng.uniform(0.02, 0.12), rng.uniform(0.05, 0.15), rng.uniform(0.3, 0.5));
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  const double w = box.width;
  const double h = box.height;
  const double mid = box.y + h * rng.uniform(0.4, 0.55);
  const int strokes = static_cast<int>(rng.uniform_int(1, 3));
  double x = box.x + w * rng.uniform(0.05, 0.2);
  for (int s = 0; s < strokes; ++s) {
    cairo_set_line_width(cr, rng.uniform(3.0, 5.5));
    double y = mid + rng.normal(0, h * 0.12);
    cairo_move_to(cr, x, y);
    const int segments = static_cast<int>(rng.uniform_int(3, 6));
    for (int i = 0; i < segments; ++i) {
      const double nx = std::min(box.x + w * 0.95, x + w * rng.uniform(0.06, 0.16));
      const double ny = mid + rng.uniform(-0.38, 0.38) * h;
      cairo_curve_to(cr, x + rng.uniform(-0.05, 0.12) * w, y + rng.uniform(-0.5, 0.5) * h,
                     nx + rng.uniform(-0.12, 0.05) * w, ny + rng.uniform(-0.5, 0.5) * h, nx, ny);
      x = nx;
      y = ny;
    }
    cairo_stroke(cr);
    x = std::min(box.x + w * 0.8, x + w * rng.uniform(0.0, 0.08));
  }
  if (rng.chance(0.6)) {  // a flourish under the name
    cairo_set_line_width(cr, rng.uniform(2.5, 4.0));
    const double y0 = box.y + h * rng.uniform(0.65, 0.85);
    cairo_move_to(cr, box.x + w * rng.uniform(0.05, 0.3), y0);
    cairo_curve_to(cr, box.x + w * 0.4, y0 + rng.uniform(-0.2, 0.2) * h, box.x + w * 0.6,
                   y0 + rng.uniform(-0.2, 0.2) * h, box.x + w * rng.uniform(0.7, 0.95),
                   y0 + rng.uniform(-0.25, 0.05) * h);
    cairo_stroke(cr);
  }
  cairo_restore(cr);
}

cv::Mat seal_mask(const Seal& seal, int diameter, Rng& rng) {
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_A8, diameter, diameter);
  cairo_t* cr = cairo_create(surface);
  const double c = diameter / 2.0;
  const double r = c - diameter * 0.02;
  cairo_set_source_rgba(cr, 0, 0, 0, 1);
  cairo_set_line_width(cr, diameter * 0.02);
  cairo_arc(cr, c, c, r, 0, 2 * kPi);
  cairo_stroke(cr);
  cairo_set_line_width(cr, diameter * 0.009);
  cairo_arc(cr, c, c, r * 0.7, 0, 2 * kPi);
  cairo_stroke(cr);

  // The seal's text is drawn while other threads render pages: see text_drawing_mutex.
  std::unique_lock<std::mutex> text_lock(text_drawing_mutex());
  PangoLayout* layout = pango_cairo_create_layout(cr);
  const double text_radius = r * 0.85;
  const double size = diameter * 0.072;
  arc_text(cr, layout, seal.top, c, c, text_radius, -kPi / 2, size, 1.45 * kPi, true);
  if (!seal.bottom.empty()) {
    arc_text(cr, layout, seal.bottom, c, c, text_radius, kPi / 2, size * 0.85, 0.45 * kPi, false);
  }
  g_object_unref(layout);
  text_lock.unlock();

  // Five-pointed star.
  const double star_r = r * 0.3;
  const double turn = rng.uniform(-0.05, 0.05);
  for (int i = 0; i < 10; ++i) {
    const double a = -kPi / 2 + turn + i * kPi / 5;
    const double rr = i % 2 == 0 ? star_r : star_r * 0.4;
    if (i == 0) {
      cairo_move_to(cr, c + rr * std::cos(a), c + rr * std::sin(a));
    } else {
      cairo_line_to(cr, c + rr * std::cos(a), c + rr * std::sin(a));
    }
  }
  cairo_close_path(cr);
  cairo_fill(cr);
  cairo_destroy(cr);
  cairo_surface_flush(surface);

  cv::Mat a8(diameter, diameter, CV_8UC1, cairo_image_surface_get_data(surface),
             static_cast<size_t>(cairo_image_surface_get_stride(surface)));
  cv::Mat mask;
  a8.convertTo(mask, CV_32F, 1.0 / 255);
  cairo_surface_destroy(surface);

  // Uneven inking: a smooth random field, stronger on one side.
  cv::Mat field(5, 5, CV_32F);
  for (int y = 0; y < 5; ++y) {
    for (int x = 0; x < 5; ++x) field.at<float>(y, x) = static_cast<float>(rng.uniform(0.45, 1.0));
  }
  cv::resize(field, field, mask.size(), 0, 0, cv::INTER_CUBIC);
  cv::multiply(mask, field, mask);
  cv::min(mask, 1.0, mask);
  cv::max(mask, 0.0, mask);
  return mask;
}

void stamp(cv::Mat& bgr, const cv::Mat& mask, cv::Point centre, double opacity) {
  const cv::Rect full(centre.x - mask.cols / 2, centre.y - mask.rows / 2, mask.cols, mask.rows);
  const cv::Rect page(0, 0, bgr.cols, bgr.rows);
  const cv::Rect target = full & page;
  if (target.empty()) return;
  const cv::Rect source(target.x - full.x, target.y - full.y, target.width, target.height);
  // Multiply blend with seal red (BGR 40, 35, 205).
  const float ink[3] = {40 / 255.f, 35 / 255.f, 205 / 255.f};
  for (int y = 0; y < target.height; ++y) {
    const float* m = mask.ptr<float>(source.y + y) + source.x;
    cv::Vec3b* px = bgr.ptr<cv::Vec3b>(target.y + y) + target.x;
    for (int x = 0; x < target.width; ++x) {
      const float a = m[x] * static_cast<float>(opacity);
      for (int ch = 0; ch < 3; ++ch) {
        const float v = px[x][ch] * (1.f - a * (1.f - ink[ch]));
        px[x][ch] = cv::saturate_cast<uchar>(v);
      }
    }
  }
}

}  // namespace sohoa::samples
