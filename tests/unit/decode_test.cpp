#include "sohoa/pipeline/decode.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace sohoa {
namespace {

namespace fs = std::filesystem;

class DecodeTest : public ::testing::Test {
 protected:
  test::TempDir dir_;
  Image page_ = test::render_text({"Ủy ban nhân dân phường Xuân Đỉnh"}, 200);
};

TEST_F(DecodeTest, ReadsPngWithItsResolution) {
  const fs::path file = dir_ / "p.png";
  ASSERT_EQ(pixWrite(file.c_str(), page_.get(), IFF_PNG), 0);
  EXPECT_EQ(sniff_input(file), InputKind::kImage);
  ASSERT_EQ(*count_pages(file, InputKind::kImage), 1);
  Result<DecodedPage> p = decode_page(file, InputKind::kImage, 1);
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(pixGetWidth(p->image.get()), pixGetWidth(page_.get()));
  EXPECT_EQ(p->dpi, 200);
  EXPECT_FALSE(p->dpi_estimated);
}

TEST_F(DecodeTest, ReadsJpeg) {
  const fs::path file = dir_ / "p.jpg";
  ASSERT_EQ(pixWrite(file.c_str(), page_.get(), IFF_JFIF_JPEG), 0);
  EXPECT_EQ(sniff_input(file), InputKind::kImage);
  Result<DecodedPage> p = decode_page(file, InputKind::kImage, 1);
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(pixGetHeight(p->image.get()), pixGetHeight(page_.get()));
}

TEST_F(DecodeTest, ReadsEveryPageOfAMultiPageTiff) {
  const fs::path file = dir_ / "stack.tif";
  Image bitonal(pixConvertTo1(page_.get(), 128));
  pixSetResolution(bitonal.get(), 200, 200);
  ASSERT_EQ(pixWriteTiff(file.c_str(), bitonal.get(), IFF_TIFF_G4, "w"), 0);
  ASSERT_EQ(pixWriteTiff(file.c_str(), page_.get(), IFF_TIFF_ZIP, "a"), 0);
  ASSERT_EQ(pixWriteTiff(file.c_str(), bitonal.get(), IFF_TIFF_G4, "a"), 0);
  ASSERT_EQ(sniff_input(file), InputKind::kTiff);
  ASSERT_EQ(*count_pages(file, InputKind::kTiff), 3);
  for (int n = 1; n <= 3; ++n) {
    Result<DecodedPage> p = decode_page(file, InputKind::kTiff, n);
    ASSERT_TRUE(p.ok()) << p.error().message;
    EXPECT_EQ(pixGetWidth(p->image.get()), pixGetWidth(page_.get()));
  }
}

TEST_F(DecodeTest, RendersPdfPagesAt300Dpi) {
  const fs::path file = dir_ / "d.pdf";
  test::write_pdf(file, {"Trang một", "Trang hai"});
  ASSERT_EQ(sniff_input(file), InputKind::kPdf);
  ASSERT_EQ(*count_pages(file, InputKind::kPdf), 2);
  Result<DecodedPage> p = decode_page(file, InputKind::kPdf, 2);
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->dpi, 300);
  EXPECT_NEAR(pixGetWidth(p->image.get()), 2479, 2);  // A4 at 300 dpi
  EXPECT_EQ(pixGetDepth(p->image.get()), 32);
  // The page's own text layer is kept beside the image.
  EXPECT_NE(p->text_layer.find("Trang"), std::string::npos) << p->text_layer;
}

TEST_F(DecodeTest, AScannedPdfPageHasNoTextLayer) {
  Image page = test::render_text({"Ủy ban nhân dân phường Xuân Đỉnh"}, 150);
  const fs::path pdf = dir_ / "scan.pdf";
  ASSERT_EQ(
      pixConvertToPdf(page.get(), L_FLATE_ENCODE, 0, pdf.c_str(), 0, 0, 150, nullptr, nullptr, 0),
      0);
  Result<DecodedPage> p = decode_page(pdf, InputKind::kPdf, 1);
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_TRUE(p->text_layer.empty()) << p->text_layer;
}

