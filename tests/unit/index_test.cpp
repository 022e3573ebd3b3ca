#include "sohoa/archive/index.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <fstream>
#include <map>

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

TEST_F(IndexTest, APhraseOfNameWordsIsFoundWhateverItsCaseAndOnlyWhereItsWordsStandTogether) {
  Result<IndexWriter> w = IndexWriter::open(path());
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE(w->add(make_dossier("capitals", "Người làm chứng: NGUYỄN THU HOA")).ok());
  ASSERT_TRUE(w->add(make_dossier("lower", "người làm chứng là bà nguyễn thu hoa")).ok());
  // Both pairs of the phrase are here ("Nguyễn Thu", "Thu Hoa"), but not the phrase.
  ASSERT_TRUE(w->add(make_dossier("apart", "Nguyễn Thu Lan và Lê Thu Hoa")).ok());
  Dossier named = make_dossier("named", "Giấy khai sinh");
  named.fields["child_name"].value = "Nguyễn Thu Hoa";
  ASSERT_TRUE(w->add(named).ok());
  ASSERT_TRUE(w->commit().ok());
  std::vector<std::string> found = ids("\"Nguyễn Thu Hoa\"");
  std::sort(found.begin(), found.end());
  EXPECT_EQ(found, (std::vector<std::string>{"capitals", "lower", "named"}));
  found = ids("\"nguyen thu hoa\"");
  std::sort(found.begin(), found.end());
  EXPECT_EQ(found, (std::vector<std::string>{"capitals", "lower", "named"}));
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

TEST(IndexNames, WordsTypedTogetherStillWinAmongMoreCandidatesThanTheFirstPassKeeps) {
  // 150 dossiers have the words scattered (and more often); the first pass of a search keeps
  // the best 100 by words and whole names (search.cpp), then ranks those with the phrases.
  test::TempDir dir;
  Result<IndexWriter> w = IndexWriter::open(dir / "index");
  ASSERT_TRUE(w.ok());
  for (int i = 0; i < 150; ++i) {
    ASSERT_TRUE(w->add(make_dossier("scattered" + std::to_string(i),
                                    "Văn phòng. Đồng ý. Phạm vi " + std::to_string(i) +
                                        ". Đồng hồ. Văn bản. Phạm Thị Lan, Đồng Văn Tú"))
                    .ok());
  }
  ASSERT_TRUE(w->add(make_dossier("street", "Nơi cư trú: số 5 đường Phạm Văn Đồng")).ok());
  ASSERT_TRUE(w->commit().ok());
  for (unsigned offset : {0u, 95u}) {  // a page within the first pass, one beyond it
    Result<SearchResults> r = search(dir / "index", SearchRequest{"pham van dong", offset, 10});
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->total_estimate, 151u);
    ASSERT_EQ(r->hits.size(), 10u);
    if (offset == 0) {
      EXPECT_EQ(r->hits[0].id, "street");
    }
    EXPECT_EQ(r->hits[0].rank, offset + 1);
  }
}

TEST(IndexNames, ASecondPersonNamedOnlyInThePageTextStillRanksTheirDossierFirst) {
  // Both name the applicant in a field; "copy" also names the holder of the certified copy,
  // only in its text; "other" has the holder's words, scattered.
  test::TempDir dir;
  Dossier copy = make_dossier("copy",
                              "GIẤY KHAI SINH\nGiấy khai sinh của: Nguyễn Mạnh Thắng\n"
                              "Ngày sinh: 02/03/1990\nNơi cư trú: số 5 ngõ 12 phố Xuân Đỉnh");
  copy.fields["applicant_name"].value = "Nguyễn Thu Hoa";
  Dossier other = make_dossier("other",
                               "Tiếp nhận hồ sơ của: Nguyễn Thu Hoa\nGhi chú: đủ sức khỏe, "
                               "mạnh; ngày 5 tháng 3 thắng giải");
  other.fields["applicant_name"].value = "Nguyễn Thu Hoa";
  Result<IndexWriter> w = IndexWriter::open(dir / "index");
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE(w->add(other).ok());
  ASSERT_TRUE(w->add(copy).ok());
  for (int i = 0; i < 200; ++i) {  // the words of both names are common, as in an archive
    ASSERT_TRUE(w->add(make_dossier("filler" + std::to_string(i),
                                    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHọ và tên: Nguyễn "
                                    "Văn Mạnh\nThu phí ngày " +
                                        std::to_string(i % 28 + 1) + " tháng " +
                                        std::to_string(i % 12 + 1)))
                    .ok());
  }
  ASSERT_TRUE(w->commit().ok());
  Result<SearchResults> r =
      search(dir / "index", SearchRequest{"nguyen thu hoa nguyen manh thang", 0, 10});
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_GE(r->hits.size(), 2u);
  EXPECT_EQ(r->hits[0].id, "copy");
  EXPECT_EQ(r->hits[1].id, "other");
}

