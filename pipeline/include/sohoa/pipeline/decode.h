// Decode stage: input files → page images.
//
// Reads PNG, JPEG, TIFF (every page of a multi-page file, any compression Leptonica reads) and
// PDF (each page rendered by poppler at 300 dpi). Each function is independent of the others:
// pages of one file can be decoded in parallel, one page at a time, so that memory holds only
// the pages being worked on.
//
// Errors are kInvalidInput and name the file (and page): unreadable, empty, truncated or
// corrupt, zero-size pages, absurd sizes (over kMaxMegapixels).
//
// Thread-safety: every function may be called from several threads at once.
#pragma once

#include <filesystem>
#include <string>

#include "sohoa/pipeline/image.h"
#include "sohoa/result.h"

namespace sohoa {

enum class InputKind { kImage, kTiff, kPdf, kOther };

// The kind of an input file, from its first bytes (not its name). kOther for anything else.
InputKind sniff_input(const std::filesystem::path& file);

// Number of pages in an image, TIFF or PDF file (1 for a single image).
Result<int> count_pages(const std::filesystem::path& file, InputKind kind);

inline constexpr int kPdfRenderDpi = 300;
inline constexpr double kMaxMegapixels = 150.0;
inline constexpr int kDefaultDpi = 300;  // assumed when a file carries no resolution

struct DecodedPage {
  Image image;  // 8-bit grey or 32-bit colour
  int dpi = 0;
  bool dpi_estimated = false;
  std::string text_layer;  // a PDF page's own text (UTF-8), empty when it has none
};

// Decodes page `page` (from 1) of `file`.
Result<DecodedPage> decode_page(const std::filesystem::path& file, InputKind kind, int page);

}  // namespace sohoa
