#include "sohoa/pipeline/ingest.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>

#include "sohoa/pipeline/decode.h"
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

// An archive with its index writer and failure report, in a folder of its own.
struct TestArchive {
  explicit TestArchive(const fs::path& root)
      : archive(*Archive::open(root, Archive::Mode::kCreateIfMissing)),
        index(open_index(archive)),
        failures(open_failures(archive)) {}
  static IndexWriter open_index(const Archive& a) {
    Result<IndexWriter> r = IndexWriter::open(a.index_path());
    return std::move(*r);
  }
  static FailureLog open_failures(const Archive& a) {
    Result<FailureLog> r = FailureLog::load(a);
    return std::move(*r);
  }
  std::vector<std::vector<std::string>> page_lists() const {
    std::vector<std::vector<std::string>> out;
    const Result<std::vector<std::string>> ids = archive.list_ids();
    for (const std::string& id : *ids) {
      Result<Dossier> d = archive.load_record(id);
      std::vector<std::string> pages;
      for (const Page& p : d->pages) {
        pages.push_back(std::to_string(p.source_page) + (p.separator ? "s" : "") +
                        (p.blank ? "b" : ""));
      }
      out.push_back(pages);
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  Archive archive;
  IndexWriter index;
  FailureLog failures;
};

// sep(HOP-2020-001), text, blank, sep, text.
fs::path write_separated_stack(const test::TempDir& dir) {
  Image sep1 = test::render_separator("SOHOA-SEP:HOP-2020-001");
  Image a = test::render_text({"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Đơn đề nghị số một"});
  Image blank = test::render_blank();
  Image sep2 = test::render_separator("SOHOA-SEP");
  Image b = test::render_text({"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Đơn đề nghị số hai"});
  const fs::path stack = dir / "box.tif";
  test::write_tiff(stack, {sep1.get(), a.get(), blank.get(), sep2.get(), b.get()});
  return stack;
}

TEST(Ingest, SplitsAStackAtSeparatorSheetsKeepingBlankPagesAndTheBoxLabel) {
  test::TempDir dir;
  const fs::path stack = write_separated_stack(dir);
  TestArchive t(dir / "archive");
  IngestOptions options;
  options.split = true;
  options.failures = &t.failures;
  Result<IngestReport> report = ingest(t.archive, t.index, {stack}, options);
  ASSERT_TRUE(report.ok()) << report.error().message;
  ASSERT_EQ(report->dossiers.size(), 2u);
  const DossierOutcome& first = report->dossiers[0];
  EXPECT_EQ(first.status, DossierOutcome::Status::kArchived);
  EXPECT_EQ(first.first_page, 1);
  EXPECT_EQ(first.last_page, 3);
  EXPECT_EQ(first.location, "HOP-2020-001");
  EXPECT_EQ(report->dossiers[1].first_page, 4);
  EXPECT_EQ(report->dossiers[1].location, "");
  Result<Dossier> d = t.archive.load_record(first.id);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->location, "HOP-2020-001");
  ASSERT_EQ(d->pages.size(), 3u);
  EXPECT_TRUE(d->pages[0].separator);
  EXPECT_NE(d->pages[1].text.find("số một"), std::string::npos) << d->pages[1].text;
  EXPECT_TRUE(d->pages[2].blank);
  EXPECT_EQ(d->sources, std::vector<std::string>{stack.string()});
  EXPECT_TRUE(t.failures.entries().empty());
  EXPECT_FALSE(fs::exists(dir / "archive" / "work") && !fs::is_empty(dir / "archive" / "work"));
  // The box label is searchable.
  Result<Searcher> searcher = Searcher::open(t.archive.index_path());
  ASSERT_TRUE(searcher.ok());
  Result<SearchResults> found = searcher->search(SearchRequest{"location:HOP-2020-001"});
  ASSERT_TRUE(found.ok()) << found.error().message;
  ASSERT_EQ(found->hits.size(), 1u);
  EXPECT_EQ(found->hits[0].id, first.id);

  // The same stack again adds nothing and reads nothing.
  Result<IngestReport> again = ingest(t.archive, t.index, {stack}, options);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->count(DossierOutcome::Status::kAlreadyArchived), 2);
  EXPECT_EQ(again->pages_recognised, 0);
  EXPECT_EQ(t.archive.list_ids()->size(), 2u);
  // Given again without --split, the stack is recognised too.
  options.split = false;
  Result<IngestReport> plain = ingest(t.archive, t.index, {stack}, options);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->count(DossierOutcome::Status::kAlreadyArchived), 2);
  EXPECT_EQ(t.archive.list_ids()->size(), 2u);
}

