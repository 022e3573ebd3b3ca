#include "sohoa/archive/verify.h"

#include <gtest/gtest.h>

#include "sohoa/archive/index.h"
#include "test_support.h"

namespace sohoa {
namespace {

namespace fs = std::filesystem;

class VerifyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<Archive> a = Archive::open(dir_ / "archive", Archive::Mode::kCreateIfMissing);
    ASSERT_TRUE(a.ok());
    archive_.emplace(std::move(*a));
    Result<IndexWriter> w = IndexWriter::open(archive_->index_path());
    ASSERT_TRUE(w.ok());
    for (const char* name : {"one", "two"}) {
      const fs::path scan = dir_ / (std::string(name) + ".pdf");
      test::write_file(scan, std::string("%PDF scan ") + name);
      const std::string sha = *sha256_file(scan);
      ASSERT_TRUE(archive_->store_blob(scan, sha).ok());
      Dossier d;
      d.id = std::string(name) + "0000000000000000000";
      d.id.resize(20);
      d.sources = {scan.string()};
      Page p;
      p.number = 1;
      p.source = scan.string();
      p.sha256 = sha;
      p.text = std::string("Trang ") + name;
      d.pages.push_back(p);
      ASSERT_TRUE(archive_->save_record(d).ok());
      ASSERT_TRUE(w->add(d).ok());
      dossiers_.push_back(d);
    }
    ASSERT_TRUE(w->commit().ok());
  }

  VerifyReport verify() {
    Result<VerifyReport> r = verify_archive(*archive_);
    EXPECT_TRUE(r.ok());
    return r ? *r : VerifyReport{};
  }

  static std::string all_problems(const VerifyReport& r) {
    std::string out;
    for (const VerifyProblem& p : r.problems) out += p.object + ": " + p.what + "\n";
    return out;
  }

  test::TempDir dir_;
  std::optional<Archive> archive_;
  std::vector<Dossier> dossiers_;
};

TEST_F(VerifyTest, AWholeArchiveIsClean) {
  const VerifyReport r = verify();
  EXPECT_TRUE(r.ok()) << all_problems(r);
  EXPECT_EQ(r.records, 2u);
  EXPECT_EQ(r.blobs, 2u);
  EXPECT_EQ(r.index_documents, 2u);
}

TEST_F(VerifyTest, NamesADamagedOriginal) {
  const std::string sha = dossiers_[0].pages[0].sha256;
  test::write_file(archive_->blob_path(sha), "bit rot");
  const VerifyReport r = verify();
  ASSERT_FALSE(r.ok());
  const std::string problems = all_problems(r);
  EXPECT_NE(problems.find("blob " + sha + ": its bytes hash to"), std::string::npos) << problems;
  EXPECT_NE(problems.find("record " + dossiers_[0].id + ": page 1"), std::string::npos);
}

TEST_F(VerifyTest, NamesAMissingOriginal) {
  fs::remove(archive_->blob_path(dossiers_[1].pages[0].sha256));
  const std::string problems = all_problems(verify());
  EXPECT_NE(problems.find("is missing from the blob store"), std::string::npos) << problems;
}

TEST_F(VerifyTest, NamesRecordsMissingFromTheIndexAndEntriesWithoutRecords) {
  {
    Result<IndexWriter> w = IndexWriter::open(archive_->index_path());
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE(w->remove(dossiers_[0].id).ok());
    Dossier ghost = dossiers_[1];
    ghost.id = "ghost000000000000000";
    ASSERT_TRUE(w->add(ghost).ok());
    ASSERT_TRUE(w->commit().ok());
  }
  const std::string problems = all_problems(verify());
  EXPECT_NE(problems.find("record " + dossiers_[0].id + ": is not in the index"), std::string::npos)
      << problems;
  EXPECT_NE(problems.find("index entry ghost000000000000000: has no record"), std::string::npos)
      << problems;
}

TEST_F(VerifyTest, NamesIndexEntriesMadeFromAnOlderRecord) {
  Dossier changed = dossiers_[1];
  changed.fields["father_name"] = Field{"Trần Văn Bình", 1.0, 1, {}, "officer", ""};
  ASSERT_TRUE(archive_->save_record(changed).ok());
  const std::string problems = all_problems(verify());
  EXPECT_NE(problems.find("index entry " + changed.id + ": was made from another version"),
            std::string::npos)
      << problems;
}

TEST_F(VerifyTest, NamesAnUnreadableRecord) {
  const fs::path file =
      archive_->root() / "records" / dossiers_[0].id.substr(0, 2) / (dossiers_[0].id + ".json");
  test::write_file(file, "{\"id\": ");
  const std::string problems = all_problems(verify());
  EXPECT_NE(problems.find("record " + dossiers_[0].id + ": "), std::string::npos) << problems;
  EXPECT_NE(problems.find("not valid JSON"), std::string::npos) << problems;
}

TEST_F(VerifyTest, LeftoversAreNotesNotProblems) {
  test::write_file(archive_->root() / "tmp" / "123-0.tmp", "half");
  const std::string orphan = sha256_hex("an original whose record was never saved");
  fs::create_directories(archive_->blob_path(orphan).parent_path());
  test::write_file(archive_->blob_path(orphan), "an original whose record was never saved");
  const VerifyReport r = verify();
  EXPECT_TRUE(r.ok()) << all_problems(r);
  EXPECT_EQ(r.notes.size(), 1u + 1u);
  ASSERT_TRUE(archive_->clean_tmp().ok());
  EXPECT_TRUE(archive_->tmp_files().empty());
}

}  // namespace
}  // namespace sohoa
