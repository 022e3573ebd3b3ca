#include "sohoa/pipeline/decode.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <memory>
#include <mutex>

namespace sohoa {
namespace fs = std::filesystem;
namespace {

Error bad_input(const fs::path& file, const std::string& what, std::string hint = {}) {
  if (hint.empty()) hint = "check the file; rescan it or export it again from the scanner";
  return make_error(ErrorCode::kInvalidInput, file.string() + ": " + what, std::move(hint));
}

Error bad_page(const fs::path& file, int page, const std::string& what) {
  return bad_input(file, "page " + std::to_string(page) + ": " + what);
}

// Leptonica and poppler print their own diagnostics to stderr; sohoa reports errors itself.
void quiet_libraries() {
  static std::once_flag once;
  std::call_once(once, [] {
    setMsgSeverity(L_SEVERITY_NONE);
    poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
  });
}

struct FileCloser {
  void operator()(FILE* f) const { std::fclose(f); }
};

Status check_size(const fs::path& file, int page, long w, long h) {
  if (w <= 0 || h <= 0) return bad_page(file, page, "has zero size");
  const double mp = static_cast<double>(w) * static_cast<double>(h) / 1e6;
  if (mp > kMaxMegapixels) {
    return bad_page(file, page,
                    "is " + std::to_string(w) + "x" + std::to_string(h) + " pixels (" +
                        std::to_string(static_cast<int>(mp)) + " megapixels), over the limit of " +
                        std::to_string(static_cast<int>(kMaxMegapixels)));
  }
  return {};
}

// Keeps 1-, 8- and 32-bit images; expands colour maps and other depths to 8 or 32 bits.
Image normalise_depth(PIX* raw) {
  Image pix(raw);
  if (pixGetColormap(pix.get()) != nullptr) {
    pix.reset(pixRemoveColormap(pix.get(), REMOVE_CMAP_BASED_ON_SRC));
  }
  if (!pix) return pix;
  const int depth = pixGetDepth(pix.get());
  if (depth == 2 || depth == 4 || depth == 16) pix.reset(pixConvertTo8(pix.get(), 0));
  if (depth == 24) pix.reset(pixConvertTo32(pix.get()));
  return pix;
}

void set_dpi(DecodedPage& out) {
  const int xres = pixGetXRes(out.image.get());
  if (xres >= 50 && xres <= 2400) {
    out.dpi = xres;
  } else {
    out.dpi = kDefaultDpi;
    out.dpi_estimated = true;
  }
}

std::unique_ptr<poppler::document> open_pdf(const fs::path& file, Error* error) {
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(file.string()));
  if (!doc) {
    *error = bad_input(file, "cannot be opened as a PDF (damaged, truncated or not a PDF)");
    return nullptr;
  }
  if (doc->is_locked()) {
    *error = bad_input(file, "is a password-protected PDF",
                       "export an unprotected copy of the PDF and ingest that");
    return nullptr;
  }
  return doc;
}

Result<DecodedPage> render_pdf_page(const fs::path& file, int page_number) {
  Error error;
  std::unique_ptr<poppler::document> doc = open_pdf(file, &error);
  if (!doc) return error;
  if (page_number < 1 || page_number > doc->pages())
    return bad_page(file, page_number, "does not exist");
  std::unique_ptr<poppler::page> page(doc->create_page(page_number - 1));
  if (!page) return bad_page(file, page_number, "cannot be read");
  const poppler::rectf rect = page->page_rect(poppler::media_box);
  const long w = static_cast<long>(rect.width() / 72.0 * kPdfRenderDpi);
  const long h = static_cast<long>(rect.height() / 72.0 * kPdfRenderDpi);
  if (Status s = check_size(file, page_number, w, h); !s) return s.error();

  poppler::page_renderer renderer;
  renderer.set_render_hints(poppler::page_renderer::antialiasing |
                            poppler::page_renderer::text_antialiasing);
  renderer.set_image_format(poppler::image::format_argb32);
  poppler::image img = renderer.render_page(page.get(), kPdfRenderDpi, kPdfRenderDpi);
  if (!img.is_valid() || img.width() <= 0 || img.height() <= 0) {
    return bad_page(file, page_number, "cannot be rendered");
  }
  Image pix(pixCreate(img.width(), img.height(), 32));
  if (!pix) return bad_page(file, page_number, "is too large to hold in memory");
  const char* data = img.const_data();
  l_uint32* dst = pixGetData(pix.get());
  const int wpl = pixGetWpl(pix.get());
  for (int y = 0; y < img.height(); ++y) {
    const auto* row =
        reinterpret_cast<const unsigned char*>(data + static_cast<long>(y) * img.bytes_per_row());
    l_uint32* line = dst + static_cast<long>(y) * wpl;
    for (int x = 0; x < img.width(); ++x) {
      // poppler's ARGB32 is a native-endian 0xAARRGGBB word: bytes B, G, R, A on x86.
      const unsigned char* px = row + 4 * x;
      composeRGBPixel(px[2], px[1], px[0], line + x);
    }
  }
  pixSetResolution(pix.get(), kPdfRenderDpi, kPdfRenderDpi);
  // A PDF made by a scanner's or another tool's OCR carries a text layer: it is kept beside
  // sohoa's own reading (which is still made: such layers are often poor), to compare.
  const poppler::byte_array layer = page->text().to_utf8();
  std::string text_layer(layer.begin(), layer.end());
  if (text_layer.find_first_not_of(" \t\r\n\f") == std::string::npos) text_layer.clear();
  return DecodedPage{std::move(pix), kPdfRenderDpi, false, std::move(text_layer)};
}

}  // namespace

