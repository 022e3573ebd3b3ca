#include "xml_check.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <cstdlib>
#include <functional>
#include <memory>
#include <sstream>

namespace sohoa::test {
namespace {

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

std::string prop(xmlNode* node, const char* name) {
  xmlChar* v = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (v == nullptr) return {};
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

std::string name_of(xmlNode* node) { return reinterpret_cast<const char*>(node->name); }

std::string content(xmlNode* node) {
  xmlChar* v = xmlNodeGetContent(node);
  if (v == nullptr) return {};
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

// Walks every element below `node`, depth first, with the ids of the enclosing page and line.
void walk(xmlNode* node, std::string page, std::string line,
          const std::function<void(xmlNode*, const std::string&, const std::string&)>& visit) {
  for (xmlNode* n = node; n != nullptr; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    visit(n, page, line);
    std::string p = page;
    std::string l = line;
    const std::string name = name_of(n);
    const std::string cls = prop(n, "class");
    if (name == "Page" || cls == "ocr_page") p = prop(n, "ID") + prop(n, "id");
    if (name == "TextLine" || cls == "ocr_line") l = prop(n, "ID") + prop(n, "id");
    walk(n->children, p, l, visit);
  }
}

ParsedXml parse(const std::string& xml,
                const std::function<void(xmlNode*, const std::string&, const std::string&,
                                         ParsedXml&)>& visit) {
  ParsedXml out;
  xmlResetLastError();
  std::unique_ptr<xmlDoc, DocFree> doc(xmlReadMemory(xml.data(), static_cast<int>(xml.size()),
                                                     "export.xml", "UTF-8",
                                                     XML_PARSE_NONET | XML_PARSE_NOWARNING));
  if (!doc) {
    const xmlError* e = xmlGetLastError();
    out.error = e != nullptr && e->message != nullptr ? e->message : "unknown parse error";
    return out;
  }
  out.well_formed = true;
  xmlNode* root = xmlDocGetRootElement(doc.get());
  if (root == nullptr) return out;
  out.root = name_of(root);
  walk(root, "", "",
       [&](xmlNode* n, const std::string& p, const std::string& l) { visit(n, p, l, out); });
  return out;
}

}  // namespace

ParsedXml parse_alto(const std::string& xml) {
  return parse(
      xml, [](xmlNode* n, const std::string& page, const std::string& line, ParsedXml& out) {
        const std::string name = name_of(n);
        if (name == "Page") ++out.pages;
        if (name != "String") return;
        ExportedWord w;
        w.text = prop(n, "CONTENT");
        w.bbox = {std::atoi(prop(n, "HPOS").c_str()), std::atoi(prop(n, "VPOS").c_str()),
                  std::atoi(prop(n, "WIDTH").c_str()), std::atoi(prop(n, "HEIGHT").c_str())};
        w.confidence = std::strtof(prop(n, "WC").c_str(), nullptr);
        w.page_id = page;
        w.line_id = line;
        out.words.push_back(std::move(w));
      });
}

ParsedXml parse_hocr(const std::string& xml) {
  return parse(xml,
               [](xmlNode* n, const std::string& page, const std::string& line, ParsedXml& out) {
                 const std::string cls = prop(n, "class");
                 if (cls == "ocr_page") ++out.pages;
                 if (cls != "ocrx_word") return;
                 ExportedWord w;
                 w.text = content(n);
                 std::istringstream title(prop(n, "title"));
                 std::string key;
                 int x0 = 0, y0 = 0, x1 = 0, y1 = 0, conf = 0;
                 char semicolon = 0;
                 title >> key >> x0 >> y0 >> x1 >> y1 >> semicolon >> key >> conf;
                 w.bbox = {x0, y0, x1 - x0, y1 - y0};
                 w.confidence = static_cast<float>(conf) / 100.0f;
                 w.page_id = page;
                 w.line_id = line;
                 out.words.push_back(std::move(w));
               });
}

}  // namespace sohoa::test
