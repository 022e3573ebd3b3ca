// Kills real `sohoa ingest` and `sohoa reindex` processes with SIGKILL in the middle of their
// work, runs them again, and checks that `sohoa verify` is clean and that no dossier is
// missing or doubled.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "sohoa/archive/store.h"
#include "test_support.h"

namespace sohoa {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

using test::CommandRun;

// A running `sohoa` whose stdout we read line by line.
class Child {
 public:
  explicit Child(const std::vector<std::string>& args) {
    int fds[2];
    if (pipe(fds) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(fds[1], STDOUT_FILENO);
      const int null = open("/dev/null", O_WRONLY);
      dup2(null, STDERR_FILENO);
      close(fds[0]);
      close(fds[1]);
      std::vector<char*> argv;
      std::string binary = SOHOA_BINARY;
      argv.push_back(binary.data());
      std::vector<std::string> copy = args;
      for (std::string& a : copy) argv.push_back(a.data());
      argv.push_back(nullptr);
      setenv("OMP_THREAD_LIMIT", "1", 1);
      execv(binary.c_str(), argv.data());
      _exit(127);
    }
    close(fds[1]);
    out_ = fdopen(fds[0], "r");
  }
  ~Child() {
    if (pid_ > 0 && !reaped_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (out_) fclose(out_);
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  // The next line of stdout, or false at its end.
  bool read_line(std::string& line) {
    char buf[4096];
    if (!out_ || !fgets(buf, sizeof buf, out_)) return false;
    line = buf;
    return true;
  }
  // SIGTERM, then waits: the exit code, or -1 if it did not exit normally.
  int terminate() {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    reaped_ = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  // SIGKILL; true if the process was still running and died of it.
  bool kill9() {
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    reaped_ = true;
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
  }

 private:
  pid_t pid_ = -1;
  FILE* out_ = nullptr;
  bool reaped_ = false;
};

// Runs `sohoa ARGS...` to its end, stderr merged into stdout.
CommandRun run_to_end(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {SOHOA_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return test::run_command(argv, true);
}

std::vector<json> exported(const std::string& archive) {
  CommandRun r = run_to_end({"export", "--archive", archive, "--format", "jsonl"});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  std::vector<json> records;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) records.push_back(json::parse(line));
  return records;
}

// One-page PDFs, each with a word of its own.
std::vector<std::string> make_batch(const fs::path& folder, int count) {
  fs::create_directories(folder);
  const char* words[] = {"Mười", "Thạch", "Quỳnh", "Khuê", "Tường", "Nhạn", "Phượng", "Đoan"};
  std::vector<std::string> unique;
  for (int i = 0; i < count; ++i) {
    const std::string word = words[i % 8];
    test::write_pdf(folder / ("dossier-" + std::to_string(i) + ".pdf"),
                    {"GIẤY TIẾP NHẬN HỒ SƠ\nHọ và tên: Nguyễn " + word +
                     "\nSố thứ tự: " + std::to_string(100 + i)});
    unique.push_back(word);
  }
  return unique;
}

TEST(KillNine, IngestKilledMidBatchLosesNothingAndARerunRepairsTheRest) {
  test::TempDir dir;
  const std::string archive = (dir / "archive").string();
  constexpr int kDossiers = 6;
  make_batch(dir / "batch", kDossiers);

  Child ingest({"ingest", "--archive", archive, "--jobs", "1", (dir / "batch").string()});
  int archived = 0;
  std::set<std::string> committed;
  for (std::string line; archived < 2 && ingest.read_line(line);) {
    if (line.starts_with("archived")) {
      ++archived;
      committed.insert(line.substr(10, 20));
    }
  }
  ASSERT_EQ(archived, 2) << "ingest ended before archiving two dossiers";
  ASSERT_TRUE(ingest.kill9()) << "ingest finished before it could be killed";

  // Both acknowledged dossiers have their record; the index was not yet committed.
  std::vector<json> records = exported(archive);
  std::set<std::string> ids;
  for (const json& r : records) ids.insert(r["id"].get<std::string>());
  for (const std::string& id : committed) EXPECT_TRUE(ids.count(id)) << id << " was lost";
  CommandRun before = run_to_end({"verify", "--archive", archive});
  EXPECT_EQ(before.exit_code, 1) << before.out;
  EXPECT_NE(before.out.find("is not in the index (fix: sohoa reindex)"), std::string::npos)
      << before.out;

  CommandRun again =
      run_to_end({"ingest", "--archive", archive, "--json", (dir / "batch").string()});
  ASSERT_EQ(again.exit_code, 0) << again.out;
  const json report = json::parse(again.out.substr(again.out.find('{')));
  EXPECT_EQ(report["already_archived"].get<int>() + report["archived"].get<int>(), kDossiers);
  EXPECT_GE(report["already_archived"].get<int>(), 2);

  CommandRun after = run_to_end({"verify", "--archive", archive});
  EXPECT_EQ(after.exit_code, 0) << after.out;
  EXPECT_NE(after.out.find("all good"), std::string::npos) << after.out;
  records = exported(archive);
  ids.clear();
  for (const json& r : records) ids.insert(r["id"].get<std::string>());
  EXPECT_EQ(records.size(), static_cast<std::size_t>(kDossiers));
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kDossiers)) << "a dossier was doubled";
  CommandRun search =
      run_to_end({"search", "--archive", archive, "--json", "--limit", "100", "nguyen"});
  ASSERT_EQ(search.exit_code, 0) << search.out;
  EXPECT_EQ(json::parse(search.out)["total"], kDossiers);
}

// What a split archive holds, independent of when it was made: per dossier its id, location,
// and pages (source page, separator or blank, text).
std::set<std::string> split_archive_contents(const std::string& archive) {
  std::set<std::string> out;
  for (const json& r : exported(archive)) {
    std::string d = r["id"].get<std::string>() + " @" + r.value("location", "") + ":";
    for (const json& p : r["pages"]) {
      d += " " + std::to_string(p["source_page"].get<int>()) +
           (p["separator"].get<bool>() ? "s" : "") + (p["blank"].get<bool>() ? "b" : "") + "[" +
           p["text"].get<std::string>() + "]";
    }
    out.insert(d);
  }
  return out;
}

TEST(KillNine, ASplitStackKilledAtRandomMomentsEndsLikeAnUninterruptedRun) {
  test::TempDir dir;
  // Five dossiers in one TIFF, each behind a separator sheet, some with a blank back.
  std::vector<Image> pages;
  const char* names[] = {"Nguyễn Văn Mười", "Trần Thị Quỳnh", "Lê Đoan", "Phạm Khuê", "Đỗ Tường"};
  for (int i = 0; i < 5; ++i) {
    pages.push_back(test::render_separator(
        i % 2 == 0 ? "SOHOA-SEP:HOP-2019-00" + std::to_string(i + 1) : "SOHOA-SEP"));
    pages.push_back(
        test::render_text({"GIẤY TIẾP NHẬN HỒ SƠ", std::string("Họ và tên: ") + names[i],
                           "Số thứ tự: " + std::to_string(200 + i)}));
    if (i % 2 == 1) pages.push_back(test::render_blank(150));
    pages.push_back(test::render_text({"ĐƠN ĐỀ NGHỊ", std::string("Người đề nghị: ") + names[i]}));
  }
  std::vector<PIX*> raw;
  for (const Image& p : pages) raw.push_back(p.get());
  const fs::path stack = dir / "box.tif";
  test::write_tiff(stack, raw);

  const std::string whole = (dir / "whole").string();
  const auto started = std::chrono::steady_clock::now();
  CommandRun uninterrupted = run_to_end({"ingest", "--archive", whole, "--split", stack.string()});
  ASSERT_EQ(uninterrupted.exit_code, 0) << uninterrupted.out;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const std::set<std::string> expected = split_archive_contents(whole);
  ASSERT_EQ(expected.size(), 5u);

  const std::string archive = (dir / "archive").string();
  std::random_device entropy;
  const unsigned seed = entropy();
  std::mt19937 random(seed);
  std::uniform_real_distribution<double> moment(0.05 * seconds, 0.5 * seconds);
  std::vector<std::size_t> archived_after;
  for (int attempt = 0; attempt < 4; ++attempt) {
    Child ingest({"ingest", "--archive", archive, "--split", stack.string()});
    // The first stop comes early enough that the stack cannot be finished.
    const double at = moment(random);
    std::this_thread::sleep_for(std::chrono::duration<double>(at));
    if (attempt == 0) {
      // A polite stop first (systemd, Ctrl-C): it finishes the pages in hand and says so.
      const int code = ingest.terminate();
      EXPECT_TRUE(code == 0 || code == 1) << "exit code " << code << " (seed " << seed << ")";
    } else {
      ingest.kill9();
    }
    archived_after.push_back(exported(archive).size());
  }
  EXPECT_LT(archived_after.front(), 5u)
      << "the first stop came after the end (seed " << seed << ")";
  CommandRun last = run_to_end({"ingest", "--archive", archive, "--split", stack.string()});
  ASSERT_EQ(last.exit_code, 0) << last.out << " (seed " << seed << ")";
  std::cout << "uninterrupted run " << seconds << " s; dossiers after each stop:";
  for (std::size_t n : archived_after) std::cout << " " << n;
  std::cout << "; the run after the stops: " << last.out.substr(last.out.rfind("dossiers (") - 2)
            << std::flush;
  EXPECT_EQ(split_archive_contents(archive), expected) << "seed " << seed;
  CommandRun verify = run_to_end({"verify", "--archive", archive});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
  // Nothing is left half-done: the journal is empty.
  const fs::path work = fs::path(archive) / "work";
  EXPECT_TRUE(!fs::exists(work) || fs::is_empty(work));
}

// A tmpfs of a few megabytes mounted for one test (root only), unmounted when it dies.
class SmallDisk {
 public:
  SmallDisk(const fs::path& at, const char* size) : path_(at) {
    fs::create_directories(at);
    const std::string options = std::string("size=") + size;
    mounted_ = ::mount("tmpfs", at.c_str(), "tmpfs", 0, options.c_str()) == 0;
    if (!mounted_) error_ = std::strerror(errno);
  }
  ~SmallDisk() {
    if (mounted_) ::umount2(path_.c_str(), MNT_DETACH);
  }
  SmallDisk(const SmallDisk&) = delete;
  SmallDisk& operator=(const SmallDisk&) = delete;
  bool mounted() const { return mounted_; }
  const std::string& error() const { return error_; }
  std::uintmax_t free_bytes() const {
    struct statvfs st {};
    if (::statvfs(path_.c_str(), &st) != 0) return 0;
    return static_cast<std::uintmax_t>(st.f_bavail) * st.f_frsize;
  }

