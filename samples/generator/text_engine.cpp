#include "text_engine.h"

namespace sohoa::samples {

std::mutex& text_drawing_mutex() {
  static std::mutex mutex;
  return mutex;
}

TextEngine::TextEngine() {
  map_ = pango_cairo_font_map_new();
  context_ = pango_font_map_create_context(map_);
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options(context_, options);
  cairo_font_options_destroy(options);
  pango_context_set_round_glyph_positions(context_, FALSE);
  layout_ = pango_layout_new(context_);
}

TextEngine::~TextEngine() {
  g_object_unref(layout_);
  g_object_unref(context_);
  g_object_unref(map_);
}

void TextEngine::set_face(const std::string& family, double size_px) {
  family_ = family;
  size_px_ = size_px;
}

double TextEngine::width(std::string_view text, const Style& style) {
  prepare(text, style);
  PangoRectangle logical;
  pango_layout_get_extents(layout_, nullptr, &logical);
  return logical.width / static_cast<double>(PANGO_SCALE);
}

double TextEngine::height(const Style& style) {
  prepare("Ấy", style);
  PangoRectangle logical;
  pango_layout_get_extents(layout_, nullptr, &logical);
  return logical.height / static_cast<double>(PANGO_SCALE);
}

void TextEngine::draw(cairo_t* cr, double x, double top, std::string_view text,
                      const Style& style) {
  prepare(text, style);
  pango_cairo_update_layout(cr, layout_);
  cairo_move_to(cr, x, top);
  pango_cairo_show_layout(cr, layout_);
}

void TextEngine::prepare(std::string_view text, const Style& style) {
  PangoFontDescription* desc = pango_font_description_new();
  pango_font_description_set_family(desc, family_.c_str());
  pango_font_description_set_weight(desc, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style(desc, style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  pango_font_description_set_absolute_size(desc, size_px_ * style.scale * PANGO_SCALE);
  pango_layout_set_font_description(layout_, desc);
  pango_font_description_free(desc);
  pango_layout_set_text(layout_, text.data(), static_cast<int>(text.size()));
}

}  // namespace sohoa::samples
