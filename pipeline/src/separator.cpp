#include "sohoa/pipeline/separator.h"

#include <zbar.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <vector>

namespace sohoa {
namespace {

// The page is searched at this size of its longer side: a code printed 5 cm wide on A4 is
// then ~170 px across, plenty for zbar, and the search takes a few tens of ms.
constexpr int kSearchLongSide = 1200;

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

struct GreyBytes {
  std::vector<unsigned char> bytes;  // row after row, one byte a pixel
  int width = 0;
  int height = 0;
};

// An 8-bit grey copy of `page`, scaled down so that its longer side is at most `long_side`.
GreyBytes grey_for_search(PIX* page, int long_side) {
  Image grey(pixConvertTo8(page, 0));
  if (!grey) return {};
  const int longer = std::max(pixGetWidth(grey.get()), pixGetHeight(grey.get()));
  if (longer > long_side) {
    const float f = static_cast<float>(long_side) / static_cast<float>(longer);
    Image scaled(pixScaleAreaMap(grey.get(), f, f));
    if (scaled) grey = std::move(scaled);
  }
  PIX* pix = grey.get();
  GreyBytes out;
  out.width = pixGetWidth(pix);
  out.height = pixGetHeight(pix);
  out.bytes.resize(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height));
  const l_uint32* data = pixGetData(pix);
  const int wpl = pixGetWpl(pix);
  for (int y = 0; y < out.height; ++y) {
    const l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wpl;
    unsigned char* row = out.bytes.data() + static_cast<std::ptrdiff_t>(y) * out.width;
    for (int x = 0; x < out.width; ++x) row[x] = static_cast<unsigned char>(GET_DATA_BYTE(line, x));
  }
  return out;
}

struct ScannerDeleter {
  void operator()(zbar::zbar_image_scanner_t* s) const { zbar::zbar_image_scanner_destroy(s); }
};
struct ZbarImageDeleter {
  void operator()(zbar::zbar_image_t* i) const { zbar::zbar_image_destroy(i); }
};

}  // namespace

std::optional<std::string> parse_separator_code(std::string_view payload) {
  const std::string text = trim(payload);
  if (text.rfind(kSeparatorCode, 0) != 0) return std::nullopt;
  std::string_view rest = std::string_view(text).substr(kSeparatorCode.size());
  if (rest.empty()) return std::string();
  if (rest.front() != ':') return std::nullopt;  // e.g. "SOHOA-SEPARATE": not ours
  return trim(rest.substr(1));
}

std::optional<std::string> find_separator(PIX* page) {
  if (page == nullptr) return std::nullopt;
  const GreyBytes grey = grey_for_search(page, kSearchLongSide);
  if (grey.bytes.empty()) return std::nullopt;
  // zbar reads QR codes and the common barcodes (Code 128, Code 39, EAN) alike, in any
  // orientation. One scanner per call: scanners are not shared between threads.
  std::unique_ptr<zbar::zbar_image_scanner_t, ScannerDeleter> scanner(
      zbar::zbar_image_scanner_create());
  zbar::zbar_image_scanner_set_config(scanner.get(), zbar::ZBAR_NONE, zbar::ZBAR_CFG_ENABLE, 1);
  std::unique_ptr<zbar::zbar_image_t, ZbarImageDeleter> image(zbar::zbar_image_create());
  zbar::zbar_image_set_format(image.get(), zbar_fourcc('Y', '8', '0', '0'));
  zbar::zbar_image_set_size(image.get(), static_cast<unsigned>(grey.width),
                            static_cast<unsigned>(grey.height));
  zbar::zbar_image_set_data(image.get(), grey.bytes.data(), grey.bytes.size(), nullptr);
  if (zbar::zbar_scan_image(scanner.get(), image.get()) <= 0) return std::nullopt;
  for (const zbar::zbar_symbol_t* symbol = zbar::zbar_image_first_symbol(image.get());
       symbol != nullptr; symbol = zbar::zbar_symbol_next(symbol)) {
    const char* data = zbar::zbar_symbol_get_data(symbol);
    if (data == nullptr) continue;
    if (std::optional<std::string> label = parse_separator_code(data)) return label;
  }
  return std::nullopt;
}

}  // namespace sohoa
