#include "sohoa/pipeline/ocr.h"

#include <algorithm>
#include <cstring>
#include <string_view>

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

bool has_digit(std::string_view text) {
  return text.find_first_of("0123456789") != std::string_view::npos;
}

bool is_digit(const char* symbol) {
  return symbol != nullptr && symbol[0] >= '0' && symbol[0] <= '9' && symbol[1] == '\0';
}

// Extra beam searches over each line for the choices (lstm_choice_iterations): each gives
// every character one more choice, the runner-up first, and costs 1-2% of the page's time.
constexpr const char* kChoiceIterations = "1";
// A digit whose runner-up reaches this confidence makes its word doubtful
// (OcrConfig::digit_doubt).
constexpr float kDoubtingRunnerUp = 0.35f;

// The highest confidence Tesseract gave another character in place of one of the digits of
// the word at `it`, which it leaves at the word's last symbol. Needs lstm_choice_mode 2.
float runner_up_of_digits(tesseract::ResultIterator& it) {
  float best = 0;
  while (true) {
    TessText symbol(it.GetUTF8Text(tesseract::RIL_SYMBOL));
    if (symbol && is_digit(symbol.get())) {
      tesseract::ChoiceIterator choice(it);
      do {
        const char* c = choice.GetUTF8Text();
        if (c != nullptr && c[0] != '\0' && c[0] != ' ' && std::strcmp(c, symbol.get()) != 0) {
          best = std::max(best, choice.Confidence() / 100.0f);
        }
      } while (choice.Next());
    }
    if (it.IsAtFinalElement(tesseract::RIL_WORD, tesseract::RIL_SYMBOL)) break;
    if (!it.Next(tesseract::RIL_SYMBOL)) break;
  }
  return best;
}

// The words of Tesseract's last recognition, NFC, with boxes and confidences; `line` numbers
// them by text line from `first_line` on (or gives them all `first_line`, if `one_line`).
// `doubt_digits`: the recognition kept choices; a word's digits can lower its confidence.
std::vector<Word> recognised_words(tesseract::TessBaseAPI& api, int first_line, bool one_line,
                                   bool doubt_digits = false) {
  std::vector<Word> out;
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  if (!it) return out;
  int line = first_line - 1;
  do {
    if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE) && !one_line) ++line;
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
    w.line = one_line ? first_line : line;
    if (doubt_digits && has_digit(w.text)) {
      const float runner_up = runner_up_of_digits(*it);
      if (runner_up >= kDoubtingRunnerUp) w.confidence = std::min(w.confidence, 1 - runner_up);
    }
    out.push_back(std::move(w));
  } while (it->Next(tesseract::RIL_WORD));
  return out;
}

// Words of one Tesseract line that sit together (no gutter between them).
struct Piece {
  int line = 0;
  int left = 0, top = 0, right = 0, bottom = 0;
  std::vector<std::size_t> words;  // indexes into the page's words
  float lowest = 1;                // lowest word confidence
  double sum = 0;                  // of word confidences
};

std::vector<Piece> pieces_of(const std::vector<Word>& words) {
  std::vector<int> heights;
  for (const Word& w : words) heights.push_back(w.bbox[3]);
  if (heights.empty()) return {};
  std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
  const int gutter = 3 * heights[heights.size() / 2];
  std::vector<Piece> out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const Word& w = words[i];
    Piece* p = out.empty() ? nullptr : &out.back();
    if (p == nullptr || p->line != w.line || w.bbox[0] - p->right > gutter) {
      out.push_back(Piece{w.line, w.bbox[0], w.bbox[1], w.bbox[0], w.bbox[1], {}, 1, 0});
      p = &out.back();
    }
    p->left = std::min(p->left, w.bbox[0]);
    p->top = std::min(p->top, w.bbox[1]);
    p->right = std::max(p->right, w.bbox[0] + w.bbox[2]);
    p->bottom = std::max(p->bottom, w.bbox[1] + w.bbox[3]);
    p->words.push_back(i);
    p->lowest = std::min(p->lowest, w.confidence);
    p->sum += w.confidence;
  }
  return out;
}

