// Measuring and drawing single lines of text with Pango on Cairo, at device resolution.
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include <mutex>
#include <string>
#include <string_view>

#include "page_spec.h"

namespace sohoa::samples {

/// Cairo 1.16 shares scaled fonts and their glyph caches between threads (one cairo font per
/// face and size, whatever the font map) and crashes in cairo_show_glyphs when two threads
/// draw text at once. Every drawing of text (pages, seals) holds this lock.
std::mutex& text_drawing_mutex();

/// One Pango font map and context; widths are in device pixels, unhinted, so that layout
/// and drawing agree. Not thread-safe: one per thread.
class TextEngine {
 public:
  TextEngine();
  ~TextEngine();
  TextEngine(const TextEngine&) = delete;
  TextEngine& operator=(const TextEngine&) = delete;

  /// The family and base size (pixels) that styles scale.
  void set_face(const std::string& family, double size_px);
  /// Logical width of `text` in pixels.
  double width(std::string_view text, const Style& style);
  /// Natural line height (ascent + descent) of the style, in pixels.
  double height(const Style& style);
  /// Draws `text` with its logical top-left corner at (x, top), in the current source colour.
  void draw(cairo_t* cr, double x, double top, std::string_view text, const Style& style);

 private:
  void prepare(std::string_view text, const Style& style);

  PangoFontMap* map_ = nullptr;
  PangoContext* context_ = nullptr;
  PangoLayout* layout_ = nullptr;
  std::string family_ = "Liberation Serif";
  double size_px_ = 54;
};

}  // namespace sohoa::samples
