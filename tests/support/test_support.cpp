#include "test_support.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <sys/wait.h>
#include <unistd.h>

#include <opencv2/core.hpp>
#include <opencv2/objdetect.hpp>

#include <atomic>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace sohoa::test {
namespace fs = std::filesystem;
namespace {

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += (out.empty() ? "" : "\n") + l;
  return out;
}

// Draws `text` at the top-left margin of a cairo context scaled to points.
void draw_text(cairo_t* cr, const std::string& text, double margin_pt) {
  PangoLayout* layout = pango_cairo_create_layout(cr);
  PangoFontDescription* font = pango_font_description_from_string("Liberation Serif 13");
  pango_layout_set_font_description(layout, font);
  pango_layout_set_text(layout, text.c_str(), -1);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_move_to(cr, margin_pt, margin_pt);
  pango_cairo_show_layout(cr, layout);
  pango_font_description_free(font);
  g_object_unref(layout);
}

}  // namespace

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  const char* tmp = std::getenv("TMPDIR");
  path_ = fs::path(tmp && *tmp ? tmp : "/tmp") /
          ("sohoa-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(path_);
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

Image render_text(const std::vector<std::string>& lines, int dpi) {
  const double scale = dpi / 72.0;
  const int width = static_cast<int>(8.27 * dpi);  // A4 width
  const int height = static_cast<int>((1.5 + 0.3 * static_cast<double>(lines.size())) * dpi);
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, scale, scale);
  draw_text(cr, join_lines(lines), 54);
  cairo_surface_flush(surface);

  Image pix(pixCreate(width, height, 8));
  const unsigned char* data = cairo_image_surface_get_data(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      const unsigned char* px = data + y * stride + 4 * x;  // B G R x
      pixSetPixel(pix.get(), x, y, (px[0] + px[1] + px[2]) / 3);
    }
  }
  pixSetResolution(pix.get(), dpi, dpi);
  cairo_destroy(cr);
  cairo_surface_destroy(surface);
  return pix;
}

Image render_separator(const std::string& payload, int dpi) {
  Image page(pixCreate(static_cast<int>(8.27 * dpi), static_cast<int>(11.69 * dpi), 8));
  pixSetAllArbitrary(page.get(), 255);
  pixSetResolution(page.get(), dpi, dpi);
  cv::Mat code;
  cv::QRCodeEncoder::Params params;
  params.correction_level = cv::QRCodeEncoder::CORRECT_LEVEL_M;
  cv::QRCodeEncoder::create(params)->encode(payload, code);
  if (code.empty()) throw std::runtime_error("cannot encode QR code " + payload);
  const int module = std::max(1, static_cast<int>(0.04 * dpi * 39.37) / code.cols);  // ~4 cm
  const int left = (pixGetWidth(page.get()) - code.cols * module) / 2;
  const int top = dpi;
  for (int y = 0; y < code.rows * module; ++y) {
    for (int x = 0; x < code.cols * module; ++x) {
      if (code.at<unsigned char>(y / module, x / module) < 128) {
        pixSetPixel(page.get(), left + x, top + y, 0);
      }
    }
  }
  Image words = render_text({"TỜ PHÂN CÁCH HỒ SƠ", payload}, dpi);
  const int text_top = top + code.rows * module + dpi / 2;
  pixRasterop(page.get(), 0, text_top, pixGetWidth(words.get()), pixGetHeight(words.get()), PIX_SRC,
              words.get(), 0, 0);
  return page;
}

Image render_blank(int dpi) {
  Image page(pixCreate(static_cast<int>(8.27 * dpi), static_cast<int>(11.69 * dpi), 8));
  pixSetAllArbitrary(page.get(), 250);
  for (int i = 0; i < 12; ++i) {  // dust: 2-3 px specks, far smaller than any letter
    const int x = (i * 977) % pixGetWidth(page.get());
    const int y = (i * 2141) % pixGetHeight(page.get());
    for (int dy = 0; dy < 3; ++dy) {
      for (int dx = 0; dx < 2; ++dx) pixSetPixel(page.get(), x + dx, y + dy, 60);
    }
  }
  pixSetResolution(page.get(), dpi, dpi);
  return page;
}

void write_tiff(const fs::path& file, const std::vector<PIX*>& pages) {
  fs::remove(file);
  for (std::size_t i = 0; i < pages.size(); ++i) {
    if (pixWriteTiff(file.c_str(), pages[i], IFF_TIFF_LZW, i == 0 ? "w" : "a") != 0) {
      throw std::runtime_error("cannot write " + file.string());
    }
  }
}

void write_pdf(const fs::path& file, const std::vector<std::string>& pages) {
  cairo_surface_t* surface = cairo_pdf_surface_create(file.c_str(), 595, 842);
  cairo_t* cr = cairo_create(surface);
  for (const std::string& page : pages) {
    draw_text(cr, page, 54);
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
}

void write_file(const fs::path& file, const std::string& bytes) {
  std::ofstream out(file, std::ios::binary);
  out << bytes;
}

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

fs::path samples_dir() { return fs::path(SOHOA_SOURCE_DIR) / "samples" / "committed"; }

fs::path data_dir() { return fs::path(SOHOA_SOURCE_DIR) / "tests" / "data"; }

namespace {

std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') {
      q += "'\\''";
    } else {
      q += c;
    }
  }
  q += '\'';
  return q;
}

}  // namespace

CommandRun run_command(const std::vector<std::string>& argv, bool merge_stderr) {
  static TempDir scratch;
  static std::atomic<int> counter{0};
  const fs::path err_file = scratch / ("stderr-" + std::to_string(counter++) + ".txt");
  std::string cmd;
  for (const std::string& a : argv) {
    if (!cmd.empty()) cmd += ' ';
    cmd += shell_quote(a);
  }
  if (merge_stderr) {
    cmd += " 2>&1";
  } else {
    cmd += " 2>";
    cmd += shell_quote(err_file.string());
  }
  cmd += " </dev/null";
  CommandRun r;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return r;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) r.out.append(buf, n);
  const int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (!merge_stderr) {
    r.err = read_file(err_file);
    fs::remove(err_file);
  }
  return r;
}

}  // namespace sohoa::test
