#include "sohoa/pipeline/preprocess.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

namespace sohoa {
namespace {

constexpr int kTargetDpi = 300;
constexpr int kUpscaleBelowDpi = 250;
constexpr int kDownscaleAboveDpi = 400;
// The height in pixels under which 90% of the glyph-sized components of body text scanned at
// 300 dpi lie: the tall letters (ascenders, descenders, capitals with their marks) of 13-14 pt
// type, the size of Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP). The 90th
// percentile, not the median: a form's dotted leaders and the marks above letters are
// components too, and on a form they can be half of them. Measured: 35-40 px on the
// generated pages of the forms at 300 dpi, 47 px on lines of capitals with their marks
// (tests/unit/preprocess_test.cpp); the estimate is good to about 20%, which is enough to
// catch a resolution off by 1.4× or more, and rescaling only starts outside 250-400 dpi.
constexpr double kGlyphHeightAt300Dpi = 42.0;
// Fewer glyphs than this (a near-empty page, a photo) say too little about the resolution.
constexpr std::size_t kFewestGlyphsForDpi = 100;
// The resolution a file states is trusted unless its text says otherwise by more than this
// factor either way (a 150 dpi scan tagged 300, a 300 dpi scan tagged 72).
constexpr double kDpiDisagreement = 1.4;
// A dossier page is A6 to A3: its long side is 5.8 to 16.5 inches. An estimate that makes the
// page larger or smaller than that (with some margin) was read from marks that are not text,
// such as the specks of a blank sheet, and is ignored: believed, it once blew a dusty blank
// page up nine times in area and took a minute to clean.
constexpr double kShortestPageInches = 5.0;
constexpr double kLongestPageInches = 18.0;
// Leptonica's defaults (8, 2.5) leave half-filled pages unturned; 4 and 2 still never turned an
// upright page of the samples (their confidence is 13-25).
constexpr l_float32 kMinOrientConfidence = 4.0f;
constexpr l_float32 kMinOrientRatio = 2.0f;
constexpr double kPi = 3.14159265358979323846;

struct BoxaDeleter {
  void operator()(BOXA* b) const { boxaDestroy(&b); }
};
using Boxes = std::unique_ptr<BOXA, BoxaDeleter>;

Image to_grey(PIX* pix, bool suppress_red) {
  switch (pixGetDepth(pix)) {
    case 32:
      // In the red channel red ink is as bright as the paper; black and blue ink stay dark.
      return Image(suppress_red ? pixConvertRGBToGray(pix, 1.0f, 0.0f, 0.0f)
                                : pixConvertRGBToLuminance(pix));
    case 8:
      return Image(pixCopy(nullptr, pix));  // erased in place below: never touch the input
    default:
      return Image(pixConvertTo8(pix, 0));
  }
}

Image binarize(PIX* grey) { return Image(pixThresholdToBinary(grey, 128)); }

struct Component {
  int x, y, w, h;
  double cx() const { return x + w / 2.0; }
  double cy() const { return y + h / 2.0; }
};

std::vector<Component> components(PIX* binary) {
  Boxes boxes(pixConnCompBB(binary, 8));
  std::vector<Component> out;
  if (!boxes) return out;
  const int n = boxaGetCount(boxes.get());
  out.reserve(n);
  for (int i = 0; i < n; ++i) {
    Component c{};
    boxaGetBoxGeometry(boxes.get(), i, &c.x, &c.y, &c.w, &c.h);
    out.push_back(c);
  }
  return out;
}

}  // namespace

int dpi_from_text(PIX* grey) {
  Image binary = binarize(grey);
  if (!binary) return 0;
  // Glyph-sized components: letters, digits and the bigger marks; not specks, rules, stamps
  // or pictures. Bounds relative to the page, since the resolution is what is sought: no
  // glyph is a 40th of the page's long side (2.5 cm on A4).
  const int longest = std::max(pixGetWidth(grey), pixGetHeight(grey));
  std::vector<int> heights;
  for (const Component& c : components(binary.get())) {
    if (c.h < 6 || c.h > std::max(12, longest / 40)) continue;
    if (c.w > 12 * c.h || c.h > 4 * c.w) continue;  // letters, or words run together
    heights.push_back(c.h);
  }
  if (heights.size() < kFewestGlyphsForDpi) return 0;
  const auto tall = heights.begin() + static_cast<long>(heights.size() * 9 / 10);
  std::nth_element(heights.begin(), tall, heights.end());
  return static_cast<int>(std::lround(kTargetDpi * *tall / kGlyphHeightAt300Dpi));
}

namespace {

// Dots that line up at one height, evenly and closely spaced, in runs of four or more: the
// dotted leaders of a form. Returns them for erasing.
std::vector<Component> leader_dots(const std::vector<Component>& all, int dpi) {
  const int max_dot = static_cast<int>(std::lround(0.035 * dpi));  // ~10 px at 300 dpi
  const double max_gap = 0.07 * dpi;                               // centre to centre
  std::vector<Component> dots;
  for (const Component& c : all) {
    if (c.w <= max_dot && c.h <= max_dot && c.w * 3 >= c.h && c.h * 3 >= c.w) dots.push_back(c);
  }
  std::sort(dots.begin(), dots.end(),
            [](const Component& a, const Component& b) { return a.cx() < b.cx(); });
  // next[i]: the nearest dot to the right of i on the same line, if close enough.
  std::vector<int> next(dots.size(), -1);
  std::vector<int> has_prev(dots.size(), 0);
  for (std::size_t i = 0; i < dots.size(); ++i) {
    const double tolerance = std::max(2.0, 0.5 * dots[i].h);
    for (std::size_t j = i + 1; j < dots.size(); ++j) {
      const double dx = dots[j].cx() - dots[i].cx();
      if (dx > max_gap) break;
      if (dx < 0.5 * dots[i].w || std::abs(dots[j].cy() - dots[i].cy()) > tolerance) continue;
      if (has_prev[j]) continue;
      next[i] = static_cast<int>(j);
      has_prev[j] = 1;
      break;
    }
  }
  std::vector<Component> leaders;
  for (std::size_t i = 0; i < dots.size(); ++i) {
    if (has_prev[i]) continue;  // chains are walked from their first dot
    std::vector<int> chain;
    for (int k = static_cast<int>(i); k >= 0; k = next[k]) chain.push_back(k);
    if (chain.size() < 4) continue;
    for (int k : chain) leaders.push_back(dots[k]);
  }
  return leaders;
}

struct PixaDeleter {
  void operator()(PIXA* p) const { pixaDestroy(&p); }
};

// Marks that are not text: table rules and underlines (long straight runs of ink) and
// signature scribbles (connected strokes far larger than a glyph, covering little of their
// box). Tesseract reads rules as "|" and "_", and scribbles as junk words; worse, a scribble
// touching a text line makes it misread that line. Erased from both images.
void erase_marks(PIX* grey, PIX* binary, int dpi) {
  const int hline = std::max(20, static_cast<int>(0.8 * dpi));  // 2 cm: no glyph is as wide
  const int vline = std::max(10, static_cast<int>(0.4 * dpi));  // 1 cm: no glyph is as tall
  // Composite bricks by DWA: a 240-pixel opening by plain rasterops costs as much as the
  // rest of the preprocessing together (measured with perf on bench/ocr's set).
  Image mask(pixOpenCompBrickExtendDwa(nullptr, binary, hline, 1));
  Image vertical(pixOpenCompBrickExtendDwa(nullptr, binary, 1, vline));
  if (!mask || !vertical) return;
  pixOr(mask.get(), mask.get(), vertical.get());

  PIXA* raw_pixa = nullptr;
  Image without_rules(pixSubtract(nullptr, binary, mask.get()));
  Boxes boxes(pixConnComp(without_rules.get(), &raw_pixa, 8));
  std::unique_ptr<PIXA, PixaDeleter> pixa(raw_pixa);
  if (boxes && pixa) {
    const int n = boxaGetCount(boxes.get());
    std::vector<int> heights;
    for (int i = 0; i < n; ++i) {
      int x, y, w, h;
      boxaGetBoxGeometry(boxes.get(), i, &x, &y, &w, &h);
      if (h >= 0.04 * dpi && h <= 0.3 * dpi) heights.push_back(h);
    }
    if (!heights.empty()) {
      std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
      const int glyph = heights[heights.size() / 2];
      for (int i = 0; i < n; ++i) {
        int x, y, w, h;
        boxaGetBoxGeometry(boxes.get(), i, &x, &y, &w, &h);
        if (h <= 3 * glyph && w <= 8 * glyph) continue;
        Image piece(pixaGetPix(pixa.get(), i, L_CLONE));
        l_int32 ink = 0;
        pixCountPixels(piece.get(), &ink, nullptr);
        if (ink * 100L >= 12L * w * h) continue;  // dense: a blot, a photo, merged glyphs
        pixRasterop(mask.get(), x, y, w, h, PIX_SRC | PIX_DST, piece.get(), 0, 0);
      }
    }
  }
  Image grown(pixDilateCompBrickDwa(nullptr, mask.get(), 5, 5));  // the anti-aliased edges too
  if (!grown) return;
  pixSetMasked(grey, grown.get(), 255);
  pixSubtract(binary, binary, grown.get());
}

// Dots the size of a full stop with no other ink within 2.5 mm: toner specks and dust on
// poor scans, which Tesseract reads as "*", "+", "°" and which confuse its layout of sparse
// pages. Dots of text (i, diacritics, punctuation) sit next to letters and stay.
void erase_isolated_dots(PIX* grey, PIX* binary, int dpi) {
  const int max_dot = std::max(2, static_cast<int>(std::lround(0.035 * dpi)));  // ~10 px
  const int reach = std::max(3, static_cast<int>(0.1 * dpi)) | 1;               // ~31 px, odd
  Image dots(
      pixSelectBySize(binary, max_dot, max_dot, 8, L_SELECT_IF_BOTH, L_SELECT_IF_LTE, nullptr));
  if (!dots) return;
  Image rest(pixSubtract(nullptr, binary, dots.get()));
  Image near(pixDilateCompBrickExtendDwa(nullptr, rest.get(), 2 * reach + 1, 2 * reach + 1));
  if (!rest || !near) return;
  Image isolated(pixSubtract(nullptr, dots.get(), near.get()));
  Image grown(pixDilateCompBrickDwa(nullptr, isolated.get(), 3, 3));
  if (!grown) return;
  pixSetMasked(grey, grown.get(), 255);
  pixSubtract(binary, binary, grown.get());
}

void erase(PIX* grey, PIX* binary, const Component& c, int pad) {
  BOX* box = boxCreate(c.x - pad, c.y - pad, c.w + 2 * pad, c.h + 2 * pad);
  pixSetInRectArbitrary(grey, box, 255);
  pixClearInRect(binary, box);
  boxDestroy(&box);
}

// True when no mark on the page (away from its edges) is the size of a glyph.
bool looks_blank(const std::vector<Component>& all, int width, int height, int dpi) {
  const int min_h = static_cast<int>(0.04 * dpi);  // ~ an x-height at 9 pt
  const int max_h = static_cast<int>(0.5 * dpi);
  const int margin_x = width / 20;
  const int margin_y = height / 20;
  int glyphs = 0;
  for (const Component& c : all) {
    if (c.h < min_h || c.h > max_h || c.w > max_h) continue;
    if (c.x < margin_x || c.y < margin_y || c.x + c.w > width - margin_x ||
        c.y + c.h > height - margin_y) {
      continue;
    }
    if (++glyphs >= 10) return false;
  }
  return true;
}

}  // namespace

PreprocessConfig PreprocessConfig::none() {
  PreprocessConfig c;
  c.suppress_red = c.estimate_dpi = c.rescale = c.normalize_background = c.orient = c.deskew =
      false;
  c.remove_marks = c.remove_leaders = c.remove_specks = c.detect_blank = false;
  return c;
}

Result<PreprocessConfig> parse_preprocess_steps(std::string_view steps) {
  if (steps == "all") return PreprocessConfig{};
  PreprocessConfig c = PreprocessConfig::none();
  if (steps == "none") return c;
  std::size_t start = 0;
  while (start <= steps.size()) {
    const std::size_t comma = std::min(steps.find(',', start), steps.size());
    const std::string_view step = steps.substr(start, comma - start);
    bool* flag = step == "grey"         ? &c.suppress_red
                 : step == "dpi"        ? &c.estimate_dpi
                 : step == "rescale"    ? &c.rescale
                 : step == "background" ? &c.normalize_background
                 : step == "orient"     ? &c.orient
                 : step == "deskew"     ? &c.deskew
                 : step == "marks"      ? &c.remove_marks
                 : step == "leaders"    ? &c.remove_leaders
                 : step == "specks"     ? &c.remove_specks
                 : step == "blank"      ? &c.detect_blank
                                        : nullptr;
    if (flag == nullptr) {
      return make_error(ErrorCode::kUsage, "unknown preprocessing step '" + std::string(step) + "'",
                        "steps are grey, dpi, rescale, background, orient, deskew, marks, leaders, "
                        "specks, blank; or all, none");
    }
    *flag = true;
    start = comma + 1;
  }
  return c;
}

PreparedPage preprocess(PIX* image, int dpi, const PreprocessConfig& config, bool dpi_stated) {
  PreparedPage out;
  Image grey = to_grey(image, config.suppress_red);
  out.dpi_estimated = !dpi_stated;
  if (config.estimate_dpi) {
    const int from_text = dpi_from_text(grey.get());
    const double inches = std::max(pixGetWidth(grey.get()), pixGetHeight(grey.get())) /
                          static_cast<double>(std::max(1, from_text));
    if (from_text > 0 && inches >= kShortestPageInches && inches <= kLongestPageInches &&
        (!dpi_stated || from_text > dpi * kDpiDisagreement || from_text * kDpiDisagreement < dpi)) {
      dpi = from_text;
      out.dpi_estimated = true;
    }
  }
  out.dpi = dpi;

  if (config.rescale && (dpi < kUpscaleBelowDpi || dpi > kDownscaleAboveDpi)) {
    const float scale = static_cast<float>(kTargetDpi) / static_cast<float>(dpi);
    grey.reset(pixScaleGrayLI(grey.get(), scale, scale));
    out.dpi = kTargetDpi;
    pixSetResolution(grey.get(), kTargetDpi, kTargetDpi);
  }
  if (config.normalize_background) {
    // Background to white, then black point 70 / white point 190: faded toner becomes black.
    Image clean(pixCleanBackgroundToWhite(grey.get(), nullptr, nullptr, 1.0f, 70, 190));
    if (clean) grey = std::move(clean);
  }
  Image binary = binarize(grey.get());

  if (config.orient) {
    l_float32 up = 0;
    l_float32 left = 0;
    l_int32 orient = L_TEXT_ORIENT_UNKNOWN;
    if (pixOrientDetect(binary.get(), &up, &left, 0, 0) == 0 &&
        makeOrientDecision(up, left, kMinOrientConfidence, kMinOrientRatio, &orient, 0) == 0) {
      int quads = 0;  // clockwise quarter turns
      if (orient == L_TEXT_ORIENT_LEFT) quads = 1;
      if (orient == L_TEXT_ORIENT_DOWN) quads = 2;
      if (orient == L_TEXT_ORIENT_RIGHT) quads = 3;
      if (quads != 0) {
        grey.reset(pixRotateOrth(grey.get(), quads));
        binary.reset(pixRotateOrth(binary.get(), quads));
        out.rotation = 90 * quads;
      }
    }
  }
  if (config.deskew) {
    l_float32 angle = 0;
    l_float32 confidence = 0;
    if (pixFindSkew(binary.get(), &angle, &confidence) == 0 && confidence >= 3.0f &&
        std::abs(angle) >= 0.1f) {
      const auto radians = static_cast<l_float32>(angle * kPi / 180.0);
      Image straight(pixRotate(grey.get(), radians, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
      if (straight) {
        grey = std::move(straight);
        binary = binarize(grey.get());
        out.skew_deg = angle;
      }
    }
  }
  if (config.remove_marks) erase_marks(grey.get(), binary.get(), out.dpi);
  if (config.remove_leaders || config.remove_specks || config.detect_blank) {
    const std::vector<Component> all = components(binary.get());
    if (config.remove_leaders) {
      // The binary image holds a dot's dark core; its grey halo reaches a few pixels further.
      // Left, the halos make a row of faint rings that Tesseract still binarises, and on a poor
      // scan it then drops the whole line ("24/04/2024 ……" on bench/extract's receipts).
      const int halo = std::max(1, static_cast<int>(std::lround(0.01 * out.dpi)));  // 3 px
      for (const Component& c : leader_dots(all, out.dpi)) erase(grey.get(), binary.get(), c, halo);
    }
    if (config.remove_specks) {
      const int speck = std::max(1, static_cast<int>(std::lround(0.007 * out.dpi)));  // ~2 px
      for (const Component& c : all) {
        if (c.w <= speck && c.h <= speck) erase(grey.get(), binary.get(), c, 0);
      }
      erase_isolated_dots(grey.get(), binary.get(), out.dpi);
    }
    if (config.detect_blank) {
      out.blank = looks_blank(all, pixGetWidth(grey.get()), pixGetHeight(grey.get()), out.dpi);
    }
  }
  out.image = std::move(grey);
  return out;
}

}  // namespace sohoa
