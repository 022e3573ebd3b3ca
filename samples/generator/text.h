// Vietnamese text helpers: NFC, case mapping, numbers in words, number formatting.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sohoa::samples {

/// Unicode NFC form of UTF-8 text. Throws std::runtime_error on invalid input.
std::string nfc(std::string_view text);
/// Upper case with Vietnamese rules ("Nguyễn Văn Đức" -> "NGUYỄN VĂN ĐỨC"), NFC.
std::string upper(std::string_view text);
/// First letter upper case, the rest unchanged.
std::string capitalize_first(std::string_view text);

/// Splits on runs of ASCII spaces.
std::vector<std::string> split_words(std::string_view text);
std::string join(const std::vector<std::string>& parts, std::string_view separator);
/// Collapses runs of spaces into one and trims the ends.
std::string squeeze_spaces(std::string_view text);

/// Number in Vietnamese words, lower case: 2020 -> "hai nghìn không trăm hai mươi".
std::string number_words(int64_t n);
/// Month name in words for a date read aloud: 4 -> "tư", 11 -> "mười một".
std::string month_words(int month);
/// Integer with thousands separated by dots: 150000000 -> "150.000.000".
std::string group_thousands(int64_t value);
/// Zero-padded decimal of at least `width` digits.
std::string zero_pad(int64_t value, int width);
/// Decimal given in tenths, printed Vietnamese style ("84,5") or stored style ("84.5");
/// whole numbers print without a fraction ("280").
std::string tenths_printed(int64_t tenths);
std::string tenths_stored(int64_t tenths);

}  // namespace sohoa::samples
