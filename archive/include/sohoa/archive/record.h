// The dossier record: what sohoa knows about one dossier (hồ sơ). The records in the archive
// folder are the truth; the search index is derived from them.
//
// The JSON form (record_to_json / record_from_json) is the contract of `sohoa show --json` and
// of each line of `sohoa export --format jsonl` (DESIGN.md, "The dossier record"). Keys may be
// added; existing keys never change meaning.
//
// Thread-safety: plain data.
#pragma once

#include <algorithm>
#include <array>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sohoa/result.h"

namespace sohoa {

// Pixel rectangle on a page: left, top, width, height.
using Box = std::array<int, 4>;

// The smallest box holding `a` and `b`.
inline Box unite(const Box& a, const Box& b) {
  const int left = std::min(a[0], b[0]);
  const int top = std::min(a[1], b[1]);
  const int right = std::max(a[0] + a[2], b[0] + b[2]);
  const int bottom = std::max(a[1] + a[3], b[1] + b[3]);
  return {left, top, right - left, bottom - top};
}

struct Word {
  std::string text;      // NFC, canonical tone placement
  Box bbox{};            // in the pixels of the page image as decoded
  float confidence = 0;  // 0..1
  int line = 0;          // index of the text line on the page, from 0
  // A word holding digits is read a second time on its own (OcrConfig::second_opinion: by a
  // second model; OcrConfig::second_reading: by the same); when that reading differs, it is
  // kept here, so that a value built from the word can be doubted later without the image
  // ("015754603" read again as "015754663"). Else empty.
  std::string second_reading;
};

struct Page {
  int number = 0;       // position in the dossier, from 1
  std::string source;   // absolute path of the input file the page came from
  int source_page = 1;  // page within that file, from 1
  std::string sha256;   // of the source file's bytes (the blob in the archive)
  int width = 0;        // pixels of the decoded image
  int height = 0;
  int dpi = 0;                     // resolution of the decoded image
  bool dpi_estimated = false;      // true when the file carried no usable resolution
  int rotation = 0;                // degrees the page was turned before OCR (0, 90, 180, 270)
  double skew_deg = 0;             // skew corrected before OCR
  double ocr_confidence = 0;       // mean word confidence, 0..1
  bool blank = false;              // no text found on purpose (blank sheet)
  bool separator = false;          // a separator sheet (QR "SOHOA-SEP") heading the dossier
  std::vector<std::string> flags;  // page-level review reasons, e.g. "ocr_timeout"
  std::string text;                // OCR text, lines separated by '\n'
  std::string text_layer;   // a PDF page's own text layer (NFC), kept to compare; empty: none
  std::vector<Word> words;  // word boxes and confidences
};

struct Field {
  std::string value;
  double confidence = 0;
  int page = 0;  // page number the value was read on, 0 if unknown
  Box bbox{};
  std::string plugin;  // "id@version" of the extractor
  std::string raw;     // the text as read on the page, before normalisation
};

struct Dossier {
  std::string id;                     // stable: derived from the source files' content
  std::string procedure = "unknown";  // plugin id, or "unknown"
  double procedure_confidence = 0;
  std::vector<std::string> sources;  // absolute input paths
  std::string location;              // physical location from a separator sheet, e.g. a box
  std::vector<Page> pages;
  std::map<std::string, Field> fields;    // keys from shared/FORMS.md
  std::vector<std::string> needs_review;  // field keys (or "procedure") a person should check
  std::map<std::string, std::string> review_reasons;  // key of needs_review → why
  std::string ingested_at;                            // UTC, ISO 8601
};

nlohmann::json record_to_json(const Dossier& dossier);
Result<Dossier> record_from_json(const nlohmann::json& json);

// One page as in the record's "pages" array (also the ingest job's per-page journal).
nlohmann::json page_to_json(const Page& page);
Result<Page> page_from_json(const nlohmann::json& json);

// The dossier's full text: every page's text, pages separated by a blank line.
std::string dossier_text(const Dossier& dossier);

}  // namespace sohoa
