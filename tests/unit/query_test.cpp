#include "sohoa/archive/query.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace sohoa {
namespace {

std::string describe(std::string_view q) {
  Result<ParsedQuery> p = parse_query(q);
  return p ? p->query.get_description() : "error: " + p.error().message;
}

TEST(ParseQuery, FoldsWordsTypedWithoutDiacritics) {
  const std::string d = describe("nguyen van");
  EXPECT_NE(d.find("nguyen"), std::string::npos);
  EXPECT_NE(d.find("AND"), std::string::npos);
}

TEST(ParseQuery, MatchesExactOrFoldedFormForWordsWithDiacritics) {
  const std::string d = describe("Đỉnh");
  EXPECT_NE(d.find("dinh"), std::string::npos);
  EXPECT_NE(d.find("XEđỉnh"), std::string::npos);
}

TEST(ParseQuery, MakesPhrasesFromQuotes) {
  EXPECT_NE(describe("\"doc lap tu do\"").find("PHRASE"), std::string::npos);
}

TEST(ParseQuery, FiltersAPhraseOnThePairsOfNameWordsItHolds) {
  const std::string d = describe("\"Nguyễn Thu Hoa\"");
  EXPECT_NE(d.find("XBnguyen thu"), std::string::npos) << d;
  EXPECT_NE(d.find("XBthu hoa"), std::string::npos) << d;
  EXPECT_NE(d.find("FILTER"), std::string::npos) << d;
  // No pair of name words, no filter: "giấy" and "chứng" are not names.
  EXPECT_EQ(describe("\"giấy chứng nhận\"").find("XB"), std::string::npos);
  // A field's own words are few per dossier: its phrases need no pairs.
  EXPECT_EQ(describe("child_name:\"nguyen thu hoa\"").find("XB"), std::string::npos);
}

TEST(ParseQuery, UnderstandsOperatorsAndParentheses) {
  const std::string d = describe("(xuan OR phu) AND dien NOT bac");
  EXPECT_NE(d.find("OR"), std::string::npos);
  EXPECT_NE(d.find("AND_NOT"), std::string::npos);
}

TEST(ParseQuery, NormalisesDossierCodes) {
  EXPECT_NE(describe("code:000.00.17.h26-191226-0001").find("XC000.00.17.H26-191226-0001"),
            std::string::npos);
}

TEST(ParseQuery, CollectsWordsToHighlight) {
  Result<ParsedQuery> p = parse_query("Nguyễn \"văn an\"");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->highlight, (std::vector<std::string>{"nguyen", "van", "an"}));
}

TEST(ParseQuery, ExplainsWhatIsWrong) {
  for (const char* bad :
       {"", "   ", "\"unclosed", "(a OR b", "a)", "colour:red", "code:", "a OR", "NOT"}) {
    Result<ParsedQuery> p = parse_query(bad);
    ASSERT_FALSE(p.ok()) << bad;
    EXPECT_EQ(p.error().code, ErrorCode::kUsage) << bad;
    EXPECT_FALSE(p.error().message.empty());
  }
  EXPECT_NE(parse_query("colour:red").error().message.find("unknown field 'colour'"),
            std::string::npos);
  EXPECT_NE(parse_query("\"unclosed").error().message.find("unterminated quote"),
            std::string::npos);
}

TEST(ParseQuery, KeepsTheWholeNamesOfAConjunctionOnly) {
  Result<ParsedQuery> q = parse_query("nguyen van an \"Trần Thị Bình\" 2019");
  ASSERT_TRUE(q.ok());
  const auto has = [&](const std::string& name) {
    return std::find(q->names.begin(), q->names.end(), "XN" + name) != q->names.end();
  };
  EXPECT_TRUE(has("nguyen van an"));
  EXPECT_TRUE(has("van an"));
  EXPECT_TRUE(has("tran thi binh"));
  EXPECT_FALSE(has("an tran"));  // a phrase ends the run of words before it
  // With OR or parentheses a dossier may match without any of them: no names.
  EXPECT_TRUE(parse_query("nguyen van an OR tran thi binh")->names.empty());
  EXPECT_TRUE(parse_query("(nguyen van an) 2019")->names.empty());
  // A name after NOT is not one to look among.
  const std::vector<std::string> names = parse_query("van an NOT \"tran thi binh\"")->names;
  EXPECT_EQ(names, std::vector<std::string>{"XNvan an"});
}

TEST(ParseQuery, AcceptsAPureNegation) { EXPECT_TRUE(parse_query("NOT khai").ok()); }

}  // namespace
}  // namespace sohoa
