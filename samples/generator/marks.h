// Hand and stamp marks over the text: signature scribbles and the red round seal (con dấu)
// stamped over signatures on level-1 scans.
#pragma once

#include <cairo.h>

#include <opencv2/core.hpp>

#include "page_spec.h"
#include "rng.h"

namespace sohoa::samples {

/// Random Bézier strokes in blue-black ink inside `box` that read as a handwritten signature.
void draw_scribble(cairo_t* cr, const cv::Rect& box, Rng& rng);

/// Ink coverage of a round seal, CV_32FC1 in [0, 1], `diameter` pixels square: two rings,
/// the issuing body's name around the top, the place along the bottom, a star in the middle,
/// uneven inking. Uses the calling thread's default Pango font map.
cv::Mat seal_mask(const Seal& seal, int diameter, Rng& rng);

/// Stamps `mask` in semi-transparent red onto a BGR image, centred at `centre` (clipped).
void stamp(cv::Mat& bgr, const cv::Mat& mask, cv::Point centre, double opacity);

}  // namespace sohoa::samples
