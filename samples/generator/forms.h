// The content of each kind of page in a dossier (shared/FORMS.md): the one-stop receipt,
// the declaration form of each procedure, prose letters and certified copies. Each maker
// returns plain DocumentSpecs plus the truth fields for what it printed.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "page_spec.h"
#include "rng.h"
#include "values.h"

namespace sohoa::samples {

/// What every form of one dossier shares.
struct DossierContext {
  Rng& rng;
  const Ward& ward;  ///< the ward the dossier concerns
  Date received;     ///< the day the one-stop desk took the dossier
  Date signed_date;  ///< the day the applicant signed the form (on or before `received`)
  Typeface face;     ///< the declaration form's typeface
};

/// What the declaration form tells the receipt.
struct ReceiptRequest {
  std::string procedure_name;          ///< "Đăng ký khai sinh", printed and stored as is
  std::vector<std::string> documents;  ///< "Thành phần hồ sơ nộp gồm" items
  bool district_level = false;         ///< handled by the district, not the ward
  std::string applicant_name;
  Address applicant_address;
  std::string applicant_phone;  ///< digits
};

struct FormResult {
  nlohmann::ordered_json fields;  ///< the procedure's keys, stored formats
  std::vector<DocumentSpec> documents;
  ReceiptRequest receipt;
};

// Declaration forms, one per procedure (forms_civil.cpp, forms_business.cpp, forms_prose.cpp).
FormResult make_khai_sinh(DossierContext& ctx);
FormResult make_ket_hon(DossierContext& ctx);
FormResult make_khai_tu(DossierContext& ctx);
FormResult make_ho_kinh_doanh(DossierContext& ctx);
FormResult make_cap_phep_xay_dung(DossierContext& ctx);
FormResult make_chung_thuc(DossierContext& ctx);

/// The one-stop receipt heading a dossier; adds the tiep_nhan keys to `truth`.
DocumentSpec make_receipt(DossierContext& ctx, const ReceiptRequest& request,
                          nlohmann::ordered_json& truth);

/// A page of plain prose: an official letter citing other documents, or a citizen's letter.
/// `topic` is a procedure id (or "unknown") and steers the subject.
DocumentSpec make_prose_page(Rng& rng, const std::string& topic, const Ward& ward, Date date);

}  // namespace sohoa::samples
