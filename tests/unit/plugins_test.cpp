// The plugin loader and classification, with the real plugins and deliberately broken ones
// (tests/plugins/broken_plugin.cpp).
#include "sohoa/pipeline/plugins.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

namespace sohoa {
namespace {

// A page whose words are laid out line by line, 60 px apart, as OCR would give them.
Page page_of(const std::vector<std::string>& lines) {
  Page page;
  page.number = 1;
  page.width = 2480;
  page.height = 3508;
  page.dpi = 300;
  page.ocr_confidence = 0.93;
  int y = 150;
  for (std::size_t li = 0; li < lines.size(); ++li) {
    std::istringstream words(lines[li]);
    int x = 200;
    for (std::string w; words >> w;) {
      const int width = 12 * static_cast<int>(w.size() + 1);
      page.words.push_back(Word{w, {x, y, width, 45}, 0.93f, static_cast<int>(li), {}});
      x += width + 25;
    }
    if (!page.text.empty()) page.text += '\n';
    page.text += lines[li];
    y += 60;
  }
  return page;
}

// A page of cells: each line is a list of (left edge, words); the words of a cell follow one
// another from its left edge, as page_of lays out a line.
Page page_of_cells(const std::vector<std::vector<std::pair<int, std::string>>>& lines) {
  Page page = page_of({});
  int y = 150;
  for (std::size_t li = 0; li < lines.size(); ++li) {
    std::string text;
    for (const auto& [left, cell] : lines[li]) {
      std::istringstream words(cell);
      int x = left;
      for (std::string w; words >> w;) {
        const int width = 12 * static_cast<int>(w.size() + 1);
        page.words.push_back(Word{w, {x, y, width, 45}, 0.93f, static_cast<int>(li), {}});
        x += width + 25;
      }
      text += (text.empty() ? "" : " ") + cell;
    }
    page.text += (page.text.empty() ? "" : "\n") + text;
    y += 60;
  }
  return page;
}

// A marriage registration's table (label column, then Bên nữ, then Bên nam) under the
// heading lines given, and its signature block with the two sides named again.
Dossier marriage_registration(const std::vector<std::vector<std::pair<int, std::string>>>& heading,
                              const std::string& signature_wife,
                              const std::string& name_label = "Họ, chữ đệm, tên") {
  std::vector<std::vector<std::pair<int, std::string>>> lines = {
      {{600, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"}},
      {{700, "Độc lập - Tự do - Hạnh phúc"}},
      {{700, "TỜ KHAI ĐĂNG KÝ KẾT HÔN"}},
      {{200, "Kính gửi: UBND phường Cổ Nhuế 2, quận Bắc Từ Liêm"}}};
  lines.insert(lines.end(), heading.begin(), heading.end());
  const std::vector<std::vector<std::pair<int, std::string>>> table = {
      {{200, name_label}, {800, "Tạ Thùy Linh"}, {1600, "Nguyễn Đình Duy"}},
      {{200, "Ngày, tháng, năm sinh"}, {800, "19/09/1996"}, {1600, "29/12/1981"}},
      {{200, "Dân tộc"}, {800, "Kinh"}, {1600, "Kinh"}},
      {{200, "Giấy tờ tùy thân"}, {800, "CCCD số 034196276907"}, {1600, "CCCD số 001081351091"}},
      {{200, "Kết hôn lần thứ mấy"}, {800, "Thứ nhất"}, {1600, "Thứ nhất"}},
      {{200, "Chúng tôi cam đoan những lời khai trên đây là đúng sự thật"}},
      {{1200, "Cổ Nhuế 2, ngày 26 tháng 11 năm 2023"}},
      {{400, signature_wife}},
      {{300, "(Ký, ghi rõ họ, chữ đệm, tên)"}},
      {{400, "Tạ Thùy Linh"}},
      {{1500, "Bên nam"}},
      {{1400, "(Ký, ghi rõ họ, chữ đệm, tên)"}},
      {{1500, "Nguyễn Đình Duy"}}};
  lines.insert(lines.end(), table.begin(), table.end());
  Dossier d;
  d.id = "test";
  d.pages.push_back(page_of_cells(lines));
  return d;
}

TEST(PluginSet, FindsTheMarriageTableByItsColumnsHoweverOcrReadTheHeadings) {
  PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR});
  const std::vector<std::pair<std::string, Dossier>> cases = {
      {"one line", marriage_registration({{{1050, "Bên nữ"}, {1850, "Bên nam"}}}, "Bên nữ")},
      // A speck read as ':' after the signature's "Bên nữ" makes it the better match.
      {"signature colon",
       marriage_registration({{{1050, "Bên nữ"}, {1850, "Bên nam"}}}, "Bên nữ:")},
      {"two lines", marriage_registration({{{1850, "Bên nam"}}, {{1050, "Bên nữ"}}}, "Bên nữ '")},
      {"one garbled", marriage_registration({{{1080, "Bnn"}, {1850, "Bênnam"}}}, "Bên nữ")},
      // No pair of headings to be had (seeds 20 and 21 of bench/extract): the columns start
      // where the two birth dates do.
      {"merged", marriage_registration({{{1050, "Bên r nam"}}}, "Bên nữ")},
      {"one alone", marriage_registration({{{1050, "Bên nữ"}}}, "Bên nữ")},
      {"none", marriage_registration({}, "Bên nữ")},
      // The word beside the one heading found is no heading: a table rule read as "|" (seed
      // 16), which put the husband's values in the wife's column.
      {"a rule beside one", marriage_registration({{{700, "|"}, {1850, "Bên nam"}}}, "Bên nữ")},
      // Held-out seed 47: the table's left rule read as a letter on the line of "Bên nam"; the
      // edge halfway to it fell inside the wife's ID number, which went to the husband.
      {"a letter for a rule", marriage_registration({{{100, "l"}, {1850, "Bên nam"}}}, "Bên nữ")},
  };
  for (const auto& [name, dossier] : cases) {
    Dossier d = dossier;
    set.classify_and_extract(d);
    EXPECT_EQ(d.procedure, "ket_hon") << name;
    auto value = [&d](const std::string& key) {
      return d.fields.count(key) ? d.fields.at(key).value : "(none)";
    };
    EXPECT_EQ(value("wife_name"), "Tạ Thùy Linh") << name;
    EXPECT_EQ(value("husband_name"), "Nguyễn Đình Duy") << name;
    EXPECT_EQ(value("wife_id_number"), "034196276907") << name;
    EXPECT_EQ(value("husband_birth_date"), "1981-12-29") << name;
  }
}

Dossier birth_registration(const std::string& date_in_words,
                           const std::string& signed_year = "2020") {
  Dossier d;
  d.id = "test";
  d.pages.push_back(page_of({
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "TỜ KHAI ĐĂNG KÝ KHAI SINH",
      "Kính gửi: UBND phường Phú Diễn, quận Bắc Từ Liêm",
      "Họ, chữ đệm, tên người yêu cầu: Trần Thị Bình ……………",
      "Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:",
      "Họ, chữ đệm, tên: NGUYỄN VĂN AN ………………",
      "Ngày, tháng, năm sinh: 05/02/2020 ghi bằng chữ: " + date_in_words,
      "Giới tính: Nam …… Dân tộc: Kinh …… Quốc tịch: Việt Nam",
      "Họ, chữ đệm, tên người mẹ: Trần Thị Bình ……………",
      "Năm sinh: 1992 …… Dân tộc: Kinh …… Quốc tịch: Việt Nam",
      "Làm tại: phường Phú Diễn, ngày 10 tháng 02 năm " + signed_year,
  }));
  return d;
}

const char* const kFiveFebruary = "Ngày năm tháng hai năm hai nghìn không trăm hai mươi";

std::vector<std::string> ids(const PluginSet& set) {
  std::vector<std::string> out;
  for (const PluginInfo& p : set.plugins()) out.push_back(p.id);
  std::sort(out.begin(), out.end());
  return out;
}

const PluginFailure* failure_of(const PluginSet& set, const std::string& file_part) {
  for (const PluginFailure& f : set.failures()) {
    if (f.file.find(file_part) != std::string::npos) return &f;
  }
  return nullptr;
}

TEST(PluginSet, LoadsTheSevenPlugins) {
  const PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR});
  EXPECT_TRUE(set.failures().empty())
      << set.failures().front().file << ": " << set.failures().front().reason;
  EXPECT_EQ(ids(set), (std::vector<std::string>{"cap_phep_xay_dung", "chung_thuc", "ho_kinh_doanh",
                                                "ket_hon", "khai_sinh", "khai_tu", "tiep_nhan"}));
  for (const PluginInfo& p : set.plugins()) {
    EXPECT_FALSE(p.fields.empty()) << p.id;
    EXPECT_EQ(p.receipt, p.id == "tiep_nhan");
  }
}

