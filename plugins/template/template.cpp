// A template extractor plugin: copy this folder, rename, and fill in the title, the rules and
// the field schema of your procedure. docs/writing-a-plugin.md walks through it.
//
// This one reads a (fictional) "ĐƠN ĐỀ NGHỊ MẪU" form:
//   ĐƠN ĐỀ NGHỊ MẪU
//   Kính gửi: UBND phường Xuân Đỉnh
//   Họ, chữ đệm, tên người đề nghị: NGUYỄN VĂN AN ……
//   Ngày, tháng, năm sinh: 05/02/1990 ……
//   Số định danh cá nhân: 001090012345 ……
//   Xuân Đỉnh, ngày 10 tháng 3 năm 2024
#include "sohoa/plugin/extract.h"
#include "sohoa/plugin/sdk.h"
#include "sohoa/plugin/values.h"

namespace {

using namespace sohoa::plugin;

// 1. The title printed at the top of the form's first page.
constexpr std::string_view kTitle = "ĐƠN ĐỀ NGHỊ MẪU";

// 2. One rule per field: key, label as printed, kind of value (the normaliser), how many
//    lines the value may wrap onto, labels that end it on its line, and a label that must
//    come first (for labels printed more than once, like "Năm sinh").
const std::vector<FieldRule>& rules() {
  static const std::vector<FieldRule> kRules = {
      {"ward", "Kính gửi", ValueKind::kWard, 1},
      {"applicant_name", "Họ, chữ đệm, tên người đề nghị", ValueKind::kName},
      {"applicant_birth_date", "Ngày, tháng, năm sinh", ValueKind::kDate},
      {"applicant_id_number", "Số định danh cá nhân", ValueKind::kIdNumber},
  };
  return kRules;
}

class ExampleForm final : public Extractor {
 public:
  // 3. How sure you are the dossier is yours: the title, and the receipt's request.
  double score(const DossierView& dossier) override {
    return procedure_score(dossier, kTitle, "đề nghị mẫu");
  }

  // 4. The fields, read from the form's pages only.
  std::vector<FieldValue> extract(const DossierView& dossier) override {
    const int page = page_with_title(dossier, kTitle, 0.5);
    if (page < 0) return {};
    const Scope scope{page, page + 2};
    std::vector<FieldValue> fields = read_fields(dossier, rules(), scope);
    if (auto signed_date = read_place_date(dossier, "signed_date", scope)) {
      fields.push_back(*signed_date);
    }
    // 5. Validate what can be validated; doubt goes to a person, never a guess.
    check_id_against_birth(fields, "applicant_id_number", "applicant_birth_date");
    return fields;
  }

  bool starts_dossier(const PageView& page) override {
    return title_score_on_page(page, kTitle) >= 0.75;
  }
};

// 6. The schema: every key the plugin may return, its Vietnamese label, its type.
constexpr sohoa_field_schema kFields[] = {
    {"ward", "Phường", "ward", 1},
    {"applicant_name", "Người đề nghị", "person_name", 1},
    {"applicant_birth_date", "Ngày sinh", "date", 1},
    {"applicant_id_number", "Số định danh", "id_number", 1},
    {"signed_date", "Ngày ký", "date", 1},
};

}  // namespace

// 7. Export the descriptor and the factory.
SOHOA_PLUGIN(ExampleForm,
             {SOHOA_PLUGIN_ABI_VERSION, SOHOA_PLUGIN_CXX_ABI, "de_nghi_mau", "0.1.0",
              SOHOA_PLUGIN_ROLE_PROCEDURE, "Đơn đề nghị mẫu", kFields, std::size(kFields)})