TEST(IndexNames, TheHoldersOfANameFillThePageAndTheCountIsTheWholeQuerys) {
  // 15 dossiers name "Nguyễn Văn An"; 30 have the three words apart. The first page comes
  // from the holders of the name alone (search.cpp); the second needs the others too.
  test::TempDir dir;
  Result<IndexWriter> w = IndexWriter::open(dir / "index");
  ASSERT_TRUE(w.ok());
  for (int i = 0; i < 15; ++i) {
    Dossier d = make_dossier("named" + std::to_string(i), "Tờ khai số " + std::to_string(i));
    d.fields["applicant_name"].value = "Nguyễn Văn An";
    ASSERT_TRUE(w->add(d).ok());
  }
  for (int i = 0; i < 30; ++i) {
    ASSERT_TRUE(
        w->add(make_dossier("apart" + std::to_string(i), "Văn bản số " + std::to_string(i) +
                                                             " của ông Nguyễn Hữu Bình về an toàn"))
            .ok());
  }
  ASSERT_TRUE(w->commit().ok());
  for (unsigned offset : {0u, 10u}) {
    Result<SearchResults> r = search(dir / "index", SearchRequest{"nguyen van an", offset, 10});
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_GT(r->total_estimate, 15u);
    EXPECT_LE(r->total_estimate, 45u);
    ASSERT_EQ(r->hits.size(), 10u);
    for (std::size_t i = 0; i < r->hits.size(); ++i) {
      EXPECT_EQ(r->hits[i].id.starts_with("named"), offset + i < 15) << offset + i;
      EXPECT_EQ(r->hits[i].rank, offset + i + 1);
    }
  }
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

// Every term with its positions, every value and the data of each document, by dossier id.
std::map<std::string, std::string> index_contents(const std::filesystem::path& path) {
  Xapian::Database db(path.string());
  std::map<std::string, std::string> out;
  for (auto d = db.postlist_begin(""); d != db.postlist_end(""); ++d) {
    const Xapian::Document doc = db.get_document(*d);
    std::string id;
    std::string dump;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      if ((*t).starts_with("Q")) id = (*t).substr(1);
      dump += *t + " wdf " + std::to_string(t.get_wdf()) + " @";
      for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
        dump += " " + std::to_string(*p);
      }
      dump += "\n";
    }
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v) {
      dump += "value " + std::to_string(v.get_valueno()) + " " + *v + "\n";
    }
    out[id] = dump + doc.get_data();
  }
  return out;
}

TEST(IndexWriterAddAll, WritesWhatAddWritesInOrderAndReportsRecordsItCannotLoad) {
  test::TempDir dir;
  std::vector<Dossier> dossiers;
  for (int i = 0; i < 300; ++i) {
    Dossier d = make_dossier("d" + std::to_string(i % 250),  // the last 50 replace earlier ones
                             "Họ và tên: Nguyễn Văn " + std::to_string(i) + ", phường Phú Diễn");
    d.fields["child_name"].value = "Trần Thị Lan " + std::to_string(i);
    d.fields["received_date"].value = "2019-03-0" + std::to_string(1 + i % 9);
    dossiers.push_back(d);
  }
  {
    Result<IndexWriter> w = IndexWriter::open(dir / "one-by-one");
    ASSERT_TRUE(w.ok());
    for (const Dossier& d : dossiers) ASSERT_TRUE(w->add(d).ok());
    ASSERT_TRUE(w->commit().ok());
  }
  {
    Result<IndexWriter> w = IndexWriter::open(dir / "all");
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE(w->add_all(dossiers).ok());
    ASSERT_TRUE(w->commit().ok());
  }
  std::vector<std::size_t> seen;
  std::vector<std::size_t> failed;
  {
    Result<IndexWriter> w = IndexWriter::open(dir / "loaded");
    ASSERT_TRUE(w.ok());
    Status s = w->add_all(
        dossiers.size() + 1,
        [&](std::size_t i) -> Result<Dossier> {
          if (i == dossiers.size()) return make_error(ErrorCode::kCorrupt, "unreadable record");
          return dossiers[i];
        },
        [&](std::size_t i, const Status& status) {
          seen.push_back(i);
          if (!status) failed.push_back(i);
          if (i == 100) {
            EXPECT_TRUE(w->commit().ok());  // commits may come in between
          }
          return true;
        });
    ASSERT_TRUE(s.ok()) << s.error().message;
    ASSERT_TRUE(w->commit().ok());
  }
  ASSERT_EQ(seen.size(), dossiers.size() + 1);
  for (std::size_t i = 0; i < seen.size(); ++i) EXPECT_EQ(seen[i], i);
  EXPECT_EQ(failed, std::vector<std::size_t>{dossiers.size()});
  const auto expected = index_contents(dir / "one-by-one");
  EXPECT_EQ(expected.size(), 250u);
  EXPECT_EQ(index_contents(dir / "all"), expected);
  EXPECT_EQ(index_contents(dir / "loaded"), expected);
}

