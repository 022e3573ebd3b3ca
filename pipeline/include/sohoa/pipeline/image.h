// An owned Leptonica image. Pix is Leptonica's reference-counted image; Image owns one
// reference and releases it when destroyed.
#pragma once

#include <leptonica/allheaders.h>

#include <memory>

namespace sohoa {

struct PixDeleter {
  void operator()(PIX* pix) const { pixDestroy(&pix); }
};
using Image = std::unique_ptr<PIX, PixDeleter>;

}  // namespace sohoa
