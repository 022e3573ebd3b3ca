// cap_phep_xay_dung: construction permit application (Đơn đề nghị cấp giấy phép xây dựng,
// Mẫu 01 Phụ lục II, Nghị định 15/2021/NĐ-CP).
#include "sohoa/plugin/extract.h"
#include "sohoa/plugin/sdk.h"

namespace {

using namespace sohoa::plugin;

constexpr std::string_view kTitle = "ĐƠN ĐỀ NGHỊ CẤP GIẤY PHÉP XÂY DỰNG";
constexpr std::string_view kSite = "Địa điểm xây dựng";

const std::vector<FieldRule>& rules() {
  static const std::vector<FieldRule> kRules = {
      {"investor_name", "Chủ đầu tư", ValueKind::kName},
      {"investor_name", "Tên chủ đầu tư", ValueKind::kName},
      {"plot_number", "Thửa đất số", ValueKind::kNumber, 0, {"tờ bản đồ số"}},
      {"plot_number", "Lô đất số", ValueKind::kNumber, 0, {"tờ bản đồ số"}},
      // "tờ bản đồ số: 8, diện tích: 83,2 m2": an unread sheet number must not take the area.
      {"map_sheet", "tờ bản đồ số", ValueKind::kNumber, 0, {"diện tích"}},
      {"ward", "Tại", ValueKind::kWard, 1, {}, kSite},
      {"ward", "Địa điểm xây dựng", ValueKind::kWard, 3},
      {"total_floor_area", "Tổng diện tích sàn", ValueKind::kNumber},
      {"floors", "Số tầng", ValueKind::kNumber},
  };
  return kRules;
}

class ConstructionPermit final : public Extractor {
 public:
  double score(const DossierView& dossier) override {
    return procedure_score(dossier, kTitle, "giấy phép xây dựng");
  }

  std::vector<FieldValue> extract(const DossierView& dossier) override {
    const int page = page_with_title(dossier, kTitle, 0.5);
    if (page < 0) return {};
    const Scope scope{page, page + 2};
    std::vector<FieldValue> fields = read_fields(dossier, rules(), scope);
    if (auto signed_date = read_place_date(dossier, "signed_date", scope, "Cam kết")) {
      fields.push_back(*signed_date);
    } else if (auto any = read_place_date(dossier, "signed_date", scope)) {
      fields.push_back(*any);
    }
    return fields;
  }

  bool starts_dossier(const PageView& page) override {
    return title_score_on_page(page, kTitle) >= 0.75;
  }
};

constexpr sohoa_field_schema kFields[] = {
    {"ward", "Phường nơi xây dựng", "ward", 1},
    {"investor_name", "Chủ đầu tư", "person_name", 1},
    {"plot_number", "Thửa đất số", "text", 1},
    {"map_sheet", "Tờ bản đồ số", "text", 1},
    {"total_floor_area", "Tổng diện tích sàn (m²)", "number", 1},
    {"floors", "Số tầng", "number", 1},
    {"signed_date", "Ngày ký đơn", "date", 1},
};

}  // namespace

SOHOA_PLUGIN(ConstructionPermit,
             {SOHOA_PLUGIN_ABI_VERSION, SOHOA_PLUGIN_CXX_ABI, "cap_phep_xay_dung", "1.4.0",
              SOHOA_PLUGIN_ROLE_PROCEDURE, "Cấp giấy phép xây dựng", kFields, std::size(kFields)})
