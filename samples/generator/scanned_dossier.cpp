#include "scanned_dossier.h"

#include <string>
#include <utility>

#include "text.h"

namespace sohoa::samples {

ScannedDossier scan_dossier(const PlannedDossier& plan, Rng& rng, Renderer& renderer) {
  ScannedDossier out;
  out.content = compose_dossier(plan.procedure, rng, plan.prose_chance);
  for (const DocumentSpec& doc : out.content.documents) {
    for (RenderedPage& page : renderer.render(doc, rng)) out.rendered.push_back(std::move(page));
  }
  out.settings = ScanSettings{plan.level, plan.bitonal, plan.jpeg_quality,
                              static_cast<int>(rng.uniform_int(180, 200))};
  for (size_t i = 0; i < out.rendered.size(); ++i) {
    const bool random_flip = rng.chance(0.1);
    const bool flip = plan.level > 0 && (random_flip || (plan.flip_second_page && i == 1));
    out.scanned.push_back(scan(out.rendered[i], out.settings, flip, rng));
  }
  return out;
}

nlohmann::ordered_json truth_fields(const DossierContent& content) {
  nlohmann::ordered_json fields = nlohmann::ordered_json::object();
  for (const auto& item : content.fields.items()) {
    fields[item.key()] = nfc(item.value().get<std::string>());
  }
  return fields;
}

}  // namespace sohoa::samples