TEST(PluginSet, SkipsMissingFolders) {
  const PluginSet set = PluginSet::load({"/nonexistent/sohoa/plugins"});
  EXPECT_TRUE(set.plugins().empty());
  EXPECT_TRUE(set.failures().empty());
}

TEST(PluginSet, ClassifiesAndExtractsFieldsWithPageBoxAndPlugin) {
  PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR});
  Dossier d = birth_registration(kFiveFebruary);
  const Classification c = set.classify_and_extract(d);
  for (const PluginFailure& f : c.failures) ADD_FAILURE() << f.file << ": " << f.reason;
  EXPECT_EQ(d.procedure, "khai_sinh");
  EXPECT_GT(d.procedure_confidence, 0.5);
  ASSERT_TRUE(d.fields.count("child_name"));
  const Field& child = d.fields.at("child_name");
  EXPECT_EQ(child.value, "Nguyễn Văn An");
  EXPECT_EQ(child.raw, "NGUYỄN VĂN AN");
  EXPECT_EQ(child.page, 1);
  EXPECT_GT(child.bbox[2], 0);
  EXPECT_EQ(child.plugin, "khai_sinh@1.4.0");
  EXPECT_EQ(d.fields.at("child_birth_date").value, "2020-02-05");
  EXPECT_EQ(d.fields.at("child_sex").value, "Nam");
  EXPECT_EQ(d.fields.at("ward").value, "Phú Diễn");
  EXPECT_EQ(d.fields.at("requester_name").value, "Trần Thị Bình");
  EXPECT_EQ(d.fields.at("signed_date").value, "2020-02-10");
  // Not on the page: listed for a person to key in, never guessed.
  EXPECT_FALSE(d.fields.count("father_name"));
  EXPECT_NE(std::find(d.needs_review.begin(), d.needs_review.end(), "father_name"),
            d.needs_review.end());
  EXPECT_EQ(d.review_reasons.at("father_name"), "not found on the pages");
  EXPECT_EQ(std::find(d.needs_review.begin(), d.needs_review.end(), "child_birth_date"),
            d.needs_review.end());
}

TEST(PluginSet, DoubtsAParentsYearReadPastTheFathersLabel) {
  // Held-out seed 48: the mother's "Năm sinh" and the father's label both misread; the
  // mother's birth year was read from the father's line, unflagged.
  PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR});
  Dossier d;
  d.id = "test";
  d.pages.push_back(page_of({
      "TỜ KHAI ĐĂNG KÝ KHAI SINH",
      "Kính gửi: UBND phường Tây Tựu, quận Bắc Từ Liêm",
      "Họ, chữ đệm, tên người yêu cầu: Vũ Thành Hòa",
      "Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:",
      "Họ, chữ đệm, tên: VŨ VĂN ANH",
      "Họ, chữ đệm, tên người mẹ: Tạ Thị Liên",
      "Năm siär. 1984 Dân tộc: Kinh Quốc tịch: Việt Nam",
      "Họ, chữ đệm, tên rz rời cha: Vũ Thành Hòa",
      "Năm sinh: 1994 Dân tộc: Kinh Quốc tịch: Việt Nam",
  }));
  set.classify_and_extract(d);
  ASSERT_TRUE(d.fields.count("mother_birth_year"));
  EXPECT_EQ(d.fields.at("mother_birth_year").value, "1994");
  ASSERT_TRUE(d.review_reasons.count("mother_birth_year"));
  EXPECT_NE(d.review_reasons.at("mother_birth_year").find("not found"), std::string::npos);
}

TEST(PluginSet, FlagsABirthDateWhoseWordsDisagreeWithItsDigits) {
  PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR});
  Dossier d = birth_registration("Ngày sáu tháng hai năm hai nghìn không trăm hai mươi");
  set.classify_and_extract(d);
  EXPECT_EQ(d.fields.at("child_birth_date").value, "2020-02-05");
  ASSERT_TRUE(d.review_reasons.count("child_birth_date"));
  EXPECT_NE(d.review_reasons.at("child_birth_date").find("disagree"), std::string::npos);
}

TEST(PluginSet, FlagsAParentsBirthYearThatMakesAnImpossibleAge) {
  // Held-out seed 69: a father's 1973 read 1923, for a child born in 2018.
  PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR});
  for (const auto& [year, flagged] : {std::pair{"1922", true}, std::pair{"2010", true},
                                      std::pair{"1992", false}, std::pair{"1951", false}}) {
    Dossier d;
    d.id = "test";
    d.pages.push_back(page_of({
        "TỜ KHAI ĐĂNG KÝ KHAI SINH",
        "Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:",
        "Họ, chữ đệm, tên: NGUYỄN VĂN AN",
        "Ngày, tháng, năm sinh: 05/02/2020 ghi bằng chữ: " + std::string(kFiveFebruary),
        "Họ, chữ đệm, tên người mẹ: Trần Thị Bình",
        "Năm sinh: 1992 …… Dân tộc: Kinh …… Quốc tịch: Việt Nam",
        "Họ, chữ đệm, tên người cha: Nguyễn Văn Bảo",
        std::string("Năm sinh: ") + year + " …… Dân tộc: Kinh …… Quốc tịch: Việt Nam",
    }));
    set.classify_and_extract(d);
    ASSERT_TRUE(d.fields.count("father_birth_year")) << year;
    EXPECT_EQ(d.fields.at("father_birth_year").value, year);
    EXPECT_EQ(d.review_reasons.count("father_birth_year") != 0, flagged)
        << year << ": " << d.review_reasons["father_birth_year"];
    EXPECT_FALSE(d.review_reasons.count("mother_birth_year"))
        << d.review_reasons["mother_birth_year"];
  }
}

TEST(PluginSet, KeepsNoDateInTheFuture) {
  PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR});
  Dossier d = birth_registration(kFiveFebruary, "2048");  // OCR read 2018 as 2048
  set.classify_and_extract(d);
  EXPECT_FALSE(d.fields.count("signed_date"));
  ASSERT_TRUE(d.review_reasons.count("signed_date"));
  EXPECT_NE(d.review_reasons.at("signed_date").find("in the future"), std::string::npos);
}

// The birth registration (signed 10 February 2020) behind a receipt dated `received`
// (dd/mm/yyyy).
Dossier received_on(const std::string& received) {
  Dossier d = birth_registration(kFiveFebruary);
  d.pages.insert(d.pages.begin(),
                 page_of({"GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
                          "Mã hồ sơ: 000.00.17.H26-" + received.substr(8, 2) +
                              received.substr(3, 2) + received.substr(0, 2) + "-0001",
                          "Tiếp nhận hồ sơ của: TRẦN THỊ BÌNH",
                          "Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày " + received}));
  return d;
}

