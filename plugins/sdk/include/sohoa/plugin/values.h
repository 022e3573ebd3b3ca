// Value normalisers: text as printed → the stored formats of shared/FORMS.md. Each returns
// nothing when the text does not hold a value of its kind; a plugin then leaves the field
// out (a wrong value is worse than a missing one).
//
// All functions are pure and thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sohoa::plugin {

// A calendar date.
struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
  std::string iso() const;  // YYYY-MM-DD
  bool operator==(const Date&) const = default;
};

// True for a real calendar date between 1900 and 2100.
bool valid_date(const Date& date);

// Dates in digits: "05/02/2020", "5/2/2020", "05-02-2020", "05.02.2020", "2020-02-05", and
// "ngày 05 tháng 02 năm 2020" (any case, diacritics or not, OCR spacing "05 /02/ 2020").
// The first date found in the text. Failing any, a date whose second '/' OCR read as a 7
// ("25/0572020": DD/MM7YYYY, see slash_read_as_seven).
std::optional<Date> parse_date(std::string_view text);

// The word of letters read as the day or month of a date in words and digits ("II" of "ngày
// II tháng 01 năm 1974", taken as 11 by parse_date; a Roman II would be 2). make_field flags a
// date read so.
std::optional<std::string> day_or_month_in_letters(std::string_view text);

// The "DD/MM7YYYY" in the text ("25/0572020" for 25/05/2020), a '/' read as the 7 of the
// print, which parse_date takes as a separator when the text holds no other date. A value read
// so is shown to a person (make_field flags it).
std::optional<std::string> slash_read_as_seven(std::string_view text);

// Vietnamese numbers in words: "hai nghìn không trăm hai mươi" → 2020, "mười lăm" → 15,
// "hai mươi mốt" → 21, "một nghìn chín trăm tám mươi tám" → 1988. Nothing if a word is not
// part of a number.
std::optional<long> parse_number_words(std::string_view text);

// A date in words: "Ngày năm tháng hai năm hai nghìn không trăm hai mươi" (5 February 2020),
// also "ngày mười lăm tháng ba năm một nghìn chín trăm tám mươi tám".
std::optional<Date> parse_date_words(std::string_view text);

// A person's name: letters only, each word capitalised ("NGUYỄN VĂN AN" → "Nguyễn Văn An");
// nothing if fewer than 2 words or a word holds a digit.
std::optional<std::string> normalize_name(std::string_view text);

// ID numbers: digits only, 12 (CCCD / personal id) or 9 (CMND); spaces and dots ignored.
std::optional<std::string> normalize_id_number(std::string_view text);

// Phone: digits only, 10 or 11 digits starting with 0 ("0912 345 678", "+84 912 345 678").
std::optional<std::string> normalize_phone(std::string_view text);

// Money in VND as an integer: "150.000.000 đồng", "150,000,000 VNĐ", "150 triệu đồng".
std::optional<std::string> normalize_money(std::string_view text);

// A decimal number with '.': "84,5 m2" → "84.5", "03 tầng" → "3", "1.250,5" → "1250.5".
// The first number in the text.
std::optional<std::string> normalize_number(std::string_view text);

// "Nam" or "Nữ" (any case, diacritics or not).
std::optional<std::string> normalize_sex(std::string_view text);

// The canonical name of a Bắc Từ Liêm ward (FORMS.md table) named in the text ("phường Xuân
// Đỉnh", "P. Xuân Đỉnh", "UBND phường Phúc Diễn"). Wards that differ by one letter or mark
// (Phú Diễn / Phúc Diễn, Cổ Nhuế 1 / 2) are told apart on the exact letters; a misread that
// is equally close to two wards gives nothing.
std::optional<std::string> find_ward(std::string_view text);

// A dossier code "000.00.17.H26-191226-0001" in the text, spaces removed, upper case.
std::optional<std::string> find_dossier_code(std::string_view text);

// The dossier code printed after its label, also when OCR misread its separators
// ("000 00.17,H26-180720:0080" → "000.00.17.H26-180720-0080"); its date part must be a date.
std::optional<std::string> read_dossier_code(std::string_view text);

// A dossier code too damaged for read_dossier_code, read against the agency codes (the part
// before the date) the archive knows, e.g. {"000.00.17.H26"}: the date and serial are read
// strictly ("YYMMDD-NNNN", a valid date; O, Ø, Ò … read as 0 and I, l, Ï … as 1), the agency
// part ("000.00. Ï7.H26", "000.00.17.4126", "000.00. 1, H26") may be up to three letters or
// digits off one known agency, and closer to it than to any other. Gives the code with that
// agency as printed in `agencies`; the caller flags it, since the agency was not read.
std::optional<std::string> read_dossier_code_near(std::string_view text,
                                                  const std::vector<std::string_view>& agencies);

// CCCD consistency with a birth year (FORMS.md): province code known, century digit and
// two-digit year agree. Returns the reason when they do not; nothing when consistent or when
// `id` is not a 12-digit CCCD.
std::optional<std::string> check_cccd(std::string_view id, int birth_year);

}  // namespace sohoa::plugin
