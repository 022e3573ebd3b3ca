// tiep_nhan: the one-stop receipt (Giấy tiếp nhận hồ sơ và hẹn trả kết quả, Mẫu số 01,
// Thông tư 01/2018/TT-VPCP) that heads a filed dossier. Not a procedure: its fields join
// whatever dossier it heads.
#include <algorithm>
#include <iterator>
#include <vector>

#include "sohoa/plugin/extract.h"
#include "sohoa/plugin/sdk.h"
#include "sohoa/plugin/text.h"
#include "sohoa/plugin/values.h"

namespace {

using namespace sohoa::plugin;

constexpr std::string_view kTitle = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ";

const std::vector<FieldRule>& rules() {
  static const std::vector<FieldRule> kRules = {
      {"dossier_code", "Mã hồ sơ", ValueKind::kDossierCode},
      // At a line's start: the title holds the same words ("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ
      // KẾT QUẢ" read as the label, "HẸN TRẢ KẾT QUẢ" as the name, seeds 21 and 25).
      {"applicant_name", "Tiếp nhận hồ sơ của", ValueKind::kName, 0, {}, {}, {}, true},
      {"applicant_address", "Địa chỉ", ValueKind::kAddress, 2, {"Số điện thoại"}},
      {"applicant_phone", "Số điện thoại", ValueKind::kPhone, 0, {"Email"}},
      {"procedure_name", "Nội dung yêu cầu giải quyết", ValueKind::kText, 2},
      {"received_date", "Thời gian nhận hồ sơ", ValueKind::kDate, 1},
      {"due_date", "Thời gian trả kết quả giải quyết hồ sơ", ValueKind::kDate, 1},
  };
  return kRules;
}

// Names of the procedures the one-stop desk handles, as the one-stop software prints them
// (the published catalogue of administrative procedures, commune and district level). A
// reading within a few OCR edits of one of them is that name; anything else stays as read.
constexpr std::string_view kCatalogue[] = {
    "Đăng ký khai sinh",
    "Đăng ký khai sinh kết hợp nhận cha, mẹ, con",
    "Đăng ký khai sinh có yếu tố nước ngoài",
    "Đăng ký lại khai sinh",
    "Đăng ký kết hôn",
    "Đăng ký kết hôn có yếu tố nước ngoài",
    "Đăng ký lại kết hôn",
    "Đăng ký khai tử",
    "Đăng ký lại khai tử",
    "Đăng ký nhận cha, mẹ, con",
    "Đăng ký giám hộ",
    "Cấp bản sao trích lục hộ tịch",
    "Cấp Giấy xác nhận tình trạng hôn nhân",
    "Thay đổi, cải chính, bổ sung thông tin hộ tịch",
    "Đăng ký thành lập hộ kinh doanh",
    "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh",
    "Chấm dứt hoạt động hộ kinh doanh",
    "Cấp giấy phép xây dựng nhà ở riêng lẻ",
    "Cấp giấy phép sửa chữa, cải tạo công trình",
    "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
    "Chứng thực chữ ký trong các giấy tờ, văn bản",
    "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản",
};

std::u32string letters(std::string_view text) {
  std::u32string out;
  for (char32_t c : decode_utf8(fold(text))) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
  }
  return out;
}

// The catalogue name the reading begins with (OCR may run on into the next item). A name
// matched within a few edits, with every other name at least three further, and that no
// longer name begins with, is the name printed however unsure the OCR was of its words: its
// confidence is the share of letters matched, when that is higher. A name that begins a longer
// one ("Đăng ký khai sinh") keeps its words' confidence, since the rest may have been lost.
void match_catalogue(FieldValue& f) {
  const std::u32string read = letters(f.value);
  std::string_view best;
  int best_distance = 1 << 20;
  int best_d = 0;
  std::vector<int> distances;  // of every name
  for (std::string_view name : kCatalogue) {
    const std::u32string want = letters(name);
    if (read.size() + 3 < want.size()) {
      distances.push_back(1 << 20);
      continue;
    }
    // The head of the reading that reads most like the name: OCR may have added or dropped a
    // letter or two ("kết trôn", "klrai").
    int d = 1 << 20;
    std::size_t head = 0;
    for (std::size_t n = want.size() > 3 ? want.size() - 3 : 0;
         n <= std::min(read.size(), want.size() + 3); ++n) {
      const int dn = edit_distance(read.substr(0, n), want);
      if (dn < d) {
        d = dn;
        head = n;
      }
    }
    distances.push_back(d);
    // Prefer the longer name when a short one is its prefix ("Đăng ký khai sinh" vs "… có
    // yếu tố nước ngoài"): compare what is left over too.
    const int rest = static_cast<int>(read.size() - head);
    const int score = d * 4 + std::min(rest, 12);
    if (d * 6 <= static_cast<int>(want.size()) && score < best_distance) {
      best = name;
      best_distance = score;
      best_d = d;
    }
  }
  if (best.empty()) {
    flag_for_review(&f, "no procedure of the catalogue reads like this (cut short?)");
    return;
  }
  if (letters(best) != read) f.confidence *= 0.95;
  bool clear = true;
  for (std::size_t i = 0; i < std::size(kCatalogue); ++i) {
    const std::string_view other = kCatalogue[i];
    if (other == best) continue;
    if (distances[i] < best_d + 3 || other.starts_with(best)) clear = false;
  }
  if (clear) {
    const double matched = 1.0 - static_cast<double>(best_d) / letters(best).size();
    f.confidence = std::max(f.confidence, matched);
  }
  f.value = std::string(best);
}

