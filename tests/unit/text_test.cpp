#include "sohoa/archive/text.h"

#include <gtest/gtest.h>

namespace sohoa::text {
namespace {

TEST(NormalizeText, ComposesDecomposedInputToNfc) {
  // "Việt" typed as e + combining circumflex + combining dot below.
  EXPECT_EQ(normalize_text("Vie\u0323\u0302t"), "Việt");
}

TEST(NormalizeText, MovesToneOfOpenOaOeUyToTheFirstVowel) {
  EXPECT_EQ(normalize_text("hoà"), "hòa");
  EXPECT_EQ(normalize_text("Thuỷ"), "Thủy");
  EXPECT_EQ(normalize_text("khoẻ"), "khỏe");
  EXPECT_EQ(normalize_text("CỘNG HOÀ"), "CỘNG HÒA");
  EXPECT_EQ(normalize_text("Thuỵ Phương"), "Thụy Phương");
}

TEST(NormalizeText, KeepsToneWhereBothStylesAgree) {
  EXPECT_EQ(normalize_text("hoàng"), "hoàng");    // closed syllable
  EXPECT_EQ(normalize_text("quý"), "quý");        // the u belongs to "qu"
  EXPECT_EQ(normalize_text("ngoài"), "ngoài");    // three vowels
  EXPECT_EQ(normalize_text("thuyền"), "thuyền");  // vowel with a hat
  EXPECT_EQ(normalize_text("hòa"), "hòa");
  EXPECT_EQ(normalize_text("tùy thân"), "tùy thân");
}

TEST(NormalizeText, ReadsEthAsDStroke) {
  EXPECT_EQ(normalize_text("\u00D0ỉnh"), "Đỉnh");
  EXPECT_EQ(normalize_text("\u00F0ường"), "đường");
}

TEST(NormalizeText, KeepsPunctuationAndSpacing) {
  EXPECT_EQ(normalize_text("Số: 12/2020,  ngày 05/3"), "Số: 12/2020,  ngày 05/3");
}

TEST(FoldDiacritics, MapsDStrokeToD) {
  EXPECT_EQ(fold_diacritics("Đường"), "duong");
  EXPECT_EQ(fold_diacritics("đương"), "duong");
  EXPECT_EQ(fold_diacritics("Dương"), "duong");
}

TEST(FoldDiacritics, RemovesEveryToneAndVowelMark) {
  EXPECT_EQ(fold_diacritics("NGUYỄN Văn Ân"), "nguyen van an");
  EXPECT_EQ(fold_diacritics("Xuân Đỉnh"), "xuan dinh");
  EXPECT_EQ(fold_diacritics("ư ơ ă â ê ô"), "u o a a e o");
}

TEST(FoldDiacritics, KeepsPhuDienAndPhucDienApart) {
  EXPECT_NE(fold_diacritics("Phú Diễn"), fold_diacritics("Phúc Diễn"));
}

TEST(HasDiacritics, SeesMarksAndDStroke) {
  EXPECT_TRUE(has_diacritics("Văn"));
  EXPECT_TRUE(has_diacritics("đ"));
  EXPECT_FALSE(has_diacritics("van an 2019"));
}

TEST(CollapseSpaces, JoinsRunsAndTrims) {
  EXPECT_EQ(collapse_spaces("  a \n\t b  "), "a b");
  EXPECT_EQ(collapse_spaces(""), "");
}

TEST(Tokenize, SplitsOnPunctuationAndKeepsOffsets) {
  const std::string s = "Họ, tên: Nguyễn Văn-An 2019";
  const std::vector<Token> t = tokenize(s);
  ASSERT_EQ(t.size(), 6u);
  EXPECT_EQ(t[0].text, "Họ");
  EXPECT_EQ(t[2].text, "Nguyễn");
  EXPECT_EQ(s.substr(t[2].offset, t[2].length), "Nguyễn");
  EXPECT_EQ(t[4].text, "An");
  EXPECT_EQ(t[5].text, "2019");
}

TEST(Tokenize, KeepsCombiningMarksInsideWords) {
  const std::vector<Token> t = tokenize("Vie\u0323\u0302t Nam");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].text, "Vie\u0323\u0302t");
}

}  // namespace
}  // namespace sohoa::text
