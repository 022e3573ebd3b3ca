// Scanning a rendered page at one of three quality levels (OpenCV).
//
//   0 clean        300 dpi grey, as rendered
//   1 office scan  colour, skew ≤ ±2°, slight blur and noise, uneven lighting, 240 dpi,
//                  red seal over the signature, JPEG
//   2 poor backlog grey or bitonal, skew ≤ ±3.5°, 180-200 dpi, heavy noise, specks, faded
//                  toner, sometimes a grey scanner-lid border
#pragma once

#include <opencv2/core.hpp>

#include "render.h"
#include "rng.h"

namespace sohoa::samples {

struct ScannedPage {
  cv::Mat image;  ///< CV_8UC1 (grey, or 0/255 when bitonal) or CV_8UC3 (BGR colour)
  bool bitonal = false;
  int dpi = kRenderDpi;
  int rotation = 0;      ///< 0 or 180: how the page is stored relative to upright
  int jpeg_quality = 0;  ///< >0: lossy pages are stored as JPEG at this quality
};

/// How one dossier goes through the scanner: the same settings for all its pages.
struct ScanSettings {
  int level = 0;
  bool bitonal = false;  ///< level 2 only
  int jpeg_quality = 80;
  int dpi = 200;  ///< level 2 only (180-200); level 0 is 300 dpi and level 1 240 dpi
};

/// Degrades `page` for `settings.level`; `upside_down` stores it rotated by 180°.
ScannedPage scan(const RenderedPage& page, const ScanSettings& settings, bool upside_down,
                 Rng& rng);

}  // namespace sohoa::samples
