// Values that fill the forms: dates, people, wards, addresses, ID numbers, and the
// several ways each is printed on paper (shared/FORMS.md "Value conventions").
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "rng.h"

namespace sohoa::samples {

struct Date {
  int year = 2000;
  int month = 1;
  int day = 1;

  static Date from_days(int64_t days_since_epoch);
  int64_t days() const;  ///< days since 1970-01-01
  int weekday() const;   ///< 0 = Sunday ... 6 = Saturday
  Date plus_days(int64_t n) const { return from_days(days() + n); }
  std::string iso() const;  ///< "2020-02-05", the stored format
  auto operator<=>(const Date&) const = default;
};

/// Uniform date in [from, to].
Date random_date(Rng& rng, Date from, Date to);
/// Monday..Friday and not a fixed-date public holiday (1/1, 30/4, 1/5, 2/9).
bool is_working_day(Date d);
/// The working day `n` working days after `d` (n = 0: `d` itself if it is a working day).
Date add_working_days(Date d, int n);

enum class Sex { kMale, kFemale };
std::string sex_label(Sex sex);  ///< "Nam" / "Nữ"

struct Ward {
  std::string code;
  std::string name;                  ///< canonical old ward name, e.g. "Xuân Đỉnh"
  std::vector<std::string> streets;  ///< streets and villages inside the ward
};
const std::vector<Ward>& wards();
const Ward& random_ward(Rng& rng);

/// An address printed on the page; `text` is exactly what is printed.
struct Address {
  std::string text;
  const Ward* ward = nullptr;  ///< null for addresses outside Bắc Từ Liêm
};

struct Person {
  std::string name;  ///< "Nguyễn Văn An", the stored form
  Sex sex = Sex::kMale;
  Date birth;
  std::string ethnicity = "Kinh";
  std::string id_number;  ///< digits only: 12-digit CCCD or 9-digit CMND
  Date id_issued;
  Address address;
  std::string phone;  ///< digits only
};

/// Vietnamese full name (họ, chữ đệm, tên) for the given sex.
std::string random_name(Rng& rng, Sex sex);
/// Same family name as `family_of` (children take the father's family name).
std::string random_name_in_family(Rng& rng, Sex sex, const std::string& family_of);
/// 12-digit CCCD consistent with sex and birth date: province + century/sex digit + yy + 6.
std::string random_cccd(Rng& rng, Sex sex, Date birth);
std::string random_cmnd(Rng& rng);
std::string random_phone(Rng& rng);
Address random_address(Rng& rng, const Ward& ward);
/// Address in another province (place of origin, birthplace of parents).
std::string random_province_place(Rng& rng);
/// A person born in [born_from, born_to], living in `ward`; `as_of` bounds the ID issue date.
/// A 9-digit CMND is used with probability `cmnd_chance`.
Person random_person(Rng& rng, Sex sex, Date born_from, Date born_to, const Ward& ward, Date as_of,
                     double cmnd_chance);

// ---- printed forms of values -------------------------------------------------------------

enum class DateStyle { kSlashPadded, kSlashShort, kWords };
/// "05/02/2020", "5/2/2020" or "05 tháng 02 năm 2020" (no leading "ngày").
std::string print_date(Date d, DateStyle style);
/// A style drawn with typical weights for typed forms.
DateStyle random_date_style(Rng& rng);
/// A date after a label: "05/02/2020", "5/2/2020" or "ngày 05 tháng 02 năm 2020".
std::string print_date_field(Rng& rng, Date d);
/// "ngày 05 tháng 02 năm 2020" or "ngày 5 tháng 2 năm 2020" (signature lines).
std::string print_date_long(Rng& rng, Date d);
/// The date in words as on birth forms: "Ngày năm tháng hai năm hai nghìn không trăm hai mươi".
std::string date_in_words(Date d);
/// Name as typed: as is, or in capitals.
std::string print_name(Rng& rng, const std::string& name, double capitals_chance = 0.3);
/// "001088012345", "001 0 88 012345" or "001 088 012 345".
std::string print_id(Rng& rng, const std::string& digits);
std::string print_phone(Rng& rng, const std::string& digits);
/// "150.000.000 đồng".
std::string print_money(int64_t vnd);
/// "phường Xuân Đỉnh", "P. Xuân Đỉnh" or "Phường Xuân Đỉnh".
std::string print_ward(Rng& rng, const Ward& ward);

}  // namespace sohoa::samples
