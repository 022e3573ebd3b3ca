#include "page_reader.h"

#include <cctype>

#include "sohoa/archive/text.h"
#include "sohoa/pipeline/separator.h"

namespace sohoa {
namespace {

// Mean word confidence under which a page is also read turned by 180 degrees.
constexpr double kRetryTurnedBelowConfidence = 0.6;

// A page on which OCR found fewer letters and digits than this holds no text: it is a blank
// sheet whose noise or show-through the shape-based blank test let pass ("+", ".*").
constexpr int kFewestCharactersOfText = 3;

int letters_and_digits(const std::vector<Word>& words) {
  int n = 0;
  for (const Word& w : words) {
    for (std::size_t i = 0; i < w.text.size(); ++i) {
      const auto c = static_cast<unsigned char>(w.text[i]);
      if (c < 0x80) {
        n += std::isalnum(c) != 0 ? 1 : 0;
      } else if ((c & 0xC0) == 0xC0) {
        ++n;  // the first byte of a non-ASCII code point: a Vietnamese letter
      }
    }
  }
  return n;
}

}  // namespace

Result<Page> read_page(OcrEngine& engine, const SourceFile& file, int source_page,
                       const PageTask& task) {
  Result<DecodedPage> decoded = decode_page(file.path, file.kind, source_page);
  if (!decoded) return decoded.error();
  Page page;
  page.source = file.path.string();
  page.source_page = source_page;
  page.sha256 = file.sha256;
  page.dpi_estimated = decoded->dpi_estimated;
  page.text_layer = text::normalize_text(decoded->text_layer);
  if (task.find_separators) {
    if (std::optional<std::string> label = find_separator(decoded->image.get())) {
      page.separator = true;
      page.width = pixGetWidth(decoded->image.get());
      page.height = pixGetHeight(decoded->image.get());
      page.dpi = decoded->dpi;
      page.text = std::string(kSeparatorCode) + (label->empty() ? "" : ":" + *label);
      return page;
    }
  }
  PreparedPage prepared =
      preprocess(decoded->image.get(), decoded->dpi, task.preprocess, !decoded->dpi_estimated);
  decoded->image.reset();  // only the prepared image is needed from here on
  PIX* pix = prepared.image.get();
  page.width = pixGetWidth(pix);
  page.height = pixGetHeight(pix);
  page.dpi = prepared.dpi;
  page.dpi_estimated = prepared.dpi_estimated;
  page.rotation = prepared.rotation;
  page.skew_deg = prepared.skew_deg;
  page.blank = prepared.blank;
  if (page.blank) return page;  // kept in the dossier, not OCRed
  Result<OcrPage> ocr = engine.recognize(pix, prepared.dpi);
  if (ocr && !ocr->timed_out && task.preprocess.orient &&
      ocr->mean_confidence < kRetryTurnedBelowConfidence) {
    // The shape-based orientation guess can miss on sparse or noisy pages: a page read with
    // low confidence is read once more turned over, and the better reading kept.
    Image turned(pixRotate180(nullptr, pix));
    Result<OcrPage> again = engine.recognize(turned.get(), prepared.dpi);
    if (again && again->mean_confidence > ocr->mean_confidence + 0.1) {
      ocr = std::move(again);
      page.rotation = (page.rotation + 180) % 360;
    }
  }
  if (!ocr) {
    return make_error(
        ErrorCode::kOcr,
        file.path.string() + ": page " + std::to_string(source_page) + ": " + ocr.error().message);
  }
  if (task.preprocess.detect_blank && !ocr->timed_out &&
      letters_and_digits(ocr->words) < kFewestCharactersOfText) {
    page.blank = true;  // what OCR found is noise
    return page;
  }
  page.text = std::move(ocr->text);
  page.words = std::move(ocr->words);
  page.ocr_confidence = ocr->mean_confidence;
  if (ocr->timed_out) page.flags.push_back("ocr_timeout");
  return page;
}

}  // namespace sohoa
