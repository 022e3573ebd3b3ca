#include "sohoa/archive/index.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace sohoa {
namespace {

Dossier make_dossier(const std::string& id, const std::string& text) {
  Dossier d;
  d.id = id;
  d.sources = {"/scans/" + id + ".pdf"};
  Page p;
  p.number = 1;
  p.source = d.sources[0];
  p.text = text;
  d.pages.push_back(p);
  d.ingested_at = "2026-11-26T10:00:00Z";
  return d;
}

class IndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<IndexWriter> w = IndexWriter::open(path());
    ASSERT_TRUE(w.ok()) << w.error().message;
    ASSERT_TRUE(w->add(make_dossier("duong1", "Nơi cư trú: số 5 đường Phạm Văn Đồng")).ok());
    ASSERT_TRUE(w->add(make_dossier("duong2", "Họ và tên: Nguyễn Thị Dương, sinh năm 1990")).ok());
    ASSERT_TRUE(w->add(make_dossier("duong3", "Chức vụ: đương nhiệm từ năm 2019")).ok());
    ASSERT_TRUE(
        w->add(make_dossier("code1", "Mã hồ sơ: 000.00.17.H26-191226-0001\nPhú Diễn")).ok());
    ASSERT_TRUE(w->add(make_dossier("ward2", "phường Phúc Diễn, quận Bắc Từ Liêm")).ok());
    ASSERT_TRUE(w->commit().ok());
  }

  std::filesystem::path path() const { return dir_ / "index"; }

  std::vector<std::string> ids(const std::string& q) {
    Result<SearchResults> r = search(path(), SearchRequest{q, 0, 10});
    EXPECT_TRUE(r.ok()) << (r ? "" : r.error().message);
    std::vector<std::string> out;
    if (r) {
      for (const SearchHit& h : r->hits) out.push_back(h.id);
    }
    return out;
  }

  test::TempDir dir_;
};

TEST_F(IndexTest, WordsWithoutDiacriticsFindEverySpelling) {
  std::vector<std::string> found = ids("duong");
  std::sort(found.begin(), found.end());
  EXPECT_EQ(found, (std::vector<std::string>{"duong1", "duong2", "duong3"}));
}

TEST_F(IndexTest, WordsWithDiacriticsRankExactSpellingFirst) {
  std::vector<std::string> found = ids("Dương");
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0], "duong2");
  found = ids("đường");
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0], "duong1");
}

TEST_F(IndexTest, PhrasesMatchWordsInOrder) {
  EXPECT_EQ(ids("\"pham van dong\""), std::vector<std::string>{"duong1"});
  EXPECT_TRUE(ids("\"dong van pham\"").empty());
}

TEST_F(IndexTest, FindsDossierCodesInTheText) {
  EXPECT_EQ(ids("code:000.00.17.H26-191226-0001"), std::vector<std::string>{"code1"});
  EXPECT_TRUE(ids("code:000.00.17.H26-191226-0002").empty());
}

TEST_F(IndexTest, PhuDienAndPhucDienStayApart) {
  EXPECT_EQ(ids("\"phu dien\""), std::vector<std::string>{"code1"});
  EXPECT_EQ(ids("\"phúc diễn\""), std::vector<std::string>{"ward2"});
}

TEST_F(IndexTest, WordsTypedTogetherRankDossiersWhereTheyStandTogetherFirst) {
  // "duong1" has "Phạm Văn Đồng"; "duong2" has every word too, but scattered, and more often.
  Result<IndexWriter> w = IndexWriter::open(path());
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE(w->add(make_dossier("scattered",
                                  "Văn phòng. Đồng ý. Phạm vi. Đồng hồ. Văn bản. "
                                  "Phạm Thị Lan, Đồng Văn Tú"))
                  .ok());
  ASSERT_TRUE(w->commit().ok());
  std::vector<std::string> found = ids("pham van dong");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0], "duong1");
}

TEST_F(IndexTest, BooleanOperatorsCombine) {
  EXPECT_EQ(ids("duong NOT nguyen NOT pham"), std::vector<std::string>{"duong3"});
  std::vector<std::string> found = ids("pham OR phuc");
  std::sort(found.begin(), found.end());
  EXPECT_EQ(found, (std::vector<std::string>{"duong1", "ward2"}));
}

TEST_F(IndexTest, SnippetsMarkTheHitsOnTheOriginalText) {
  Result<SearchResults> r = search(path(), SearchRequest{"nguyen thi duong", 0, 10});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->hits.size(), 1u);
  EXPECT_NE(r->hits[0].snippet.find("[Nguyễn] [Thị] [Dương]"), std::string::npos)
      << r->hits[0].snippet;
  EXPECT_EQ(r->hits[0].page, 1);
}

TEST_F(IndexTest, ReplacingADossierDoesNotDuplicateIt) {
  {
    Result<IndexWriter> w = IndexWriter::open(path());
    ASSERT_TRUE(w.ok());
    EXPECT_TRUE(w->contains("duong1"));
    ASSERT_TRUE(w->add(make_dossier("duong1", "đường Phạm Văn Đồng, bản mới")).ok());
    ASSERT_TRUE(w->commit().ok());
  }
  EXPECT_EQ(ids("pham").size(), 1u);
}

TEST_F(IndexTest, ASecondWriterIsRefusedWithAClearError) {
  Result<IndexWriter> first = IndexWriter::open(path());
  ASSERT_TRUE(first.ok());
  Result<IndexWriter> second = IndexWriter::open(path());
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::kLocked);
}

TEST_F(IndexTest, MalformedQueriesAreUsageErrors) {
  Result<SearchResults> r = search(path(), SearchRequest{"(nguyen", 0, 10});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().exit_code(), 2);
}

TEST(MakeSnippet, IsEmptyWithoutHits) { EXPECT_EQ(make_snippet("không có gì", {"nguyen"}), ""); }

}  // namespace
}  // namespace sohoa
