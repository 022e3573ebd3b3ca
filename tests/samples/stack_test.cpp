// Generates small stacks with `sohoa-samples --preset stack` and reads them back the way a
// stack splitter would (sohoa's own decoder): the truth's page numbers cover the file, every
// separator sheet's QR code reads back as the truth says at every scan level and no other page
// carries one, blank backs look blank, and the same seed gives the same bytes.
//
// QR codes are decoded with OpenCV's wechat_qrcode module (contrib, no model files):
// cv::QRCodeDetector finds codes but Debian's OpenCV 4.6 is built without quirc, so its
// decode() always returns an empty string. Where it can decode, its answer is checked too.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <future>
#include <map>
#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>
#include <opencv2/wechat_qrcode.hpp>
#include <set>
#include <string>
#include <vector>

#include "sohoa/pipeline/decode.h"
#include "test_support.h"

namespace sohoa {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr int kDossiers = 6;
// QR codes are looked for on pages scaled to this width: fast, and where cv::QRCodeDetector
// finds them (at full size it misses many: its adaptive threshold breaks large modules). At
// full size the wechat decoder can take seconds on a page without a code, so full-size
// decoding is only tried on the separator sheets.
constexpr int kSmallWidth = 600;
constexpr int kBlankBlobs = 20;    // a blank back has at most this many ink_blobs()
constexpr int kPrintedBlobs = 30;  // a printed page more (seen: blank 0-7, printed 60 and up)

/// What the test needs from one page of a stack.
struct PageInfo {
  std::string qr_full;          ///< first code decoded at full size (separator sheets only)
  std::string qr_small;         ///< the same on the page scaled to kSmallWidth
  bool detected_small = false;  ///< cv::QRCodeDetector::detect found a code (600 or 1000 px)
  std::string qr_opencv;        ///< cv::QRCodeDetector::detectAndDecode (scaled page)
  int blobs = 0;                ///< ink_blobs()
};

struct Stack {
  json truth;
  fs::path file;  // the stack's PDF, TIFF or folder
  std::vector<PageInfo> pages;
};

struct Generation {
  std::string name;
  fs::path out;
  test::CommandRun result;
  json manifest;
  std::vector<Stack> stacks;
};

cv::Mat to_grey(PIX* pix) {
  PIX* grey = pixGetDepth(pix) == 32 ? pixConvertRGBToLuminance(pix) : pixConvertTo8(pix, 0);
  cv::Mat out(pixGetHeight(grey), pixGetWidth(grey), CV_8U);
  const l_uint32* data = pixGetData(grey);
  const int wpl = pixGetWpl(grey);
  for (int y = 0; y < out.rows; ++y) {
    const l_uint32* line = data + static_cast<ptrdiff_t>(y) * wpl;
    uchar* row = out.ptr<uchar>(y);
    for (int x = 0; x < out.cols; ++x) row[x] = static_cast<uchar>(GET_DATA_BYTE(line, x));
  }
  pixDestroy(&grey);
  return out;
}

cv::Mat scaled(const cv::Mat& grey, double factor) {
  cv::Mat out;
  cv::resize(grey, out, cv::Size(), factor, factor, cv::INTER_AREA);
  return out;
}

/// A simple blank-page measure: the page at 100 dpi without a 5 % border (scanner-lid bands,
/// page edges), pixels 60 levels darker than the paper, and among their connected blobs those
/// of 12 pixels or more (a letter; dust specks and hairs are smaller or thinner).
int ink_blobs(const cv::Mat& grey, int dpi) {
  const cv::Mat page = scaled(grey, 100.0 / dpi);
  const int bx = page.cols / 20;
  const int by = page.rows / 20;
  const cv::Mat inner = page(cv::Rect(bx, by, page.cols - 2 * bx, page.rows - 2 * by));
  std::vector<uchar> values(inner.begin<uchar>(), inner.end<uchar>());
  std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
  const int paper = values[values.size() / 2];
  const cv::Mat ink = inner < paper - 60;
  cv::Mat labels;
  cv::Mat stats;
  cv::Mat centroids;
  const int n = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8);
  int blobs = 0;
  for (int i = 1; i < n; ++i) blobs += stats.at<int>(i, cv::CC_STAT_AREA) >= 12 ? 1 : 0;
  return blobs;
}