InputKind sniff_input(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::array<char, 1024> head{};
  in.read(head.data(), head.size());
  const std::string_view h(head.data(), static_cast<std::size_t>(in.gcount()));
  if (h.starts_with("\x89PNG")) return InputKind::kImage;
  if (h.starts_with("\xFF\xD8\xFF")) return InputKind::kImage;
  if (h.starts_with(std::string_view("II*\0", 4)) || h.starts_with(std::string_view("MM\0*", 4))) {
    return InputKind::kTiff;
  }
  if (h.find("%PDF-") != std::string_view::npos) return InputKind::kPdf;
  return InputKind::kOther;
}

Result<int> count_pages(const fs::path& file, InputKind kind) {
  quiet_libraries();
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (ec) return bad_input(file, "cannot be read: " + ec.message());
  if (size == 0) return bad_input(file, "is empty (0 bytes)");
  switch (kind) {
    case InputKind::kImage:
      return 1;
    case InputKind::kTiff: {
      std::unique_ptr<FILE, FileCloser> fp(std::fopen(file.c_str(), "rb"));
      l_int32 n = 0;
      if (!fp || tiffGetCount(fp.get(), &n) != 0 || n <= 0) {
        return bad_input(file, "is a damaged TIFF (its page directory cannot be read)");
      }
      return n;
    }
    case InputKind::kPdf: {
      Error error;
      std::unique_ptr<poppler::document> doc = open_pdf(file, &error);
      if (!doc) return error;
      if (doc->pages() <= 0) return bad_input(file, "is a PDF with no pages");
      return doc->pages();
    }
    case InputKind::kOther:
      break;
  }
  return bad_input(file, "is not a PNG, JPEG, TIFF or PDF file");
}

Result<DecodedPage> decode_page(const fs::path& file, InputKind kind, int page) {
  quiet_libraries();
  if (kind == InputKind::kPdf) return render_pdf_page(file, page);
  if (kind != InputKind::kImage && kind != InputKind::kTiff) {
    return bad_input(file, "is not a PNG, JPEG, TIFF or PDF file");
  }
  l_int32 w = 0;
  l_int32 h = 0;
  l_int32 format = 0;
  l_int32 bps = 0;
  l_int32 spp = 0;
  l_int32 res = 0;
  l_int32 cmap = 0;
  const bool header_ok =
      kind == InputKind::kTiff
          ? readHeaderTiff(file.c_str(), page - 1, &w, &h, &bps, &spp, &res, &cmap, &format) == 0
          : pixReadHeader(file.c_str(), &format, &w, &h, &bps, &spp, &cmap) == 0;
  if (!header_ok) return bad_page(file, page, "has an unreadable header (damaged or truncated)");
  if (Status s = check_size(file, page, w, h); !s) return s.error();

  PIX* raw = kind == InputKind::kTiff ? pixReadTiff(file.c_str(), page - 1) : pixRead(file.c_str());
  if (raw == nullptr) return bad_page(file, page, "cannot be decoded (damaged or truncated)");
  DecodedPage out;
  out.image = normalise_depth(raw);
  if (!out.image) return bad_page(file, page, "has an unsupported pixel format");
  set_dpi(out);
  return out;
}

}  // namespace sohoa