TEST_F(DecodeTest, AssumesADefaultResolutionWhenTheFileHasNone) {
  const fs::path file = dir_ / "nores.png";
  pixSetXRes(page_.get(), 0);
  pixSetYRes(page_.get(), 0);
  ASSERT_EQ(pixWrite(file.c_str(), page_.get(), IFF_PNG), 0);
  Result<DecodedPage> p = decode_page(file, InputKind::kImage, 1);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->dpi, kDefaultDpi);
  EXPECT_TRUE(p->dpi_estimated);
}

TEST_F(DecodeTest, ATruncatedPngIsAClearErrorNamingTheFile) {
  const fs::path good = dir_ / "good.png";
  ASSERT_EQ(pixWrite(good.c_str(), page_.get(), IFF_PNG), 0);
  const std::string bytes = test::read_file(good);
  const fs::path bad = dir_ / "truncated.png";
  test::write_file(bad, bytes.substr(0, bytes.size() / 3));
  Result<DecodedPage> p = decode_page(bad, sniff_input(bad), 1);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(p.error().message.find("truncated.png"), std::string::npos);
}

TEST_F(DecodeTest, AnImageOverTheMegapixelLimitIsRefusedNamingTheFile) {
  // 13000 x 12000 = 156 megapixels; white and 1 bit deep, so the file stays small.
  Image huge(pixCreate(13000, 12000, 1));
  ASSERT_TRUE(huge);
  const fs::path file = dir_ / "huge-scan.png";
  ASSERT_EQ(pixWrite(file.c_str(), huge.get(), IFF_PNG), 0);
  huge.reset();
  Result<DecodedPage> p = decode_page(file, sniff_input(file), 1);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(p.error().message.find("huge-scan.png"), std::string::npos) << p.error().message;
  EXPECT_NE(p.error().message.find("156 megapixels"), std::string::npos) << p.error().message;
  EXPECT_NE(p.error().message.find("limit of 150"), std::string::npos) << p.error().message;
}

TEST_F(DecodeTest, AnEmptyPdfIsAClearError) {
  const fs::path empty = dir_ / "empty.pdf";
  test::write_file(empty, "");
  Result<int> n = count_pages(empty, sniff_input(empty));
  ASSERT_FALSE(n.ok());
  EXPECT_NE(n.error().message.find("empty.pdf"), std::string::npos);
  EXPECT_NE(n.error().message.find("empty"), std::string::npos);
}

TEST_F(DecodeTest, APdfWithNoPagesIsAClearError) {
  const fs::path file = dir_ / "nopages.pdf";
  test::write_file(file,
                   "%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
                   "2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n"
                   "trailer <</Root 1 0 R>>\n%%EOF\n");
  Result<int> n = count_pages(file, sniff_input(file));
  ASSERT_FALSE(n.ok());
  EXPECT_NE(n.error().message.find("nopages.pdf"), std::string::npos);
}

TEST_F(DecodeTest, ADamagedPdfIsAClearError) {
  const fs::path file = dir_ / "damaged.pdf";
  test::write_file(file, "%PDF-1.4\nthis is not a pdf body");
  Result<int> n = count_pages(file, sniff_input(file));
  ASSERT_FALSE(n.ok());
  EXPECT_NE(n.error().message.find("damaged.pdf"), std::string::npos);
}

TEST_F(DecodeTest, AFileOfAnotherKindIsRefused) {
  const fs::path file = dir_ / "notes.png";
  test::write_file(file, "just some text, not an image");
  EXPECT_EQ(sniff_input(file), InputKind::kOther);
  Result<int> n = count_pages(file, InputKind::kOther);
  ASSERT_FALSE(n.ok());
  EXPECT_NE(n.error().message.find("not a PNG, JPEG, TIFF or PDF"), std::string::npos);
}

}  // namespace
}  // namespace sohoa
