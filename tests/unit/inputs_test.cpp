#include "sohoa/pipeline/inputs.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace sohoa {
namespace {

namespace fs = std::filesystem;

void write_png(const fs::path& file) {
  Image pix = test::render_text({"Trang"}, 100);
  ASSERT_EQ(pixWrite(file.c_str(), pix.get(), IFF_PNG), 0);
}

TEST(NaturalLess, ComparesDigitRunsAsNumbers) {
  EXPECT_TRUE(natural_less("page-2.png", "page-10.png"));
  EXPECT_FALSE(natural_less("page-10.png", "page-2.png"));
  EXPECT_TRUE(natural_less("a.png", "b.png"));
  EXPECT_TRUE(natural_less("page-002", "page-10"));
}

TEST(DiscoverInputs, AFolderOfPagesIsOneDossierInNaturalOrder) {
  test::TempDir dir;
  fs::create_directories(dir / "d");
  for (const char* name : {"p10.png", "p2.png", "p1.png"}) write_png(dir / "d" / name);
  test::write_file(dir / "d" / "notes.txt", "not a page");
  Discovery found = discover_inputs({dir / "d"});
  ASSERT_TRUE(found.errors.empty());
  ASSERT_EQ(found.dossiers.size(), 1u);
  const auto& files = found.dossiers[0].files;
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0].filename(), "p1.png");
  EXPECT_EQ(files[1].filename(), "p2.png");
  EXPECT_EQ(files[2].filename(), "p10.png");
}

TEST(DiscoverInputs, AFolderOfFoldersAndFilesIsOneDossierPerEntry) {
  test::TempDir dir;
  fs::create_directories(dir / "box" / "a");
  write_png(dir / "box" / "a" / "1.png");
  write_png(dir / "box" / "a" / "2.png");
  test::write_pdf(dir / "box" / "b.pdf", {"Trang một"});
  write_png(dir / "box" / "c.png");
  Discovery found = discover_inputs({dir / "box"});
  ASSERT_TRUE(found.errors.empty());
  ASSERT_EQ(found.dossiers.size(), 3u);
  EXPECT_EQ(found.dossiers[0].files.size(), 2u);
  EXPECT_EQ(found.dossiers[1].files[0].filename(), "b.pdf");
  EXPECT_EQ(found.dossiers[2].files[0].filename(), "c.png");
}

TEST(DiscoverInputs, ReportsMissingPathsAndEmptyFolders) {
  test::TempDir dir;
  fs::create_directories(dir / "empty");
  Discovery found = discover_inputs({dir / "missing.pdf", dir / "empty"});
  EXPECT_TRUE(found.dossiers.empty());
  ASSERT_EQ(found.errors.size(), 2u);
  EXPECT_NE(found.errors[0].message.find("missing.pdf"), std::string::npos);
  EXPECT_NE(found.errors[1].message.find("no page files"), std::string::npos);
}

TEST(DiscoverInputs, GivesAbsolutePaths) {
  test::TempDir dir;
  write_png(dir / "x.png");
  const fs::path old = fs::current_path();
  fs::current_path(dir.path());
  Discovery found = discover_inputs({"x.png"});
  fs::current_path(old);
  ASSERT_EQ(found.dossiers.size(), 1u);
  EXPECT_TRUE(found.dossiers[0].files[0].is_absolute());
}

}  // namespace
}  // namespace sohoa
