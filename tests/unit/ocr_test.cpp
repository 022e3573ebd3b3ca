#include "sohoa/pipeline/ocr.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "sohoa/archive/text.h"
#include "test_support.h"

namespace sohoa {
namespace {

TEST(OcrEngine, ReadsVietnameseTextWithBoxesAndConfidences) {
  Result<OcrEngine> engine = OcrEngine::create(OcrConfig{});
  ASSERT_TRUE(engine.ok()) << engine.error().message;
  Image page = test::render_text({"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                  "Họ, chữ đệm, tên người yêu cầu: Nguyễn Thị Thủy",
                                  "Nơi cư trú: phường Xuân Đỉnh, quận Bắc Từ Liêm"});
  Result<OcrPage> r = engine->recognize(page.get(), 300);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_NE(r->text.find("Nguyễn Thị Thủy"), std::string::npos) << r->text;
  EXPECT_NE(r->text.find("Xuân Đỉnh"), std::string::npos) << r->text;
  EXPECT_EQ(std::count(r->text.begin(), r->text.end(), '\n'), 2) << r->text;
  EXPECT_EQ(r->text, text::normalize_text(r->text));
  ASSERT_FALSE(r->words.empty());
  EXPECT_GT(r->mean_confidence, 0.8);
  for (const Word& w : r->words) {
    EXPECT_GT(w.bbox[2], 0);
    EXPECT_GT(w.bbox[3], 0);
    EXPECT_LT(w.bbox[0] + w.bbox[2], pixGetWidth(page.get()) + 1);
  }
  EXPECT_EQ(r->words.back().line, 2);
  EXPECT_FALSE(r->timed_out);
}

TEST(OcrEngine, OneEngineReadsManyPages) {
  Result<OcrEngine> engine = OcrEngine::create(OcrConfig{});
  ASSERT_TRUE(engine.ok());
  for (const char* line : {"Trang thứ nhất", "Trang thứ hai"}) {
    Image page = test::render_text({line});
    Result<OcrPage> r = engine->recognize(page.get(), 300);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->text, line);
  }
}

TEST(OcrEngine, DigitsReadAgainAloneAgreeOnACleanPage) {
  // Each word holding a digit is read a second time from its own box; on clean print both
  // readings agree, so no second reading is kept (a box off by a word would read otherwise).
  OcrConfig config;
  config.second_reading = true;
  Result<OcrEngine> engine = OcrEngine::create(config);
  ASSERT_TRUE(engine.ok());
  Image page = test::render_text({"Số điện thoại: 0912 345 678", "Sinh ngày: 05/02/2020",
                                  "Mã hồ sơ: 000.00.17.H26-200205-0012"});
  Result<OcrPage> r = engine->recognize(page.get(), 300);
  ASSERT_TRUE(r.ok());
  int digit_words = 0;
  for (const Word& w : r->words) {
    if (w.text.find_first_of("0123456789") == std::string::npos) continue;
    ++digit_words;
    EXPECT_EQ(w.second_reading, "") << w.text;
    EXPECT_GE(w.confidence, 0.9f) << w.text;  // no digit in doubt on clean print
  }
  EXPECT_GE(digit_words, 5) << r->text;
}

// The word of `page` that holds `part`, or null.
const Word* word_holding(const OcrPage& page, std::string_view part) {
  for (const Word& w : page.words) {
    if (w.text.find(part) != std::string::npos) return &w;
  }
  return nullptr;
}

TEST(OcrEngine, ADigitTesseractNearlyReadAsAnotherMakesItsWordDoubtful) {
  // One line of a poor backlog receipt as the OCR gets it after clean-up (sohoa-samples
  // --preset extract --seed 20, L2-chung_thuc-069): the dossier code ends in 0063, and
  // Tesseract reads 9063 with the word at 79%. Its beam search had another character close
  // behind one of those digits.
  Image line(pixRead((test::data_dir() / "code-0063-read-9063.png").c_str()));
  ASSERT_NE(line, nullptr);
  OcrConfig without;
  without.digit_doubt = false;
  for (const OcrConfig& config : {OcrConfig{}, without}) {
    Result<OcrEngine> engine = OcrEngine::create(config);
    ASSERT_TRUE(engine.ok());
    Result<OcrPage> r = engine->recognize(line.get(), 300);
    ASSERT_TRUE(r.ok());
    const Word* code = word_holding(*r, "H26-190916-");
    ASSERT_NE(code, nullptr) << r->text;
    // The misreading itself is what this test is about; a Tesseract that reads the 0 right
    // needs another example.
    ASSERT_EQ(code->text, "000.00.17.H26-190916-9063");
    // 0.75 is the plugins' review threshold: without the doubt the wrong code would pass.
    if (config.digit_doubt) {
      EXPECT_LT(code->confidence, 0.75f);
    } else {
      EXPECT_GE(code->confidence, 0.75f);
    }
  }
}

TEST(OcrEngine, ASecondModelReadsADigitTheFirstMisreadSurely) {
  // Five lines of a poor backlog business registration as the OCR gets them after clean-up
  // (sohoa-samples --preset extract --seed 15, L2-ho_kinh_doanh-029, page 2, grey levels
  // reduced to 16): the owner's CMND 015754663, which Tesseract's vie model reads 015754603
  // at 93%, with no other character close behind the 0. Its eng model reads the word right.
  // The 6 is the 0's runner-up below the digit doubt's 35%, enough for a digit rival reading
  // (KeepsTheDigitTesseractNearlyReadAsASecondReading), which is off here.
  Image lines(pixRead((test::data_dir() / "id-015754663-read-015754603.png").c_str()));
  ASSERT_NE(lines, nullptr);
  OcrConfig with;
  with.digit_rival_readings = false;
  OcrConfig without = with;
  without.second_opinion.clear();
  for (const OcrConfig& config : {with, without}) {
    Result<OcrEngine> engine = OcrEngine::create(config);
    ASSERT_TRUE(engine.ok());
    Result<OcrPage> r = engine->recognize(lines.get(), 300);
    ASSERT_TRUE(r.ok());
    const Word* id = word_holding(*r, "0157546");
    ASSERT_NE(id, nullptr) << r->text;
    // The misreading is what this test is about; a Tesseract that reads the 6 needs another.
    ASSERT_EQ(id->text, "015754603");
    EXPECT_GE(id->confidence, 0.75f);  // the digit doubt has nothing to go on
    EXPECT_EQ(id->second_reading, config.second_opinion.empty() ? "" : "015754663");
    // Words of digits the two models read alike keep no second reading ("07/05/2014", "1982").
    for (const Word& w : r->words) {
      if (&w != id && w.text.find_first_of("0123456789") != std::string::npos &&
          !w.second_reading.empty()) {
        ADD_FAILURE() << w.text << " read again as " << w.second_reading;
      }
    }
  }
}

TEST(OcrEngine, KeepsTheDigitTesseractNearlyReadAsASecondReading) {
  // Two lines of a poor backlog receipt as the OCR gets them after clean-up (sohoa-samples
  // --preset extract --seed 34, L2-chung_thuc-081, page 1): the phone 0382.240.785, whose 3
  // lost ink on its left. Tesseract's vie model reads 0882.240.785 at 96% with the 3 as the
  // 8's runner-up at 11%; its eng model reads the 8 too. The phone is printed once.
  Image lines(pixRead((test::data_dir() / "phone-0382240785-read-0882240785.png").c_str()));
  ASSERT_NE(lines, nullptr);
  OcrConfig without;
  without.digit_rival_readings = false;
  for (const OcrConfig& config : {OcrConfig{}, without}) {
    Result<OcrEngine> engine = OcrEngine::create(config);
    ASSERT_TRUE(engine.ok());
    Result<OcrPage> r = engine->recognize(lines.get(), 300);
    ASSERT_TRUE(r.ok());
    const Word* phone = word_holding(*r, "240.785");
    ASSERT_NE(phone, nullptr) << r->text;
    // The misreading is what this test is about; a Tesseract that reads the 3 needs another.
    ASSERT_EQ(phone->text, "0882.240.785");
    EXPECT_GE(phone->confidence, 0.75f);  // too far behind for the digit doubt
    EXPECT_EQ(phone->second_reading, config.digit_rival_readings ? "0382.240.785" : "");
  }
}

// Reads the test image `file` with and without the glyph doubt (OcrConfig::glyph_doubt): the
// words of the two readings must be the same, and only the word `misread` (which must be read,
// the only one ending so) may have its confidence capped under the plugins' review threshold
// of 0.75 by it; at least `digit_words` words hold digits.
void expect_only_word_doubted_by_glyphs(const std::string& file, std::string_view misread,
                                        int digit_words) {
  Image page(pixRead((test::data_dir() / file).c_str()));
  ASSERT_NE(page, nullptr);
  OcrConfig without;
  without.glyph_doubt = false;
  std::vector<Word> read[2];
  for (int k = 0; k < 2; ++k) {
    Result<OcrEngine> engine = OcrEngine::create(k == 0 ? OcrConfig{} : without);
    ASSERT_TRUE(engine.ok());
    Result<OcrPage> r = engine->recognize(page.get(), 300);
    ASSERT_TRUE(r.ok());
    read[k] = r->words;
  }
  ASSERT_EQ(read[0].size(), read[1].size());
  int with_digits = 0;
  bool seen = false;
  for (std::size_t i = 0; i < read[0].size(); ++i) {
    const Word& with = read[0][i];
    ASSERT_EQ(with.text, read[1][i].text);
    if (with.text.find_first_of("0123456789") == std::string::npos) continue;
    ++with_digits;
    if (with.text.ends_with(misread)) {
      seen = true;
      // The misreading is what the test is about; a Tesseract that reads the digit right
      // needs another.
      EXPECT_LT(with.confidence, 0.75f);
      EXPECT_GE(read[1][i].confidence, 0.75f);
    } else {
      // Every other digit of the page is like the others read the same, of their width.
      EXPECT_EQ(with.confidence, read[1][i].confidence) << with.text;
    }
  }
  EXPECT_GE(with_digits, digit_words);
  EXPECT_TRUE(seen) << "no word ending \"" << misread << "\" read";
}

TEST(OcrEngine, ADigitShapedUnlikeThePagesOthersReadTheSameMakesItsWordDoubtful) {
  // The top of a poor backlog receipt as the OCR gets it after clean-up, 16 grey levels
  // (sohoa-samples --preset extract --seed 81, L2-ket_hon-002, page 1): the phone
  // 0968.824.074, a speck on the top of its last 4. Tesseract reads the last group "073" at
  // 95%, the 3 at 99% with nothing behind it; the 3 is shaped more like the page's 4s than like
  // its 3s.
  expect_only_word_doubted_by_glyphs("phone-0968824074-read-073-speck.png", "073", 20);
}

TEST(OcrEngine, AWideDigitReadInABoxOfAOnesWidthMakesItsWordDoubtful) {
  // The top of a poor backlog receipt as the OCR gets it after clean-up, 16 grey levels
  // (sohoa-samples --preset extract --seed 58, L2-ket_hon-046, page 1): the dossier code
  // 000.00.17.H26-190311-0167, a blot on the stem of its last 1. Tesseract reads "0467" at 92%;
  // its box for the 4 is 14 px wide, where the page's 4s are 24 and its 1s 12.
  expect_only_word_doubted_by_glyphs("code-0167-read-0467-blot.png", "-0467", 10);
}

TEST(OcrEngine, ASecondModelReadsANumberPrintedInGroupsAsOneLine) {
  // Three lines of a poor backlog death registration as the OCR gets them after clean-up
  // (sohoa-samples --preset extract --seed 42, L2-khai_tu-053, page 1): the phone "0986 378
  // 421", whose 4 lost ink. Tesseract's vie model reads the last group "221" at 96% with no
  // digit close behind; its eng model reads the three groups right as one line. No group holds
  // the six digits a word needs for a second opinion of its own.
  Image lines(pixRead((test::data_dir() / "phone-groups-0986378421-read-221.png").c_str()));
  ASSERT_NE(lines, nullptr);
  OcrConfig without;
  without.second_opinion.clear();
  for (const OcrConfig& config : {OcrConfig{}, without}) {
    Result<OcrEngine> engine = OcrEngine::create(config);
    ASSERT_TRUE(engine.ok());
    Result<OcrPage> r = engine->recognize(lines.get(), 300);
    ASSERT_TRUE(r.ok());
    const Word* last = nullptr;
    for (const Word& w : r->words) {
      if (w.text == "221") last = &w;
    }
    // The misreading is what this test is about; a Tesseract that reads the 4 needs another.
    ASSERT_NE(last, nullptr) << r->text;
    EXPECT_GE(last->confidence, 0.75f);
    EXPECT_EQ(last->second_reading, config.second_opinion.empty() ? "" : "421");
    // The groups read alike keep no second reading.
    for (const Word& w : r->words) {
      if (w.text == "0986" || w.text == "378") {
        EXPECT_EQ(w.second_reading, "") << w.text;
      }
    }
  }
}

TEST(OcrEngine, AWordReadAgainWithItsLineKeepsThePagesOtherDigits) {
  // A marriage registration's ID row on a poor backlog scan, cut and reduced to 16 grey levels
  // (sohoa-samples --preset extract --seed 56, L2-ket_hon-065, page 2, after clean-up).
  // Tesseract cuts the row in two lines; read again as one, the husband's "364385" becomes
  // "304385" at 87%, and the page's own reading of it was the one to keep as the other. The
  // wife's "001300237578", 77% on the page, comes back at 20%: the page's reading stands.
  Image row(pixRead((test::data_dir() / "id-364385-line-reread-304385.png").c_str()));
  ASSERT_NE(row, nullptr);
  Result<OcrEngine> engine = OcrEngine::create(OcrConfig{});
  ASSERT_TRUE(engine.ok());
  Result<OcrPage> r = engine->recognize(row.get(), 300);
  ASSERT_TRUE(r.ok());
  const Word* id = nullptr;
  for (const Word& w : r->words) {
    if (w.text == "304385") id = &w;
  }
  // The misreading is what this test is about; a Tesseract that reads the 6 needs another.
  ASSERT_NE(id, nullptr) << r->text;
  EXPECT_GE(id->confidence, 0.75f);
  EXPECT_EQ(id->second_reading, "364385");
  const auto wife = std::find_if(r->words.begin(), r->words.end(),
                                 [](const Word& w) { return w.text == "001300237578"; });
  ASSERT_NE(wife, r->words.end()) << r->text;
  EXPECT_GE(wife->confidence, 0.75f);
  EXPECT_EQ(wife->line, id->line);
}

TEST(OcrEngine, AMarkTesseractNearlyReadOtherwiseOnACapitalMakesItsWordDoubtful) {
  // Two lines of a poor backlog business registration as the OCR gets them after clean-up
  // (sohoa-samples --preset extract --seed 24, L2-ho_kinh_doanh-117, page 2): "ĐIỆN THOẠI DI
  // ĐỘNG", which Tesseract reads "DĨ" with the word at 87%; the I without its tilde came
  // second at 68%.
  Image lines(pixRead((test::data_dir() / "business-di-read-di-tilde.png").c_str()));
  ASSERT_NE(lines, nullptr);
  OcrConfig without;
  without.mark_doubt = false;
  for (const OcrConfig& config : {OcrConfig{}, without}) {
    Result<OcrEngine> engine = OcrEngine::create(config);
    ASSERT_TRUE(engine.ok());
    Result<OcrPage> r = engine->recognize(lines.get(), 300);
    ASSERT_TRUE(r.ok());
    const Word* di = nullptr;
    for (const Word& w : r->words) {
      if (w.text == "DĨ") di = &w;
    }
    // The misreading is what this test is about; a Tesseract that reads "DI" needs another.
    ASSERT_NE(di, nullptr) << r->text;
    if (config.mark_doubt) {
      EXPECT_LT(di->confidence, 0.75f);
    } else {
      EXPECT_GE(di->confidence, 0.75f);
    }
    // Capitals read surely keep their confidence: "ĐIỆN", "THOẠI".
    for (const Word& w : r->words) {
      if (w.text == "THOẠI" || w.text == "ĐIỆN") {
        EXPECT_GE(w.confidence, 0.75f) << w.text;
      }
    }
  }
}

TEST(OcrEngine, KeepsTheMarkTesseractNearlyReadOnAWordInLowerCase) {
  // Two lines of a poor backlog receipt as the OCR gets them after clean-up (sohoa-samples
  // --preset extract --seed 25, L2-khai_tu-110, page 1): the applicant "Lê Bảo Hiền", read
  // "Hiển" at 94%, with "ề" close behind the "ể".
  Image lines(pixRead((test::data_dir() / "name-hien-nearly-read-hien.png").c_str()));
  ASSERT_NE(lines, nullptr);
  OcrConfig without;
  without.mark_readings = false;
  for (const OcrConfig& config : {OcrConfig{}, without}) {
    Result<OcrEngine> engine = OcrEngine::create(config);
    ASSERT_TRUE(engine.ok());
    Result<OcrPage> r = engine->recognize(lines.get(), 300);
    ASSERT_TRUE(r.ok());
    const Word* name = word_holding(*r, "Hi");
    ASSERT_NE(name, nullptr) << r->text;
    // The misreading is what this test is about; a Tesseract that reads "Hiền" needs another.
    ASSERT_EQ(name->text, "Hiển");
    EXPECT_GE(name->confidence, 0.75f);  // a reading in lower case keeps its confidence
    EXPECT_EQ(name->second_reading, config.mark_readings ? "Hiền" : "");
    // Words read surely keep no other reading ("Tiếp", "nhận", "Bảo").
    for (const Word& w : r->words) {
      if (w.text == "Tiếp" || w.text == "nhận" || w.text == "Bảo") {
        EXPECT_EQ(w.second_reading, "") << w.text;
      }
    }
  }
}

TEST(OcrEngine, ABlankPageGivesNoWords) {
  Result<OcrEngine> engine = OcrEngine::create(OcrConfig{});
  ASSERT_TRUE(engine.ok());
  Image page = test::render_text({""});
  Result<OcrPage> r = engine->recognize(page.get(), 300);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->words.empty());
  EXPECT_EQ(r->mean_confidence, 0);
}

TEST(OcrEngine, APageOverItsTimeLimitIsCutShortAndSaysSo) {
  OcrConfig config;
  config.page_timeout_ms = 1;
  Result<OcrEngine> engine = OcrEngine::create(config);
  ASSERT_TRUE(engine.ok());
  Image page =
      test::render_text({"Căn cứ Nghị quyết số 12-NQ/TW về việc cải cách thủ tục",
                         "hành chính; thực hiện Công văn số 567/BTP-HTQTCT ngày 05/3/2020"});
  Result<OcrPage> r = engine->recognize(page.get(), 300);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->timed_out);
}

TEST(OcrEngine, MissingLanguageDataIsAClearError) {
  OcrConfig config;
  config.languages = "xyz_no_such_language";
  Result<OcrEngine> engine = OcrEngine::create(config);
  ASSERT_FALSE(engine.ok());
  EXPECT_EQ(engine.error().code, ErrorCode::kOcr);
  EXPECT_NE(engine.error().message.find("xyz_no_such_language"), std::string::npos);
}

}  // namespace
}  // namespace sohoa
