// The Error of a Xapian exception, for the archive library's Xapian boundary.
#pragma once

#include <xapian.h>

#include <filesystem>

#include "sohoa/result.h"

namespace sohoa {

Error index_error(const std::filesystem::path& path, const Xapian::Error& e);

}  // namespace sohoa
