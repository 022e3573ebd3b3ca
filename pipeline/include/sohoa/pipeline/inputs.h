// What the paths given to `sohoa ingest` mean (DESIGN.md, "The CLI contract"):
//
//   an image, TIFF or PDF file                  → one dossier
//   a folder of single-page image files only    → one dossier, pages in natural name order
//   any other folder                            → one dossier per entry, recursively
//                                                 (sub-folders, PDFs, TIFFs, images)
//
// Files that are not page files (by extension: .png .jpg .jpeg .tif .tiff .pdf) are skipped
// inside folders; named directly on the command line they are an error.
//
// Thread-safety: pure functions over the file system.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "sohoa/result.h"

namespace sohoa {

struct DossierInput {
  std::filesystem::path origin;              // the file or folder that makes this dossier
  std::vector<std::filesystem::path> files;  // absolute paths, in page order
};

struct Discovery {
  std::vector<DossierInput> dossiers;
  std::vector<Error> errors;  // paths that do not exist, folders without page files, …
  std::vector<std::filesystem::path> error_paths;  // the path each error is about
};

Discovery discover_inputs(const std::vector<std::filesystem::path>& paths);

// "page-2" < "page-10": digit runs compare as numbers, the rest byte-wise.
bool natural_less(const std::string& a, const std::string& b);

}  // namespace sohoa