// The one-stop software numbers a dossier with the day it was received: the YYMMDD of a code
// as read_dossier_code gives it ("000.00.17.H26-190903-0068"); empty if it holds none.
std::string code_yymmdd(const std::string& code) {
  if (code.size() < 20) return {};
  const std::string yymmdd = code.substr(14, 6);
  return std::all_of(yymmdd.begin(), yymmdd.end(), [](char c) { return c >= '0' && c <= '9'; })
             ? yymmdd
             : std::string();
}

void check_code_date(std::vector<FieldValue>& fields) {
  FieldValue* code = find_field(fields, "dossier_code");
  FieldValue* received = find_field(fields, "received_date");
  if (code == nullptr || received == nullptr) return;
  const std::string yymmdd = code_yymmdd(code->value);
  if (yymmdd.empty()) return;
  const std::string want =
      received->value.substr(2, 2) + received->value.substr(5, 2) + received->value.substr(8, 2);
  if (yymmdd == want) return;
  const std::string reason = "the dossier code's date " + yymmdd + " and the received date " +
                             received->value + " disagree";
  flag_for_review(code, reason);
  flag_for_review(received, reason);
}

// A received date its line lost (the year cut off, "4. Thời" split from "nhận hồ sơ: …") is
// the day in the dossier code: the one-stop software numbers a dossier with the day it was
// received. Taken from the code as printed, always shown to a person.
void received_from_code(std::vector<FieldValue>& fields) {
  if (find_field(fields, "received_date") != nullptr) return;
  const FieldValue* code = find_field(fields, "dossier_code");
  if (code == nullptr) return;
  const std::string yymmdd = code_yymmdd(code->value);
  if (yymmdd.empty()) return;
  const Date day{2000 + std::stoi(yymmdd.substr(0, 2)), std::stoi(yymmdd.substr(2, 2)),
                 std::stoi(yymmdd.substr(4, 2))};
  if (!valid_date(day)) return;
  FieldValue f = *code;
  f.key = "received_date";
  f.value = day.iso();
  f.needs_review = false;
  f.review_reason.clear();
  flag_for_review(
      &f, "the received date is not read on its line; taken from the dossier code " + code->value);
  fields.push_back(std::move(f));
}

// "3. Thời gian giải quyết hồ sơ theo quy định: Trong ngày": a dossier settled within the day
// is due the day it was received (at 16:30, the receipt says). A due date OCR lost is then the
// received date, shown to a person; a time in working days is not counted here (holidays).
void due_within_the_day(const DossierView& dossier, int page, std::vector<FieldValue>& fields) {
  if (find_field(fields, "due_date") != nullptr) return;
  const FieldValue* received = find_field(fields, "received_date");
  if (received == nullptr) return;
  static const FieldRule kTime{"processing_time", "Thời gian giải quyết hồ sơ theo quy định",
                               ValueKind::kText};
  const std::optional<FieldValue> time = read_field(dossier, kTime, Scope{page, page + 1});
  if (!time) return;
  const std::u32string read = letters(time->value);
  const std::u32string want = U"trongngay";
  if (read.size() < want.size() - 1 || read.size() > want.size() + 1 ||
      edit_distance(read, want) > 1) {
    return;
  }
  FieldValue f = *time;
  f.key = "due_date";
  f.value = received->value;
  f.confidence = std::min(time->confidence, received->confidence);
  f.needs_review = false;
  f.review_reason.clear();
  flag_for_review(&f, "the due date is not read; settled \"" + time->raw +
                          "\", it is due the day the dossier was received");
  fields.push_back(std::move(f));
}

