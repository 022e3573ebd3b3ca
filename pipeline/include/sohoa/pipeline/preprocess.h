// Preprocess stage: a decoded page → the 8-bit grey image Tesseract reads best.
//
// Steps, in order, each switchable in PreprocessConfig:
//   grey        colour pages become grey from the red channel, which removes red seal ink
//               (con dấu) while keeping black and blue ink (suppress_red); else luminance
//   rescale     pages under 250 dpi (or over 400) are scaled to 300 dpi
//   background  uneven light and yellowed paper are flattened to white, faded toner darkened
//   orient      0/90/180/270 from the shapes of ascenders and descenders (Leptonica)
//   deskew      skew angle from the text lines; pages are rotated straight
//   marks       table rules, underlines and signature scribbles are erased: Tesseract reads
//               rules as "|" and scribbles as junk, and misreads text lines they touch
//   leaders     dotted leaders ("..........") after form labels are erased: Tesseract reads
//               them as strings of junk characters
//   specks      dust and noise smaller than any glyph is erased
//   blank       a page without text-sized marks is flagged blank and not OCRed
//
// Word boxes found on the result are in its pixels: the page as it was rotated upright,
// deskewed and scaled to `dpi`.
//
// Thread-safety: a pure function; call it from any number of threads.
#pragma once

#include <string_view>

#include "sohoa/pipeline/image.h"
#include "sohoa/result.h"

namespace sohoa {

struct PreprocessConfig {
  bool suppress_red = true;
  bool estimate_dpi = true;  // resolution from the text height when the file's is missing/wrong
  bool rescale = true;
  bool normalize_background = true;
  bool orient = true;
  bool deskew = true;
  bool remove_marks = true;
  bool remove_leaders = true;
  bool remove_specks = true;
  bool detect_blank = true;

  // Every step off: the decoded image goes to Tesseract as it is (converted to grey).
  static PreprocessConfig none();
};

struct PreparedPage {
  Image image;                 // 8-bit grey
  int dpi = 0;                 // of `image`
  bool dpi_estimated = false;  // the resolution came from the text height, not the file
  int rotation = 0;            // degrees turned clockwise to make the page upright: 0, 90, 180, 270
  double skew_deg = 0;         // degrees turned to straighten the text lines
  bool blank = false;
};

// "all", "none", or a comma-separated list of the steps to run (grey, dpi, rescale, background,
// orient, deskew, marks, leaders, specks, blank). Errors: kUsage naming the unknown step.
Result<PreprocessConfig> parse_preprocess_steps(std::string_view steps);

// `image` is a decoded page of any depth; `dpi` its resolution, as the file states it
// (`dpi_stated`) or a default. When the height of its text disagrees with that resolution by
// more than 1.4× either way, or none was stated, the resolution is estimated from the text.
PreparedPage preprocess(PIX* image, int dpi, const PreprocessConfig& config,
                        bool dpi_stated = true);

// The resolution at which the text of a grey page would be 13-14 pt body text: 300 × the
// height of its tall glyphs (the 90th percentile of its glyph-sized components) / their
// height at 300 dpi. 0 when the page has too few glyphs to tell (under 100).
int dpi_from_text(PIX* grey);

}  // namespace sohoa
