// Writing scanned pages into their container (folder of page files, PDF, multi-page TIFF)
// and the JSON files. Every encoder is set up so the same pages give the same bytes.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "degrade.h"

namespace sohoa::samples {

enum class Container { kFolder, kPdf, kTiff };
const char* container_name(Container container);  ///< "folder", "pdf", "tiff"

/// Writes one dossier's pages under `out_dir`/dossiers and returns the path relative to
/// `out_dir` ("dossiers/NAME", "dossiers/NAME.pdf", "dossiers/NAME.tif").
/// Folder pages are page-001.jpg when the page is lossy (level 1), else page-001.png.
/// Throws std::runtime_error naming the file on any write error.
std::string write_dossier(const std::filesystem::path& out_dir, const std::string& name,
                          Container container, const std::vector<ScannedPage>& pages);

/// Pretty-printed UTF-8 JSON with a final newline.
void write_json(const std::filesystem::path& path, const nlohmann::ordered_json& value);

}  // namespace sohoa::samples