/// Whether cv::QRCodeDetector can decode at all (OpenCV built with quirc), tried once on a
/// clean code.
bool opencv_decodes() {
  static const bool decodes = [] {
    cv::Mat code;
    cv::QRCodeEncoder::create()->encode("SOHOA", code);
    cv::Mat big;
    cv::resize(code, big, cv::Size(), 8, 8, cv::INTER_NEAREST);
    cv::copyMakeBorder(big, big, 32, 32, 32, 32, cv::BORDER_CONSTANT, cv::Scalar(255));
    return cv::QRCodeDetector().detectAndDecode(big) == "SOHOA";
  }();
  return decodes;
}

std::string first_code(cv::wechat_qrcode::WeChatQRCode& decoder, const cv::Mat& image) {
  std::vector<cv::Mat> points;
  const std::vector<std::string> codes = decoder.detectAndDecode(image, points);
  return codes.empty() ? std::string() : codes.front();
}

PageInfo inspect(const cv::Mat& grey, int dpi, bool sheet,
                 cv::wechat_qrcode::WeChatQRCode& decoder) {
  PageInfo info;
  if (sheet) info.qr_full = first_code(decoder, grey);
  const cv::Mat small = scaled(grey, static_cast<double>(kSmallWidth) / grey.cols);
  info.qr_small = first_code(decoder, small);
  cv::QRCodeDetector opencv;
  std::vector<cv::Point2f> corners;
  info.detected_small = opencv.detect(small, corners);
  if (sheet && !info.detected_small) {
    info.detected_small = opencv.detect(scaled(grey, 1000.0 / grey.cols), corners);
  }
  if (opencv_decodes()) info.qr_opencv = opencv.detectAndDecode(small);
  info.blobs = ink_blobs(grey, dpi);
  return info;
}

/// Reads every page of a stack through sohoa's decoder (poppler renders PDF pages at 300 dpi).
std::vector<PageInfo> read_pages(const fs::path& file, const std::string& container,
                                 const std::set<int>& sheets) {
  cv::wechat_qrcode::WeChatQRCode decoder;
  std::vector<PageInfo> out;
  const auto add = [&](const fs::path& path, InputKind kind, int page) {
    Result<DecodedPage> decoded = decode_page(path, kind, page);
    if (!decoded.ok()) throw std::runtime_error("cannot decode " + path.string());
    const bool sheet = sheets.count(static_cast<int>(out.size()) + 1) > 0;
    out.push_back(inspect(to_grey(decoded->image.get()), decoded->dpi, sheet, decoder));
    if (std::getenv("SOHOA_STACK_TEST_VERBOSE") != nullptr) {
      std::fprintf(stderr, "%s page %zu: %d blobs, code '%s'\n", path.filename().c_str(),
                   out.size(), out.back().blobs, out.back().qr_small.c_str());
    }
  };
  if (container == "folder") {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(file)) files.push_back(e.path());
    std::sort(files.begin(), files.end());  // page-0001 … : name order is page order
    for (const fs::path& f : files) add(f, sniff_input(f), 1);
  } else {
    const InputKind kind = sniff_input(file);
    Result<int> count = count_pages(file, kind);
    if (!count.ok()) throw std::runtime_error("cannot count the pages of " + file.string());
    for (int p = 1; p <= *count; ++p) add(file, kind, p);
  }
  return out;
}

json read_json(const fs::path& file) {
  std::ifstream in(file);
  return json::parse(in);
}

Generation generate(const std::string& name, const fs::path& root,
                    const std::vector<std::string>& args) {
  Generation run;
  run.name = name;
  run.out = root / name;
  std::vector<std::string> argv = {SOHOA_SAMPLES_BINARY, "--out", run.out.string(), "--preset",
                                   "stack"};
  argv.insert(argv.end(), args.begin(), args.end());
  run.result = test::run_command(argv);
  return run;
}

/// Loads the manifest and truth of a generation and reads all its pages.
void read_stacks(Generation* run) {
  if (run->result.exit_code != 0) return;
  run->manifest = read_json(run->out / "manifest.json");
  for (const json& name_json : run->manifest.at("stacks")) {
    const std::string stack_name = name_json.get<std::string>();
    Stack stack;
    stack.truth = read_json(run->out / "stacks" / (stack_name + ".truth.json"));
    stack.file = run->out / stack.truth.at("path").get<std::string>();
    std::set<int> sheets;
    for (const json& d : stack.truth.at("dossiers")) {
      if (!d.at("separator_page").is_null()) sheets.insert(d.at("separator_page").get<int>());
    }
    stack.pages = read_pages(stack.file, stack.truth.at("container").get<std::string>(), sheets);
    run->stacks.push_back(std::move(stack));
  }
}