// Tesseract sometimes cuts one printed line into two overlapping text lines, typically beside
// a block at another height ("PHÓ CHỦ TỊCH" beside the "Nơi nhận" list came out as "2 CHỦ
// TICH" and "LMO CH"). Two pieces of different lines that overlap in height by more than half
// and touch side by side, one of them read with low confidence, are read again together as a
// single line; the new reading replaces them when Tesseract is surer of it.
void reread_split_lines(tesseract::TessBaseAPI& api, std::vector<Word>& words) {
  constexpr float kDoubtful = 0.75f;
  std::vector<Piece> pieces = pieces_of(words);
  std::vector<bool> removed(words.size(), false);
  std::vector<Word> added;
  for (std::size_t a = 0; a < pieces.size(); ++a) {
    for (std::size_t b = a + 1; b < pieces.size(); ++b) {
      const Piece& p = pieces[a];
      const Piece& q = pieces[b];
      if (p.line == q.line || (p.lowest >= kDoubtful && q.lowest >= kDoubtful)) continue;
      if (removed[p.words[0]] || removed[q.words[0]]) continue;
      const int overlap = std::min(p.bottom, q.bottom) - std::max(p.top, q.top);
      const int shorter = std::min(p.bottom - p.top, q.bottom - q.top);
      const int height = std::max(p.bottom - p.top, q.bottom - q.top);
      const int gap = std::max(p.left, q.left) - std::min(p.right, q.right);
      if (overlap * 2 <= shorter || gap > height) continue;
      const int pad = height / 4;
      const int left = std::max(0, std::min(p.left, q.left) - pad);
      const int top = std::max(0, std::min(p.top, q.top) - pad);
      const int right = std::max(p.right, q.right) + pad;
      const int bottom = std::max(p.bottom, q.bottom) + pad;
      api.SetPageSegMode(tesseract::PSM_SINGLE_LINE);
      api.SetRectangle(left, top, right - left, bottom - top);
      std::vector<Word> again;
      if (api.Recognize(nullptr) == 0)
        again = recognised_words(api, std::min(p.line, q.line), true);
      api.SetPageSegMode(tesseract::PSM_AUTO);
      double sum = 0;
      for (const Word& w : again) sum += w.confidence;
      const double before = (p.sum + q.sum) / static_cast<double>(p.words.size() + q.words.size());
      if (again.empty() || sum / static_cast<double>(again.size()) <= before + 0.05) continue;
      for (std::size_t i : p.words) removed[i] = true;
      for (std::size_t i : q.words) removed[i] = true;
      for (Word& w : again) added.push_back(std::move(w));
    }
  }
  if (added.empty()) return;
  std::vector<Word> kept;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!removed[i]) kept.push_back(std::move(words[i]));
  }
  for (Word& w : added) kept.push_back(std::move(w));
  std::stable_sort(kept.begin(), kept.end(), [](const Word& x, const Word& y) {
    return x.line != y.line ? x.line < y.line : x.bbox[0] < y.bbox[0];
  });
  words = std::move(kept);
}

// Each word holding a digit read again alone: its box with a third of its height around it,
// as a single word. A reading that differs from the page's goes to Word::second_reading.
void read_digits_again(tesseract::TessBaseAPI& api, std::vector<Word>& words, int width,
                       int height) {
  api.SetPageSegMode(tesseract::PSM_SINGLE_WORD);
  for (Word& w : words) {
    if (!has_digit(w.text)) continue;
    const int pad = w.bbox[3] / 3;
    const int left = std::max(0, w.bbox[0] - pad);
    const int top = std::max(0, w.bbox[1] - pad);
    const int right = std::min(width, w.bbox[0] + w.bbox[2] + pad);
    const int bottom = std::min(height, w.bbox[1] + w.bbox[3] + pad);
    if (right <= left || bottom <= top) continue;
    api.SetRectangle(left, top, right - left, bottom - top);
    if (api.Recognize(nullptr) != 0) continue;
    TessText raw(api.GetUTF8Text());
    if (!raw) continue;
    std::string again = text::collapse_spaces(text::normalize_text(raw.get()));
    while (!again.empty() && (again.back() == '\n' || again.back() == ' ')) again.pop_back();
    std::replace(again.begin(), again.end(), '\n', ' ');
    if (!again.empty() && again != w.text) w.second_reading = std::move(again);
  }
  api.SetPageSegMode(tesseract::PSM_AUTO);
}

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
  impl->api.SetVariable("lstm_choice_iterations", kChoiceIterations);
  return OcrEngine(std::move(impl));
}

Result<OcrPage> OcrEngine::recognize(PIX* image, int dpi) {
  tesseract::TessBaseAPI& api = impl_->api;
  api.SetImage(image);
  api.SetSourceResolution(dpi);
  tesseract::ETEXT_DESC monitor;
  monitor.set_deadline_msecs(impl_->config.page_timeout_ms);
  OcrPage out;
  const bool doubt_digits = impl_->config.digit_doubt;
  if (doubt_digits) api.SetVariable("lstm_choice_mode", "2");
  // Past the deadline Tesseract stops and returns an error; the page keeps the words read so
  // far (often none) and is flagged, so that one runaway page never fails its dossier.
  const bool failed = api.Recognize(&monitor) != 0;
  out.timed_out = monitor.deadline_exceeded();
  if (failed && !out.timed_out) {
    api.Clear();
    return make_error(ErrorCode::kOcr, "Tesseract could not recognise the page");
  }

  out.words = recognised_words(api, 0, false, doubt_digits);
  // The rereads below need no choices (and would pay for them).
  if (doubt_digits) api.SetVariable("lstm_choice_mode", "0");
  double confidence_sum = 0;
  if (!out.timed_out && impl_->config.reread_split_lines) reread_split_lines(api, out.words);
  if (!out.timed_out && impl_->config.second_reading) {
    read_digits_again(api, out.words, pixGetWidth(image), pixGetHeight(image));
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
