// Reading exported OCR layers back (libxml2): the tests check that ALTO and hOCR output is
// well-formed XML and that the word boxes survive the trip.
#pragma once

#include <string>
#include <vector>

#include "sohoa/archive/record.h"

namespace sohoa::test {

// A word found in an exported document, with the page and line it sits in (their ids).
struct ExportedWord {
  std::string text;
  Box bbox{};
  float confidence = 0;
  std::string page_id;
  std::string line_id;
};

struct ParsedXml {
  bool well_formed = false;
  std::string error;  // libxml2's message when not well-formed
  std::string root;   // name of the root element
  std::vector<ExportedWord> words;
  int pages = 0;  // ALTO <Page> or hOCR ocr_page elements
};

// Parses ALTO XML: <String CONTENT HPOS VPOS WIDTH HEIGHT WC> inside <TextLine> inside <Page>.
ParsedXml parse_alto(const std::string& xml);

// Parses hOCR as XML: <span class="ocrx_word" title="bbox x0 y0 x1 y1; x_wconf N">.
ParsedXml parse_hocr(const std::string& xml);

}  // namespace sohoa::test
