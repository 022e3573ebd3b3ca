// tiep_nhan: the one-stop receipt (Giấy tiếp nhận hồ sơ và hẹn trả kết quả, Mẫu số 01,
// Thông tư 01/2018/TT-VPCP) that heads a filed dossier. Not a procedure: its fields join
// whatever dossier it heads.
#include "sohoa/plugin/extract.h"
#include "sohoa/plugin/sdk.h"

namespace {

using namespace sohoa::plugin;

constexpr std::string_view kTitle = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ";

const std::vector<FieldRule>& rules() {
  static const std::vector<FieldRule> kRules = {
      {"dossier_code", "Mã hồ sơ", ValueKind::kDossierCode},
      {"applicant_name", "Tiếp nhận hồ sơ của", ValueKind::kName},
      {"applicant_address", "Địa chỉ", ValueKind::kText, 2, {"Số điện thoại"}},
      {"applicant_phone", "Số điện thoại", ValueKind::kPhone},
      {"procedure_name", "Nội dung yêu cầu giải quyết", ValueKind::kText, 2},
      {"received_date", "Thời gian nhận hồ sơ", ValueKind::kDate, 1},
      {"due_date", "Thời gian trả kết quả giải quyết hồ sơ", ValueKind::kDate, 1},
  };
  return kRules;
}

class Receipt final : public Extractor {
 public:
  double score(const DossierView& dossier) override { return title_score(dossier, kTitle); }

  std::vector<FieldValue> extract(const DossierView& dossier) override {
    const int page = page_with_title(dossier, kTitle, 0.5);
    if (page < 0) return {};
    return read_fields(dossier, rules(), Scope{page, page + 1});
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

SOHOA_PLUGIN(Receipt, {SOHOA_PLUGIN_ABI_VERSION, SOHOA_PLUGIN_CXX_ABI, "tiep_nhan", "1.0.0",
                       SOHOA_PLUGIN_ROLE_RECEIPT, "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
                       kFields, std::size(kFields)})
