// Exports of a dossier's OCR layer: the stored words (boxes, confidences, lines) of its pages as
// ALTO XML (Library of Congress, version 4) or hOCR (HTML with ocr_* classes), the two formats
// archive viewers, OCR correction tools and digital-library software read.
//
// Coordinates are pixels of the page image as the record describes it (`Page::width`,
// `height`, `dpi`: the page after rotation, deskew and rescaling). Lines are the record's line
// numbers, in reading order; a line's box is the union of its words' boxes. Each page is one
// text block. Word text is NFC; characters XML cannot carry (controls) are dropped.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "sohoa/archive/record.h"
#include "sohoa/result.h"

namespace sohoa {

enum class OcrLayerFormat { kAlto, kHocr };

// One document holding the given pages of the dossier (page numbers from 1, in that order;
// empty: every page). Errors: kNotFound naming a page number the dossier does not have.
Result<std::string> export_ocr_layer(const Dossier& dossier, const std::vector<int>& pages,
                                     OcrLayerFormat format);

// `text` with &, <, >, " and ' escaped and XML-invalid control characters dropped.
std::string xml_escape(std::string_view text);

}  // namespace sohoa