TEST(Ingest, APageWhereOcrFindsOnlyNoiseIsBlank) {
  test::TempDir dir;
  Image page = test::render_text({"", "", "         +          .*", "", "   ."});
  const fs::path file = dir / "back.png";
  ASSERT_EQ(pixWrite(file.c_str(), page.get(), IFF_PNG), 0);
  TestArchive t(dir / "archive");
  IngestOptions options;
  options.jobs = 1;
  Result<IngestReport> report = ingest(t.archive, t.index, {file}, options);
  ASSERT_TRUE(report.ok());
  Result<Dossier> d = t.archive.load_record(report->dossiers.at(0).id);
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d->pages.at(0).blank) << d->pages[0].text;
  EXPECT_TRUE(d->pages[0].words.empty());
}

TEST(Ingest, SplitsAStackWithoutSeparatorsWhereTheReceiptsBegin) {
  test::TempDir dir;
  // Two committed dossiers, each a receipt and a form or copy, scanned as one stack.
  std::vector<Image> pages;
  for (const char* name : {"L0-ket_hon-004.pdf", "L1-chung_thuc-011.pdf"}) {
    const fs::path file = test::samples_dir() / "dossiers" / name;
    for (int n = 1; n <= 2; ++n) {
      Result<DecodedPage> page = decode_page(file, InputKind::kPdf, n);
      ASSERT_TRUE(page.ok()) << page.error().message;
      pages.push_back(Image(pixConvertTo8(page->image.get(), 0)));
      pixSetResolution(pages.back().get(), page->dpi, page->dpi);
    }
  }
  std::vector<PIX*> raw;
  for (const Image& p : pages) raw.push_back(p.get());
  const fs::path stack = dir / "box.tif";
  test::write_tiff(stack, raw);
  TestArchive t(dir / "archive");
  PluginSet plugins = PluginSet::load({SOHOA_PLUGIN_DIR});
  IngestOptions options;
  options.split = true;
  options.plugins = &plugins;
  Result<IngestReport> report = ingest(t.archive, t.index, {stack}, options);
  ASSERT_TRUE(report.ok()) << report.error().message;
  ASSERT_EQ(report->dossiers.size(), 2u);
  EXPECT_EQ(report->dossiers[0].procedure, "ket_hon");
  EXPECT_EQ(report->dossiers[0].first_page, 1);
  EXPECT_EQ(report->dossiers[0].last_page, 2);
  EXPECT_EQ(report->dossiers[1].procedure, "chung_thuc");
  EXPECT_EQ(report->dossiers[1].first_page, 3);
  EXPECT_EQ(report->dossiers[1].last_page, 4);
}

