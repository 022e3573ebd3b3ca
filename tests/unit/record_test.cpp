#include "sohoa/archive/record.h"

#include <gtest/gtest.h>

namespace sohoa {
namespace {

Dossier sample_dossier() {
  Dossier d;
  d.id = "0123456789abcdef0123";
  d.procedure = "khai_sinh";
  d.procedure_confidence = 0.97;
  d.sources = {"/scans/box1/a.pdf"};
  Page p;
  p.number = 1;
  p.source = "/scans/box1/a.pdf";
  p.source_page = 2;
  p.sha256 = std::string(64, 'a');
  p.width = 2480;
  p.height = 3508;
  p.dpi = 300;
  p.rotation = 180;
  p.skew_deg = -0.4;
  p.ocr_confidence = 0.91;
  p.flags = {"ocr_timeout"};
  p.text_layer = "Nguyễn Văn An";
  p.text = "Họ, chữ đệm, tên: Nguyễn Văn An\nNơi sinh: Hà Nội";
  p.words.push_back(Word{"Nguyễn", {10, 20, 30, 40}, 0.9f, 0, {}});
  p.words.push_back(Word{"0332876577", {50, 20, 90, 40}, 0.99f, 0, "0932876577"});
  d.pages.push_back(p);
  d.fields["child_name"] =
      Field{"Nguyễn Văn An", 0.93, 1, {1, 2, 3, 4}, "khai_sinh@1.0.0", "NGUYỄN VĂN AN"};
  d.review_reasons["father_name"] = "not found";
  d.needs_review = {"father_name"};
  d.ingested_at = "2026-11-26T10:00:00Z";
  return d;
}

TEST(DossierRecord, RoundTripsThroughJson) {
  const Dossier d = sample_dossier();
  const nlohmann::json j = record_to_json(d);
  Result<Dossier> back = record_from_json(nlohmann::json::parse(j.dump()));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(record_to_json(*back), j);
  EXPECT_EQ(back->pages[0].words[0].bbox, (Box{10, 20, 30, 40}));
  EXPECT_EQ(back->fields.at("child_name").plugin, "khai_sinh@1.0.0");
  EXPECT_EQ(back->pages[0].words[1].second_reading, "0932876577");
}

TEST(DossierRecord, WritesASecondReadingOnlyWhenThereIsOne) {
  const nlohmann::json j = record_to_json(sample_dossier());
  EXPECT_FALSE(j["pages"][0]["words"][0].contains("second_reading"));
  EXPECT_EQ(j["pages"][0]["words"][1]["second_reading"], "0932876577");
}

TEST(DossierRecord, HasTheKeysOfTheDesignContract) {
  const nlohmann::json j = record_to_json(sample_dossier());
  for (const char* key : {"id", "procedure", "procedure_confidence", "sources", "pages", "fields",
                          "needs_review", "ingested_at"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  for (const char* key : {"number", "source", "source_page", "sha256", "width", "height", "dpi",
                          "rotation", "skew_deg", "ocr_confidence", "text"}) {
    EXPECT_TRUE(j["pages"][0].contains(key)) << key;
  }
  EXPECT_EQ(j["fields"]["child_name"]["bbox"].size(), 4u);
}

TEST(DossierRecord, RejectsARecordWithoutPages) {
  Result<Dossier> d = record_from_json(nlohmann::json{{"id", "x"}});
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().code, ErrorCode::kCorrupt);
}

TEST(DossierText, JoinsPagesWithABlankLine) {
  Dossier d;
  d.pages.resize(2);
  d.pages[0].text = "a";
  d.pages[1].text = "b";
  EXPECT_EQ(dossier_text(d), "a\n\nb");
}

}  // namespace
}  // namespace sohoa
