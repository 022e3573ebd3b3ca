#include "sohoa/archive/ocr_layer.h"

#include <algorithm>
#include <cstdio>
#include <span>

namespace sohoa {
namespace {

// A text line of a page: its words in order and the union of their boxes.
struct Line {
  std::vector<const Word*> words;
  Box box{};
};

// Words grouped by their line number, in record order (the reading order).
std::vector<Line> lines_of(const Page& page) {
  std::vector<Line> lines;
  int current = 0;
  for (const Word& w : page.words) {
    if (lines.empty() || w.line != current) {
      lines.push_back({{}, w.bbox});
      current = w.line;
    }
    lines.back().words.push_back(&w);
    lines.back().box = unite(lines.back().box, w.bbox);
  }
  return lines;
}

Box block_box(const std::vector<Line>& lines) {
  Box box = lines.front().box;
  for (const Line& l : lines) box = unite(box, l.box);
  return box;
}

std::string attr(const char* name, const std::string& value) {
  return std::string(" ") + name + "=\"" + xml_escape(value) + "\"";
}
std::string attr(const char* name, int value) { return attr(name, std::to_string(value)); }

std::string confidence_text(float c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", std::clamp(c, 0.0f, 1.0f));
  return buf;
}

// ALTO's position attributes.
std::string alto_box(const Box& b) {
  return attr("HPOS", b[0]) + attr("VPOS", b[1]) + attr("WIDTH", b[2]) + attr("HEIGHT", b[3]);
}

// hOCR's "bbox x0 y0 x1 y1".
std::string hocr_bbox(const Box& b) {
  return "bbox " + std::to_string(b[0]) + " " + std::to_string(b[1]) + " " +
         std::to_string(b[0] + b[2]) + " " + std::to_string(b[1] + b[3]);
}

void alto_page(const Page& p, std::string& out) {
  const std::string n = std::to_string(p.number);
  out += "    <Page" + attr("ID", "page_" + n) + attr("PHYSICAL_IMG_NR", p.number) +
         attr("WIDTH", p.width) + attr("HEIGHT", p.height) + ">\n";
  out += "      <PrintSpace" + alto_box({0, 0, p.width, p.height}) + ">\n";
  const std::vector<Line> lines = lines_of(p);
  if (!lines.empty()) {
    out += "        <TextBlock" + attr("ID", "block_" + n) + alto_box(block_box(lines)) + ">\n";
    for (std::size_t l = 0; l < lines.size(); ++l) {
      const std::string line_id = n + "_" + std::to_string(l + 1);
      out += "          <TextLine" + attr("ID", "line_" + line_id) + alto_box(lines[l].box) + ">\n";
      const std::vector<const Word*>& words = lines[l].words;
      for (std::size_t k = 0; k < words.size(); ++k) {
        const Word& w = *words[k];
        if (k > 0) {
          const Word& prev = *words[k - 1];
          const int gap_left = prev.bbox[0] + prev.bbox[2];
          out += "            <SP" + attr("HPOS", gap_left) + attr("VPOS", prev.bbox[1]) +
                 attr("WIDTH", std::max(0, w.bbox[0] - gap_left)) + "/>\n";
        }
        out += "            <String" +
               attr("ID", "string_" + line_id + "_" + std::to_string(k + 1)) +
               attr("CONTENT", w.text) + alto_box(w.bbox) +
               attr("WC", confidence_text(w.confidence)) + "/>\n";
      }
      out += "          </TextLine>\n";
    }
    out += "        </TextBlock>\n";
  }
  out += "      </PrintSpace>\n    </Page>\n";
}

std::string alto(const Dossier& d, std::span<const Page* const> pages) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<alto xmlns=\"http://www.loc.gov/standards/alto/ns-v4#\""
      " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
      " xsi:schemaLocation=\"http://www.loc.gov/standards/alto/ns-v4#"
      " http://www.loc.gov/alto/v4/alto-4-2.xsd\">\n"
      "  <Description>\n"
      "    <MeasurementUnit>pixel</MeasurementUnit>\n";
  // ALTO names one source image; pages from several files name the first.
  if (!pages.empty()) {
    out += "    <sourceImageInformation>\n      <fileName>" + xml_escape(pages.front()->source) +
           "</fileName>\n      <fileIdentifier>" + xml_escape(d.id) +
           "</fileIdentifier>\n    </sourceImageInformation>\n";
  }
  out +=
      "    <OCRProcessing ID=\"ocr_1\">\n      <ocrProcessingStep>\n"
      "        <processingSoftware>\n          <softwareName>sohoa (Tesseract LSTM)"
      "</softwareName>\n        </processingSoftware>\n      </ocrProcessingStep>\n"
      "    </OCRProcessing>\n  </Description>\n  <Layout>\n";
  for (const Page* p : pages) alto_page(*p, out);
  out += "  </Layout>\n</alto>\n";
  return out;
}

void hocr_page(const Page& p, std::string& out) {
  const std::string n = std::to_string(p.number);
  out += "  <div class=\"ocr_page\"" + attr("id", "page_" + n) +
         attr("title", "image \"" + p.source + "\"; " + hocr_bbox({0, 0, p.width, p.height}) +
                           "; ppageno " + std::to_string(p.number - 1) + "; scan_res " +
                           std::to_string(p.dpi) + " " + std::to_string(p.dpi)) +
         ">\n";
  const std::vector<Line> lines = lines_of(p);
  if (!lines.empty()) {
    const std::string block = hocr_bbox(block_box(lines));
    out += "   <div class=\"ocr_carea\"" + attr("id", "block_" + n) + attr("title", block) + ">\n";
    out += "    <p class=\"ocr_par\"" + attr("id", "par_" + n) + attr("title", block) + ">\n";
    for (std::size_t l = 0; l < lines.size(); ++l) {
      const std::string line_id = n + "_" + std::to_string(l + 1);
      out += "     <span class=\"ocr_line\"" + attr("id", "line_" + line_id) +
             attr("title", hocr_bbox(lines[l].box)) + ">";
      for (std::size_t k = 0; k < lines[l].words.size(); ++k) {
        const Word& w = *lines[l].words[k];
        const int wconf = static_cast<int>(std::clamp(w.confidence, 0.0f, 1.0f) * 100.0f + 0.5f);
        if (k > 0) out += ' ';
        out += "<span class=\"ocrx_word\"" +
               attr("id", "word_" + line_id + "_" + std::to_string(k + 1)) +
               attr("title", hocr_bbox(w.bbox) + "; x_wconf " + std::to_string(wconf)) + ">" +
               xml_escape(w.text) + "</span>";
      }
      out += "</span>\n";
    }
    out += "    </p>\n   </div>\n";
  }
  out += "  </div>\n";
}

std::string hocr(const Dossier& d, std::span<const Page* const> pages) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<!DOCTYPE html>\n"
      "<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"vi\" lang=\"vi\">\n"
      " <head>\n"
      "  <title>" +
      xml_escape(d.id) +
      "</title>\n"
      "  <meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"/>\n"
      "  <meta name=\"ocr-system\" content=\"sohoa (Tesseract LSTM)\"/>\n"
      "  <meta name=\"ocr-capabilities\" content=\"ocr_page ocr_carea ocr_par ocr_line "
      "ocrx_word\"/>\n"
      " </head>\n <body>\n";
  for (const Page* p : pages) hocr_page(*p, out);
  out += " </body>\n</html>\n";
  return out;
}

}  // namespace

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        // XML 1.0 allows no control characters but tab, line feed and carriage return.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
        out += c;
    }
  }
  return out;
}

Result<std::string> export_ocr_layer(const Dossier& dossier, const std::vector<int>& pages,
                                     OcrLayerFormat format) {
  std::vector<const Page*> chosen;
  if (pages.empty()) {
    for (const Page& p : dossier.pages) chosen.push_back(&p);
  }
  for (int number : pages) {
    auto it = std::find_if(dossier.pages.begin(), dossier.pages.end(),
                           [number](const Page& p) { return p.number == number; });
    if (it == dossier.pages.end()) {
      return make_error(ErrorCode::kNotFound,
                        "dossier " + dossier.id + " has no page " + std::to_string(number),
                        "it has " + std::to_string(dossier.pages.size()) + " pages, from 1");
    }
    chosen.push_back(&*it);
  }
  return format == OcrLayerFormat::kAlto ? alto(dossier, chosen) : hocr(dossier, chosen);
}

}  // namespace sohoa