TEST(IndexWriterAddAll, StopsWhenAskedTo) {
  test::TempDir dir;
  std::vector<Dossier> dossiers;
  for (int i = 0; i < 200; ++i) dossiers.push_back(make_dossier("s" + std::to_string(i), "x"));
  Result<IndexWriter> w = IndexWriter::open(dir / "index");
  ASSERT_TRUE(w.ok());
  std::size_t last = 0;
  Status s = w->add_all(
      dossiers.size(), [&](std::size_t i) -> Result<Dossier> { return dossiers[i]; },
      [&](std::size_t i, const Status&) {
        last = i;
        return i < 9;
      });
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(w->commit().ok());
  EXPECT_EQ(last, 9u);
  Result<std::vector<std::string>> ids = w->ids();
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ(ids->size(), 10u);
}

// The index is shards read as one database (archive/src/index_layout.h): the stub names them,
// each dossier is in exactly one, and each shard's docids are of its own residue, which the
// facet counts rely on (search.cpp).
TEST(IndexShards, EachDossierIsInOneShardWithDocidsOfThatShardsResidue) {
  test::TempDir dir;
  {
    Result<IndexWriter> w = IndexWriter::open(dir / "index");
    ASSERT_TRUE(w.ok());
    std::vector<Dossier> dossiers;
    for (int i = 0; i < 60; ++i) dossiers.push_back(make_dossier("s" + std::to_string(i), "x"));
    ASSERT_TRUE(w->add_all(dossiers).ok());
    for (int i = 0; i < 60; i += 7) {  // replaced, one by one
      ASSERT_TRUE(w->add(make_dossier("s" + std::to_string(i), "y")).ok());
    }
    ASSERT_TRUE(w->commit().ok());
  }
  std::ifstream stub(dir / "index" / "XAPIANDB");
  std::vector<std::string> shards;
  std::string type, name;
  while (stub >> type >> name) shards.push_back(name);
  ASSERT_EQ(shards, (std::vector<std::string>{"shard-0", "shard-1"}));
  std::map<std::string, int> shard_of_id;
  for (std::size_t s = 0; s < shards.size(); ++s) {
    Xapian::Database db((dir / "index" / shards[s]).string());
    EXPECT_GT(db.get_doccount(), 10u) << shards[s];
    for (auto t = db.allterms_begin("Q"); t != db.allterms_end("Q"); ++t) {
      EXPECT_EQ(t.get_termfreq(), 1u) << *t;
      EXPECT_TRUE(shard_of_id.emplace(*t, static_cast<int>(s)).second) << *t << " in two shards";
      const Xapian::docid did = *db.postlist_begin(*t);
      EXPECT_EQ((did - 1) % shards.size(), s) << *t << " has docid " << did;
    }
  }
  EXPECT_EQ(shard_of_id.size(), 60u);
  Xapian::Database all((dir / "index").string());
  EXPECT_EQ(all.get_doccount(), 60u);
  EXPECT_EQ(all.get_termfreq("y"), 9u);
}

TEST(IndexShards, AnIndexFromBeforeShardsIsRefusedUntilReindexRebuildsIt) {
  test::TempDir dir;
  const std::filesystem::path path = dir / "index";
  {
    Xapian::WritableDatabase old(path.string(), Xapian::DB_CREATE);
    Xapian::Document doc;
    doc.add_boolean_term("Qold");
    old.add_document(doc);
    old.commit();
  }
  Result<IndexWriter> refused = IndexWriter::open(path);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kCorrupt);
  EXPECT_NE(refused.error().hint.find("sohoa reindex"), std::string::npos);
  Result<IndexWriter> rebuilt = IndexWriter::open(path, IndexWriterOptions{0, true});
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.error().message;
  ASSERT_TRUE(rebuilt->add(make_dossier("new1", "đường Phạm Văn Đồng")).ok());
  ASSERT_TRUE(rebuilt->commit().ok());
  EXPECT_FALSE(std::filesystem::exists(path / "iamglass"));
  Result<std::vector<std::string>> ids = rebuilt->ids();
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ(*ids, std::vector<std::string>{"new1"});
}

TEST(MakeSnippet, IsEmptyWithoutHits) { EXPECT_EQ(make_snippet("không có gì", {"nguyen"}), ""); }

}  // namespace
}  // namespace sohoa
