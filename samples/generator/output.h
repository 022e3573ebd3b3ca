// Writing scanned pages into their container (folder of page files, PDF, multi-page TIFF)
// and the JSON files. Every encoder is set up so the same pages give the same bytes.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "degrade.h"

namespace sohoa::samples {

enum class Container { kFolder, kPdf, kTiff };
const char* container_name(Container container);  ///< "folder", "pdf", "tiff"

/// "" (a folder), ".pdf", ".tif".
const char* container_suffix(Container container);

/// Writes scanned pages one at a time into a container, so that a long stack never holds
/// more than one page in memory: a folder of page files, a PDF (cairo emits each page when
/// it is shown) or a multi-page TIFF (one directory per page).
class PageWriter {
 public:
  /// `path` is the folder, the .pdf or the .tif file. Folder pages are named
  /// page-<number, `digits` wide>.jpg for lossy pages, .png otherwise. `total_pages` goes
  /// into the TIFF PageNumber tag; 0 when not known in advance.
  PageWriter(std::filesystem::path path, Container container, int digits, int total_pages);
  ~PageWriter();
  PageWriter(const PageWriter&) = delete;
  PageWriter& operator=(const PageWriter&) = delete;

  /// Appends a page. Throws std::runtime_error naming the file on a write error.
  void add(const ScannedPage& page);
  /// Finishes the file; throws on a write error or when no page was added.
  void close();
  int pages() const { return pages_; }

 private:
  struct Handles;
  void release() noexcept;

  std::unique_ptr<Handles> h_;
  std::filesystem::path path_;
  Container container_;
  int digits_;
  int total_;
  int pages_ = 0;
};

/// Writes one dossier's pages under `out_dir`/dossiers and returns the path relative to
/// `out_dir` ("dossiers/NAME", "dossiers/NAME.pdf", "dossiers/NAME.tif").
/// Folder pages are page-001.jpg when the page is lossy (level 1), else page-001.png.
/// Throws std::runtime_error naming the file on any write error.
std::string write_dossier(const std::filesystem::path& out_dir, const std::string& name,
                          Container container, const std::vector<ScannedPage>& pages);

/// Pretty-printed UTF-8 JSON with a final newline.
void write_json(const std::filesystem::path& path, const nlohmann::ordered_json& value);

}  // namespace sohoa::samples