std::map<std::string, std::string> all_files(const fs::path& root) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file()) {
      out[fs::relative(e.path(), root).string()] = test::read_file(e.path());
    }
  }
  return out;
}

std::vector<int> ints(const json& array) {
  std::vector<int> out;
  for (const json& v : array) out.push_back(v.get<int>());
  return out;
}

class StackTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    const std::vector<std::string> common = {
        "--count", std::to_string(kDossiers), "--blank-backs", "0.3", "--jobs", "2"};
    const auto with = [&](std::vector<std::string> args) {
      args.insert(args.end(), common.begin(), common.end());
      return args;
    };
    const std::vector<std::string> nosep = {"--seed",       "44",  "--count",       "2",
                                            "--separators", "no",  "--blank-backs", "0.3",
                                            "--containers", "tiff"};
    // One stack per scan level, each in another container, and a stack without separators
    // made twice, with another number of threads, for the bytes. Each stack is read while
    // the next one is made.
    const std::vector<std::pair<std::string, std::vector<std::string>>> plan = {
        {"level0", with({"--seed", "41", "--levels", "0", "--containers", "folder"})},
        {"level1", with({"--seed", "42", "--levels", "1", "--containers", "tiff"})},
        {"level2", with({"--seed", "43", "--levels", "2", "--containers", "pdf"})},
        {"nosep", [&] {
           std::vector<std::string> args = nosep;
           args.insert(args.end(), {"--jobs", "2"});
           return args;
         }()}};
    runs_ = new std::vector<Generation>();
    runs_->reserve(plan.size());  // the readers hold pointers into it
    std::vector<std::future<void>> readers;
    for (const auto& [name, args] : plan) {
      runs_->push_back(generate(name, dir_->path(), args));
      readers.push_back(std::async(std::launch::async, read_stacks, &runs_->back()));
    }
    std::vector<std::string> args = nosep;
    args.insert(args.end(), {"--jobs", "1"});
    again_ = new Generation(generate("nosep-again", dir_->path(), args));
    for (std::future<void>& reader : readers) reader.get();
  }
  static void TearDownTestSuite() {
    delete again_;
    delete runs_;
    delete dir_;
  }

  static test::TempDir* dir_;
  static std::vector<Generation>* runs_;
  static Generation* again_;
};

test::TempDir* StackTest::dir_ = nullptr;
std::vector<Generation>* StackTest::runs_ = nullptr;
Generation* StackTest::again_ = nullptr;

TEST_F(StackTest, GeneratorSucceeds) {
  for (const Generation& run : *runs_) {
    SCOPED_TRACE(run.name);
    ASSERT_EQ(run.result.exit_code, 0) << run.result.err;
    EXPECT_EQ(run.manifest.at("preset"), "stack");
    ASSERT_EQ(run.stacks.size(), 1u);
    EXPECT_FALSE(fs::exists(run.out / "dossiers"));
  }
  ASSERT_EQ(again_->result.exit_code, 0) << again_->result.err;
}

TEST_F(StackTest, TruthCoversEveryPageInOrder) {
  for (const Generation& run : *runs_) {
    for (const Stack& stack : run.stacks) {
      SCOPED_TRACE(run.name);
      const json& truth = stack.truth;
      const bool separators = truth.at("separators").get<bool>();
      EXPECT_EQ(separators, run.name != "nosep");
      EXPECT_EQ(truth.at("pages").get<int>(), static_cast<int>(stack.pages.size()));
      int expected = 1;  // the next page number in feed order
      for (const json& d : truth.at("dossiers")) {
        SCOPED_TRACE(d.at("name").get<std::string>());
        if (separators) {
          EXPECT_EQ(d.at("separator_page").get<int>(), expected++);
        } else {
          EXPECT_TRUE(d.at("separator_page").is_null());
          EXPECT_TRUE(d.at("location").is_null());
          EXPECT_NE(d.at("procedure"), "unknown");
        }
        const std::vector<int> pages = ints(d.at("pages"));
        const std::vector<int> blanks = ints(d.at("blank_pages"));
        ASSERT_FALSE(pages.empty());
        for (int p : pages) EXPECT_EQ(p, expected++);
        // Only a separator sheet's blank back can come before a dossier's first printed page.
        if (!separators) {
          EXPECT_TRUE(blanks.empty() || blanks.front() != pages.front());
        }
        std::set<int> printed(pages.begin(), pages.end());
        for (int b : blanks) EXPECT_EQ(printed.erase(b), 1u) << "blank page " << b;
        std::vector<int> text_pages;
        for (const json& t : d.at("page_texts")) text_pages.push_back(t.at("page").get<int>());
        EXPECT_EQ(text_pages, std::vector<int>(printed.begin(), printed.end()));
        // The one-stop receipt opens every procedure dossier.
        if (d.at("procedure") != "unknown") {
          EXPECT_EQ(d.at("page_texts").at(0).at("kind"), "receipt");
        }
      }
      EXPECT_EQ(expected - 1, truth.at("pages").get<int>());
    }
  }
}

