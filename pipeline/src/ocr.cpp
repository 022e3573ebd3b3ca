#include "sohoa/pipeline/ocr.h"

#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>

#include "sohoa/archive/text.h"
#include "sohoa/pipeline/layout.h"

namespace sohoa {
namespace {

struct TextDeleter {
  void operator()(char* p) const { delete[] p; }
};
using TessText = std::unique_ptr<char, TextDeleter>;

}  // namespace

struct OcrEngine::Impl {
  OcrConfig config;
  tesseract::TessBaseAPI api;
};

OcrEngine::OcrEngine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
OcrEngine::OcrEngine(OcrEngine&&) noexcept = default;
OcrEngine& OcrEngine::operator=(OcrEngine&&) noexcept = default;
OcrEngine::~OcrEngine() {
  if (impl_) impl_->api.End();
}

Result<OcrEngine> OcrEngine::create(const OcrConfig& config) {
  auto impl = std::make_unique<Impl>();
  impl->config = config;
  const char* datapath = config.tessdata_dir.empty() ? nullptr : config.tessdata_dir.c_str();
  if (impl->api.Init(datapath, config.languages.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
    return make_error(ErrorCode::kOcr,
                      "cannot load Tesseract language data '" + config.languages + "'" +
                          (datapath ? std::string(" from ") + datapath : std::string()),
                      "install it (scripts/install-deps installs tesseract-ocr-vie)");
  }
  impl->api.SetPageSegMode(tesseract::PSM_AUTO);
  // Tesseract writes progress and warnings to stderr; sohoa reports per page itself.
  impl->api.SetVariable("debug_file", "/dev/null");
  impl->api.SetVariable("tessedit_do_invert", config.read_inverted ? "1" : "0");
  return OcrEngine(std::move(impl));
}

Result<OcrPage> OcrEngine::recognize(PIX* image, int dpi) {
  tesseract::TessBaseAPI& api = impl_->api;
  api.SetImage(image);
  api.SetSourceResolution(dpi);
  tesseract::ETEXT_DESC monitor;
  monitor.set_deadline_msecs(impl_->config.page_timeout_ms);
  OcrPage out;
  // Past the deadline Tesseract stops and returns an error; the page keeps the words read so
  // far (often none) and is flagged, so that one runaway page never fails its dossier.
  const bool failed = api.Recognize(&monitor) != 0;
  out.timed_out = monitor.deadline_exceeded();
  if (failed && !out.timed_out) {
    api.Clear();
    return make_error(ErrorCode::kOcr, "Tesseract could not recognise the page");
  }

  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  int line = -1;
  double confidence_sum = 0;
  if (it) {
    do {
      if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) ++line;
      TessText raw(it->GetUTF8Text(tesseract::RIL_WORD));
      if (!raw) continue;
      Word w;
      w.text = text::collapse_spaces(text::normalize_text(raw.get()));
      if (w.text.empty()) continue;
      int left = 0;
      int top = 0;
      int right = 0;
      int bottom = 0;
      it->BoundingBox(tesseract::RIL_WORD, &left, &top, &right, &bottom);
      w.bbox = {left, top, right - left, bottom - top};
      w.confidence = it->Confidence(tesseract::RIL_WORD) / 100.0f;
      w.line = line;
      out.words.push_back(std::move(w));
    } while (it->Next(tesseract::RIL_WORD));
  }
  drop_noise_words(out.words);
  for (const Word& w : out.words) confidence_sum += w.confidence;
  arrange_reading_order(out.words, pixGetWidth(image));
  out.text = words_to_text(out.words);
  out.mean_confidence = out.words.empty() ? 0 : confidence_sum / out.words.size();
  api.Clear();
  return out;
}

}  // namespace sohoa
