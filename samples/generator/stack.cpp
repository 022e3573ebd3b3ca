#include "stack.h"

#include <condition_variable>
#include <cstdio>
#include <exception>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <utility>

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

#include "degrade.h"
#include "output.h"
#include "scanned_dossier.h"
#include "text.h"

namespace sohoa::samples {
namespace fs = std::filesystem;

namespace {

constexpr uint64_t kStackStream = 0x5E9A'2A7EULL;
constexpr double kPxPerMm = kRenderDpi / 25.4;

/// A dossier page's entry in `page_texts`; `index` is its place in the part.
struct PageText {
  size_t index = 0;
  PageKind kind = PageKind::kForm;
  int rotation = 0;
  std::string text;
};

/// One dossier's stretch of a stack: its separator sheet (if any), its pages and the blank
/// backs among them, in feed order.
struct Part {
  std::string error;
  std::vector<ScannedPage> pages;
  int separator = -1;       ///< index of the separator sheet in `pages`
  std::string code;         ///< what its QR code says
  std::string location;     ///< the box label on the sheet, empty if none
  std::vector<size_t> own;  ///< indices of the dossier's pages, blank backs included
  std::vector<size_t> blanks;
  std::vector<PageText> texts;
  std::string procedure;
  nlohmann::ordered_json fields;
  int upside_down = 0;  ///< separator and dossier pages stored rotated by 180°
};

Part make_part(const PlannedDossier& plan, const PlannedStack& stack, size_t index,
               const StackRun& run, Renderer& renderer) {
  // The dossier itself draws from the same stream as in the other presets; the sheets
  // around it from a stream of their own.
  Rng rng(Rng::derive(run.seed, index));
  ScannedDossier dossier = scan_dossier(plan, rng, renderer);
  Rng extra(Rng::derive(Rng::derive(run.seed, kStackStream), index));

  Part part;
  part.procedure = dossier.content.procedure;
  part.fields = truth_fields(dossier.content);
  // Separator sheets are card: nothing of them shows through on their backs.
  const auto blank_back_after = [&](const RenderedPage& front, bool front_turned, bool card) {
    if (!extra.chance(run.blank_backs)) return;
    const double bleed =
        plan.level > 0 && !card && extra.chance(0.5) ? extra.uniform(0.035, 0.07) : 0.0;
    const RenderedPage back = render_blank_back(front, bleed, extra);
    part.blanks.push_back(part.pages.size());
    part.own.push_back(part.pages.size());
    // Fed the same way round as its front, so a bleed-through lies under the front's text.
    part.pages.push_back(scan(back, dossier.settings, front_turned, extra));
  };

  if (stack.separators) {
    if (extra.chance(0.7)) part.location = stack.label;
    part.code = kSeparatorCode;
    if (!part.location.empty()) part.code += ":" + part.location;
    const RenderedPage sheet = render_separator(part.code, part.location, renderer, extra);
    const bool turned = plan.level > 0 && extra.chance(0.1);
    part.separator = 0;
    part.pages.push_back(scan(sheet, dossier.settings, turned, extra));
    part.upside_down += turned ? 1 : 0;
    blank_back_after(sheet, turned, true);
  }
  for (size_t i = 0; i < dossier.scanned.size(); ++i) {
    const bool turned = dossier.scanned[i].rotation == 180;
    part.upside_down += turned ? 1 : 0;
    part.own.push_back(part.pages.size());
    part.texts.push_back({part.pages.size(), dossier.rendered[i].kind, dossier.scanned[i].rotation,
                          nfc(join(dossier.rendered[i].lines, "\n"))});
    part.pages.push_back(std::move(dossier.scanned[i]));
    blank_back_after(dossier.rendered[i], turned, false);
    dossier.rendered[i] = RenderedPage{};  // done with it
  }
  return part;
}

nlohmann::ordered_json page_numbers(const std::vector<size_t>& indices, int base) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (size_t i : indices) out.push_back(base + static_cast<int>(i) + 1);
  return out;
}

/// The dossier's entry in the stack truth; `base` is the number of pages before it.
nlohmann::ordered_json dossier_truth(const PlannedDossier& plan, const Part& part, int base) {
  nlohmann::ordered_json entry;
  entry["name"] = plan.name;
  entry["procedure"] = part.procedure;
  entry["level"] = plan.level;
  if (part.separator >= 0) {
    entry["separator_page"] = base + part.separator + 1;
    entry["separator_code"] = part.code;
  } else {
    entry["separator_page"] = nullptr;
    entry["separator_code"] = nullptr;
  }
  entry["location"] = part.location.empty() ? nlohmann::ordered_json(nullptr)
                                            : nlohmann::ordered_json(part.location);
  entry["pages"] = page_numbers(part.own, base);
  entry["blank_pages"] = page_numbers(part.blanks, base);
  entry["fields"] = part.fields;
  nlohmann::ordered_json texts = nlohmann::ordered_json::array();
  for (const PageText& t : part.texts) {
    nlohmann::ordered_json page;
    page["page"] = base + static_cast<int>(t.index) + 1;
    page["kind"] = kind_name(t.kind);
    page["rotation"] = t.rotation;
    page["text"] = t.text;
    texts.push_back(std::move(page));
  }
  entry["page_texts"] = std::move(texts);
  return entry;
}

}  // namespace

