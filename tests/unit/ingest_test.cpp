#include "sohoa/pipeline/ingest.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "test_support.h"

namespace sohoa {
namespace {

namespace fs = std::filesystem;

TEST(Ingest, APageOverItsOcrTimeLimitIsFlaggedAndTheDossierStillLands) {
  test::TempDir dir;
  Image page = test::render_text({"GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
                                  "Mã hồ sơ: 000.00.17.H26-191226-0001",
                                  "Tiếp nhận hồ sơ của: Nguyễn Văn An",
                                  "Địa chỉ: phường Xuân Đỉnh, quận Bắc Từ Liêm, thành phố Hà Nội"});
  const fs::path file = dir / "receipt.png";
  ASSERT_EQ(pixWrite(file.c_str(), page.get(), IFF_PNG), 0);
  Result<Archive> archive = Archive::open(dir / "archive", Archive::Mode::kCreateIfMissing);
  ASSERT_TRUE(archive.ok()) << archive.error().message;
  Result<IndexWriter> index = IndexWriter::open(archive->index_path());
  ASSERT_TRUE(index.ok());
  IngestOptions options;
  options.jobs = 1;
  options.ocr.page_timeout_ms = 1;  // no page can be read in a millisecond
  Result<IngestReport> report = ingest(*archive, *index, {file}, options);
  ASSERT_TRUE(report.ok()) << report.error().message;
  ASSERT_EQ(report->count(DossierOutcome::Status::kArchived), 1);
  Result<Dossier> d = archive->load_record(report->dossiers[0].id);
  ASSERT_TRUE(d.ok());
  ASSERT_EQ(d->pages.size(), 1u);
  const std::vector<std::string>& flags = d->pages[0].flags;
  EXPECT_NE(std::find(flags.begin(), flags.end(), "ocr_timeout"), flags.end());
}

TEST(Ingest, APageWithinItsTimeLimitIsNotFlagged) {
  test::TempDir dir;
  Image page = test::render_text({"Mã hồ sơ: 000.00.17.H26-191226-0001"});
  const fs::path file = dir / "receipt.png";
  ASSERT_EQ(pixWrite(file.c_str(), page.get(), IFF_PNG), 0);
  Result<Archive> archive = Archive::open(dir / "archive", Archive::Mode::kCreateIfMissing);
  ASSERT_TRUE(archive.ok());
  Result<IndexWriter> index = IndexWriter::open(archive->index_path());
  ASSERT_TRUE(index.ok());
  IngestOptions options;
  options.jobs = 1;
  Result<IngestReport> report = ingest(*archive, *index, {file}, options);
  ASSERT_TRUE(report.ok());
  Result<Dossier> d = archive->load_record(report->dossiers.at(0).id);
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d->pages.at(0).flags.empty());
  EXPECT_NE(d->pages[0].text.find("000.00.17.H26-191226-0001"), std::string::npos)
      << d->pages[0].text;
}

}  // namespace
}  // namespace sohoa
