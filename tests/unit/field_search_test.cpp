// Searching by record fields (schema.h): field:value, ward:, id:, date:, signed:, sorting,
// facets, and the stats read from the same index.
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "sohoa/archive/index.h"
#include "sohoa/archive/query.h"
#include "sohoa/archive/schema.h"
#include "sohoa/archive/stats.h"
#include "test_support.h"

namespace sohoa {
namespace {

Dossier dossier(const std::string& id, const std::string& procedure,
                std::map<std::string, std::string> fields, const std::string& text = "") {
  Dossier d;
  d.id = id;
  d.procedure = procedure;
  d.sources = {"/scans/" + id + ".pdf"};
  Page p;
  p.number = 1;
  p.source = d.sources[0];
  p.text = text;
  d.pages.push_back(p);
  for (auto& [k, v] : fields) d.fields[k] = Field{v, 0.9, 1, {}, procedure + "@1.0.0", v};
  d.ingested_at = "2026-11-26T10:00:00Z";
  return d;
}

class FieldSearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(schema::register_field("permit_holder", "person_name", "Chủ giấy phép", true).ok());
    Result<IndexWriter> w = IndexWriter::open(path());
    ASSERT_TRUE(w.ok()) << w.error().message;
    const Dossier ds[] = {
        dossier("ks1", "khai_sinh",
                {{"father_name", "Trần Văn Bình"},
                 {"mother_name", "Lê Thị Hoa"},
                 {"child_name", "Trần Minh Đức"},
                 {"requester_id_number", "001088012345"},
                 {"ward", "phường Phú Diễn"},
                 {"received_date", "2019-03-05"},
                 {"due_date", "2019-03-06"},
                 {"returned_date", "2019-03-06"},
                 {"signed_date", "2019-03-04"}},
                "Họ, chữ đệm, tên người cha: Trần Văn Bình"),
        dossier("ks2", "khai_sinh",
                {{"father_name", "Nguyễn Văn Bình"},
                 {"mother_name", "Trần Thị Hoa"},
                 {"ward", "Phúc Diễn"},
                 {"received_date", "2020-11-20"},
                 {"due_date", "2020-11-21"},
                 {"returned_date", "2020-11-25"}}),
        dossier("kh1", "ket_hon",
                {{"wife_name", "Đặng Thị Lan"},
                 {"husband_name", "Trần Văn Bình"},
                 {"husband_id_number", "001 0 90 054321"},
                 {"ward", "Xuân Đỉnh"},
                 {"received_date", "2019-12-31"},
                 {"due_date", "2020-01-03"},
                 {"signed_date", "2019-12-30"}}),
        dossier("xd1", "cap_phep_xay_dung",
                {{"permit_holder", "Phạm Văn Đồng"}, {"floors", "4"}, {"capital", "150.000.000"}}),
    };
    for (const Dossier& d : ds) ASSERT_TRUE(w->add(d).ok());
    ASSERT_TRUE(w->commit().ok());
  }

  std::filesystem::path path() const { return dir_ / "index"; }

  std::vector<std::string> ids(const std::string& q, SortOrder sort = SortOrder::kRelevance) {
    Result<SearchResults> r = search(path(), SearchRequest{q, 0, 10, sort, false});
    EXPECT_TRUE(r.ok()) << q << ": " << (r ? "" : r.error().message);
    std::vector<std::string> out;
    if (r) {
      for (const SearchHit& h : r->hits) out.push_back(h.id);
    }
    if (sort == SortOrder::kRelevance) std::sort(out.begin(), out.end());
    return out;
  }

  using Ids = std::vector<std::string>;
  test::TempDir dir_;
};

TEST_F(FieldSearchTest, FieldPhrasesMatchOnlyThatField) {
  EXPECT_EQ(ids("father_name:\"tran van binh\""), Ids{"ks1"});
  EXPECT_EQ(ids("husband_name:\"tran van binh\""), Ids{"kh1"});
  EXPECT_EQ(ids("\"tran van binh\""), (Ids{"kh1", "ks1"}));
  EXPECT_TRUE(ids("father_name:\"binh van tran\"").empty());
  EXPECT_EQ(ids("mother_name:hoa"), (Ids{"ks1", "ks2"}));
  EXPECT_EQ(ids("child_name:duc"), Ids{"ks1"});  // đ folds to d
}

TEST_F(FieldSearchTest, RegisteredPluginFieldsAreSearchable) {
  EXPECT_EQ(ids("permit_holder:\"pham van dong\""), Ids{"xd1"});
  EXPECT_EQ(ids("floors:4"), Ids{"xd1"});
  EXPECT_EQ(ids("capital:150000000"), Ids{"xd1"});
}