TEST(PluginSet, FlagsAFormSignedAfterTheDossierWasReceived) {
  PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR});
  for (const std::string received : {"07/02/2020", "11/02/2020"}) {
    Dossier d = received_on(received);
    set.classify_and_extract(d);
    ASSERT_TRUE(d.fields.count("signed_date")) << received;
    ASSERT_TRUE(d.fields.count("received_date")) << received;
    const bool flagged =
        d.review_reasons.count("signed_date") != 0 &&
        d.review_reasons.at("signed_date").find("after the dossier was received") !=
            std::string::npos;
    EXPECT_EQ(flagged, received == "07/02/2020") << received;
  }
}

TEST(PluginSet, FlagsASigningDateOneRoundFigureFromTheReceivedDate) {
  PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR});
  // Signed the 10th: received the 18th is 0 read for 8; the 12th and the 17th are two and
  // seven days, with no figure OCR takes for the other.
  for (const std::string received : {"18/02/2020", "12/02/2020", "17/02/2020"}) {
    Dossier d = received_on(received);
    set.classify_and_extract(d);
    ASSERT_TRUE(d.fields.count("signed_date")) << received;
    const bool flagged =
        d.review_reasons.count("signed_date") != 0 &&
        d.review_reasons.at("signed_date").find("one digit (0/8)") != std::string::npos;
    EXPECT_EQ(flagged, received == "18/02/2020") << received;
  }
}

TEST(PluginSet, FlagsAFormSignedMonthsBeforeTheDossierWasReceived) {
  PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR});
  // Signed 10/02/2020: received 31/03 is 50 days later (a month misread, "02" for 03?);
  // 28/02 is 18 days, a form filled a little ahead.
  for (const std::string received : {"31/03/2020", "28/02/2020"}) {
    Dossier d = received_on(received);
    set.classify_and_extract(d);
    ASSERT_TRUE(d.fields.count("signed_date")) << received;
    const bool flagged =
        d.review_reasons.count("signed_date") != 0 &&
        d.review_reasons.at("signed_date").find("days before the dossier") != std::string::npos;
    EXPECT_EQ(flagged, received == "31/03/2020") << received;
  }
}

TEST(PluginSet, FlagsAResultDueBeforeTheDossierWasReceived) {
  PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR});
  for (const std::string due : {"ngày 1 tháng 01 năm 2016", "ngày 21 tháng 01 năm 2016"}) {
    Dossier d = birth_registration(kFiveFebruary);
    d.pages.insert(
        d.pages.begin(),
        page_of({"GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "Mã hồ sơ: 000.00.17.H26-160119-0001",
                 "Tiếp nhận hồ sơ của: TRẦN THỊ BÌNH",
                 "4. Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 19/01/2016",
                 "5. Thời gian trả kết quả giải quyết hồ sơ: 14 giờ 50 phút, " + due}));
    set.classify_and_extract(d);
    ASSERT_TRUE(d.fields.count("due_date")) << due;
    ASSERT_TRUE(d.fields.count("received_date")) << due;
    const bool flagged = d.review_reasons.count("due_date") != 0 &&
                         d.review_reasons.at("due_date").find("before the dossier was received") !=
                             std::string::npos;
    EXPECT_EQ(flagged, due.starts_with("ngày 1 ")) << due;
  }
}

TEST(PluginSet, FlagsAResultDueBeforeTheFormWasSigned) {
  PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR});
  // Signed 10 February 2020; the receipt's own date unread ("năm 2 20"), its code too.
  for (const std::string due : {"ngày 2 tháng 02 năm 2020", "ngày 12 tháng 02 năm 2020"}) {
    Dossier d = birth_registration(kFiveFebruary);
    d.pages.insert(
        d.pages.begin(),
        page_of({"GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "Tiếp nhận hồ sơ của: TRẦN THỊ BÌNH",
                 "4. Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 12 tháng 02 năm 2 20",
                 "5. Thời gian trả kết quả giải quyết hồ sơ: 14 giờ 50 phút, " + due}));
    set.classify_and_extract(d);
    ASSERT_TRUE(d.fields.count("due_date")) << due;
    EXPECT_FALSE(d.fields.count("received_date")) << due;
    const bool flagged =
        d.review_reasons.count("due_date") != 0 &&
        d.review_reasons.at("due_date").find("before the form was signed") != std::string::npos;
    EXPECT_EQ(flagged, due.starts_with("ngày 2 ")) << due;
  }
}

TEST(PluginSet, ReadsADossierCodeGluedToItsLabel) {
  PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR});
  Dossier d = birth_registration(kFiveFebruary);
  d.pages.insert(
      d.pages.begin(),
      page_of({"GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", ".Mã hồ sơ:'000.00.17.H26-200210-0250 `",
               "Tiếp nhận hồ sơ của: TRẦN THỊ BÌNH",
               "4. Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 10/02/2020"}));
  set.classify_and_extract(d);
  ASSERT_TRUE(d.fields.count("dossier_code"));
  EXPECT_EQ(d.fields.at("dossier_code").value, "000.00.17.H26-200210-0250");
  EXPECT_EQ(d.fields.at("dossier_code").page, 1);
}

TEST(PluginSet, ReadsADossierCodeWhoseAgencyIsMisreadAsTheDesksAndFlagsIt) {
  PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR});
  for (const auto& [line, reason] :
       {std::pair{"Mã hồ sơ: 000.00.17.4126-200210-0250", "taken as the desk's"},
        std::pair{"Mã hồ sơ: 009.00.17.H26-200210-0250", "taken as 000.00.17.H26"}}) {
    Dossier d = birth_registration(kFiveFebruary);
    d.pages.insert(d.pages.begin(),
                   page_of({"GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", line,
                            "Tiếp nhận hồ sơ của: TRẦN THỊ BÌNH",
                            "4. Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 10/02/2020"}));
    set.classify_and_extract(d);
    ASSERT_TRUE(d.fields.count("dossier_code")) << line;
    EXPECT_EQ(d.fields.at("dossier_code").value, "000.00.17.H26-200210-0250") << line;
    ASSERT_TRUE(d.review_reasons.count("dossier_code")) << line;
    EXPECT_NE(d.review_reasons.at("dossier_code").find(reason), std::string::npos)
        << d.review_reasons.at("dossier_code");
  }
}

TEST(PluginSet, TakesAReceivedDateItsLineLostFromTheDossierCodeAndFlagsIt) {
  // Seed 25 of bench/extract: the year cut off the line, and "4. Thời" split from "nhận hồ sơ".
  PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR});
  for (const char* line :
       {"4. Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 10 tháng 02 năm", "4. Thời"}) {
    Dossier d = birth_registration(kFiveFebruary);
    d.pages.insert(d.pages.begin(), page_of({"GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
                                             "Mã hồ sơ: 000.00.17.H26-200210-0250",
                                             "Tiếp nhận hồ sơ của: TRẦN THỊ BÌNH", line, "su,"}));
    set.classify_and_extract(d);
    ASSERT_TRUE(d.fields.count("received_date")) << line;
    EXPECT_EQ(d.fields.at("received_date").value, "2020-02-10") << line;
    EXPECT_EQ(d.fields.at("received_date").page, 1) << line;
    ASSERT_TRUE(d.review_reasons.count("received_date")) << line;
    EXPECT_NE(d.review_reasons.at("received_date").find("taken from the dossier code"),
              std::string::npos)
        << d.review_reasons.at("received_date");
  }
}

