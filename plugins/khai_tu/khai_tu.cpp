// khai_tu: death registration (Tờ khai đăng ký khai tử, Thông tư 04/2020/TT-BTP).
#include "sohoa/plugin/extract.h"
#include "sohoa/plugin/sdk.h"

namespace {

using namespace sohoa::plugin;

constexpr std::string_view kTitle = "TỜ KHAI ĐĂNG KÝ KHAI TỬ";
constexpr std::string_view kDeceased = "Đề nghị cơ quan đăng ký khai tử cho người có tên dưới đây";

const std::vector<FieldRule>& rules() {
  static const std::vector<FieldRule> kRules = {
      {"ward", "Kính gửi", ValueKind::kWard, 1},
      {"requester_name", "Họ, chữ đệm, tên người yêu cầu", ValueKind::kName},
      {"deceased_name", "Họ, chữ đệm, tên", ValueKind::kName, 0, {}, kDeceased},
      {"deceased_birth_date", "Ngày, tháng, năm sinh", ValueKind::kDate, 0, {}, kDeceased},
      {"deceased_sex", "Giới tính", ValueKind::kSex, 0, {"Dân tộc"}, kDeceased},
      {"death_date", "Đã chết vào lúc", ValueKind::kDate, 1, {}, kDeceased},
  };
  return kRules;
}

class DeathRegistration final : public Extractor {
 public:
  double score(const DossierView& dossier) override {
    return procedure_score(dossier, kTitle, "khai tử");
  }

  std::vector<FieldValue> extract(const DossierView& dossier) override {
    const int page = page_with_title(dossier, kTitle, 0.5);
    if (page < 0) return {};
    const Scope scope{page, page + 2};
    std::vector<FieldValue> fields = read_fields(dossier, rules(), scope);
    if (auto signed_date = read_place_date(dossier, "signed_date", scope, "Làm tại")) {
      fields.push_back(*signed_date);
    } else if (auto any = read_place_date(dossier, "signed_date", scope, "Nguyên nhân chết")) {
      fields.push_back(*any);
    }
    // A death after the signature, or before the birth, is a misreading.
    FieldValue* death = find_field(fields, "death_date");
    const FieldValue* birth = find_field(fields, "deceased_birth_date");
    const FieldValue* signed_on = find_field(fields, "signed_date");
    if (death != nullptr && birth != nullptr && death->value < birth->value) {
      flag_for_review(death, "the death date is before the birth date " + birth->value);
    }
    if (death != nullptr && signed_on != nullptr && death->value > signed_on->value) {
      flag_for_review(death, "the death date is after the form was signed on " + signed_on->value);
    }
    return fields;
  }

  bool starts_dossier(const PageView& page) override {
    return title_score_on_page(page, kTitle) >= 0.75;
  }
};

constexpr sohoa_field_schema kFields[] = {
    {"ward", "Phường đăng ký", "ward", 1},
    {"requester_name", "Người yêu cầu", "person_name", 1},
    {"deceased_name", "Họ tên người đã chết", "person_name", 1},
    {"deceased_birth_date", "Ngày sinh người đã chết", "date", 1},
    {"deceased_sex", "Giới tính", "sex", 1},
    {"death_date", "Ngày chết", "date", 1},
    {"signed_date", "Ngày ký tờ khai", "date", 1},
};

}  // namespace

SOHOA_PLUGIN(DeathRegistration,
             {SOHOA_PLUGIN_ABI_VERSION, SOHOA_PLUGIN_CXX_ABI, "khai_tu", "1.3.0",
              SOHOA_PLUGIN_ROLE_PROCEDURE, "Đăng ký khai tử", kFields, std::size(kFields)})
