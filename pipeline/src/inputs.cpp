#include "sohoa/pipeline/inputs.h"

#include <algorithm>
#include <cctype>

#include "sohoa/pipeline/decode.h"

namespace sohoa {
namespace fs = std::filesystem;
namespace {

std::string lower_extension(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

bool is_page_file_name(const fs::path& p) {
  const std::string ext = lower_extension(p);
  return ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".tif" || ext == ".tiff" ||
         ext == ".pdf";
}

// A file that holds exactly one page image (not a PDF, not a multi-page TIFF).
bool is_single_page_image(const fs::path& p) {
  const std::string ext = lower_extension(p);
  if (ext == ".pdf") return false;
  if (ext == ".tif" || ext == ".tiff") {
    Result<int> n = count_pages(p, sniff_input(p));
    return n.ok() && *n == 1;
  }
  return true;
}

std::vector<fs::directory_entry> sorted_entries(const fs::path& dir, std::error_code& ec) {
  std::vector<fs::directory_entry> entries;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!name.empty() && name[0] == '.') continue;  // hidden files, editors' droppings
    entries.push_back(*it);
  }
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    return natural_less(a.path().filename().string(), b.path().filename().string());
  });
  return entries;
}

void discover_folder(const fs::path& dir, Discovery& out) {
  std::error_code ec;
  const std::vector<fs::directory_entry> entries = sorted_entries(dir, ec);
  if (ec) {
    out.errors.push_back(make_error(ErrorCode::kInvalidInput,
                                    dir.string() + ": cannot list folder: " + ec.message()));
    out.error_paths.push_back(dir);
    return;
  }
  std::vector<fs::path> pages;
  bool page_folder = true;
  for (const auto& e : entries) {
    if (e.is_directory()) {
      page_folder = false;
    } else if (is_page_file_name(e.path())) {
      pages.push_back(e.path());
      if (page_folder && !is_single_page_image(e.path())) page_folder = false;
    }
  }
  if (page_folder) {
    if (pages.empty()) {
      out.errors.push_back(make_error(ErrorCode::kInvalidInput,
                                      dir.string() + ": folder contains no page files",
                                      "page files are .png .jpg .jpeg .tif .tiff or .pdf"));
      out.error_paths.push_back(dir);
      return;
    }
    out.dossiers.push_back(DossierInput{dir, std::move(pages)});
    return;
  }
  for (const auto& e : entries) {
    if (e.is_directory()) {
      discover_folder(e.path(), out);
    } else if (is_page_file_name(e.path())) {
      out.dossiers.push_back(DossierInput{e.path(), {e.path()}});
    }
  }
}

}  // namespace

bool natural_less(const std::string& a, const std::string& b) {
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() && j < b.size()) {
    const bool da = std::isdigit(static_cast<unsigned char>(a[i])) != 0;
    const bool db = std::isdigit(static_cast<unsigned char>(b[j])) != 0;
    if (da && db) {
      std::size_t ei = i;
      std::size_t ej = j;
      while (ei < a.size() && std::isdigit(static_cast<unsigned char>(a[ei]))) ++ei;
      while (ej < b.size() && std::isdigit(static_cast<unsigned char>(b[ej]))) ++ej;
      std::string_view na(a.data() + i, ei - i);
      std::string_view nb(b.data() + j, ej - j);
      while (na.size() > 1 && na[0] == '0') na.remove_prefix(1);
      while (nb.size() > 1 && nb[0] == '0') nb.remove_prefix(1);
      if (na.size() != nb.size()) return na.size() < nb.size();
      if (na != nb) return na < nb;
      i = ei;
      j = ej;
    } else {
      if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
      ++i;
      ++j;
    }
  }
  if ((a.size() - i) != (b.size() - j)) return (a.size() - i) < (b.size() - j);
  return a < b;  // equal up to leading zeros: any fixed order
}

Discovery discover_inputs(const std::vector<fs::path>& paths) {
  Discovery out;
  for (const fs::path& given : paths) {
    std::error_code ec;
    const fs::path path = fs::absolute(given, ec).lexically_normal();
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      out.errors.push_back(
          make_error(ErrorCode::kInvalidInput, given.string() + ": no such file or folder"));
      out.error_paths.push_back(path);
    } else if (fs::is_directory(status)) {
      discover_folder(path, out);
    } else {
      out.dossiers.push_back(DossierInput{path, {path}});
    }
  }
  return out;
}

}  // namespace sohoa
