// sohoa separator --out FILE.pdf [--label LABEL]... [--count N]
//
// Prints separator sheets for scanning boxes with `ingest --split`: A4 pages with a QR code
// reading `SOHOA-SEP` or `SOHOA-SEP:LABEL` (libqrencode, error correction level M), 5 cm
// wide, and the label in large type so that staff can read it too.
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <iostream>
#include <memory>

#include "command.h"
#include "sohoa/pipeline/separator.h"

namespace sohoa::cli {
namespace {

constexpr double kA4WidthPt = 595.28;
constexpr double kA4HeightPt = 841.89;
constexpr double kCodeWidthPt = 5.0 / 2.54 * 72;  // 5 cm
constexpr double kQuietModules = 4;               // white border the QR standard asks for

struct QrDeleter {
  void operator()(QRcode* code) const { QRcode_free(code); }
};

void draw_text(cairo_t* cr, const std::string& text, const char* font, double y) {
  PangoLayout* layout = pango_cairo_create_layout(cr);
  PangoFontDescription* description = pango_font_description_from_string(font);
  pango_layout_set_font_description(layout, description);
  pango_layout_set_text(layout, text.c_str(), -1);
  int width = 0;
  int height = 0;
  pango_layout_get_size(layout, &width, &height);
  cairo_move_to(cr, (kA4WidthPt - width / static_cast<double>(PANGO_SCALE)) / 2, y);
  pango_cairo_show_layout(cr, layout);
  pango_font_description_free(description);
  g_object_unref(layout);
}

// One sheet on the current page of `cr`. Errors: the payload cannot be encoded.
Status draw_sheet(cairo_t* cr, const std::string& label) {
  const std::string payload = std::string(kSeparatorCode) + (label.empty() ? "" : ":" + label);
  std::unique_ptr<QRcode, QrDeleter> code(
      QRcode_encodeString(payload.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
  if (!code) {
    return make_error(ErrorCode::kUsage, "cannot encode '" + payload + "' as a QR code",
                      "use a shorter label");
  }
  const double module = kCodeWidthPt / (code->width + 2 * kQuietModules);
  const double left = (kA4WidthPt - kCodeWidthPt) / 2 + kQuietModules * module;
  const double top = 150;
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (int y = 0; y < code->width; ++y) {
    for (int x = 0; x < code->width; ++x) {
      if ((code->data[y * code->width + x] & 1) != 0) {
        cairo_rectangle(cr, left + x * module, top + y * module, module, module);
      }
    }
  }
  cairo_fill(cr);
  const double below = top + code->width * module + 40;
  draw_text(cr, "TỜ PHÂN CÁCH HỒ SƠ", "Liberation Sans Bold 28", below);
  if (!label.empty()) draw_text(cr, label, "Liberation Sans Bold 40", below + 60);
  draw_text(cr, payload, "Liberation Mono 12", below + (label.empty() ? 60 : 130));
  draw_text(cr, "Đặt tờ này trước mỗi hồ sơ khi quét cả hộp (sohoa ingest --split)",
            "Liberation Sans 11", kA4HeightPt - 90);
  return {};
}

}  // namespace

void register_separator(CLI::App& app, int& exit_code) {
  struct Options {
    std::string out;
    std::vector<std::string> labels;
    int count = 1;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "separator", "print separator sheets (PDF) to put between dossiers before scanning a box");
  cmd->add_option("--out,-o", opts->out, "the PDF to write")->required();
  cmd->add_option("--label", opts->labels,
                  "box or shelf label stored as each dossier's location, e.g. HOP-2019-017 "
                  "(repeatable; none: sheets without a label)")
      ->allow_extra_args(false);
  cmd->add_option("--count,-n", opts->count, "sheets per label (default 1)")
      ->check(CLI::Range(1, 10000));
  cmd->callback([opts, &exit_code] {
    if (opts->labels.empty()) opts->labels.push_back("");
    for (const std::string& label : opts->labels) {
      if (!parse_separator_code(std::string(kSeparatorCode) + ":" + label) ||
          label.find_first_of("\n\r") != std::string::npos) {
        exit_code = print_error(make_error(ErrorCode::kUsage, "bad label '" + label + "'"));
        return;
      }
    }
    cairo_surface_t* surface = cairo_pdf_surface_create(opts->out.c_str(), kA4WidthPt, kA4HeightPt);
    cairo_t* cr = cairo_create(surface);
    Status status;
    int sheets = 0;
    for (const std::string& label : opts->labels) {
      for (int i = 0; i < opts->count && status.ok(); ++i) {
        status = draw_sheet(cr, label);
        cairo_show_page(cr);
        ++sheets;
      }
    }
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    const cairo_status_t written = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (!status) {
      exit_code = print_error(status.error());
      return;
    }
    if (written != CAIRO_STATUS_SUCCESS) {
      exit_code = print_error(make_error(
          ErrorCode::kIo, opts->out + ": cannot write: " + cairo_status_to_string(written)));
      return;
    }
    std::cout << sheets << " separator sheets written to " << opts->out << "\n";
    exit_code = kExitOk;
  });
}

}  // namespace sohoa::cli