TEST(PluginSet, TakesTheReceivedDateForADueDateLostWhenTheDossierIsSettledWithinTheDay) {
  // Seeds 15-28 of bench/extract: the due date's line garbled ("ngày" and nothing, "16 điờ 30
  // phút, ngày 13"), the processing time read. Working days are not counted (holidays).
  PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR});
  for (const std::string time : {"Trong ngày", "Tronz ngày.", "05 ngày làm việc"}) {
    Dossier d = birth_registration(kFiveFebruary);
    d.pages.insert(
        d.pages.begin(),
        page_of({"GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "Tiếp nhận hồ sơ của: TRẦN THỊ BÌNH",
                 "3. Thời gian giải quyết hồ sơ theo quy định: " + time,
                 "4. Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 10/02/2020",
                 "5. Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 30 phút, ngày",
                 "Vào Sổ theo dõi hồ sơ, Quyển số: 08, Số thứ tự: 767"}));
    set.classify_and_extract(d);
    if (time.starts_with("05")) {
      EXPECT_FALSE(d.fields.count("due_date")) << time;
      continue;
    }
    ASSERT_TRUE(d.fields.count("due_date")) << time;
    EXPECT_EQ(d.fields.at("due_date").value, "2020-02-10") << time;
    ASSERT_TRUE(d.review_reasons.count("due_date")) << time;
    EXPECT_NE(d.review_reasons.at("due_date").find("due the day the dossier was received"),
              std::string::npos)
        << d.review_reasons.at("due_date");
  }
}

TEST(PluginSet, ReadsValuesOcrGluedToTheirLabelsColon) {
  // The space after the colon lost (seeds 13, 22, 25 and 27 of bench/extract): the label's
  // word and the value are one word. A colon between two words of a place ("Hà:Nội") is no
  // label's.
  PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR});
  for (const char* applicant :
       {"Tiếp nhận hồ sơ của:TRẦN THỊ BÌNH", ". Tiếp nhận hồ sơ của*,TRẦN THỊ BÌNH"}) {
    Dossier d = birth_registration(kFiveFebruary);
    d.pages.insert(d.pages.begin(),
                   page_of({"GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", applicant,
                            "Địa chỉ: Số 12 ngõ 34 Phú Diễn, quận Bắc Từ Liêm, thành phố Hà:Nội",
                            "Số điện thoại:0352128424 Email:"}));
    set.classify_and_extract(d);
    ASSERT_TRUE(d.fields.count("applicant_phone")) << applicant;
    EXPECT_EQ(d.fields.at("applicant_phone").value, "0352128424") << applicant;
    ASSERT_TRUE(d.fields.count("applicant_name")) << applicant;
    EXPECT_EQ(d.fields.at("applicant_name").value, "Trần Thị Bình") << applicant;
    ASSERT_TRUE(d.fields.count("applicant_address")) << applicant;
    EXPECT_EQ(d.fields.at("applicant_address").value,
              "Số 12 ngõ 34 Phú Diễn, quận Bắc Từ Liêm, thành phố Hà Nội")
        << applicant;
  }
}

TEST(PluginSet, LeavesTheEndOfALabelsNoteGluedToTheValueWithTheLabel) {
  // Held-out seed 67: the label matched up to "in", and "hoa):DƯƠNG" opened the value; the
  // owner became "Hoa Dương Phương Trâm", Hoa being a family name too.
  PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR});
  Dossier d;
  d.id = "test";
  d.pages.push_back(
      page_of({"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "GIẤY ĐỀ NGHỊ ĐĂNG KÝ HỘ KINH DOANH",
               "Tôi là (ghi họ tên bằng chữ in hoa):DƯƠNG PHƯƠNG TRÂM"}));
  set.classify_and_extract(d);
  ASSERT_TRUE(d.fields.count("owner_name"));
  EXPECT_EQ(d.fields.at("owner_name").value, "Dương Phương Trâm");
}

TEST(PluginSet, DoubtsAnAddressNumberAnotherPagePrintsOtherwise) {
  // Held-out seed 72: the receipt's "ngõ 237" read "ngõ 37" at 76%; the form prints the
  // owner's address again, read right.
  PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR});
  for (const auto& [form, flagged] :
       {std::pair{"Nơi cư trú: Nhà số 113, ngách 19/1, ngõ 237 Tây Tựu, P. Tây Tựu", true},
        std::pair{"Nơi cư trú: Nhà số 113, ngách 19/1, ngõ 37 Tây Tựu, P. Tây Tựu", false},
        std::pair{"Nơi cư trú: Nhà số 8, ngõ 237 Phú Diễn, P. Phú Diễn", false},
        // Printed as the receipt reads it once more: the other reading is outvoted.
        std::pair{"Nơi cư trú: Nhà số 113, ngách 19/1, ngõ 37 Tây Tựu, P. Tây Tựu; Chỗ ở: Nhà số "
                  "113, ngách 19/1, ngõ 237 Tây Tựu, P. Tây Tựu",
                  false}}) {
    Dossier d = birth_registration(kFiveFebruary);
    d.pages.insert(
        d.pages.begin(),
        page_of({"GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "Tiếp nhận hồ sơ của: TRẦN THỊ BÌNH",
                 "Địa chỉ: Nhà số 113, ngách 19/1, ngõ 37 Tây Tựu, P. Tây Tựu, Q. Bắc "
                 "Từ Liêm, TP. Hà Nội",
                 "Số điện thoại: 0352128424"}));
    d.pages.push_back(page_of({form}));
    d.pages[1].number = 2;
    d.pages[2].number = 3;
    set.classify_and_extract(d);
    ASSERT_TRUE(d.fields.count("applicant_address")) << form;
    const auto reason = d.review_reasons.find("applicant_address");
    EXPECT_EQ(reason != d.review_reasons.end() &&
                  reason->second.find("is printed \"ngõ 237\" on page 3") != std::string::npos,
              flagged)
        << form << ": " << (reason == d.review_reasons.end() ? "" : reason->second);
  }
}

TEST(PluginSet, EndsTheReceiptsPhoneNumberAtTheEmailLabel) {
  // A speck after "Email:" read as a digit (seed 21 of bench/extract) is no digit of the phone.
  PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR});
  Dossier d = birth_registration(kFiveFebruary);
  d.pages.insert(d.pages.begin(),
                 page_of({"GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
                          "Số điện thoại: 0865 643 188 ........ Email: 2 .........."}));
  set.classify_and_extract(d);
  ASSERT_TRUE(d.fields.count("applicant_phone"));
  EXPECT_EQ(d.fields.at("applicant_phone").value, "0865643188");
}

TEST(PluginSet, ReadsNoMarriageRowBelowThePledge) {
  // The name row's label garbled in the table (seed 25 of bench/extract: "Họ chữđệmltên"),
  // the signature block's "(Ký, ghi rõ họ, chữ đệm, tên)" was taken for it: "Đệm Tên Ký".
  PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR});
  Dossier d =
      marriage_registration({{{1050, "Bên nữ"}, {1850, "Bên nam"}}}, "Bên nữ", "Họ chữđệmltên");
  set.classify_and_extract(d);
  auto value = [&d](const std::string& key) {
    return d.fields.count(key) ? d.fields.at(key).value : "(none)";
  };
  // Missing and flagged, then, never the signature block's words.
  for (const auto& [key, name] :
       {std::pair{"wife_name", "Tạ Thùy Linh"}, std::pair{"husband_name", "Nguyễn Đình Duy"}}) {
    EXPECT_TRUE(value(key) == name || value(key) == "(none)") << key << ": " << value(key);
    EXPECT_TRUE(d.fields.count(key) != 0 || d.review_reasons.count(key) != 0) << key;
  }
  EXPECT_EQ(value("wife_id_number"), "034196276907");
}

