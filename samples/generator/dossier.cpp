#include "dossier.h"

#include <stdexcept>

#include "forms.h"
#include "forms_common.h"

namespace sohoa::samples {

const std::vector<std::string>& procedure_ids() {
  static const std::vector<std::string> ids = {"khai_sinh",     "ket_hon",           "khai_tu",
                                               "ho_kinh_doanh", "cap_phep_xay_dung", "chung_thuc",
                                               "unknown"};
  return ids;
}

DossierContent compose_dossier(const std::string& procedure, Rng& rng, double prose_chance) {
  // Archived dossiers: received on a working day between 2016 and the ward reform of
  // 1 July 2025, so they carry the old ward names.
  Date received = random_date(rng, Date{2016, 1, 4}, Date{2025, 6, 27});
  while (!is_working_day(received)) received = received.plus_days(1);
  const Ward& ward = random_ward(rng);

  DossierContent out;
  out.procedure = procedure;
  out.fields = nlohmann::ordered_json::object();
  if (procedure == "unknown") {
    const int pages = static_cast<int>(rng.uniform_int(1, 2));
    for (int i = 0; i < pages; ++i) {
      out.documents.push_back(make_prose_page(rng, "unknown", ward, received));
    }
    return out;
  }

  const Date signed_date = rng.chance(0.6) ? received : received.plus_days(-rng.uniform_int(1, 5));
  DossierContext ctx{rng, ward, received, signed_date, random_form_face(rng)};
  FormResult form;
  if (procedure == "khai_sinh") {
    form = make_khai_sinh(ctx);
  } else if (procedure == "ket_hon") {
    form = make_ket_hon(ctx);
  } else if (procedure == "khai_tu") {
    form = make_khai_tu(ctx);
  } else if (procedure == "ho_kinh_doanh") {
    form = make_ho_kinh_doanh(ctx);
  } else if (procedure == "cap_phep_xay_dung") {
    form = make_cap_phep_xay_dung(ctx);
  } else if (procedure == "chung_thuc") {
    form = make_chung_thuc(ctx);
  } else {
    throw std::invalid_argument("unknown procedure: " + procedure);
  }

  out.documents.push_back(make_receipt(ctx, form.receipt, out.fields));
  for (const auto& item : form.fields.items()) out.fields[item.key()] = item.value();
  for (DocumentSpec& doc : form.documents) out.documents.push_back(std::move(doc));
  if (rng.chance(prose_chance)) {
    out.documents.push_back(make_prose_page(rng, procedure, ward, signed_date));
  }
  return out;
}

}  // namespace sohoa::samples