TEST_F(FieldSearchTest, WardsAreExactAndNeverMerged) {
  EXPECT_EQ(ids("ward:\"Phú Diễn\""), Ids{"ks1"});
  EXPECT_EQ(ids("ward:\"Phúc Diễn\""), Ids{"ks2"});
  EXPECT_EQ(ids("ward:\"phu dien\""), Ids{"ks1"});
  EXPECT_EQ(ids("ward:\"phuc dien\""), Ids{"ks2"});
  EXPECT_EQ(ids("ward:\"phường Xuân Đỉnh\""), Ids{"kh1"});
}

TEST_F(FieldSearchTest, IdNumbersIgnoreSpacesAndDotsAndSearchEveryIdField) {
  EXPECT_EQ(ids("id:001088012345"), Ids{"ks1"});
  EXPECT_EQ(ids("id:\"001 088 012 345\""), Ids{"ks1"});
  EXPECT_EQ(ids("id:001.090.054321"), Ids{"kh1"});
  EXPECT_EQ(ids("id:001 088 012 345"), Ids{"ks1"});  // unquoted groups of digits
  EXPECT_EQ(ids("(id:001 0 90 054321 OR id:1) binh"), Ids{"kh1"});
  EXPECT_EQ(ids("husband_id_number:001090054321"), Ids{"kh1"});
  EXPECT_TRUE(ids("requester_id_number:001090054321").empty());
}

TEST_F(FieldSearchTest, ReceivedAndSignedDatesTakePartialDatesAndRanges) {
  EXPECT_EQ(ids("date:2019"), (Ids{"kh1", "ks1"}));
  EXPECT_EQ(ids("date:2019-03"), Ids{"ks1"});
  EXPECT_EQ(ids("date:2019-12-31"), Ids{"kh1"});
  EXPECT_EQ(ids("date:2019-06..2020-12"), (Ids{"kh1", "ks2"}));
  EXPECT_EQ(ids("date:2020.."), Ids{"ks2"});
  EXPECT_EQ(ids("date:..2019-03-05"), Ids{"ks1"});
  EXPECT_EQ(ids("signed:2019-12"), Ids{"kh1"});
  EXPECT_EQ(ids("tran date:2019"), (Ids{"kh1", "ks1"}));
  EXPECT_EQ(ids("year:2020"), Ids{"ks2"});
  EXPECT_EQ(ids("child_name:duc AND date:2019..2019"), Ids{"ks1"});
}

