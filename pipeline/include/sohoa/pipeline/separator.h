// Separator sheets: the page archive staff put between dossiers before a box goes through the
// scanner's document feeder. It carries a QR code reading `SOHOA-SEP`, optionally followed by
// a label of the box or shelf the dossier is kept in: `SOHOA-SEP:HOP-2019-017`.
//
// Thread-safety: a pure function; call it from any number of threads.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sohoa/pipeline/image.h"

namespace sohoa {

inline constexpr std::string_view kSeparatorCode = "SOHOA-SEP";

// The label of a separator code ("" for a bare `SOHOA-SEP`), or nothing if `payload` is not
// a separator code. Spaces around the label are dropped.
std::optional<std::string> parse_separator_code(std::string_view payload);

// Looks for a separator QR code on a decoded page (any depth, any of the four orientations).
// Returns its label ("" when it has none), or nothing when the page is not a separator sheet.
std::optional<std::string> find_separator(PIX* page);

}  // namespace sohoa
