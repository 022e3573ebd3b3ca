// The sohoa extractor plugin SDK: the contract between the host (`sohoa`) and a plugin.
//
// A plugin is a shared library that reads one kind of dossier (one administrative procedure,
// or the one-stop receipt that heads every dossier) and returns its key fields. It includes
// only the headers of plugins/sdk and exports exactly two symbols:
//
//   sohoa_plugin_descriptor   plain data with C linkage: ABI version, id, version, the
//                             procedures it reads and the schema of its fields. The host reads
//                             and checks it before it calls anything else in the library.
//   sohoa_create_extractor    the factory, exported with BOOST_DLL_ALIAS; returns a new
//                             Extractor. SOHOA_PLUGIN(Class, {descriptor}) exports both.
//
// The host binds the library with RTLD_NOW (a missing symbol fails the load, not a later
// call), keeps it loaded for as long as any object from it lives and never unloads it.
//
// What the host guarantees to a plugin:
//   - text is Unicode NFC with one tone-placement style ("hòa", not "hoà"), U+0110 for Đ;
//   - an Extractor is used by one thread at a time (the host may create several);
//   - the DossierView outlives the call it is passed to, and nothing else.
// What a plugin must guarantee to the host: it returns only keys of its declared schema,
// values in the formats of shared/FORMS.md, confidences in 0..1, the page (from 1) and box
// each value was read at. Anything else is dropped and the field flagged for review; an
// exception thrown out of a call drops that plugin's answer for that dossier only.
// A crash (segfault, abort) in a plugin takes the process down: plugins run in-process.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <boost/config.hpp>
#include <boost/dll/alias.hpp>

// Bumped whenever anything in this header changes layout or meaning.
#define SOHOA_PLUGIN_ABI_VERSION 1u

// The C++ library ABI the view types below depend on (std::string, std::vector); a plugin
// built against another standard library is refused by the host, not crashed into.
#if defined(_GLIBCXX_USE_CXX11_ABI) && _GLIBCXX_USE_CXX11_ABI
#define SOHOA_PLUGIN_CXX_ABI "libstdc++-cxx11"
#elif defined(__GLIBCXX__)
#define SOHOA_PLUGIN_CXX_ABI "libstdc++-old"
#elif defined(_LIBCPP_VERSION)
#define SOHOA_PLUGIN_CXX_ABI "libc++"
#else
#define SOHOA_PLUGIN_CXX_ABI "unknown"
#endif

extern "C" {

// One field a plugin can return.
struct sohoa_field_schema {
  const char* key;       // canonical key of shared/FORMS.md, e.g. "child_name"
  const char* label_vi;  // what officers see, e.g. "Họ tên người được khai sinh"
  const char* type;      // value format: "text", "person_name", "date", "year", "id_number",
                         // "dossier_code", "phone", "money", "number", "sex", "ward"
  int searchable;        // 1: indexed for `key:value` queries
};

// Plugin roles.
#define SOHOA_PLUGIN_ROLE_PROCEDURE 0  // names the dossier's procedure (the best score wins)
#define SOHOA_PLUGIN_ROLE_RECEIPT 1    // a page that heads any dossier; its fields join it

struct sohoa_plugin_descriptor {
  uint32_t abi_version;  // SOHOA_PLUGIN_ABI_VERSION the plugin was built with
  const char* cxx_abi;   // SOHOA_PLUGIN_CXX_ABI the plugin was built with
  const char* id;        // e.g. "khai_sinh": [a-z0-9_]+, the procedure id it reads
  const char* version;   // e.g. "1.0.0"
  int role;              // SOHOA_PLUGIN_ROLE_*
  const char* title_vi;  // the procedure's name in Vietnamese
  const sohoa_field_schema* fields;
  size_t field_count;
};

}  // extern "C"

namespace sohoa::plugin {

// Pixel rectangle on a page image as the host decoded it: left, top, width, height.
struct Box {
  int x = 0;
  int y = 0;
  int w = 0;
  int h = 0;
  int right() const { return x + w; }
  int bottom() const { return y + h; }
  bool empty() const { return w <= 0 || h <= 0; }
};

// The smallest box holding both (an empty box is the identity).
Box unite(const Box& a, const Box& b);

struct WordView {
  std::string text;  // NFC
  Box box;
  double confidence = 0;  // 0..1
};

// One text line, words in reading order.
struct LineView {
  std::string text;  // the words joined by single spaces
  Box box;
  std::vector<WordView> words;
};

struct PageView {
  int number = 0;  // position in the dossier, from 1
  int width = 0;
  int height = 0;
  int dpi = 0;
  bool blank = false;
  double confidence = 0;  // mean word confidence, 0..1
  std::vector<LineView> lines;
};

// The read-only view of one dossier that a plugin is given.
struct DossierView {
  std::vector<PageView> pages;
};

// One value a plugin read.
struct FieldValue {
  std::string key;            // from the plugin's declared schema
  std::string value;          // stored format of shared/FORMS.md
  std::string raw;            // the text as read on the page
  double confidence = 0;      // 0..1: how sure the plugin is of the value
  int page = 0;               // page number the value was read on
  Box box;                    // where on that page
  bool needs_review = false;  // the plugin doubts it (failed validation, contradiction)
  std::string review_reason;  // why, for the officer: "CCCD century digit says 2000s, ..."
};

// One instance reads many dossiers, one call at a time.
class Extractor {
 public:
  virtual ~Extractor() = default;

  // How sure the plugin is that this dossier is its procedure (for a receipt plugin: that
  // the dossier carries its page), 0..1. Above ~0.5 means "mine".
  virtual double score(const DossierView& dossier) = 0;

  // The fields read from the dossier. Only called when score() passed.
  virtual std::vector<FieldValue> extract(const DossierView& dossier) = 0;

  // Whether this page begins a new dossier of this kind (its first page), for splitting a
  // scanned stack. The default says no.
  virtual bool starts_dossier(const PageView& page) {
    (void)page;
    return false;
  }
};

using ExtractorFactory = std::unique_ptr<Extractor>();

}  // namespace sohoa::plugin

// Exports a plugin: its descriptor (C linkage) and its factory (BOOST_DLL_ALIAS). Use once,
// at namespace scope, in one source file of the plugin:
//
//   SOHOA_PLUGIN(MyExtractor, {SOHOA_PLUGIN_ABI_VERSION, SOHOA_PLUGIN_CXX_ABI, "my_id", ...})
#define SOHOA_PLUGIN(EXTRACTOR_CLASS, ...)                                               \
  extern "C" BOOST_SYMBOL_EXPORT const sohoa_plugin_descriptor sohoa_plugin_descriptor = \
      __VA_ARGS__;                                                                       \
  namespace sohoa_plugin_export {                                                        \
  inline std::unique_ptr<sohoa::plugin::Extractor> create_extractor() {                  \
    return std::make_unique<EXTRACTOR_CLASS>();                                          \
  }                                                                                      \
  }                                                                                      \
  BOOST_DLL_ALIAS(sohoa_plugin_export::create_extractor, sohoa_create_extractor)