TEST(PluginSet, FlagsASpousesBirthDateUnderTheAgeOfMarriage) {
  // Held-out seed 68 (a near miss): a husband's 1986 read 1956. Too old is no sign, but a
  // year misread younger than the law allows (18 for a woman, 20 for a man) is.
  PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR});
  for (const auto& [wife, husband, flagged] :
       {std::tuple{"19/09/2006", "29/12/1981", "wife_birth_date"},
        std::tuple{"19/09/1996", "29/12/2004", "husband_birth_date"},
        std::tuple{"19/09/1996", "29/12/1981", ""}}) {
    Dossier d = marriage_registration({{{1050, "Bên nữ"}, {1850, "Bên nam"}}}, "Bên nữ");
    for (Word& w : d.pages[0].words) {
      if (w.text == "19/09/1996") w.text = wife;
      if (w.text == "29/12/1981") w.text = husband;
    }
    set.classify_and_extract(d);
    for (const char* key : {"wife_birth_date", "husband_birth_date"}) {
      ASSERT_TRUE(d.fields.count(key)) << key;
      const auto reason = d.review_reasons.find(key);
      EXPECT_EQ(reason != d.review_reasons.end() &&
                    reason->second.find("in the year the form was signed") != std::string::npos,
                std::string_view(key) == flagged)
          << key << " " << wife << " " << husband;
    }
  }
}

TEST(PluginSet, NeverTakesTheReceiptsTitleForItsApplicantLabel) {
  // The label misread past recognition, the title "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
  // was the only match and "HẸN TRẢ KẾT QUẢ" the applicant (seeds 21 and 25 of bench/extract).
  // The label opens its line; a speck before it still counts.
  PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR});
  for (const auto& [label, want] :
       {std::pair{"Tlếp nbận hồ sg của: Nguyễn Thị Chi", "(none)"},
        std::pair{"- Tiếp nhận hồ sơ của: Nguyễn Thị Chi", "Nguyễn Thị Chi"}}) {
    Dossier d = birth_registration(kFiveFebruary);
    d.pages.insert(d.pages.begin(), page_of({"GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
                                             "Mã hồ sơ: 000.00.17.H26-200210-0250", label}));
    set.classify_and_extract(d);
    EXPECT_EQ(d.fields.count("applicant_name") ? d.fields.at("applicant_name").value : "(none)",
              want)
        << label;
  }
}

TEST(PluginSet, ReadsABirthRegistrationsDateUnderTheMotto) {
  // Some wards print the date under the national motto, above the title (seed 25).
  PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR});
  Dossier d;
  d.id = "test";
  d.pages.push_back(page_of({
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "Bắc Từ Liêm, ngày 10 tháng 01 năm 2022 `",
      "TỜ KHAI ĐĂNG KÝ KHAI SINH",
      "Họ, chữ đệm, tên người yêu cầu: Đào Quang Phúc",
      "Giấy tờ tùy thân: CCCD số 001 083 517 156, cấp ngày 27/8/2018",
      "Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:",
      "Họ, chữ đệm, tên: Đào Tuấn Quân",
      "Ngày, tháng, năm sinh: 20/11/2021 ghi bằng chữ: Ngày hai mươi tháng mười một năm hai "
      "nghìn không trăm hai mươi mốt",
  }));
  set.classify_and_extract(d);
  ASSERT_TRUE(d.fields.count("signed_date"));
  EXPECT_EQ(d.fields.at("signed_date").value, "2022-01-10");
}

TEST(PluginSet, NeverTakesTheMothersLineForTheChildsName) {
  // The child's label misread (seed 21 of bench/extract: "lền" for "tên", "tên:," glued to the
  // name): "Họ, chữ đệm, tên" is still printed at the head of the mother's label below.
  PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR});
  for (const char* child : {"Họ, chữ đệm, lền: Đào Tuấn Quân", "Họ, chữ đệm, tên:,Đào Tuấn Quân"}) {
    Dossier d;
    d.id = "test";
    d.pages.push_back(page_of({
        "TỜ KHAI ĐĂNG KÝ KHAI SINH",
        "Họ, chữ đệm, tên người yêu cầu: Đào Quang Phúc",
        "Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:",
        child,
        "Ngày, tháng, năm sinh: 03/02/2021",
        "Họ, chữ đệm, tên người mẹ: CHU NGỌC HOA",
        "Năm sinh: 1990 Dân tộc: Kinh",
        "Họ, chữ đệm, tên người cha: Đào Quang Phúc",
    }));
    set.classify_and_extract(d);
    EXPECT_EQ(d.procedure, "khai_sinh");
    EXPECT_EQ(d.fields.at("mother_name").value, "Chu Ngọc Hoa") << child;
    if (d.fields.count("child_name")) {
      EXPECT_EQ(d.fields.at("child_name").value, "Đào Tuấn Quân") << child;
    } else {
      EXPECT_TRUE(d.review_reasons.count("child_name")) << child;
    }
  }
}

TEST(PluginSet, ReadsAProcedureNameOcrAddedALetterTo) {
  PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR});
  Dossier d = birth_registration(kFiveFebruary);
  d.pages.insert(d.pages.begin(), page_of({"GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
                                           "Tiếp nhận hồ sơ của: TRẦN THỊ BÌNH",
                                           "Nội dung yêu cầu giải quyết: Đăng ký klrai sinh"}));
  set.classify_and_extract(d);
  ASSERT_TRUE(d.fields.count("procedure_name"));
  EXPECT_EQ(d.fields.at("procedure_name").value, "Đăng ký khai sinh");
}

TEST(PluginSet, TrustsAProcedureNameTheCatalogueSettlesHoweverUnsureItsWords) {
  // A word read unsurely ("tử" at 0.3) does not put a name in review that no other name of the
  // catalogue comes near; a name that begins a longer one ("Đăng ký khai sinh": "… có yếu tố
  // nước ngoài" may have lost its end) keeps its words' confidence.
  PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR});
  for (const auto& [name, unsure, doubted] :
       {std::tuple{"Đăng ký khai tử", "tử", false}, std::tuple{"Đăng ký khai sinh", "sinh", true},
        std::tuple{"Đăng ký khai tủ", "tủ", false}}) {
    Dossier d = birth_registration(kFiveFebruary);
    d.pages.insert(d.pages.begin(), page_of({"GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
                                             "Tiếp nhận hồ sơ của: TRẦN THỊ BÌNH",
                                             std::string("Nội dung yêu cầu giải quyết: ") + name}));
    for (Word& w : d.pages[0].words) {
      if (w.text == unsure) w.confidence = 0.3f;
    }
    set.classify_and_extract(d);
    ASSERT_TRUE(d.fields.count("procedure_name")) << name;
    EXPECT_EQ(d.review_reasons.count("procedure_name") != 0, doubted)
        << name << ": " << d.review_reasons["procedure_name"];
  }
}

// The word `text` of the dossier's first page, read a second time as `again`.
void read_again(Dossier& d, const std::string& text, const std::string& again) {
  for (Word& w : d.pages[0].words) {
    if (w.text == text) w.second_reading = again;
  }
}

TEST(PluginSet, FlagsADigitValueThatItsWordsReadAgainWouldChange) {
  PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR});
  Dossier d = birth_registration(kFiveFebruary);
  read_again(d, "10", "18");  // the day of the signature: 10 or 18?
  set.classify_and_extract(d);
  EXPECT_EQ(d.fields.at("signed_date").value, "2020-02-10");  // kept as read, but doubted
  ASSERT_TRUE(d.review_reasons.count("signed_date"));
  EXPECT_NE(d.review_reasons.at("signed_date").find("2020-02-18"), std::string::npos)
      << d.review_reasons.at("signed_date");
}

