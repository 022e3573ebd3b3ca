// Lays out a DocumentSpec and draws it with Pango/Cairo at 300 dpi, keeping the exact text
// of every printed line for the truth file.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "page_spec.h"
#include "rng.h"

namespace sohoa::samples {

constexpr int kRenderDpi = 300;

struct RenderedPage {
  PageKind kind = PageKind::kForm;
  cv::Mat image;                     ///< CV_8UC3 (BGR), white paper, kRenderDpi
  std::vector<std::string> lines;    ///< printed text, one entry per printed line, NFC
  std::vector<cv::Rect> signatures;  ///< sealed signatures' scribble areas
  Seal seal;
};

/// Owns a Pango font map and context. Not thread-safe: use one Renderer per thread. Calls of
/// render() from several threads run one at a time (cairo 1.16 text drawing is not
/// thread-safe).
class Renderer {
 public:
  Renderer();
  ~Renderer();
  Renderer(const Renderer&) = delete;
  Renderer& operator=(const Renderer&) = delete;

  /// One or more pages (the text flows on when a page is full). Signature scribbles draw
  /// from `rng`.
  std::vector<RenderedPage> render(const DocumentSpec& spec, Rng& rng);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sohoa::samples
