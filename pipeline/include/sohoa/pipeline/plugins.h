// Extractor plugins in the host: loading them with Boost.DLL, classifying a dossier and
// extracting its fields.
//
// Loading never fails as a whole. Each library in the plugin folders is checked in this
// order, and the first problem is recorded as a PluginFailure (file + reason) while the other
// plugins load: not a loadable library (or an unresolved symbol: libraries are bound with
// RTLD_NOW) → no `sohoa_plugin_descriptor` → another ABI version or C++ library → a bad
// descriptor (id, version, field schema) → an id already loaded → no `sohoa_create_extractor`
// → the factory throws or returns null.
//
// A loaded library stays loaded for the life of the process: every extractor holds its
// library through its deleter, and the set keeps every library it ever opened. Unloading
// plugin code that may have left thread-locals or atexit handlers behind is not worth the risk.
//
// classify_and_extract() contains everything a plugin can do wrong except crashing the
// process: an exception, a score outside 0..1, a field outside its schema or with a value,
// page, box or confidence that cannot be right. The dossier then keeps the fields that were
// right, and the rest are listed in `needs_review` with the reason in `review_reasons`.
//
// Thread-safety: load() and classify_and_extract() are not reentrant; one thread uses a
// PluginSet at a time (the ingest job calls it from its committing thread).
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "sohoa/archive/record.h"

namespace sohoa {

namespace plugin {
class Extractor;
}

struct PluginField {
  std::string key;
  std::string label_vi;
  std::string type;
  bool searchable = false;
};

struct PluginInfo {
  std::string file;  // the library it came from
  std::string id;
  std::string version;
  std::string title_vi;
  bool receipt = false;  // a receipt plugin adds fields to any dossier it heads
  std::vector<PluginField> fields;
  std::string tag() const { return id + "@" + version; }  // as in Field::plugin
};

struct PluginFailure {
  std::string file;    // the library, or the plugin tag for failures during extraction
  std::string reason;  // what was wrong and what to do
};

// What classification decided; the rest went into the dossier.
struct Classification {
  std::string procedure = "unknown";
  double confidence = 0;
  std::vector<PluginFailure> failures;  // plugins that misbehaved on this dossier
};

// Whether a page begins a dossier, for splitting a scanned stack (Extractor::starts_dossier).
struct PageStart {
  bool receipt = false;  // a receipt plugin's page (the one-stop receipt heads a dossier)
  bool form = false;     // a procedure plugin's first page
  std::string plugin;    // the (last) plugin that said so
  std::vector<PluginFailure> failures;
};

// Scores at or above this make a procedure plugin's claim; two claims closer than
// kTieMargin are a tie (procedure "unknown", flagged for review).
inline constexpr double kMatchThreshold = 0.5;
inline constexpr double kTieMargin = 0.05;
// Fields read with less confidence than this are listed in needs_review.
inline constexpr double kReviewBelowConfidence = 0.75;

class PluginSet {
 public:
  PluginSet();
  ~PluginSet();
  PluginSet(PluginSet&&) noexcept;
  PluginSet& operator=(PluginSet&&) noexcept;

  // Loads every `*.so` file of the folders (not recursive; missing folders are skipped), in
  // name order so that which of two same-id plugins wins does not depend on the file system.
  static PluginSet load(const std::vector<std::filesystem::path>& folders);

  // The default plugin folders: `plugins/` next to the executable, `../lib/sohoa/plugins`
  // from it (an installed layout), then each entry of $SOHOA_PLUGIN_PATH (':'-separated).
  static std::vector<std::filesystem::path> default_folders();

  const std::vector<PluginInfo>& plugins() const;
  const std::vector<PluginFailure>& failures() const;

  // Names the dossier's procedure and fills its fields, needs_review and review_reasons from
  // scratch (fields a person corrected are not special yet: a re-extraction overwrites them).
  Classification classify_and_extract(Dossier& dossier);

  // Asks every plugin whether `page` is the first page of a dossier of its kind. Blank pages
  // and separator sheets start nothing here (the splitter handles separators itself).
  PageStart page_starts(const Page& page);

 private:
  struct Loaded;
  std::vector<Loaded> loaded_;
  std::vector<PluginInfo> infos_;
  std::vector<PluginFailure> failures_;
};

}  // namespace sohoa