RenderedPage render_separator(const std::string& code, const std::string& label, Renderer& renderer,
                              Rng& rng) {
  const double qr_mm = rng.uniform(50, 60);  // width of the symbol, quiet zone not counted
  const double top_mm = rng.uniform(35, 55);
  const double shift_mm = rng.uniform(-6, 6);

  DocumentSpec spec;
  spec.kind = PageKind::kSeparator;
  spec.paper = Paper::kA4;
  spec.single_page = true;
  spec.face.family = "Liberation Sans";
  spec.face.size_pt = 16;
  spec.face.line_spacing = 1.2;
  spec.face.margin_top_mm = top_mm + qr_mm + 14;
  spec.face.margin_left_mm = 20;
  spec.face.margin_right_mm = 20;
  const Style heading{.bold = true, .scale = 2.0};
  spec.blocks.push_back(Para{
      .text = "TỜ PHÂN CÁCH HỒ SƠ", .style = heading, .align = Align::kCenter, .one_line = true});
  if (!label.empty()) {
    spec.blocks.push_back(Para{.text = label,
                               .style = Style{.bold = true, .scale = 1.8},
                               .align = Align::kCenter,
                               .space_before = 0.4,
                               .one_line = true});
  }
  spec.blocks.push_back(Para{.text = "Đặt trước trang đầu của mỗi hồ sơ khi quét",
                             .style = Style{.italic = true, .scale = 0.9},
                             .align = Align::kCenter,
                             .space_before = 1.5});
  std::vector<RenderedPage> pages = renderer.render(spec, rng);
  RenderedPage page = std::move(pages.front());

  cv::QRCodeEncoder::Params params;
  params.correction_level = cv::QRCodeEncoder::CORRECT_LEVEL_M;
  cv::Mat qr;
  cv::QRCodeEncoder::create(params)->encode(code, qr);
  if (qr.empty()) throw std::runtime_error("cannot encode the QR code '" + code + "'");
  // The encoder adds a narrow quiet zone of its own; keep the symbol (the page around it is
  // white) and scale it to whole pixels per module.
  const cv::Mat ink = qr < 128;
  const cv::Mat symbol = qr(cv::boundingRect(ink));
  const int module = std::max(1, static_cast<int>(qr_mm * kPxPerMm / symbol.cols + 0.5));
  cv::Mat big;
  cv::resize(symbol, big, cv::Size(), module, module, cv::INTER_NEAREST);
  cv::Mat big_bgr;
  cv::cvtColor(big, big_bgr, cv::COLOR_GRAY2BGR);
  const int x = (page.image.cols - big.cols) / 2 + static_cast<int>(shift_mm * kPxPerMm);
  const int y = static_cast<int>(top_mm * kPxPerMm);
  big_bgr.copyTo(page.image(cv::Rect(x, y, big.cols, big.rows)));
  return page;
}

RenderedPage render_blank_back(const RenderedPage& front, double bleed, Rng& rng) {
  RenderedPage page;
  page.kind = PageKind::kBlank;
  cv::Mat grey(front.image.size(), CV_8U, cv::Scalar(255));
  if (bleed > 0) {
    cv::Mat through;
    cv::cvtColor(front.image, through, cv::COLOR_BGR2GRAY);
    cv::flip(through, through, 1);  // seen from the back
    cv::GaussianBlur(through, through, cv::Size(0, 0), rng.uniform(1.5, 2.5));
    // 255 - bleed * (255 - v): the front's darkness, `bleed` as strong.
    through.convertTo(grey, CV_8U, bleed, 255.0 * (1 - bleed));
  }
  const int specks = static_cast<int>(rng.uniform_int(0, 6));
  for (int i = 0; i < specks; ++i) {
    const cv::Point p(static_cast<int>(rng.uniform_int(0, grey.cols - 1)),
                      static_cast<int>(rng.uniform_int(0, grey.rows - 1)));
    cv::circle(grey, p, static_cast<int>(rng.uniform_int(1, 2)), cv::Scalar(rng.uniform(90, 180)),
               cv::FILLED);
  }
  cv::cvtColor(grey, page.image, cv::COLOR_GRAY2BGR);
  return page;
}

