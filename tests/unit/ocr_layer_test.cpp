#include "sohoa/archive/ocr_layer.h"

#include <gtest/gtest.h>

#include "sohoa/pipeline/ocr.h"
#include "test_support.h"
#include "xml_check.h"

namespace sohoa {
namespace {

Dossier two_page_dossier() {
  Dossier d;
  d.id = "0123456789abcdef0123";
  Page p1;
  p1.number = 1;
  p1.source = "/scans/box 7/hồ sơ & \"bản sao\".pdf";
  p1.width = 2480;
  p1.height = 3508;
  p1.dpi = 300;
  p1.words = {{"Họ,", {300, 400, 90, 40}, 0.96f, 0, {}},
              {"tên:", {400, 400, 80, 40}, 0.91f, 0, {}},
              {"<Nguyễn>", {500, 398, 220, 44}, 0.5f, 0, {}},
              {"A&B", {300, 480, 100, 40}, 0.875f, 1, {}},
              {"'x'\x01", {420, 482, 60, 38}, 0.0f, 1, {}}};
  Page p2;
  p2.number = 2;
  p2.source = p1.source;
  p2.source_page = 2;
  p2.width = 1748;
  p2.height = 2480;
  p2.dpi = 300;
  d.pages = {p1, p2};
  return d;
}

// What XML can carry of a word: its text without control characters.
std::string without_controls(std::string s) {
  std::erase_if(s, [](char c) { return static_cast<unsigned char>(c) < 0x20; });
  return s;
}

void expect_words_round_trip(const Page& page, const std::vector<test::ExportedWord>& got) {
  ASSERT_EQ(got.size(), page.words.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    const Word& w = page.words[i];
    EXPECT_EQ(got[i].text, without_controls(w.text));
    EXPECT_EQ(got[i].bbox, w.bbox) << w.text;
    EXPECT_NEAR(got[i].confidence, w.confidence, 0.006) << w.text;
    EXPECT_EQ(got[i].page_id, "page_" + std::to_string(page.number));
  }
}

TEST(OcrLayer, AltoIsWellFormedAndKeepsEveryWordBox) {
  const Dossier d = two_page_dossier();
  Result<std::string> xml = export_ocr_layer(d, {}, OcrLayerFormat::kAlto);
  ASSERT_TRUE(xml.ok());
  const test::ParsedXml parsed = test::parse_alto(*xml);
  ASSERT_TRUE(parsed.well_formed) << parsed.error << "\n" << *xml;
  EXPECT_EQ(parsed.root, "alto");
  EXPECT_EQ(parsed.pages, 2);
  expect_words_round_trip(d.pages[0], parsed.words);
  // Escaped characters come back as they were; control characters are dropped.
  EXPECT_EQ(parsed.words[2].text, "<Nguyễn>");
  EXPECT_EQ(parsed.words[3].text, "A&B");
  EXPECT_EQ(parsed.words[4].text, "'x'");
  // Words keep their lines.
  EXPECT_EQ(parsed.words[0].line_id, parsed.words[2].line_id);
  EXPECT_NE(parsed.words[2].line_id, parsed.words[3].line_id);
}

TEST(OcrLayer, HocrIsWellFormedAndKeepsEveryWordBox) {
  const Dossier d = two_page_dossier();
  Result<std::string> xml = export_ocr_layer(d, {1}, OcrLayerFormat::kHocr);
  ASSERT_TRUE(xml.ok());
  const test::ParsedXml parsed = test::parse_hocr(*xml);
  ASSERT_TRUE(parsed.well_formed) << parsed.error << "\n" << *xml;
  EXPECT_EQ(parsed.root, "html");
  EXPECT_EQ(parsed.pages, 1);
  expect_words_round_trip(d.pages[0], parsed.words);
  EXPECT_EQ(parsed.words[3].text, "A&B");
}

TEST(OcrLayer, OnlyTheRequestedPagesInTheirOrder) {
  const Dossier d = two_page_dossier();
  Result<std::string> xml = export_ocr_layer(d, {2, 1}, OcrLayerFormat::kAlto);
  ASSERT_TRUE(xml.ok());
  const test::ParsedXml parsed = test::parse_alto(*xml);
  ASSERT_TRUE(parsed.well_formed) << parsed.error;
  EXPECT_EQ(parsed.pages, 2);
  EXPECT_LT(xml->find("ID=\"page_2\""), xml->find("ID=\"page_1\""));
}

TEST(OcrLayer, AMissingPageIsNamed) {
  Result<std::string> xml = export_ocr_layer(two_page_dossier(), {3}, OcrLayerFormat::kAlto);
  ASSERT_FALSE(xml.ok());
  EXPECT_EQ(xml.error().code, ErrorCode::kNotFound);
  EXPECT_NE(xml.error().message.find("page 3"), std::string::npos);
}

TEST(OcrLayer, RecognisedWordsSurviveTheTripThroughAlto) {
  Result<OcrEngine> engine = OcrEngine::create(OcrConfig{});
  ASSERT_TRUE(engine.ok());
  Image image = test::render_text(
      {"Giấy tiếp nhận hồ sơ & hẹn trả kết quả", "Mã hồ sơ: 000.00.17.H26-191226-0001"});
  Result<OcrPage> ocr = engine->recognize(image.get(), 300);
  ASSERT_TRUE(ocr.ok());
  ASSERT_GE(ocr->words.size(), 10u);
  Dossier d;
  d.id = "abc";
  Page page;
  page.number = 1;
  page.source = "/x.png";
  page.width = pixGetWidth(image.get());
  page.height = pixGetHeight(image.get());
  page.dpi = 300;
  page.words = ocr->words;
  d.pages.push_back(page);
  for (OcrLayerFormat format : {OcrLayerFormat::kAlto, OcrLayerFormat::kHocr}) {
    Result<std::string> xml = export_ocr_layer(d, {}, format);
    ASSERT_TRUE(xml.ok());
    const test::ParsedXml parsed =
        format == OcrLayerFormat::kAlto ? test::parse_alto(*xml) : test::parse_hocr(*xml);
    ASSERT_TRUE(parsed.well_formed) << parsed.error;
    ASSERT_EQ(parsed.words.size(), page.words.size());
    std::string text;
    for (std::size_t i = 0; i < parsed.words.size(); ++i) {
      EXPECT_EQ(parsed.words[i].text, page.words[i].text);
      EXPECT_EQ(parsed.words[i].bbox, page.words[i].bbox);
      text += (i > 0 ? (parsed.words[i].line_id == parsed.words[i - 1].line_id ? " " : "\n") : "");
      text += parsed.words[i].text;
    }
    EXPECT_EQ(text, ocr->text);
  }
}

}  // namespace
}  // namespace sohoa