TEST_F(StackTest, SeparatorCodesReadBackAtEveryLevel) {
  int separators = 0;
  for (const Generation& run : *runs_) {
    for (const Stack& stack : run.stacks) {
      const std::string label = stack.truth.at("label").get<std::string>();
      for (const json& d : stack.truth.at("dossiers")) {
        if (d.at("separator_page").is_null()) continue;
        ++separators;
        SCOPED_TRACE(run.name + " " + d.at("name").get<std::string>());
        const std::string code = d.at("separator_code").get<std::string>();
        if (d.at("location").is_null()) {
          EXPECT_EQ(code, "SOHOA-SEP");
        } else {
          EXPECT_EQ(d.at("location").get<std::string>(), label);
          EXPECT_EQ(code, "SOHOA-SEP:" + label);
        }
        const PageInfo& page = stack.pages.at(d.at("separator_page").get<size_t>() - 1);
        EXPECT_EQ(page.qr_full, code);
        EXPECT_EQ(page.qr_small, code);
        EXPECT_TRUE(page.detected_small);
        if (!page.qr_opencv.empty()) {  // an OpenCV built with quirc
          EXPECT_EQ(page.qr_opencv, code);
        }
      }
    }
  }
  EXPECT_EQ(separators, 3 * kDossiers);
}

TEST_F(StackTest, OnlySeparatorSheetsCarryACode) {
  for (const Generation& run : *runs_) {
    for (const Stack& stack : run.stacks) {
      std::set<int> sheets;
      for (const json& d : stack.truth.at("dossiers")) {
        if (!d.at("separator_page").is_null()) sheets.insert(d.at("separator_page").get<int>());
      }
      for (size_t i = 0; i < stack.pages.size(); ++i) {
        if (sheets.count(static_cast<int>(i) + 1) > 0) continue;
        SCOPED_TRACE(run.name + " page " + std::to_string(i + 1));
        EXPECT_EQ(stack.pages[i].qr_small, "");
        EXPECT_EQ(stack.pages[i].qr_opencv, "");
      }
    }
  }
}

TEST_F(StackTest, BlankBacksLookBlank) {
  int blanks = 0;
  for (const Generation& run : *runs_) {
    for (const Stack& stack : run.stacks) {
      for (const json& d : stack.truth.at("dossiers")) {
        for (const json& b : d.at("blank_pages")) {
          ++blanks;
          SCOPED_TRACE(run.name + " blank page " + std::to_string(b.get<int>()));
          EXPECT_LE(stack.pages.at(b.get<size_t>() - 1).blobs, kBlankBlobs);
        }
        for (const json& t : d.at("page_texts")) {
          SCOPED_TRACE(run.name + " printed page " + std::to_string(t.at("page").get<int>()));
          EXPECT_GT(stack.pages.at(t.at("page").get<size_t>() - 1).blobs, kPrintedBlobs);
        }
      }
    }
  }
  EXPECT_GT(blanks, 0);
}

TEST_F(StackTest, SameSeedSameBytesWhateverTheThreads) {
  const Generation& first = runs_->at(3);
  ASSERT_EQ(first.name, "nosep");
  const auto a = all_files(first.out);
  const auto b = all_files(again_->out);
  ASSERT_EQ(a.size(), b.size());
  for (const auto& [name, bytes] : a) {
    ASSERT_TRUE(b.count(name) > 0) << name;
    EXPECT_TRUE(b.at(name) == bytes) << name << " differs";
  }
}

}  // namespace
}  // namespace sohoa