StackTotals generate_stacks(const std::vector<PlannedDossier>& plan,
                            const std::vector<PlannedStack>& stacks, const StackRun& run,
                            const fs::path& out_dir) {
  const size_t n = plan.size();
  std::vector<std::unique_ptr<Part>> ready(n);
  std::mutex mutex;
  std::condition_variable changed;
  size_t next = 0;      // the next dossier a worker takes
  size_t consumed = 0;  // dossiers the writer has taken
  // Workers stay at most this many dossiers ahead of the writer, which bounds memory.
  const size_t window = 2 * static_cast<size_t>(run.jobs) + 1;

  const auto worker = [&]() {
    Renderer renderer;
    for (;;) {
      size_t i = 0;
      {
        std::unique_lock<std::mutex> lock(mutex);
        changed.wait(lock, [&] { return next >= n || next < consumed + window; });
        if (next >= n) return;
        i = next++;
      }
      auto part = std::make_unique<Part>();
      try {
        *part = make_part(plan[i], stacks.at(static_cast<size_t>(plan[i].stack)), i, run, renderer);
      } catch (const std::exception& e) {
        part->error = e.what();
      }
      {
        const std::lock_guard<std::mutex> lock(mutex);
        ready[i] = std::move(part);
      }
      changed.notify_all();
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < std::min<size_t>(run.jobs, n); ++t) threads.emplace_back(worker);

  StackTotals totals;
  for (const PlannedStack& stack : stacks) {
    const std::string relative = "stacks/" + stack.name + container_suffix(stack.container);
    std::string error;
    std::unique_ptr<PageWriter> writer;
    try {
      writer = std::make_unique<PageWriter>(out_dir / relative, stack.container, 4, 0);
    } catch (const std::exception& e) {
      error = e.what();
    }
    nlohmann::ordered_json dossiers = nlohmann::ordered_json::array();
    StackTotals sums;
    for (size_t i = stack.first; i < stack.first + stack.count; ++i) {
      std::unique_ptr<Part> part;
      {
        std::unique_lock<std::mutex> lock(mutex);
        changed.wait(lock, [&] { return ready[i] != nullptr; });
        part = std::move(ready[i]);
        consumed = i + 1;
      }
      changed.notify_all();
      std::fprintf(stderr, "%s %s (%zu pages)\n", part->error.empty() ? "made" : "FAILED",
                   plan[i].name.c_str(), part->pages.size());
      if (!error.empty()) continue;
      if (!part->error.empty()) {
        error = plan[i].name + ": " + part->error;
        continue;
      }
      try {
        const int base = writer->pages();
        for (const ScannedPage& page : part->pages) writer->add(page);
        dossiers.push_back(dossier_truth(plan[i], *part, base));
      } catch (const std::exception& e) {
        error = e.what();
        continue;
      }
      const auto pages = static_cast<int>(part->pages.size());
      sums.dossiers += 1;
      sums.pages += pages;
      sums.separators += part->separator >= 0 ? 1 : 0;
      sums.blanks += static_cast<int>(part->blanks.size());
      sums.upside_down += part->upside_down;
      sums.per_level[plan[i].level] += pages;
    }
    if (error.empty()) {
      try {
        writer->close();
        nlohmann::ordered_json truth;
        truth["name"] = stack.name;
        truth["path"] = relative;
        truth["container"] = container_name(stack.container);
        truth["separators"] = stack.separators;
        truth["label"] = stack.label;
        truth["pages"] = sums.pages;
        truth["dossiers"] = std::move(dossiers);
        write_json(out_dir / "stacks" / (stack.name + ".truth.json"), truth);
      } catch (const std::exception& e) {
        error = e.what();
      }
    }
    writer.reset();
    if (!error.empty()) {
      std::error_code ignored;
      fs::remove_all(out_dir / relative, ignored);
      fs::remove(out_dir / "stacks" / (stack.name + ".truth.json"), ignored);
      std::fprintf(stderr, "error: stack %s: %s\n", stack.name.c_str(), error.c_str());
      ++totals.failures;
      continue;
    }
    std::fprintf(stderr, "wrote %s (%d dossiers, %d pages)\n", relative.c_str(), sums.dossiers,
                 sums.pages);
    totals.written.push_back(stack.name);
    totals.dossiers += sums.dossiers;
    totals.pages += sums.pages;
    totals.separators += sums.separators;
    totals.blanks += sums.blanks;
    totals.upside_down += sums.upside_down;
    for (const auto& [level, pages] : sums.per_level) totals.per_level[level] += pages;
    totals.per_container[container_name(stack.container)] += sums.pages;
  }
  for (std::thread& t : threads) t.join();
  return totals;
}

}  // namespace sohoa::samples
