#include "sohoa/pipeline/layout.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace sohoa {
namespace {

constexpr int kWidth = 1748;  // an A5 receipt at 300 dpi

// Words of one Tesseract line: each {text, left}; words are 20 px per character, 45 px high.
void add_line(std::vector<Word>& words, int line,
              const std::vector<std::pair<std::string, int>>& placed) {
  for (const auto& [text, left] : placed) {
    words.push_back(Word{
        text, {left, 100 + 60 * line, 20 * static_cast<int>(text.size()), 45}, 0.95f, line, {}});
  }
}

// Lays a phrase out from `left` with 15 px spaces.
std::vector<std::pair<std::string, int>> phrase(const std::string& s, int left) {
  std::vector<std::pair<std::string, int>> out;
  std::size_t start = 0;
  while (start < s.size()) {
    std::size_t end = s.find(' ', start);
    if (end == std::string::npos) end = s.size();
    const std::string w = s.substr(start, end - start);
    out.emplace_back(w, left);
    left += 20 * static_cast<int>(w.size()) + 15;
    start = end + 1;
  }
  return out;
}

// A phrase centred on x = `centre`.
std::vector<std::pair<std::string, int>> centred(const std::string& s, int centre) {
  const int width = 20 * static_cast<int>(s.size() - std::count(s.begin(), s.end(), ' ')) +
                    15 * static_cast<int>(std::count(s.begin(), s.end(), ' '));
  return phrase(s, centre - width / 2);
}

std::vector<std::pair<std::string, int>> join(std::vector<std::pair<std::string, int>> a,
                                              const std::vector<std::pair<std::string, int>>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

TEST(ArrangeReadingOrder, ReadsSideBySideHeaderBlocksOneAfterTheOther) {
  std::vector<Word> words;
  add_line(words, 0, join(centred("UY BAN NHAN DAN", 440), centred("CONG HOA XA HOI", 1250)));
  add_line(words, 1,
           join(centred("PHUONG XUAN TAO", 440), centred("Doc lap Tu do Hanh phuc", 1250)));
  add_line(words, 2, phrase("Ma ho so: 000.00.17.H26-180416-0152", 200));
  arrange_reading_order(words, kWidth);
  EXPECT_EQ(words_to_text(words),
            "UY BAN NHAN DAN\nPHUONG XUAN TAO\nCONG HOA XA HOI\nDoc lap Tu do Hanh phuc\n"
            "Ma ho so: 000.00.17.H26-180416-0152");
  EXPECT_EQ(words.back().line, 4);
}

TEST(ArrangeReadingOrder, SplitsTheNationalMottoFromTheIssuingBodyAtAWordSpace) {
  // On an A5 receipt the two header blocks nearly touch: 20 px, barely more than a word space
  // (15 px), and Tesseract reads each pair of lines as one line.
  std::vector<Word> words;
  add_line(words, 0,
           join(centred("UBND QUẬN BẮC TỪ LIÊM", 280), centred("CỘNG HÒA XÃ HỘI CHỦ NGHĨA", 897)));
  add_line(words, 1, join(centred("UBND PHƯỜNG CỔ NHUẾ 1", 280), centred("Độc lập - Tự do", 897)));
  add_line(words, 2, phrase("Mã hồ sơ: 000.00.17.H26-200224-0120", 200));
  arrange_reading_order(words, kWidth);
  EXPECT_EQ(words_to_text(words),
            "UBND QUẬN BẮC TỪ LIÊM\nUBND PHƯỜNG CỔ NHUẾ 1\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA\n"
            "Độc lập - Tự do\nMã hồ sơ: 000.00.17.H26-200224-0120");
}

TEST(ArrangeReadingOrder, LeavesTheRepublicInRunningTextAlone) {
  std::vector<Word> words;
  add_line(words, 0, phrase("Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam", 200));
  add_line(words, 1, phrase("năm 2013 quy định rằng", 200));
  arrange_reading_order(words, kWidth);
  EXPECT_EQ(words_to_text(words),
            "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam\nnăm 2013 quy định rằng");
}

TEST(ArrangeReadingOrder, KeepsTableRowsAsRows) {
  // Left-aligned cells: lines share left edges, not centres.
  std::vector<Word> words;
  add_line(words, 0,
           join(phrase("ngo 32 Pham Van Dong,", 500), phrase("Tao 6, phuong Xuan", 1200)));
  add_line(words, 1, join(phrase("phuong Xuan Tao, quan", 500), phrase("quan Bac Tu Liem", 1200)));
  arrange_reading_order(words, kWidth);
  EXPECT_EQ(words_to_text(words),
            "ngo 32 Pham Van Dong, Tao 6, phuong Xuan\nphuong Xuan Tao, quan quan Bac Tu Liem");
}

TEST(ArrangeReadingOrder, LeavesOrdinaryTextAlone) {
  std::vector<Word> words;
  add_line(words, 0, phrase("Toi cam doan noi dung de nghi dang ky", 200));
  add_line(words, 1, phrase("la dung su that", 200));
  arrange_reading_order(words, kWidth);
  EXPECT_EQ(words_to_text(words), "Toi cam doan noi dung de nghi dang ky\nla dung su that");
}

TEST(ArrangeReadingOrder, KeepsALineUnderABlockWithThatBlock) {
  // A letter's header: the issuing body with its number and subject under it (one side only),
  // the motto and the date on the right; then body text across the page.
  std::vector<Word> words;
  add_line(words, 0, join(centred("UY BAN NHAN DAN", 440), centred("CONG HOA XA HOI", 1250)));
  add_line(words, 1, join(centred("QUAN BAC TU LIEM", 440), centred("Doc lap Tu do", 1250)));
  add_line(words, 2, join(centred("So: 123/UBND", 440), centred("ngay 01 thang 7", 1250)));
  add_line(words, 3, centred("V/v so hoa ho so", 440));
  add_line(words, 4, phrase("Kinh gui: Uy ban nhan dan cac phuong thuoc quan", 300));
  arrange_reading_order(words, kWidth);
  EXPECT_EQ(words_to_text(words),
            "UY BAN NHAN DAN\nQUAN BAC TU LIEM\nSo: 123/UBND\nV/v so hoa ho so\n"
            "CONG HOA XA HOI\nDoc lap Tu do\nngay 01 thang 7\n"
            "Kinh gui: Uy ban nhan dan cac phuong thuoc quan");
}

TEST(ArrangeReadingOrder, SplitsALineWhereTheGutterBelowRuns) {
  // Tesseract read the first header line as one: the gap between the blocks is barely wider
  // than a space there, but it lies where the next line's gutter is.
  std::vector<Word> words;
  add_line(words, 0, join(phrase("UBND QUAN BAC TU LIEM", 100), phrase("CONG HOA XA HOI", 555)));
  add_line(words, 1,
           join(centred("PHUONG XUAN TAO", 310), centred("Doc lap Tu do Hanh phuc", 800)));
  arrange_reading_order(words, kWidth);
  EXPECT_EQ(words_to_text(words),
            "UBND QUAN BAC TU LIEM\nPHUONG XUAN TAO\nCONG HOA XA HOI\nDoc lap Tu do Hanh phuc");
}

TEST(ArrangeReadingOrder, ReadsATableRowWithItsWrappedCellsWhole) {
  std::vector<Word> words;
  add_line(words, 0, join(join(phrase("Dan toc", 100), phrase("Kinh", 600)), phrase("Kinh", 1200)));
  add_line(words, 1,
           join(join(phrase("Noi cu tru", 100), phrase("So 12 ngo 5,", 600)),
                phrase("Thon Dong,", 1200)));
  add_line(words, 2, join(phrase("phuong Xuan Tao", 600), phrase("xa Tay Tuu", 1200)));
  add_line(words, 3, phrase("quan Bac Tu Liem", 600));
  add_line(words, 4, join(join(phrase("Lan thu", 100), phrase("Mot", 600)), phrase("Hai", 1200)));
  arrange_reading_order(words, kWidth);
  EXPECT_EQ(words_to_text(words),
            "Dan toc Kinh Kinh\n"
            "Noi cu tru So 12 ngo 5, phuong Xuan Tao quan Bac Tu Liem Thon Dong, xa Tay Tuu\n"
            "Lan thu Mot Hai");
}

TEST(DropNoiseWords, RemovesRulesAndScribblesButKeepsDashesInText) {
  std::vector<Word> words;
  add_line(words, 0, phrase("Doc lap - Tu do", 200));
  words.push_back(Word{"_", {700, 95, 20, 60}, 0.5f, 0, {}});
  words.push_back(Word{"M'AY/", {300, 300, 300, 170}, 0.12f, 1, {}});
  words.push_back(Word{"—", {900, 300, 110, 170}, 0.78f, 1, {}});
  drop_noise_words(words);
  EXPECT_EQ(words_to_text(words), "Doc lap - Tu do");
}

TEST(SplitLines, PairsTheTwoHalvesOfALineTesseractCut) {
  // "PHÓ CHỦ TỊCH" beside a block at another height, read as two lines: "2 CHỦ" on the block's
  // line 0, "TICH" on line 1, side by side at one height.
  std::vector<Word> words = {
      {"Nơi", {100, 1000, 80, 40}, 0.95f, 0, {}},    {"nhận:", {190, 1000, 100, 40}, 0.95f, 0, {}},
      {"2", {1200, 1004, 20, 36}, 0.40f, 0, {}},     {"CHỦ", {1230, 1000, 90, 40}, 0.90f, 0, {}},
      {"- Lưu", {100, 1060, 120, 40}, 0.95f, 1, {}}, {"TICH", {1330, 1005, 90, 40}, 0.60f, 1, {}},
  };
  const std::vector<SplitLine> splits = split_lines(words);
  ASSERT_EQ(splits.size(), 1u);
  EXPECT_EQ(splits[0].words, (std::vector<std::size_t>{2, 3, 5}));
  EXPECT_EQ(splits[0].line, 0);
  EXPECT_LE(splits[0].left, 1200);
  EXPECT_GE(splits[0].right, 1420);
}

TEST(SplitLines, NeverPairsALineWithTheOneBelowATallWord) {
  // Boxes Tesseract gave on seed 20's L2-khai_sinh-051 receipt: "quyết" reaches 88 px down
  // into the next line, whose date (with a speck read at 0.72) was read again as part of this
  // line and lost.
  std::vector<Word> words = {
      {".5,", {163, 1421, 54, 35}, 0.88f, 3, {}},
      {"Thời", {232, 1416, 95, 41}, 0.97f, 3, {}},
      {"gian", {342, 1419, 89, 47}, 0.97f, 3, {}},
      {"trả", {446, 1399, 56, 57}, 0.96f, 3, {}},
      {"kết", {519, 1413, 66, 43}, 0.97f, 3, {}},
      {"quả", {599, 1414, 78, 51}, 0.97f, 3, {}},
      {"giải", {694, 1415, 76, 51}, 0.97f, 3, {}},
      {"quyết", {787, 1413, 116, 88}, 0.96f, 3, {}},
      {"hồ-sơ:", {920, 1413, 132, 46}, 0.66f, 3, {}},
      {"16", {1071, 1419, 49, 38}, 0.97f, 3, {}},
      {"giờ", {1135, 1414, 66, 51}, 0.97f, 3, {}},
      {"30", {1215, 1418, 51, 38}, 0.97f, 3, {}},
      {"phút,", {1281, 1418, 103, 47}, 0.97f, 3, {}},
      {"ngày", {1402, 1417, 105, 69}, 0.97f, 3, {}},
      {"25/05/2020", {182, 1481, 237, 38}, 0.97f, 4, {}},
      {"*", {555, 1488, 12, 11}, 0.72f, 4, {}},
  };
  for (const SplitLine& split : split_lines(words)) {
    EXPECT_EQ(std::count(split.words.begin(), split.words.end(), 14u), 0)
        << "the date is paired with line " << split.line;
  }
}

}  // namespace
}  // namespace sohoa
