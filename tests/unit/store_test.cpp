#include "sohoa/archive/store.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace sohoa {
namespace {

using test::TempDir;

TEST(Archive, OpenExistingFailsWhereThereIsNoArchive) {
  TempDir dir;
  Result<Archive> a = Archive::open(dir / "none", Archive::Mode::kOpenExisting);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.error().code, ErrorCode::kNotFound);
  EXPECT_NE(a.error().message.find("none"), std::string::npos);
}

TEST(Archive, RefusesAFolderThatIsNotAnArchive) {
  TempDir dir;
  test::write_file(dir / "notes.txt", "hello");
  Result<Archive> a = Archive::open(dir.path(), Archive::Mode::kCreateIfMissing);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.error().code, ErrorCode::kCorrupt);
}

TEST(Archive, SavesAndLoadsRecords) {
  TempDir dir;
  Result<Archive> a = Archive::open(dir / "arch", Archive::Mode::kCreateIfMissing);
  ASSERT_TRUE(a.ok()) << a.error().message;
  Dossier d;
  d.id = "abcdef0123456789abcd";
  d.pages.push_back(Page{});
  d.pages[0].number = 1;
  d.pages[0].source = "/x.png";
  d.pages[0].text = "Văn bản";
  ASSERT_TRUE(a->save_record(d).ok());
  EXPECT_TRUE(a->has_record(d.id));
  Result<Dossier> back = a->load_record(d.id);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->pages[0].text, "Văn bản");
  Result<std::vector<std::string>> ids = a->list_ids();
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ(*ids, std::vector<std::string>{d.id});
  // Nothing is left behind in tmp/.
  EXPECT_TRUE(std::filesystem::is_empty(dir / "arch" / "tmp"));
  // Reopening finds the same archive.
  Result<Archive> again = Archive::open(dir / "arch", Archive::Mode::kOpenExisting);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->has_record(d.id));
}

TEST(Archive, SavesARecordHoldingTextCutInsideACharacter) {
  TempDir dir;
  Result<Archive> a = Archive::open(dir / "arch", Archive::Mode::kCreateIfMissing);
  ASSERT_TRUE(a.ok());
  Dossier d;
  d.id = "abcdef0123456789abcd";
  d.pages.push_back(Page{});
  d.pages[0].number = 1;
  d.pages[0].text = "Th\xe1\xbb";  // "Thờ" cut inside its last letter
  d.review_reasons["due_date"] = "ng\xe1\xba";
  ASSERT_TRUE(a->save_record(d).ok());
  Result<Dossier> back = a->load_record(d.id);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->pages[0].text, "Th\uFFFD");
  EXPECT_EQ(back->review_reasons.at("due_date"), "ng\uFFFD");
}

TEST(Archive, LoadingAnUnknownIdSaysSo) {
  TempDir dir;
  Result<Archive> a = Archive::open(dir / "arch", Archive::Mode::kCreateIfMissing);
  ASSERT_TRUE(a.ok());
  Result<Dossier> d = a->load_record("ffffffffffffffffffff");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().code, ErrorCode::kNotFound);
}

TEST(Archive, StoresBlobsByContentOnce) {
  TempDir dir;
  Result<Archive> a = Archive::open(dir / "arch", Archive::Mode::kCreateIfMissing);
  ASSERT_TRUE(a.ok());
  test::write_file(dir / "one.bin", "same bytes");
  test::write_file(dir / "two.bin", "same bytes");
  Result<std::string> h1 = sha256_file(dir / "one.bin");
  Result<std::string> h2 = sha256_file(dir / "two.bin");
  ASSERT_TRUE(h1.ok() && h2.ok());
  EXPECT_EQ(*h1, *h2);
  EXPECT_EQ(*h1, sha256_hex("same bytes"));
  ASSERT_TRUE(a->store_blob(dir / "one.bin", *h1).ok());
  ASSERT_TRUE(a->store_blob(dir / "two.bin", *h2).ok());
  EXPECT_TRUE(a->has_blob(*h1));
  EXPECT_EQ(test::read_file(a->blob_path(*h1)), "same bytes");
}

TEST(Sha256, MatchesTheKnownDigestOfEmptyInput) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256, NamesTheFileItCannotRead) {
  Result<std::string> h = sha256_file("/nonexistent/sohoa-file");
  ASSERT_FALSE(h.ok());
  EXPECT_NE(h.error().message.find("sohoa-file"), std::string::npos);
}

}  // namespace
}  // namespace sohoa
