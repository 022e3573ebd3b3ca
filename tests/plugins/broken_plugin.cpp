// Deliberately broken plugins for the loader tests: one source, built once per way of being
// wrong (SOHOA_BROKEN selects it). Each proves that sohoa reports the plugin with its file and
// reason, and that the other plugins and every dossier are unharmed.
#include <cmath>
#include <limits>
#include <stdexcept>

#include "sohoa/plugin/sdk.h"

#define BROKEN_NO_DESCRIPTOR 1       // a library without sohoa_plugin_descriptor
#define BROKEN_WRONG_ABI 2           // descriptor of another ABI version
#define BROKEN_THROWS_AT_CREATION 3  // the factory throws
#define BROKEN_NO_FACTORY 4          // a descriptor but no factory
#define BROKEN_UNRESOLVED_SYMBOL 5   // needs a symbol nothing provides (RTLD_NOW fails)
#define BROKEN_THROWS_IN_EXTRACT 6   // a receipt plugin whose extract() throws
#define BROKEN_NONSENSE 7            // a receipt plugin returning impossible fields
#define BROKEN_NAN_SCORE 8           // a procedure plugin scoring NaN
#define BROKEN_BAD_DESCRIPTOR 9      // a field of unknown type
#define BROKEN_DUPLICATE_ID 10       // the id of a real plugin

#ifndef SOHOA_BROKEN
#error "define SOHOA_BROKEN"
#endif

#if SOHOA_BROKEN == BROKEN_UNRESOLVED_SYMBOL
extern "C" int sohoa_symbol_nobody_defines();
extern "C" BOOST_SYMBOL_EXPORT int sohoa_broken_uses_it() { return sohoa_symbol_nobody_defines(); }
#endif

namespace {

using namespace sohoa::plugin;

class Broken final : public Extractor {
 public:
  Broken() {
#if SOHOA_BROKEN == BROKEN_THROWS_AT_CREATION
    throw std::runtime_error("cannot open my configuration file");
#endif
  }
  double score(const DossierView&) override {
#if SOHOA_BROKEN == BROKEN_NAN_SCORE
    return std::numeric_limits<double>::quiet_NaN();
#else
    return 1.0;
#endif
  }
  std::vector<FieldValue> extract(const DossierView& dossier) override {
#if SOHOA_BROKEN == BROKEN_THROWS_IN_EXTRACT
    (void)dossier;
    throw std::runtime_error("index out of range in my table reader");
#else
    std::vector<FieldValue> out;
    FieldValue undeclared;
    undeclared.key = "not_in_my_schema";
    undeclared.value = "x";
    undeclared.confidence = 0.9;
    undeclared.page = 1;
    out.push_back(undeclared);
    FieldValue bad_confidence = undeclared;
    bad_confidence.key = "broken_a";
    bad_confidence.confidence = std::nan("");
    out.push_back(bad_confidence);
    FieldValue bad_page = undeclared;
    bad_page.key = "broken_b";
    bad_page.page = static_cast<int>(dossier.pages.size()) + 5;
    out.push_back(bad_page);
    FieldValue bad_box = undeclared;
    bad_box.key = "broken_c";
    bad_box.box = {0, 0, 1 << 20, 10};
    out.push_back(bad_box);
    FieldValue bad_utf8 = undeclared;
    bad_utf8.key = "broken_d";
    bad_utf8.value = "\xff\xfe";
    out.push_back(bad_utf8);
    FieldValue bad_raw = undeclared;
    bad_raw.key = "broken_e";
    bad_raw.raw = "ng\xe1\xba";  // "ngạ" cut inside its last letter
    out.push_back(bad_raw);
    FieldValue bad_reason = undeclared;
    bad_reason.key = "broken_f";
    bad_reason.needs_review = true;
    bad_reason.review_reason = "\xe1\xba";
    out.push_back(bad_reason);
    return out;
#endif
  }
};

[[maybe_unused]] constexpr sohoa_field_schema kFields[] = {
    {"broken_a", "A", "text", 1},
    {"broken_b", "B", "text", 1},
    {"broken_c", "C", "text", 1},
    {"broken_d", "D", SOHOA_BROKEN == BROKEN_BAD_DESCRIPTOR ? "colour" : "text", 1},
    {"broken_e", "E", "text", 1},
    {"broken_f", "F", "text", 1},
};

}  // namespace

#if SOHOA_BROKEN == BROKEN_NO_DESCRIPTOR
extern "C" {
BOOST_SYMBOL_EXPORT int sohoa_broken_something_else = 1;
}
#elif SOHOA_BROKEN == BROKEN_NO_FACTORY
extern "C" BOOST_SYMBOL_EXPORT const sohoa_plugin_descriptor sohoa_plugin_descriptor = {
    SOHOA_PLUGIN_ABI_VERSION,
    SOHOA_PLUGIN_CXX_ABI,
    "broken_no_factory",
    "0.1.0",
    SOHOA_PLUGIN_ROLE_PROCEDURE,
    "Broken",
    kFields,
    std::size(kFields)};
#else
SOHOA_PLUGIN(Broken, {SOHOA_BROKEN == BROKEN_WRONG_ABI ? 999u : SOHOA_PLUGIN_ABI_VERSION,
                      SOHOA_PLUGIN_CXX_ABI,
                      SOHOA_BROKEN == BROKEN_DUPLICATE_ID ? "khai_sinh" : SOHOA_BROKEN_ID, "0.1.0",
                      (SOHOA_BROKEN == BROKEN_THROWS_IN_EXTRACT || SOHOA_BROKEN == BROKEN_NONSENSE)
                          ? SOHOA_PLUGIN_ROLE_RECEIPT
                          : SOHOA_PLUGIN_ROLE_PROCEDURE,
                      "Broken", kFields, std::size(kFields)})
#endif