TEST(PluginSet, FlagsANameAWordOfWhichWasNearlyReadAsAnotherName) {
  // Seed 25 of bench/extract: "Lê Bảo Hiển" for Hiền, on the receipt and the form alike;
  // Tesseract's runner-up for the mark is kept as the word's second reading.
  PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR});
  for (const std::string again : {"Hiền", "Hiên", "Hiển"}) {
    Dossier d = birth_registration(kFiveFebruary);
    for (Word& w : d.pages[0].words) {
      if (w.text == "Bình") w.text = "Hiển";
    }
    read_again(d, "Hiển", again);
    set.classify_and_extract(d);
    ASSERT_TRUE(d.fields.count("requester_name")) << again;
    EXPECT_EQ(d.fields.at("requester_name").value, "Trần Thị Hiển") << again;
    // "Hiên" is no usual name: the reading as printed stands.
    const bool flagged =
        d.review_reasons.count("requester_name") != 0 &&
        d.review_reasons.at("requester_name").find("nearly read \"Hiền\"") != std::string::npos;
    EXPECT_EQ(flagged, again == "Hiền") << again;
  }
}

TEST(PluginSet, FlagsAValueWhoseWordReadAgainLeftOutADigit) {
  // Held-out seed 30 of bench/extract: the book "06/2016-SCT/BS" read 96/…, and read again by
  // the second model without that digit. A text value holding digits is checked so too.
  PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR});
  for (const auto& [again, flagged] :
       {std::pair{"6/2016-SCT/BS.", true}, std::pair{"9/2016-SCT/BS", true},
        std::pair{"96/2016-SCT/BS.", false}, std::pair{"96/2016-SCT/B", false}}) {
    Dossier d;
    d.id = "test";
    d.pages.push_back(page_of({"CĂN CƯỚC CÔNG DÂN", "CHỨNG THỰC BẢN SAO ĐÚNG VỚI BẢN CHÍNH",
                               "Số chứng thực: 2127 Quyển số: 96/2016-SCT/BS", "Ngày 17/10/2016",
                               "ỦY BAN NHÂN DÂN PHƯỜNG PHÚ DIỄN"}));
    read_again(d, "96/2016-SCT/BS", again);
    set.classify_and_extract(d);
    ASSERT_TRUE(d.fields.count("book_number")) << again;
    EXPECT_EQ(d.fields.at("book_number").value, "96/2016-SCT/BS") << again;
    EXPECT_EQ(d.review_reasons.count("book_number") != 0, flagged) << again;
  }
}

TEST(PluginSet, PutsBackADigitOfABookNumberReadAsALetter) {
  // Held-out seed 60: the book "01/2024-SCT/BS" read "Q1/2024-SCT/BS", unflagged.
  PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR});
  for (const auto& [read, want, flagged] : {std::tuple{"Q1/2024-SCT/BS", "01/2024-SCT/BS", true},
                                            std::tuple{"01/2024-SCT/BS", "01/2024-SCT/BS", false},
                                            std::tuple{"0X/2024-SCT/BS", "0X/2024-SCT/BS", true},
                                            // Held-out seed 103: the '-' read ':'.
                                            std::tuple{"01/2022:SCT/BS", "01/2022-SCT/BS", true},
                                            std::tuple{"01/2022SCT/BS", "01/2022-SCT/BS", true}}) {
    Dossier d;
    d.id = "test";
    d.pages.push_back(page_of({"CĂN CƯỚC CÔNG DÂN", "CHỨNG THỰC BẢN SAO ĐÚNG VỚI BẢN CHÍNH",
                               std::string("Số chứng thực: 2127 Quyển số: ") + read,
                               "Ngày 17/10/2024", "ỦY BAN NHÂN DÂN PHƯỜNG PHÚ DIỄN"}));
    set.classify_and_extract(d);
    ASSERT_TRUE(d.fields.count("book_number")) << read;
    EXPECT_EQ(d.fields.at("book_number").value, want) << read;
    EXPECT_EQ(d.review_reasons.count("book_number") != 0, flagged) << read;
  }
}

TEST(PluginSet, TrustsADigitValueWhenTheSecondReadingIsNoOtherValue) {
  PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR});
  // A second reading that lost a digit, read a letter, or only changed the punctuation
  // around the word says nothing about the digits.
  for (const std::string again : {"1", "1O", "I0", "10.", "'10", "100"}) {
    Dossier d = birth_registration(kFiveFebruary);
    read_again(d, "10", again);
    set.classify_and_extract(d);
    EXPECT_EQ(d.fields.at("signed_date").value, "2020-02-10") << again;
    EXPECT_FALSE(d.review_reasons.count("signed_date"))
        << again << ": " << d.review_reasons.at("signed_date");
  }
  // Nor does the same word with other digits that make no date ("35/02/2020": Tesseract's
  // runner-up for the 0 was a 3).
  {
    Dossier d = birth_registration(kFiveFebruary);
    read_again(d, "05/02/2020", "35/02/2020");
    set.classify_and_extract(d);
    EXPECT_FALSE(d.review_reasons.count("child_birth_date"))
        << d.review_reasons.at("child_birth_date");
  }
  // Nor does one that only lost digits, or one of a value that is no digits.
  Dossier d = birth_registration(kFiveFebruary);
  read_again(d, "05/02/2020", "05/2/220");
  read_again(d, "Phú", "Phù");
  set.classify_and_extract(d);
  EXPECT_FALSE(d.review_reasons.count("child_birth_date"));
  EXPECT_FALSE(d.review_reasons.count("signed_date"));
  EXPECT_FALSE(d.review_reasons.count("ward"));
}

TEST(PluginSet, FlagsADateWhoseDigitsReadAgainDiffer) {
  PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR});
  // Why the birth date is doubted when "05/02/2020" is read again as `again` ("" if it is not).
  auto doubt = [&](const std::string& again) {
    Dossier d = birth_registration(kFiveFebruary);
    read_again(d, "05/02/2020", again);
    set.classify_and_extract(d);
    const auto it = d.review_reasons.find("child_birth_date");
    return it == d.review_reasons.end() ? std::string() : it->second;
  };
  // Punctuation aside, one digit differs: the other date it would be.
  EXPECT_NE(doubt("05/02/2028,").find("2028-02-05"), std::string::npos) << doubt("05/02/2028,");
  // A second reading that changed a digit, even one that makes no date.
  EXPECT_NE(doubt("-06/02/20201").find("other digits"), std::string::npos);
  // One that saw fewer figures, a letter among them: how many digits there are is in doubt.
  EXPECT_NE(doubt("Ả/02/2020").find("fewer figures"), std::string::npos) << doubt("Ả/02/2020");
}

// A receipt (which lists the form in sentence case), then a business household form of the
// identity-card years, whose title OCR read with a speck before it.
TEST(PluginSet, ReadsABusinessFormOfTheIdentityCardYearsAfterItsReceipt) {
  PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR});
  Dossier d;
  d.id = "test";
  d.pages.push_back(page_of({
      "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
      "Bắc Từ Liêm, ngày 24 tháng 9 năm 2020",
      "Nội dung yêu cầu giải quyết: Đăng ký thành lập hộ kinh doanh",
      "Giấy đề nghị đăng ký hộ kinh doanh",
  }));
  d.pages.push_back(page_of({
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Bắc Từ Liêm, ngày 23 tháng 9 năm 2020",
      ". GIẤY ĐỀ NGHỊ ĐĂNG KÝ HỘ KINH DOANH",
      "Tôi là (ghi họ tên bằng chữ in hoa): ĐẶNG KHÁNH NGA",
      "Số Chứng minh nhân dân: 014513347",
  }));
  d.pages.back().number = 2;
  set.classify_and_extract(d);
  EXPECT_EQ(d.procedure, "ho_kinh_doanh");
  ASSERT_TRUE(d.fields.count("owner_id_number"));
  EXPECT_EQ(d.fields.at("owner_id_number").value, "014513347");
  ASSERT_TRUE(d.fields.count("signed_date"));
  EXPECT_EQ(d.fields.at("signed_date").value, "2020-09-23");  // the form's, not the receipt's
}