// Agency codes (the part of a dossier code before the date) of the one-stop desks whose
// receipts this archive holds: the district's. A district that files its wards' receipts too
// adds their desks here. Another agency's code on a receipt is most likely a misread digit.
const std::vector<std::string_view>& desks() {
  static const std::vector<std::string_view> kDesks = {"000.00.17.H26"};
  return kDesks;
}

// A code whose agency is none of the desks' is flagged; when it is a few characters off one
// desk's ("009.00.17.H26"), that desk's is taken (read_dossier_code_near), flagged all the same.
void check_code_agency(std::vector<FieldValue>& fields) {
  FieldValue* code = find_field(fields, "dossier_code");
  if (code == nullptr) return;
  const std::string agency = code->value.substr(0, code->value.find('-'));
  if (std::find(desks().begin(), desks().end(), agency) != desks().end()) return;
  std::string reason = "the agency code " + agency + " is none of the district's desks";
  if (std::optional<std::string> near = read_dossier_code_near(code->value, desks())) {
    reason += "; taken as " + near->substr(0, near->find('-'));
    code->value = *near;
  }
  flag_for_review(code, reason);
}

// A dossier code the label rule missed: printed whole on a line whose label OCR glued to it
// ("sơ:'000.00.17.H26-…"), or with its agency part misread ("000.00. Ï7.H26-160722-0140",
// "000.00.17.4126-…"). Its shape says what it is: a code read whole first, on any line; else
// one whose date and serial read and whose agency is a desk's but for a few characters,
// flagged.
std::optional<FieldValue> code_on_any_line(const PageView& page) {
  for (const LineView& line : page.lines) {
    if (!read_dossier_code(line.text)) continue;
    return make_field("dossier_code", ValueKind::kDossierCode, join_words(line.words, page.number));
  }
  for (const LineView& line : page.lines) {
    const std::optional<std::string> code = read_dossier_code_near(line.text, desks());
    if (!code) continue;
    FieldValue f = field_from("dossier_code", *code, join_words(line.words, page.number));
    flag_for_review(&f, "the agency part of the code is misread: \"" + line.text +
                            "\"; taken as the desk's " + code->substr(0, code->find('-')));
    return f;
  }
  return std::nullopt;
}

class Receipt final : public Extractor {
 public:
  double score(const DossierView& dossier) override { return title_score(dossier, kTitle); }

  std::vector<FieldValue> extract(const DossierView& dossier) override {
    const int page = page_with_title(dossier, kTitle, 0.5);
    if (page < 0) return {};
    std::vector<FieldValue> fields = read_fields(dossier, rules(), Scope{page, page + 1});
    if (find_field(fields, "dossier_code") == nullptr) {
      if (std::optional<FieldValue> code =
              code_on_any_line(dossier.pages[static_cast<std::size_t>(page)])) {
        fields.push_back(*code);
      }
    }
    if (FieldValue* name = find_field(fields, "procedure_name")) match_catalogue(*name);
    check_code_agency(fields);
    received_from_code(fields);
    due_within_the_day(dossier, page, fields);
    check_code_date(fields);
    return fields;
  }

  bool starts_dossier(const PageView& page) override {
    return title_score_on_page(page, kTitle) >= 0.75;
  }
};

constexpr sohoa_field_schema kFields[] = {
    {"dossier_code", "Mã hồ sơ", "dossier_code", 1},
    {"applicant_name", "Người nộp hồ sơ", "person_name", 1},
    {"applicant_address", "Địa chỉ người nộp", "text", 1},
    {"applicant_phone", "Số điện thoại", "phone", 1},
    {"procedure_name", "Nội dung yêu cầu giải quyết", "text", 1},
    {"received_date", "Ngày nhận hồ sơ", "date", 1},
    {"due_date", "Ngày hẹn trả kết quả", "date", 1},
};

}  // namespace

SOHOA_PLUGIN(Receipt, {SOHOA_PLUGIN_ABI_VERSION, SOHOA_PLUGIN_CXX_ABI, "tiep_nhan", "1.5.0",
                       SOHOA_PLUGIN_ROLE_RECEIPT, "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
                       kFields, std::size(kFields)})