// Bounded date ranges are answered from the date terms (whole years, months, days), others
// from the value slot: both must give exactly the dossiers whose date lies in the range.
TEST(DateRanges, MatchExactlyTheDatesInTheRangeWhicheverWayTheyAreAnswered) {
  test::TempDir dir;
  std::vector<std::string> dates;
  {
    Result<IndexWriter> w = IndexWriter::open(dir / "index");
    ASSERT_TRUE(w.ok());
    using namespace std::chrono;
    int n = 0;
    for (sys_days d = sys_days{2018y / December / 25}; d <= sys_days{2021y / March / 3};
         d += days{n % 3 == 0 ? 1 : 13}) {
      const year_month_day ymd{d};
      char iso[16];
      std::snprintf(iso, sizeof iso, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                    static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
      dates.push_back(iso);
      ASSERT_TRUE(w->add(dossier("d" + std::to_string(n++), "khai_sinh",
                                 {{"received_date", iso}, {"returned_date", iso}}))
                      .ok());
    }
    ASSERT_TRUE(w->commit().ok());
  }
  const std::pair<std::string, std::string> ranges[] = {
      {"2019", "2019"},
      {"2019", "2020"},
      {"2018-12", "2019-01"},
      {"2019-02", "2019-02"},
      {"2019-01-15", "2019-03"},
      {"2020-02-28", "2020-03-01"},
      {"2019-12-31", "2020"},
      {"2018", "2021"},
      {"2019-01-02", "2020-12-30"},
      {"2020-05-07", "2020-05-07"},
      {"2019-03-05", "2019-03-04"},
      {"", "2019-06"},
      {"2020-07-15", ""},
  };
  for (const auto& [lo, hi] : ranges) {
    std::vector<std::string> expected;
    for (std::size_t i = 0; i < dates.size(); ++i) {
      if ((lo.empty() || dates[i] >= lo) && (hi.empty() || dates[i] <= hi + "~")) {
        expected.push_back("d" + std::to_string(i));
      }
    }
    std::sort(expected.begin(), expected.end());
    const std::string range = lo + ".." + hi;
    for (const std::string& q : {"date:" + range, "returned_date:" + range}) {
      Result<SearchResults> r = search(dir / "index", SearchRequest{q, 0, 1000});
      if (lo > hi && !hi.empty()) {  // the range ends before it starts
        EXPECT_FALSE(r.ok()) << q;
        continue;
      }
      ASSERT_TRUE(r.ok()) << q << ": " << r.error().message;
      std::vector<std::string> found;
      for (const SearchHit& h : r->hits) found.push_back(h.id);
      std::sort(found.begin(), found.end());
      EXPECT_EQ(found, expected) << q;
    }
  }
}

// Facet counts come from a per-docid table the Searcher keeps while the index is unchanged;
// they must equal Xapian's own value counts of the three slots, also after the index changes.
TEST(Facets, EqualXapianValueCountsAndFollowTheIndexAsItChanges) {
  test::TempDir dir;
  const std::string procedures[] = {"khai_sinh", "ket_hon", "khai_tu"};
  const std::string wards[] = {"Phú Diễn", "Phúc Diễn", "Xuân Đỉnh", "Tây Tựu"};
  auto add = [&](int from, int to) {
    Result<IndexWriter> w = IndexWriter::open(dir / "index");
    ASSERT_TRUE(w.ok());
    for (int i = from; i < to; ++i) {
      std::map<std::string, std::string> fields = {{"ward", wards[i % 4]}};
      if (i % 5 != 0) fields["received_date"] = std::to_string(2017 + i % 4) + "-03-05";
      if (i % 7 == 0) fields["signed_date"] = "2015-01-02";
      const std::string words = i % 2 ? "nguyen van an" : "tran thi binh";
      ASSERT_TRUE(
          w->add(dossier("f" + std::to_string(i % 90), procedures[i % 3], fields, words)).ok());
    }
    ASSERT_TRUE(w->commit().ok());
  };
  auto reference = [&](const std::string& q) {
    Xapian::Database db((dir / "index").string());
    Xapian::Enquire enquire(db);
    enquire.set_query(parse_query(q)->query);
    Xapian::ValueCountMatchSpy by_procedure(schema::kSlotProcedure);
    Xapian::ValueCountMatchSpy by_ward(schema::kSlotWard);
    Xapian::ValueCountMatchSpy by_year(schema::kSlotYear);
    enquire.add_matchspy(&by_procedure);
    enquire.add_matchspy(&by_ward);
    enquire.add_matchspy(&by_year);
    enquire.get_mset(0, 0, db.get_doccount());
    std::map<std::string, std::map<std::string, unsigned>> out;
    const std::pair<const char*, Xapian::ValueCountMatchSpy*> spies[] = {
        {"procedure", &by_procedure}, {"ward", &by_ward}, {"year", &by_year}};
    for (const auto& [name, spy] : spies) {
      for (auto v = spy->values_begin(); v != spy->values_end(); ++v) {
        if (!(*v).empty()) out[name][*v] = v.get_termfreq();
      }
    }
    return out;
  };
  auto counted = [](const Result<SearchResults>& r) {
    std::map<std::string, std::map<std::string, unsigned>> out;
    for (const Facet& f : r->facets) {
      for (const auto& [v, n] : f.counts) out[f.name][v] = n;
    }
    return out;
  };
  add(0, 60);
  Result<Searcher> searcher = Searcher::open(dir / "index");
  ASSERT_TRUE(searcher.ok());
  const std::string queries[] = {"nguyen",
                                 "procedure:khai_sinh",
                                 "procedure:khai_sinh date:2018",
                                 "ward:\"Phú Diễn\" OR tran",
                                 "an NOT procedure:ket_hon",
                                 "date:2017..2019-06"};
  for (int round = 0; round < 2; ++round) {
    for (const std::string& q : queries) {
      Result<SearchResults> r =
          searcher->search(SearchRequest{q, 0, 5, SortOrder::kRelevance, true});
      ASSERT_TRUE(r.ok()) << q << ": " << r.error().message;
      EXPECT_EQ(counted(r), reference(q)) << q << " (round " << round << ")";
    }
    add(60, 120);  // replaces f0..f29 and adds f60..f89, under the open Searcher
  }
}

TEST_F(FieldSearchTest, SortsByReceivedDateLatestFirst) {
  EXPECT_EQ(ids("procedure:khai_sinh OR procedure:ket_hon", SortOrder::kDate),
            (Ids{"ks2", "kh1", "ks1"}));
}

TEST_F(FieldSearchTest, CountsFacetsByProcedureWardAndYear) {
  Result<SearchResults> r =
      search(path(), SearchRequest{"binh", 0, 1, SortOrder::kRelevance, true});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->total_estimate, 3u);
  std::map<std::string, std::map<std::string, unsigned>> facets;
  for (const Facet& f : r->facets) {
    for (const auto& [v, n] : f.counts) facets[f.name][v] = n;
  }
  EXPECT_EQ(facets["procedure"],
            (std::map<std::string, unsigned>{{"khai_sinh", 2}, {"ket_hon", 1}}));
  EXPECT_EQ(facets["ward"],
            (std::map<std::string, unsigned>{{"Phú Diễn", 1}, {"Phúc Diễn", 1}, {"Xuân Đỉnh", 1}}));
  EXPECT_EQ(facets["year"], (std::map<std::string, unsigned>{{"2019", 2}, {"2020", 1}}));
}

