#include "sohoa/archive/record.h"

namespace sohoa {
namespace {

using nlohmann::json;

json box_json(const Box& b) { return json::array({b[0], b[1], b[2], b[3]}); }

Box box_from(const json& j) {
  Box b{};
  if (j.is_array() && j.size() == 4) {
    for (std::size_t i = 0; i < 4; ++i) b[i] = j[i].get<int>();
  }
  return b;
}

json page_json(const Page& p) {
  json words = json::array();
  for (const Word& w : p.words) {
    json word = {{"text", w.text},
                 {"bbox", box_json(w.bbox)},
                 {"confidence", w.confidence},
                 {"line", w.line}};
    if (!w.second_reading.empty()) word["second_reading"] = w.second_reading;
    words.push_back(std::move(word));
  }
  json j = {{"number", p.number},
            {"source", p.source},
            {"source_page", p.source_page},
            {"sha256", p.sha256},
            {"width", p.width},
            {"height", p.height},
            {"dpi", p.dpi},
            {"dpi_estimated", p.dpi_estimated},
            {"rotation", p.rotation},
            {"skew_deg", p.skew_deg},
            {"ocr_confidence", p.ocr_confidence},
            {"blank", p.blank},
            {"separator", p.separator},
            {"flags", p.flags},
            {"text", p.text},
            {"words", std::move(words)}};
  if (!p.text_layer.empty()) j["text_layer"] = p.text_layer;
  return j;
}

Page page_from(const json& j) {
  Page p;
  p.number = j.at("number").get<int>();
  p.source = j.at("source").get<std::string>();
  p.source_page = j.value("source_page", 1);
  p.sha256 = j.value("sha256", "");
  p.width = j.value("width", 0);
  p.height = j.value("height", 0);
  p.dpi = j.value("dpi", 0);
  p.dpi_estimated = j.value("dpi_estimated", false);
  p.rotation = j.value("rotation", 0);
  p.skew_deg = j.value("skew_deg", 0.0);
  p.ocr_confidence = j.value("ocr_confidence", 0.0);
  p.blank = j.value("blank", false);
  p.separator = j.value("separator", false);
  p.flags = j.value("flags", std::vector<std::string>{});
  p.text_layer = j.value("text_layer", "");
  p.text = j.value("text", "");
  if (j.contains("words")) {
    for (const json& w : j.at("words")) {
      p.words.push_back(Word{w.at("text").get<std::string>(), box_from(w.at("bbox")),
                             w.value("confidence", 0.0f), w.value("line", 0),
                             w.value("second_reading", "")});
    }
  }
  return p;
}

}  // namespace

nlohmann::json record_to_json(const Dossier& d) {
  json pages = json::array();
  for (const Page& p : d.pages) pages.push_back(page_json(p));
  json fields = json::object();
  for (const auto& [key, f] : d.fields) {
    fields[key] = {{"value", f.value},         {"confidence", f.confidence}, {"page", f.page},
                   {"bbox", box_json(f.bbox)}, {"plugin", f.plugin},         {"raw", f.raw}};
  }
  json out{{"id", d.id},
           {"procedure", d.procedure},
           {"procedure_confidence", d.procedure_confidence},
           {"sources", d.sources},
           {"pages", std::move(pages)},
           {"fields", std::move(fields)},
           {"needs_review", d.needs_review},
           {"review_reasons", d.review_reasons},
           {"ingested_at", d.ingested_at}};
  if (!d.location.empty()) out["location"] = d.location;
  return out;
}

nlohmann::json page_to_json(const Page& page) { return page_json(page); }

Result<Page> page_from_json(const nlohmann::json& j) {
  try {
    return page_from(j);
  } catch (const json::exception& e) {
    return make_error(ErrorCode::kCorrupt, std::string("page record is malformed: ") + e.what());
  }
}

Result<Dossier> record_from_json(const nlohmann::json& j) {
  try {
    Dossier d;
    d.id = j.at("id").get<std::string>();
    d.procedure = j.value("procedure", "unknown");
    d.procedure_confidence = j.value("procedure_confidence", 0.0);
    d.sources = j.value("sources", std::vector<std::string>{});
    d.location = j.value("location", "");
    for (const json& p : j.at("pages")) d.pages.push_back(page_from(p));
    if (j.contains("fields")) {
      for (const auto& [key, f] : j.at("fields").items()) {
        d.fields[key] = Field{f.at("value").get<std::string>(),
                              f.value("confidence", 0.0),
                              f.value("page", 0),
                              box_from(f.value("bbox", json::array())),
                              f.value("plugin", ""),
                              f.value("raw", "")};
      }
    }
    d.needs_review = j.value("needs_review", std::vector<std::string>{});
    d.review_reasons = j.value("review_reasons", std::map<std::string, std::string>{});
    d.ingested_at = j.value("ingested_at", "");
    return d;
  } catch (const json::exception& e) {
    return make_error(ErrorCode::kCorrupt, std::string("dossier record is malformed: ") + e.what());
  }
}

std::string dossier_text(const Dossier& d) {
  std::string out;
  for (const Page& p : d.pages) {
    if (!out.empty()) out += "\n\n";
    out += p.text;
  }
  return out;
}

}  // namespace sohoa
