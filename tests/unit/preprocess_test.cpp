#include "sohoa/pipeline/preprocess.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "sohoa/pipeline/ocr.h"
#include "test_support.h"

namespace sohoa {
namespace {

const std::vector<std::string> kForm = {
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Họ, chữ đệm, tên người yêu cầu: Nguyễn Thị Thủy ..............................",
    "Nơi cư trú: phường Xuân Đỉnh, quận Bắc Từ Liêm ...............................",
    "Giấy tờ tùy thân: CCCD số 001190012345 ........................................",
    "Quan hệ với người được khai sinh: Mẹ ..........................................",
};

std::string recognise(const PreparedPage& page) {
  Result<OcrEngine> engine = OcrEngine::create(OcrConfig{});
  EXPECT_TRUE(engine.ok());
  Result<OcrPage> r = engine->recognize(page.image.get(), page.dpi);
  EXPECT_TRUE(r.ok());
  return r ? r->text : "";
}

int dark_pixels(PIX* grey) {
  Image binary(pixThresholdToBinary(grey, 128));
  l_int32 count = 0;
  pixCountPixels(binary.get(), &count, nullptr);
  return count;
}

TEST(Preprocess, TurnsAnUpsideDownPageUpright) {
  Image page = test::render_text(kForm);
  Image flipped(pixRotate180(nullptr, page.get()));
  PreparedPage p = preprocess(flipped.get(), 300, PreprocessConfig{});
  EXPECT_EQ(p.rotation, 180);
  EXPECT_NE(recognise(p).find("Nguyễn Thị Thủy"), std::string::npos);
}

TEST(Preprocess, ErasesTableRulesAndScribblesButNotText) {
  Image form = test::render_text(kForm);
  const int w = pixGetWidth(form.get());
  const int h = pixGetHeight(form.get());
  Image page(pixAddBorderGeneral(form.get(), 0, 0, 0, 1200, 255));  // room below the text
  // A table frame: a long horizontal rule and a vertical one, 4 px thick, black (cleared).
  pixRenderLine(page.get(), 100, h + 100, w - 100, h + 100, 4, L_CLEAR_PIXELS);
  pixRenderLine(page.get(), 1200, h + 50, 1200, h + 450, 4, L_CLEAR_PIXELS);
  // A scribble: a zigzag stroke five text lines tall.
  for (int k = 0; k < 6; ++k) {
    pixRenderLine(page.get(), 300 + 60 * k, h + 600 + (k % 2) * 300, 360 + 60 * k,
                  h + 600 + ((k + 1) % 2) * 300, 3, L_CLEAR_PIXELS);
  }
  const int before = dark_pixels(page.get());
  PreparedPage without = preprocess(page.get(), 300, PreprocessConfig{});
  PreprocessConfig keep;
  keep.remove_marks = false;
  PreparedPage with = preprocess(page.get(), 300, keep);
  EXPECT_LT(dark_pixels(without.image.get()), dark_pixels(with.image.get()) - 5000);
  EXPECT_GT(dark_pixels(without.image.get()), before / 3);  // the text is still there
  const std::string text = recognise(without);
  EXPECT_NE(text.find("Nguyễn Thị Thủy"), std::string::npos) << text;
  EXPECT_EQ(text.find('|'), std::string::npos) << text;
}

TEST(Preprocess, ErasesIsolatedDotsButNotTheDotsOfText) {
  Image form = test::render_text(kForm);
  const int h = pixGetHeight(form.get());
  Image page(pixAddBorderGeneral(form.get(), 0, 0, 0, 900, 255));
  // Toner specks: 8 px dots, 150 px apart, well below the text.
  for (int k = 0; k < 10; ++k) {
    BOX* dot = boxCreate(200 + 150 * k, h + 300 + 40 * (k % 3), 8, 8);
    pixClearInRect(page.get(), dot);
    boxDestroy(&dot);
  }
  PreprocessConfig keep;
  keep.remove_specks = false;
  PreparedPage with = preprocess(page.get(), 300, keep);
  PreparedPage without = preprocess(page.get(), 300, PreprocessConfig{});
  EXPECT_NEAR(dark_pixels(with.image.get()) - dark_pixels(without.image.get()), 10 * 64, 200);
  const std::string text = recognise(without);
  EXPECT_NE(text.find("Nguyễn Thị Thủy"), std::string::npos) << text;
  EXPECT_NE(text.find("Giấy tờ tùy thân"), std::string::npos) << text;
}

TEST(Preprocess, LeavesAnUprightPageAsItIs) {
  Image page = test::render_text(kForm);
  PreparedPage p = preprocess(page.get(), 300, PreprocessConfig{});
  EXPECT_EQ(p.rotation, 0);
  EXPECT_EQ(p.skew_deg, 0);
  EXPECT_FALSE(p.blank);
  EXPECT_EQ(pixGetWidth(p.image.get()), pixGetWidth(page.get()));
}

TEST(Preprocess, StraightensASkewedPage) {
  Image page = test::render_text(kForm);
  const double degrees = 2.0;
  Image skewed(pixRotate(page.get(), static_cast<float>(degrees * M_PI / 180), L_ROTATE_AREA_MAP,
                         L_BRING_IN_WHITE, 0, 0));
  PreparedPage p = preprocess(skewed.get(), 300, PreprocessConfig{});
  EXPECT_NEAR(std::abs(p.skew_deg), degrees, 0.3);
  EXPECT_NE(recognise(p).find("phường Xuân Đỉnh"), std::string::npos);
}

TEST(Preprocess, ErasesDottedLeadersButNotTheText) {
  Image page = test::render_text(kForm);
  PreparedPage p = preprocess(page.get(), 300, PreprocessConfig{});
  const std::string text = recognise(p);
  EXPECT_EQ(text.find("...."), std::string::npos) << text;
  EXPECT_NE(text.find("Quan hệ với người được khai sinh: Mẹ"), std::string::npos) << text;
  EXPECT_NE(text.find("Giấy tờ tùy thân: CCCD số"), std::string::npos) << text;
  // The step is what erased them: with it off, the page keeps the ink of ~120 dots. (The
  // specks step erases dots far from other ink, leaders included: off too.)
  PreprocessConfig keep;
  keep.remove_leaders = false;
  keep.remove_specks = false;
  const PreparedPage kept = preprocess(page.get(), 300, keep);
  EXPECT_GT(dark_pixels(kept.image.get()) - dark_pixels(p.image.get()), 1000);
}

TEST(Preprocess, ErasesALeaderDotsGreyHaloWithIt) {
  // A scanned dot is a dark core in a grey halo; the binary image holds only the core. A halo
  // left behind is a row of faint rings, which on poor scans made Tesseract drop the line the
  // leaders end (bench/extract's receipts: "24/04/2024 ……" gone).
  Image form = test::render_text(kForm);
  const int h = pixGetHeight(form.get());
  Image page(pixAddBorderGeneral(form.get(), 0, 0, 0, 300, 255));
  const int row = h + 150;
  for (int k = 0; k < 40; ++k) {
    const int x = 300 + 16 * k;
    for (int dy = -5; dy <= 5; ++dy) {
      for (int dx = -5; dx <= 5; ++dx) {
        const bool core = std::abs(dx) <= 3 && std::abs(dy) <= 3;
        pixSetPixel(page.get(), x + dx, row + dy, core ? 40 : 190);
      }
    }
  }
  PreprocessConfig config;
  config.remove_specks = false;  // the specks step erases lone dots too: leaders alone here
  config.deskew = false;         // the row stays where it was drawn
  const PreparedPage p = preprocess(page.get(), 300, config);
  l_uint32 darkest = 255;
  for (int y = row - 8; y <= row + 8; ++y) {
    for (int x = 280; x < 300 + 16 * 40; ++x) {
      l_uint32 v = 255;
      pixGetPixel(p.image.get(), x, y, &v);
      darkest = std::min(darkest, v);
    }
  }
  EXPECT_GE(darkest, 230u) << "a ring of the halo is left";
}

TEST(Preprocess, RemovesRedSealInkAndKeepsBlackText) {
  Image grey = test::render_text(kForm);
  Image colour(pixConvertTo32(grey.get()));
  // A solid red disc over the middle of the text.
  const int cx = pixGetWidth(colour.get()) / 2;
  const int cy = pixGetHeight(colour.get()) / 2;
  for (int y = cy - 150; y < cy + 150; ++y) {
    for (int x = cx - 150; x < cx + 150; ++x) {
      if ((x - cx) * (x - cx) + (y - cy) * (y - cy) < 150 * 150) {
        l_uint32 pixel = 0;
        composeRGBPixel(220, 30, 40, &pixel);
        pixSetPixel(colour.get(), x, y, pixel);
      }
    }
  }
  PreparedPage with = preprocess(colour.get(), 300, PreprocessConfig{});
  l_uint32 value = 0;
  pixGetPixel(with.image.get(), cx, cy - 140, &value);
  EXPECT_GT(value, 200u) << "seal ink should be gone";
  PreprocessConfig keep;
  keep.suppress_red = false;
  PreparedPage without = preprocess(colour.get(), 300, keep);
  pixGetPixel(without.image.get(), cx, cy - 140, &value);
  EXPECT_LT(value, 150u) << "seal ink stays when the step is off";
}

TEST(Preprocess, RescalesLowResolutionPagesTo300Dpi) {
  Image page = test::render_text(kForm, 150);
  PreparedPage p = preprocess(page.get(), 150, PreprocessConfig{});
  EXPECT_EQ(p.dpi, 300);
  EXPECT_NEAR(pixGetWidth(p.image.get()), 2 * pixGetWidth(page.get()), 2);
}

TEST(Preprocess, EstimatesTheResolutionFromTheHeightOfTheText) {
  for (int dpi : {150, 200, 300, 400}) {
    Image page = test::render_text(kForm, dpi);
    EXPECT_NEAR(dpi_from_text(page.get()), dpi, 0.2 * dpi) << dpi << " dpi";
  }
  // Too little text to tell.
  EXPECT_EQ(dpi_from_text(test::render_text({"Trang 2"}, 300).get()), 0);
}

TEST(Preprocess, TrustsTheTextOverAResolutionTheFileGetsWrong) {
  Image page = test::render_text(kForm, 300);
  // Stated right: kept, nothing estimated.
  PreparedPage right = preprocess(page.get(), 300, PreprocessConfig{});
  EXPECT_FALSE(right.dpi_estimated);
  EXPECT_EQ(pixGetWidth(right.image.get()), pixGetWidth(page.get()));
  // Tagged 72 dpi, a common scanner default: not blown up 4 times.
  PreparedPage tagged72 = preprocess(page.get(), 72, PreprocessConfig{});
  EXPECT_TRUE(tagged72.dpi_estimated);
  EXPECT_EQ(pixGetWidth(tagged72.image.get()), pixGetWidth(page.get()));
  // A 150 dpi scan stated as 300: brought up to 300.
  Image low = test::render_text(kForm, 150);
  PreparedPage stated300 = preprocess(low.get(), 300, PreprocessConfig{});
  EXPECT_TRUE(stated300.dpi_estimated);
  EXPECT_EQ(stated300.dpi, 300);
  EXPECT_NEAR(pixGetWidth(stated300.image.get()), 2 * pixGetWidth(low.get()),
              0.4 * pixGetWidth(low.get()));
  // No resolution in the file: estimated.
  EXPECT_TRUE(preprocess(page.get(), 300, PreprocessConfig{}, false).dpi_estimated);
}

TEST(Preprocess, DoesNotBlowUpABlankSheetWhoseSpecksLookLikeSmallText) {
  // Specks of a few pixels, hundreds of them: read as text they would say ~60 dpi, which
  // would make this A4 sheet a metre tall. The stated resolution stands.
  Image page = test::render_text({""});
  for (int i = 0; i < 400; ++i) {
    const int x = 150 + (i * 97) % (pixGetWidth(page.get()) - 300);
    const int y = 150 + (i * 61) % (pixGetHeight(page.get()) - 300);
    pixRasterop(page.get(), x, y, 7, 8, PIX_CLR, nullptr, 0, 0);  // black
  }
  ASSERT_GT(dpi_from_text(page.get()), 0);
  ASSERT_LT(dpi_from_text(page.get()), 100);
  PreparedPage p = preprocess(page.get(), 300, PreprocessConfig{});
  EXPECT_EQ(p.dpi, 300);
  EXPECT_EQ(pixGetWidth(p.image.get()), pixGetWidth(page.get()));
}

TEST(Preprocess, FlagsABlankSheetWithDust) {
  Image page = test::render_text({""});
  for (int i = 0; i < 40; ++i) pixSetPixel(page.get(), 100 + 37 * i, 200 + 23 * i, 0);
  EXPECT_TRUE(preprocess(page.get(), 300, PreprocessConfig{}).blank);
  Image text = test::render_text(kForm);
  EXPECT_FALSE(preprocess(text.get(), 300, PreprocessConfig{}).blank);
}

TEST(Preprocess, DoesNotChangeItsInput) {
  Image page = test::render_text(kForm);
  Image copy(pixCopy(nullptr, page.get()));
  PreparedPage p = preprocess(page.get(), 300, PreprocessConfig{});
  l_int32 same = 0;
  pixEqual(page.get(), copy.get(), &same);
  EXPECT_TRUE(same);
}

TEST(ParsePreprocessSteps, ReadsAllNoneAndLists) {
  Result<PreprocessConfig> all = parse_preprocess_steps("all");
  ASSERT_TRUE(all.ok());
  EXPECT_TRUE(all->orient && all->deskew && all->remove_leaders);
  Result<PreprocessConfig> none = parse_preprocess_steps("none");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->orient || none->deskew || none->suppress_red);
  Result<PreprocessConfig> some = parse_preprocess_steps("orient,deskew");
  ASSERT_TRUE(some.ok());
  EXPECT_TRUE(some->orient && some->deskew);
  EXPECT_FALSE(some->remove_leaders);
  Result<PreprocessConfig> bad = parse_preprocess_steps("orient,sharpen");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("sharpen"), std::string::npos);
}

}  // namespace
}  // namespace sohoa
