#include "sohoa/pipeline/separator.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace sohoa {
namespace {

TEST(Separator, ParsesTheCodeAndItsLabel) {
  EXPECT_EQ(parse_separator_code("SOHOA-SEP"), std::string());
  EXPECT_EQ(parse_separator_code("SOHOA-SEP:HOP-2019-017"), "HOP-2019-017");
  EXPECT_EQ(parse_separator_code(" SOHOA-SEP: HOP-2019-017 \n"), "HOP-2019-017");
  EXPECT_FALSE(parse_separator_code("SOHOA-SEPARATE"));
  EXPECT_FALSE(parse_separator_code("https://example.org"));
  EXPECT_FALSE(parse_separator_code(""));
}

TEST(Separator, FindsTheCodeOnASheetInAnyOrientationAndAtLowResolution) {
  Image sheet = test::render_separator("SOHOA-SEP:HOP-2019-017");
  EXPECT_EQ(find_separator(sheet.get()), "HOP-2019-017");
  Image turned(pixRotate180(nullptr, sheet.get()));
  EXPECT_EQ(find_separator(turned.get()), "HOP-2019-017");
  Image sideways(pixRotate90(sheet.get(), 1));
  EXPECT_EQ(find_separator(sideways.get()), "HOP-2019-017");
  Image low = test::render_separator("SOHOA-SEP", 150);
  EXPECT_EQ(find_separator(low.get()), std::string());
}

TEST(Separator, APageOfTextOrABlankPageIsNoSeparator) {
  Image text = test::render_text({"GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "SOHOA-SEP"});
  EXPECT_FALSE(find_separator(text.get()));
  Image blank = test::render_blank();
  EXPECT_FALSE(find_separator(blank.get()));
}

}  // namespace
}  // namespace sohoa