TEST(PluginSet, FlagsTheApplicantWhenTheFormNamesThemOneLetterOtherwise) {
  // Held-out seed 34 of bench/extract: "LÊ BÌNH VIỆT" on the receipt, "Lê Đình Việt" on the
  // form and its signature. The spelling printed fewer times is the one doubted.
  PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR});
  for (const auto& [receipt, doubted] :
       {std::pair{"LÊ BÌNH VIỆT", "applicant_name"}, std::pair{"LÊ ĐÌNH VIỆT", ""}}) {
    Dossier d;
    d.id = "test";
    d.pages.push_back(page_of({"GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
                               std::string("Tiếp nhận hồ sơ của: ") + receipt,
                               "Nội dung yêu cầu giải quyết: Đăng ký khai sinh"}));
    d.pages.push_back(page_of(
        {"TỜ KHAI ĐĂNG KÝ KHAI SINH", "Họ, chữ đệm, tên người yêu cầu: Lê Đình Việt",
         "Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:", "Họ, chữ đệm, tên: LÊ ĐÌNH AN",
         "Người yêu cầu", "Lê Đình Việt"}));
    d.pages.back().number = 2;
    set.classify_and_extract(d);
    ASSERT_TRUE(d.fields.count("applicant_name")) << receipt;
    ASSERT_TRUE(d.fields.count("requester_name")) << receipt;
    EXPECT_EQ(d.fields.at("requester_name").value, "Lê Đình Việt") << receipt;
    // Since held-out seed 70, "Bình" in the middle is doubted as Đình misread by settle_name
    // too; the first reason found is the one kept.
    const auto one_letter = [&](const std::string& key) {
      return d.review_reasons.count(key) != 0 &&
             (d.review_reasons.at(key).find("differ in one letter") != std::string::npos ||
              d.review_reasons.at(key).find("rarely a middle name") != std::string::npos);
    };
    EXPECT_EQ(one_letter("applicant_name"), std::string(doubted) == "applicant_name") << receipt;
    EXPECT_FALSE(one_letter("requester_name")) << receipt;
  }
}

TEST(PluginSet, DropsSpecksAroundTheWordsOfABusinessName) {
  // Held-out seed 30 of bench/extract: a speck after the name read as '.', one before a word
  // as a quote; both went into the archive unflagged. A digit among letters is shown too, and
  // trade words read with another mark are the trade's.
  PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR});
  for (const auto& [line, want, flagged] :
       {std::tuple{"Tên hộ kinh doanh (ghi bằng chữ in hoa): CỬA HÀNG QUÁN CƠM MINH ANH.",
                   "CỬA HÀNG QUÁN CƠM MINH ANH", false},
        std::tuple{"Tên hộ kinh doanh (ghi bằng chữ in hoa): HỘ KINH DOANH VẬT LIỆU MINH 'ANH",
                   "HỘ KINH DOANH VẬT LIỆU MINH ANH", true},
        // Seeds 32 and 33: a '-' between two words, one after the name.
        std::tuple{"Tên hộ kinh doanh (ghi bằng chữ in hoa): CỬA HÀNG-QUÁN CƠM NGỌC LAN",
                   "CỬA HÀNG QUÁN CƠM NGỌC LAN", true},
        std::tuple{"Tên hộ kinh doanh (ghi bằng chữ in hoa): HỘ KINH DOANH CÀ PHÊ AN PHÁT-",
                   "HỘ KINH DOANH CÀ PHÊ AN PHÁT", false},
        // Seed 33: the name run on into the next item.
        std::tuple{"Tên hộ kinh doanh (ghi bằng chữ in hoa): CỬA HÀNG THỜI TRANG AN PHÁT. "
                   "2.-Địa chỉ trụ sở hộ kinh doanh: Nhà số 138, ngõ 67 Nhổn",
                   "CỬA HÀNG THỜI TRANG AN PHÁT", false},
        // Seed 37: a T read as 1 ("1ẠP" for TẠP).
        std::tuple{"Tên hộ kinh doanh (ghi bằng chữ in hoa): HỘ KINH DOANH 1ẠP HÓA ĐỨC MINH",
                   "HỘ KINH DOANH 1ẠP HÓA ĐỨC MINH", true},
        // Seed 47: a low quote before a word.
        std::tuple{"Tên hộ kinh doanh (ghi bằng chữ in hoa): HỘ KINH DOANH ĐIỆN THOẠI „DI ĐỘNG",
                   "HỘ KINH DOANH ĐIỆN THOẠI DI ĐỘNG", true},
        // Seed 46: the D of DỰNG read Đ; "XÂY ĐỰNG" is no Vietnamese, the trade is XÂY DỰNG.
        std::tuple{"Tên hộ kinh doanh (ghi bằng chữ in hoa): CỬA HÀNG VẬT LIỆU XÂY ĐỰNG GIA HUY",
                   "CỬA HÀNG VẬT LIỆU XÂY DỰNG GIA HUY", true},
        // The given part has no list: THƯ HÀ may be a name.
        std::tuple{"Tên hộ kinh doanh (ghi bằng chữ in hoa): HỘ KINH DOANH CÀ PHE THƯ HÀ",
                   "HỘ KINH DOANH CÀ PHÊ THƯ HÀ", true},
        // Held-out seed 62: the U of HUY read Ù; "Hùy" is no usual name, Huy is.
        std::tuple{"Tên hộ kinh doanh (ghi bằng chữ in hoa): CỬA HÀNG CẮT TÓC GIA HÙY",
                   "CỬA HÀNG CẮT TÓC GIA HÙY", true},
        std::tuple{"Tên hộ kinh doanh (ghi bằng chữ in hoa): CỬA HÀNG CẮT TÓC GIA HUY",
                   "CỬA HÀNG CẮT TÓC GIA HUY", false},
        // Seed 33: THU HÀ read THƯ HÀ. Thư is a name, but before another it is most likely Thu.
        std::tuple{"Tên hộ kinh doanh (ghi bằng chữ in hoa): HỘ KINH DOANH CÀ PHÊ THƯ HÀ",
                   "HỘ KINH DOANH CÀ PHÊ THƯ HÀ", true},
        std::tuple{"Tên hộ kinh doanh (ghi bằng chữ in hoa): HỘ KINH DOANH CÀ PHÊ MINH THƯ",
                   "HỘ KINH DOANH CÀ PHÊ MINH THƯ", false},
        // Held-out seeds 93 and 94: a quote after a word, and one between two.
        std::tuple{
            "Tên hộ kinh doanh (ghi bằng chữ in hoa): HỘ KINH DOANH SỬA\" CHỮA XE MÁY GIA HUY",
            "HỘ KINH DOANH SỬA CHỮA XE MÁY GIA HUY", true},
        std::tuple{"Tên hộ kinh doanh (ghi bằng chữ in hoa): HỘ KINH DOANH'TẠP HÓA BẢO NGỌC",
                   "HỘ KINH DOANH TẠP HÓA BẢO NGỌC", true},
        // A quote alone is a speck the value's reading drops.
        std::tuple{"Tên hộ kinh doanh (ghi bằng chữ in hoa): HỘ KINH DOANH TẠP HÓA \" BẢO NGỌC",
                   "HỘ KINH DOANH TẠP HÓA BẢO NGỌC", false},
        // Held-out seed 85: a speck before a word read as '-'.
        std::tuple{"Tên hộ kinh doanh (ghi bằng chữ in hoa): HỘ KINH DOANH QUÁN CƠM -MINH ANH",
                   "HỘ KINH DOANH QUÁN CƠM MINH ANH", true},
        // Seed 67: the D of DOANH lost ("OANH" is a name too).
        std::tuple{"Tên hộ kinh doanh (ghi bằng chữ in hoa): HỘ KINH OANH QUÁN CƠM MINH ANH",
                   "HỘ KINH DOANH QUÁN CƠM MINH ANH", true},
        // Held-out seed 102: the HỘ lost (there, glued to the label; read_value takes it now).
        std::tuple{"Tên hộ kinh doanh (ghi bằng chữ in hoa): KINH DOANH CẮT TÓC HƯNG THỊNH",
                   "KINH DOANH CẮT TÓC HƯNG THỊNH", true},
        std::tuple{"Tên hộ kinh doanh (ghi bằng chữ in hoa)-HỘ KINH DOANH CẮT TÓC HƯNG THỊNH",
                   "HỘ KINH DOANH CẮT TÓC HƯNG THỊNH", false},
        // Held-out seed 112: a speck read '-' before the wrapped name's last word.
        std::tuple{
            "Tên hộ kinh doanh (ghi bằng chữ in hoa): HỘ KINH DOANH THỜI TRANG HƯNG\n- THỊNH",
            "HỘ KINH DOANH THỜI TRANG HƯNG THỊNH", true}}) {
    Dossier d;
    d.id = "test";
    std::vector<std::string> lines = {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                      "GIẤY ĐỀ NGHỊ ĐĂNG KÝ HỘ KINH DOANH",
                                      "Tôi là (ghi họ tên bằng chữ in hoa): ĐẶNG KHÁNH NGA"};
    for (std::string_view rest = line; !rest.empty();) {  // a '\n' wraps the name
      const std::size_t end = std::min(rest.find('\n'), rest.size());
      lines.emplace_back(rest.substr(0, end));
      rest.remove_prefix(std::min(end + 1, rest.size()));
    }
    d.pages.push_back(page_of(lines));
    set.classify_and_extract(d);
    ASSERT_TRUE(d.fields.count("business_name")) << line;
    EXPECT_EQ(d.fields.at("business_name").value, want) << line;
    EXPECT_EQ(d.review_reasons.count("business_name") != 0, flagged) << line;
  }
}

