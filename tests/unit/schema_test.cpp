#include "sohoa/archive/schema.h"

#include <gtest/gtest.h>

#include <thread>

namespace sohoa {
namespace {

TEST(FieldSchema, KnowsEveryFormsKeyWithItsType) {
  const std::pair<const char*, const char*> expected[] = {
      {"dossier_code", "dossier_code"},
      {"applicant_name", "person_name"},
      {"applicant_phone", "phone"},
      {"received_date", "date"},
      {"ward", "ward"},
      {"requester_id_number", "id_number"},
      {"child_sex", "sex"},
      {"mother_birth_year", "year"},
      {"father_name", "person_name"},
      {"capital", "money"},
      {"employees", "number"},
      {"plot_number", "text"},
      {"certified_date", "date"},
      {"husband_id_number", "id_number"},
  };
  for (const auto& [key, type] : expected) {
    std::optional<schema::FieldSpec> spec = schema::find_field_spec(key);
    ASSERT_TRUE(spec.has_value()) << key;
    EXPECT_EQ(spec->type, type) << key;
    EXPECT_TRUE(spec->builtin) << key;
    EXPECT_FALSE(spec->label_vi.empty()) << key;
  }
  EXPECT_GE(schema::field_specs().size(), 42u);
}

TEST(FieldSchema, TreatsUnknownKeysAsText) {
  const schema::FieldSpec spec = schema::field_spec("some_old_key");
  EXPECT_EQ(spec.type, "text");
  EXPECT_TRUE(spec.searchable);
  EXPECT_FALSE(schema::find_field_spec("some_old_key").has_value());
}

TEST(FieldSchema, RegistersPluginFieldsOnceAndRefusesConflicts) {
  ASSERT_TRUE(schema::register_field("permit_number", "text", "Số giấy phép", true).ok());
  EXPECT_TRUE(schema::register_field("permit_number", "text", "again", false).ok());
  EXPECT_EQ(schema::field_spec("permit_number").label_vi, "Số giấy phép");
  Status conflict = schema::register_field("permit_number", "date", "", true);
  ASSERT_FALSE(conflict.ok());
  EXPECT_NE(conflict.error().message.find("already registered as text"), std::string::npos);
  EXPECT_FALSE(schema::register_field("father_name", "text", "", true).ok());
  EXPECT_TRUE(schema::register_field("father_name", "person_name", "", true).ok());
}

TEST(FieldSchema, RefusesBadKeysReservedNamesAndUnknownTypes) {
  EXPECT_FALSE(schema::register_field("Father", "text", "", true).ok());
  EXPECT_FALSE(schema::register_field("a-b", "text", "", true).ok());
  EXPECT_FALSE(schema::register_field("date", "date", "", true).ok());
  EXPECT_FALSE(schema::register_field("id", "id_number", "", true).ok());
  Status bad_type = schema::register_field("colour", "colour", "", true);
  ASSERT_FALSE(bad_type.ok());
  EXPECT_NE(bad_type.error().hint.find("person_name"), std::string::npos);
}

TEST(FieldSchema, RegistersFromManyThreadsAtOnce) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([t] {
      for (int i = 0; i < 50; ++i) {
        EXPECT_TRUE(
            schema::register_field("threaded_" + std::to_string(i), "number", "", true).ok());
        (void)schema::field_spec("threaded_" + std::to_string((i + t) % 50));
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(schema::field_spec("threaded_49").type, "number");
}

TEST(DateRange, AcceptsPartialDatesAndOpenRanges) {
  auto r = schema::parse_date_range("2019");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->lo, "2019");
  EXPECT_EQ(r->hi, "2019");
  r = schema::parse_date_range("2019-03..2019-06-30");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->lo, "2019-03");
  EXPECT_EQ(r->hi, "2019-06-30");
  r = schema::parse_date_range("2019..");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->hi.empty());
  r = schema::parse_date_range("..2018-12");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->lo.empty());
}

TEST(DateRange, SaysWhatIsWrong) {
  const std::pair<const char*, const char*> bad[] = {
      {"2019-13", "month 13"},    {"2019-02-30", "not a date"},  {"19", "is not YYYY"},
      {"..", "at least one end"}, {"2020..2019", "ends before"}, {"abcd", "not a year"},
  };
  for (const auto& [text, message] : bad) {
    auto r = schema::parse_date_range(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.error().code, ErrorCode::kUsage);
    EXPECT_NE(r.error().message.find(message), std::string::npos) << r.error().message;
  }
}

TEST(NormalizeDate, ReadsIsoAndVietnameseOrder) {
  EXPECT_EQ(schema::normalize_date("2020-02-05"), "2020-02-05");
  EXPECT_EQ(schema::normalize_date("5/2/2020"), "2020-02-05");
  EXPECT_EQ(schema::normalize_date("05/02/2020"), "2020-02-05");
  EXPECT_FALSE(schema::normalize_date("31/02/2020").has_value());
  EXPECT_FALSE(schema::normalize_date("hôm qua").has_value());
}

TEST(Wards, CanonicalNamesDropTheWardWordAndNeverFold) {
  EXPECT_EQ(schema::canonical_ward("phường Xuân Đỉnh"), "Xuân Đỉnh");
  EXPECT_EQ(schema::canonical_ward("P. Phúc Diễn"), "Phúc Diễn");
  EXPECT_EQ(schema::canonical_ward("PHÚ DIỄN"), "Phú Diễn");
  EXPECT_NE(schema::ward_term("Phú Diễn"), schema::ward_term("Phúc Diễn"));
}

TEST(Wards, QueriesWithoutDiacriticsResolveOnlyWhenUnambiguous) {
  EXPECT_EQ(*schema::resolve_ward("phu dien"), "Phú Diễn");
  EXPECT_EQ(*schema::resolve_ward("phuc dien"), "Phúc Diễn");
  EXPECT_EQ(*schema::resolve_ward("Phú Diễn"), "Phú Diễn");
  EXPECT_EQ(*schema::resolve_ward("co nhue 2"), "Cổ Nhuế 2");
  auto unknown = schema::resolve_ward("phu dienn");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("no ward"), std::string::npos);
  auto near_miss = schema::resolve_ward("Phù Diễn");
  ASSERT_FALSE(near_miss.ok());
  EXPECT_NE(near_miss.error().message.find("did you mean 'Phú Diễn'"), std::string::npos);
  EXPECT_EQ(*schema::resolve_ward("Dịch Vọng"), "Dịch Vọng");  // outside the district: as typed
}

TEST(DigitsOnly, DropsSpacesAndDots) {
  EXPECT_EQ(schema::digits_only("001 0 88.012-345"), "001088012345");
}

}  // namespace
}  // namespace sohoa