TEST(Ingest, AStoppedRunContinuesFromItsJournalAndEndsWithTheSameArchive) {
  test::TempDir dir;
  const fs::path stack = write_separated_stack(dir);
  TestArchive whole(dir / "whole");
  IngestOptions options;
  options.split = true;
  options.jobs = 1;
  ASSERT_TRUE(ingest(whole.archive, whole.index, {stack}, options).ok());

  TestArchive stopped(dir / "stopped");
  std::atomic<bool> stop{false};
  options.stop = &stop;
  options.on_progress = [&stop](const Progress& p) {
    if (p.pages_done >= 2) stop = true;
  };
  Result<IngestReport> first = ingest(stopped.archive, stopped.index, {stack}, options);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_TRUE(first->stopped);
  EXPECT_TRUE(stopped.archive.list_ids()->empty());
  stop = false;
  options.on_progress = {};
  Result<IngestReport> second = ingest(stopped.archive, stopped.index, {stack}, options);
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_FALSE(second->stopped);
  EXPECT_GT(second->pages_from_journal, 0);
  EXPECT_EQ(stopped.page_lists(), whole.page_lists());
  EXPECT_EQ(*stopped.archive.list_ids(), *whole.archive.list_ids());
}

TEST(Ingest, ATimedOutPageIsReportedAndReadAgainByRetryFailed) {
  test::TempDir dir;
  Image page = test::render_text({"Mã hồ sơ: 000.00.17.H26-191226-0001"});
  const fs::path file = dir / "receipt.png";
  ASSERT_EQ(pixWrite(file.c_str(), page.get(), IFF_PNG), 0);
  TestArchive t(dir / "archive");
  IngestOptions options;
  options.jobs = 1;
  options.failures = &t.failures;
  options.ocr.page_timeout_ms = 1;
  Result<IngestReport> report = ingest(t.archive, t.index, {file}, options);
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(t.failures.entries().size(), 1u);
  const Failure f = t.failures.entries()[0];
  EXPECT_EQ(f.kind, "page");
  EXPECT_EQ(f.file, file.string());
  EXPECT_EQ(f.page, 1);
  EXPECT_EQ(f.dossier, report->dossiers.at(0).id);
  // The report survives the process: a new log reads it back.
  EXPECT_EQ(FailureLog::load(t.archive)->entries().size(), 1u);

  options.ocr.page_timeout_ms = 60000;
  Result<IngestReport> retried = retry_failed(t.archive, t.index, t.failures, options);
  ASSERT_TRUE(retried.ok()) << retried.error().message;
  EXPECT_TRUE(t.failures.entries().empty()) << t.failures.entries().at(0).reason;
  Result<Dossier> d = t.archive.load_record(f.dossier);
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d->pages.at(0).flags.empty());
  EXPECT_EQ(d->pages[0].source, file.string());
  EXPECT_NE(d->pages[0].text.find("000.00.17.H26-191226-0001"), std::string::npos);
}

TEST(Ingest, AnUnreadableFileIsReportedAndArchivedByRetryFailedOnceReplaced) {
  test::TempDir dir;
  const fs::path file = dir / "scan.png";
  test::write_file(file, "\x89PNG but not really");
  TestArchive t(dir / "archive");
  IngestOptions options;
  options.jobs = 1;
  options.failures = &t.failures;
  Result<IngestReport> report = ingest(t.archive, t.index, {file}, options);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->count(DossierOutcome::Status::kFailed), 1);
  ASSERT_EQ(t.failures.entries().size(), 1u);
  EXPECT_EQ(t.failures.entries()[0].kind, "input");
  EXPECT_NE(t.failures.entries()[0].reason.find("scan.png"), std::string::npos);

  Result<IngestReport> still = retry_failed(t.archive, t.index, t.failures, options);
  ASSERT_TRUE(still.ok());
  ASSERT_EQ(t.failures.entries().size(), 1u);
  EXPECT_EQ(t.failures.entries()[0].attempts, 2);

  Image page = test::render_text({"Đơn đề nghị"});
  ASSERT_EQ(pixWrite(file.c_str(), page.get(), IFF_PNG), 0);
  Result<IngestReport> fixed = retry_failed(t.archive, t.index, t.failures, options);
  ASSERT_TRUE(fixed.ok());
  EXPECT_EQ(fixed->count(DossierOutcome::Status::kArchived), 1);
  EXPECT_TRUE(t.failures.entries().empty());
}

}  // namespace
}  // namespace sohoa