TEST(PluginSet, NamesNoProcedureForAPageNoPluginKnows) {
  PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR});
  Dossier d;
  d.pages.push_back(
      page_of({"ỦY BAN NHÂN DÂN", "Kính gửi: các phòng ban", "Về việc họp giao ban"}));
  set.classify_and_extract(d);
  EXPECT_EQ(d.procedure, "unknown");
  EXPECT_TRUE(d.fields.empty());
  EXPECT_EQ(d.needs_review, (std::vector<std::string>{"procedure"}));
}

TEST(PluginSet, ReportsEveryBrokenPluginWithItsFileAndReason) {
  const PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR, SOHOA_BROKEN_PLUGIN_DIR});
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"not_a_library.so", "not a loadable plugin library"},
      {"no_descriptor.so", "exports no sohoa_plugin_descriptor"},
      {"wrong_abi.so", "built for plugin ABI 999"},
      {"throws_at_creation.so", "cannot open my configuration file"},
      {"no_factory.so", "exports no sohoa_create_extractor"},
      {"unresolved_symbol.so", "sohoa_symbol_nobody_defines"},
      {"bad_descriptor.so", "unknown type 'colour'"},
      {"duplicate_id.so", "plugin id 'khai_sinh' is already loaded"},
  };
  for (const auto& [file, reason] : expected) {
    const PluginFailure* f = failure_of(set, file);
    ASSERT_NE(f, nullptr) << file << " was not reported";
    EXPECT_NE(f->reason.find(reason), std::string::npos) << file << ": " << f->reason;
  }
  EXPECT_EQ(set.failures().size(), expected.size());
  // The good ones, and the broken ones that only misbehave later, are loaded.
  EXPECT_EQ(set.plugins().size(), 7u + 3u);
}

TEST(PluginSet, MisbehavingPluginsCannotTakeTheDossierDown) {
  PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR, SOHOA_BROKEN_PLUGIN_DIR});
  Dossier d = birth_registration(kFiveFebruary);
  const Classification c = set.classify_and_extract(d);
  // The NaN score is ignored, not a claim; khai_sinh still names the procedure.
  EXPECT_EQ(d.procedure, "khai_sinh");
  EXPECT_EQ(d.fields.at("child_name").value, "Nguyễn Văn An");
  auto reported = [&](const std::string& tag, const std::string& what) {
    return std::any_of(c.failures.begin(), c.failures.end(), [&](const PluginFailure& f) {
      return f.file == tag && f.reason.find(what) != std::string::npos;
    });
  };
  EXPECT_TRUE(reported("broken_nan_score@0.1.0", "not in 0..1"));
  EXPECT_TRUE(reported("broken_throws_in_extract@0.1.0", "index out of range"));
  EXPECT_TRUE(reported("broken_nonsense@0.1.0", "undeclared field"));
  EXPECT_TRUE(reported("broken_nonsense@0.1.0", "confidence"));
  EXPECT_TRUE(reported("broken_nonsense@0.1.0", "page 6 of a 1-page dossier"));
  EXPECT_TRUE(reported("broken_nonsense@0.1.0", "outside its page"));
  EXPECT_TRUE(reported("broken_nonsense@0.1.0", "non-UTF-8 value"));
  EXPECT_TRUE(reported("broken_nonsense@0.1.0", "non-UTF-8 raw text"));
  EXPECT_TRUE(reported("broken_nonsense@0.1.0", "non-UTF-8 review reason"));
  // Nothing the broken plugins returned is kept; their fields wait for a person.
  for (const char* key : {"broken_a", "broken_b", "broken_c", "broken_d", "broken_e", "broken_f",
                          "not_in_my_schema"}) {
    EXPECT_FALSE(d.fields.count(key)) << key;
  }
  for (const char* key : {"broken_a", "broken_b", "broken_c", "broken_d", "broken_e", "broken_f"}) {
    EXPECT_TRUE(d.review_reasons.count(key)) << key;
  }
  // And the record can be saved: everything in it is whole UTF-8.
  EXPECT_NO_THROW((void)record_to_json(d).dump());
}

TEST(PluginSet, CutsAFutureDatesRawTextBetweenCharacters) {
  // A date misread into the future is not stored; its reason quotes the raw text, cut to 80
  // bytes. Cut inside "Thời" (seed 20 of bench/extract), the record could not be saved and
  // `sohoa reextract` stopped.
  PluginSet set = PluginSet::load({SOHOA_PLUGIN_DIR});
  Dossier d = birth_registration(kFiveFebruary);
  d.pages.insert(d.pages.begin(),
                 page_of({"GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
                          "4. Thời gian nhận hồ sơ: 8 giờ 30 phút, ngày 24/04/2037 5, Thời gian "
                          "trả kết quả giải quyết hồ sơ"}));
  set.classify_and_extract(d);
  EXPECT_FALSE(d.fields.count("received_date"));
  ASSERT_TRUE(d.review_reasons.count("received_date"));
  EXPECT_NE(d.review_reasons.at("received_date").find("in the future"), std::string::npos);
  EXPECT_NO_THROW((void)record_to_json(d).dump());
}

}  // namespace
}  // namespace sohoa