 private:
  fs::path path_;
  bool mounted_ = false;
  std::string error_;
};

TEST(DiskFull, IngestStopsWithAClearMessageAndARerunAfterFreeingSpaceCompletes) {
  test::TempDir dir;
  SmallDisk disk(dir / "disk", "8m");
  if (!disk.mounted()) {
    GTEST_SKIP() << "cannot mount a small tmpfs here (" << disk.error()
                 << "): the test needs root with CAP_SYS_ADMIN";
  }
  constexpr int kDossiers = 4;
  make_batch(dir / "batch", kDossiers);
  const std::string archive = (dir / "disk" / "archive").string();
  // The archive exists, then the disk fills up but for a few kilobytes.
  ASSERT_EQ(run_to_end({"ingest", "--archive", archive, "--retry-failed"}).exit_code, 0);
  const fs::path filler = dir / "disk" / "filler";
  {
    std::ofstream out(filler, std::ios::binary);
    const std::string block(4096, 'x');
    const std::uintmax_t keep = 24 * 1024;
    for (std::uintmax_t left = disk.free_bytes(); left > keep + block.size();
         left -= block.size()) {
      out << block;
    }
  }
  CommandRun full = run_to_end({"ingest", "--archive", archive, (dir / "batch").string()});
  EXPECT_EQ(full.exit_code, 1) << full.out;
  EXPECT_NE(full.out.find("No space left on device"), std::string::npos) << full.out;
  EXPECT_NE(full.out.find("free some space and run the command again"), std::string::npos)
      << full.out;

  fs::remove(filler);
  CommandRun again = run_to_end({"ingest", "--archive", archive, (dir / "batch").string()});
  ASSERT_EQ(again.exit_code, 0) << again.out;
  CommandRun verify = run_to_end({"verify", "--archive", archive});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
  EXPECT_EQ(exported(archive).size(), static_cast<std::size_t>(kDossiers));
}

TEST(KillNine, ReindexKilledMidWayIsFinishedByARerun) {
  test::TempDir dir;
  const std::string archive = (dir / "archive").string();
  make_batch(dir / "batch", 1);
  ASSERT_EQ(run_to_end({"ingest", "--archive", archive, (dir / "batch").string()}).exit_code, 0);
  // Many records (copies of the one OCRed dossier under other ids), so that a reindex takes
  // long enough to be killed after its first commit and before its last (it reads records and
  // builds documents on every core).
  std::vector<json> records = exported(archive);
  ASSERT_EQ(records.size(), 1u);
  constexpr int kCopies = 10000;
  for (int i = 0; i < kCopies; ++i) {
    json copy = records[0];
    const std::string id = sha256_hex("copy " + std::to_string(i)).substr(0, 20);
    copy["id"] = id;
    const fs::path file = fs::path(archive) / "records" / id.substr(0, 2) / (id + ".json");
    fs::create_directories(file.parent_path());
    test::write_file(file, copy.dump());
  }

  Child reindex({"reindex", "--archive", archive});
  std::string line;
  ASSERT_TRUE(reindex.read_line(line)) << "reindex printed no progress";
  ASSERT_TRUE(line.starts_with("indexed 500 of")) << line;
  // Meanwhile: searches work, and a second writer is refused with a clear message.
  CommandRun search = run_to_end({"search", "--archive", archive, "nguyen"});
  EXPECT_EQ(search.exit_code, 0) << search.out;
  CommandRun second = run_to_end({"reindex", "--archive", archive, "--wait", "0"});
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_NE(second.out.find("another sohoa process"), std::string::npos) << second.out;
  ASSERT_TRUE(reindex.kill9()) << "reindex finished before it could be killed";

  CommandRun again = run_to_end({"reindex", "--archive", archive});
  ASSERT_EQ(again.exit_code, 0) << again.out;
  EXPECT_NE(again.out.find(std::to_string(kCopies + 1) + " dossiers indexed"), std::string::npos)
      << again.out;
  CommandRun after = run_to_end({"verify", "--archive", archive, "--json"});
  EXPECT_EQ(after.exit_code, 0) << after.out;
  const json report = json::parse(after.out);
  EXPECT_EQ(report["records"], kCopies + 1);
  EXPECT_EQ(report["index_documents"], kCopies + 1);
}

}  // namespace
}  // namespace sohoa

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