TEST_F(FieldSearchTest, MalformedFieldQueriesSayWhatIsWrong) {
  const std::pair<const char*, const char*> bad[] = {
      {"date:2019-13", "month 13"},
      {"ward:\"phu dienn\"", "no ward"},
      {"id:abc", "no digits"},
      {"nickname:bo", "unknown field 'nickname'"},
      {"child_birth_date:2019..2020", "ranges work on"},
      {"year:2019-03", "takes years"},
  };
  for (const auto& [q, message] : bad) {
    Result<SearchResults> r = search(path(), SearchRequest{q, 0, 10});
    ASSERT_FALSE(r.ok()) << q;
    EXPECT_EQ(r.error().exit_code(), 2) << q;
    EXPECT_NE(r.error().message.find(message), std::string::npos) << q << ": " << r.error().message;
  }
}

TEST_F(FieldSearchTest, StatsCountAndMeasureTimeliness) {
  Result<ArchiveStats> s = compute_stats(path());
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->dossiers, 4u);
  EXPECT_EQ(s->by_procedure.at("khai_sinh"), 2u);
  EXPECT_EQ(s->by_ward.at("Phú Diễn"), 1u);
  EXPECT_EQ(s->by_ward.at(""), 1u);
  EXPECT_EQ(s->by_year.at("2019"), 2u);
  EXPECT_EQ(s->timeliness.with_dates, 3u);
  EXPECT_EQ(s->timeliness.on_time, 1u);  // ks1 returned on its due date
  EXPECT_EQ(s->timeliness.late, 1u);     // ks2 returned four days late
  EXPECT_EQ(s->timeliness.no_return, 1u);
  EXPECT_DOUBLE_EQ(s->timeliness.share_on_time(), 0.5);
  EXPECT_EQ(s->timeliness_by_year.at("2020").late, 1u);
}

TEST_F(FieldSearchTest, AnOutdatedIndexIsRefusedUntilRebuilt) {
  {
    Xapian::WritableDatabase db(path().string(), Xapian::DB_OPEN);
    db.set_metadata("sohoa.schema_version", "1");
    db.commit();
  }
  Result<IndexWriter> refused = IndexWriter::open(path());
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().hint.find("sohoa reindex"), std::string::npos);
  Result<IndexWriter> rebuilt = IndexWriter::open(path(), IndexWriterOptions{0, true});
  ASSERT_TRUE(rebuilt.ok());
  Result<std::vector<std::string>> left = rebuilt->ids();
  ASSERT_TRUE(left.ok());
  EXPECT_TRUE(left->empty());
}

TEST_F(FieldSearchTest, ASecondWriterWaitsThenGivesUpWithAClearMessage) {
  Result<IndexWriter> first = IndexWriter::open(path());
  ASSERT_TRUE(first.ok());
  const auto start = std::chrono::steady_clock::now();
  Result<IndexWriter> second = IndexWriter::open(path(), IndexWriterOptions{0.5, false});
  const double waited =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::kLocked);
  EXPECT_GE(waited, 0.45);
  EXPECT_NE(second.error().message.find("another sohoa process"), std::string::npos);
}

TEST_F(FieldSearchTest, ASearcherSeesCommitsMadeAfterItOpened) {
  Result<Searcher> searcher = Searcher::open(path());
  ASSERT_TRUE(searcher.ok());
  ASSERT_TRUE(searcher->search(SearchRequest{"floors:7"}).ok());
  EXPECT_TRUE(searcher->search(SearchRequest{"floors:7"})->hits.empty());
  {
    Result<IndexWriter> w = IndexWriter::open(path());
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE(w->add(dossier("xd2", "cap_phep_xay_dung", {{"floors", "7"}})).ok());
    ASSERT_TRUE(w->commit().ok());
  }
  Result<SearchResults> r = searcher->search(SearchRequest{"floors:7"});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->hits.size(), 1u);
  EXPECT_EQ(r->hits[0].id, "xd2");
}

}  // namespace
}  // namespace sohoa
