// The stack preset: whole boxes of dossiers fed through a document scanner into one PDF,
// multi-page TIFF or folder of page files, with a separator sheet before every dossier (or
// none) and the blank backs of single-sided sheets scanned in duplex.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "plan.h"
#include "render.h"
#include "rng.h"

namespace sohoa::samples {

/// A separator sheet's QR code says this, or this, ':' and the box label.
inline constexpr const char* kSeparatorCode = "SOHOA-SEP";

/// A separator sheet, A4 at 300 dpi: a QR code of `code` (error correction M) 5-6 cm wide in
/// the upper half, and under it "TỜ PHÂN CÁCH HỒ SƠ", `label` when not empty and a line of
/// instructions, in large type.
RenderedPage render_separator(const std::string& code, const std::string& label, Renderer& renderer,
                              Rng& rng);

/// The empty back of `front`'s sheet at 300 dpi: white paper of the same size with a few
/// specks. `bleed` > 0 adds the front seen through the paper: mirrored, blurred, and
/// `bleed` times as dark.
RenderedPage render_blank_back(const RenderedPage& front, double bleed, Rng& rng);

struct StackRun {
  uint64_t seed = 1;
  double blank_backs = 0.15;  ///< chance that a blank back follows a page
  unsigned jobs = 1;
};

/// What the stacks came to, for the summary and the manifest.
struct StackTotals {
  std::vector<std::string> written;  ///< names of the stacks written, in order
  int failures = 0;
  int dossiers = 0;
  int pages = 0;
  int separators = 0;
  int blanks = 0;
  int upside_down = 0;
  std::map<int, int> per_level;  ///< pages, separators and blank backs included
  std::map<std::string, int> per_container;
};

/// Generates `stacks` (their dossiers are `plan[first, first + count)`) under
/// `out_dir`/stacks: each stack's file or folder and its <name>.truth.json. Dossiers are
/// made on `run.jobs` threads and their pages written in order as soon as they are ready,
/// so memory holds a few dossiers, never a whole stack. A stack in which anything failed
/// is removed and named on stderr.
StackTotals generate_stacks(const std::vector<PlannedDossier>& plan,
                            const std::vector<PlannedStack>& stacks, const StackRun& run,
                            const std::filesystem::path& out_dir);

}  // namespace sohoa::samples
