#include "values.h"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "text.h"

namespace sohoa::samples {
namespace {

using std::chrono::sys_days;
using std::chrono::year_month_day;

struct WeightedName {
  const char* text;
  double weight;
};

// Family names with rough frequencies in the North.
constexpr std::array<WeightedName, 26> kFamilies = {{
    {"Nguyễn", 36}, {"Trần", 11}, {"Lê", 9},    {"Phạm", 7},    {"Hoàng", 5},    {"Vũ", 4},
    {"Đặng", 2.5},  {"Bùi", 2.5}, {"Đỗ", 2.5},  {"Ngô", 1.5},   {"Dương", 1.2},  {"Đào", 1.2},
    {"Đinh", 1},    {"Phan", 1},  {"Lý", 0.6},  {"Trịnh", 0.8}, {"Lương", 0.6},  {"Tạ", 0.5},
    {"Mai", 0.5},   {"Cao", 0.5}, {"Chu", 0.5}, {"Kiều", 0.4},  {"Nghiêm", 0.3}, {"Khúc", 0.2},
    {"Hồ", 0.6},    {"Võ", 0.5},
}};

constexpr std::array<const char*, 16> kMaleMiddle = {
    "Văn",  "Văn",  "Đức",  "Minh", "Quang", "Hữu",   "Thành", "Xuân",
    "Công", "Mạnh", "Tuấn", "Ngọc", "Đình",  "Trọng", "Gia",   "Hoàng"};
constexpr std::array<const char*, 14> kFemaleMiddle = {"Thị",   "Thị",   "Thị",  "Thu",    "Ngọc",
                                                       "Thanh", "Minh",  "Thùy", "Phương", "Hồng",
                                                       "Mai",   "Khánh", "Bảo",  "Diệu"};
constexpr std::array<const char*, 36> kMaleGiven = {
    "An",   "Anh",   "Bình",  "Cường", "Dũng",  "Đức",   "Hải",  "Hiếu",  "Hoàng",
    "Hùng", "Huy",   "Khánh", "Kiên",  "Long",  "Minh",  "Nam",  "Phong", "Phúc",
    "Quân", "Quang", "Sơn",   "Thắng", "Thành", "Trung", "Tuấn", "Tùng",  "Việt",
    "Vinh", "Hưng",  "Toàn",  "Đạt",   "Duy",   "Khôi",  "Lâm",  "Hòa",   "Thịnh"};
constexpr std::array<const char*, 36> kFemaleGiven = {
    "Anh",   "Bích",  "Chi",    "Dung",  "Giang", "Hà",   "Hạnh", "Hằng",  "Hiền",
    "Hoa",   "Hương", "Huyền",  "Lan",   "Liên",  "Linh", "Loan", "Mai",   "Ngọc",
    "Nhung", "Oanh",  "Phương", "Quỳnh", "Thảo",  "Thủy", "Thuỷ", "Trang", "Tuyết",
    "Vân",   "Yến",   "Ngân",   "Thư",   "Vy",    "Trâm", "Nga",  "Hồng",  "Hoà"};

const std::vector<Ward> kWards = {
    {"00595", "Thượng Cát", {"Thượng Cát", "Tổ dân phố Hồng Ngự", "Tổ dân phố Đông Sàng"}},
    {"00598", "Liên Mạc", {"Liên Mạc", "Tổ dân phố Mạc Xá", "Tổ dân phố Hoàng Xá"}},
    {"00601", "Đông Ngạc", {"Đông Ngạc", "Kỳ Vũ", "Tổ dân phố Đông Ngạc 5"}},
    {"00602", "Đức Thắng", {"Đức Thắng", "Trần Cung", "Tổ dân phố Đức Thắng 3"}},
    {"00604", "Thụy Phương", {"Thụy Phương", "Chèm", "Tổ dân phố Thụy Phương 2"}},
    {"00607", "Tây Tựu", {"Tây Tựu", "Tổ dân phố Đăm", "Tổ dân phố Trung Tựu"}},
    {"00610", "Xuân Đỉnh", {"Xuân Đỉnh", "Tân Xuân", "Xuân La", "Tổ dân phố Trung"}},
    {"00611", "Xuân Tảo", {"Xuân Tảo", "Phạm Văn Đồng", "Tổ dân phố Nhật Tảo 6"}},
    {"00613", "Minh Khai", {"Văn Tiến Dũng", "Nhổn", "Tổ dân phố Nguyên Xá"}},
    {"00616", "Cổ Nhuế 1", {"Cổ Nhuế", "Hoàng Quốc Việt", "Tổ dân phố Viên 2"}},
    {"00617", "Cổ Nhuế 2", {"Phan Bá Vành", "Trần Cung", "Tổ dân phố Đống 3"}},
    {"00619", "Phú Diễn", {"Phú Diễn", "Cầu Diễn", "Tổ dân phố Phú Minh"}},
    {"00620", "Phúc Diễn", {"Phúc Diễn", "Đức Diễn", "Tổ dân phố Kiều Mai"}},
};

constexpr std::array<const char*, 12> kProvincePlaces = {
    "xã Hải Anh, huyện Hải Hậu, tỉnh Nam Định",
    "xã Vũ Thắng, huyện Kiến Xương, tỉnh Thái Bình",
    "xã Hoằng Phụ, huyện Hoằng Hóa, tỉnh Thanh Hóa",
    "xã Nghi Xuân, huyện Nghi Lộc, tỉnh Nghệ An",
    "xã Thanh Lâm, huyện Mê Linh, thành phố Hà Nội",
    "xã Liên Hà, huyện Đông Anh, thành phố Hà Nội",
    "xã Tân Tiến, huyện Văn Giang, tỉnh Hưng Yên",
    "xã Nhân Hòa, huyện Lý Nhân, tỉnh Hà Nam",
    "xã Gia Xuân, huyện Gia Viễn, tỉnh Ninh Bình",
    "xã Cẩm Vũ, huyện Cẩm Giàng, tỉnh Hải Dương",
    "xã Tam Sơn, thị xã Từ Sơn, tỉnh Bắc Ninh",
    "xã Đại Đồng, huyện Vĩnh Tường, tỉnh Vĩnh Phúc",
};

// CCCD province codes: Hà Nội first, then provinces people move from.
constexpr std::array<const char*, 8> kOtherProvinceCodes = {"036", "034", "038", "040",
                                                            "033", "035", "030", "027"};

std::string pick_family(Rng& rng) {
  std::vector<double> weights;
  weights.reserve(kFamilies.size());
  for (const auto& f : kFamilies) weights.push_back(f.weight);
  return kFamilies[rng.weighted(weights)].text;
}

std::string middle_and_given(Rng& rng, Sex sex) {
  std::string out;
  if (sex == Sex::kMale) {
    out = rng.pick(kMaleMiddle);
    out += std::string(" ") + rng.pick(kMaleGiven);
  } else {
    if (rng.chance(0.15)) {  // "Nguyễn Thị Thu Hà": Thị, then a second middle name
      out = std::string("Thị ") + kFemaleMiddle[static_cast<size_t>(rng.uniform_int(3, 13))];
    } else {
      out = rng.pick(kFemaleMiddle);
    }
    out += std::string(" ") + rng.pick(kFemaleGiven);
  }
  return out;
}

}  // namespace

Date Date::from_days(int64_t days_since_epoch) {
  const year_month_day ymd{sys_days{std::chrono::days{days_since_epoch}}};
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

int64_t Date::days() const {
  const year_month_day ymd{std::chrono::year{year},
                           std::chrono::month{static_cast<unsigned>(month)},
                           std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) throw std::invalid_argument("invalid date");
  return sys_days{ymd}.time_since_epoch().count();
}

int Date::weekday() const {
  return static_cast<int>(
      std::chrono::weekday{sys_days{std::chrono::days{this->days()}}}.c_encoding());
}

std::string Date::iso() const {
  return zero_pad(year, 4) + "-" + zero_pad(month, 2) + "-" + zero_pad(day, 2);
}

Date random_date(Rng& rng, Date from, Date to) {
  return Date::from_days(rng.uniform_int(from.days(), to.days()));
}

bool is_working_day(Date d) {
  const int wd = d.weekday();
  if (wd == 0 || wd == 6) return false;
  if ((d.month == 1 && d.day == 1) || (d.month == 4 && d.day == 30) ||
      (d.month == 5 && d.day == 1) || (d.month == 9 && d.day == 2)) {
    return false;
  }
  return true;
}

Date add_working_days(Date d, int n) {
  while (!is_working_day(d)) d = d.plus_days(1);
  for (int i = 0; i < n; ++i) {
    d = d.plus_days(1);
    while (!is_working_day(d)) d = d.plus_days(1);
  }
  return d;
}

std::string sex_label(Sex sex) { return sex == Sex::kMale ? "Nam" : "Nữ"; }

const std::vector<Ward>& wards() { return kWards; }

const Ward& random_ward(Rng& rng) { return kWards[rng.index(kWards.size())]; }

std::string random_name(Rng& rng, Sex sex) {
  return pick_family(rng) + " " + middle_and_given(rng, sex);
}

std::string random_name_in_family(Rng& rng, Sex sex, const std::string& family_of) {
  const auto words = split_words(family_of);
  const std::string family = words.empty() ? pick_family(rng) : words.front();
  return family + " " + middle_and_given(rng, sex);
}

std::string random_cccd(Rng& rng, Sex sex, Date birth) {
  const std::string province = rng.chance(0.85) ? "001" : rng.pick(kOtherProvinceCodes);
  const int century = birth.year >= 2000 ? 2 : 0;
  const int digit = century + (sex == Sex::kFemale ? 1 : 0);
  return province + std::to_string(digit) + zero_pad(birth.year % 100, 2) +
         zero_pad(rng.uniform_int(0, 999'999), 6);
}

std::string random_cmnd(Rng& rng) { return "01" + zero_pad(rng.uniform_int(0, 9'999'999), 7); }

std::string random_phone(Rng& rng) {
  constexpr std::array<const char*, 12> kPrefixes = {"091", "094", "098", "097", "096", "090",
                                                     "093", "088", "086", "083", "035", "038"};
  return std::string(rng.pick(kPrefixes)) + zero_pad(rng.uniform_int(0, 9'999'999), 7);
}

Address random_address(Rng& rng, const Ward& ward) {
  const std::string& street = rng.pick(ward.streets);
  const bool short_forms = rng.chance(0.35);
  const std::string ward_text = short_forms ? "P. " + ward.name : "phường " + ward.name;
  const std::string district = short_forms ? "Q. Bắc Từ Liêm" : "quận Bắc Từ Liêm";
  const std::string city =
      rng.pick(std::array<const char*, 3>{"Hà Nội", "thành phố Hà Nội", "TP. Hà Nội"});
  std::string local;
  if (street.starts_with("Tổ dân phố")) {
    local = street;
    if (rng.chance(0.5)) local = "Số " + std::to_string(rng.uniform_int(1, 120)) + ", " + local;
  } else {
    const std::string house = std::to_string(rng.uniform_int(1, 250));
    switch (rng.index(4)) {
      case 0:
        local = "Số " + house + ", ngõ " + std::to_string(rng.uniform_int(2, 300)) + ", đường " +
                street;
        break;
      case 1:
        local = "Số " + house + " ngõ " + std::to_string(rng.uniform_int(2, 300)) + " " + street;
        break;
      case 2:
        local = "Nhà số " + house + ", ngách " + std::to_string(rng.uniform_int(1, 60)) + "/" +
                std::to_string(rng.uniform_int(1, 30)) + ", ngõ " +
                std::to_string(rng.uniform_int(2, 300)) + " " + street;
        break;
      default:
        local = "Căn hộ " + std::to_string(rng.uniform_int(2, 28)) +
                zero_pad(rng.uniform_int(1, 20), 2) + ", tòa " +
                rng.pick(std::array<const char*, 5>{"CT1", "CT2A", "N03", "B4", "HH2"}) +
                ", đường " + street;
        break;
    }
  }
  return {local + ", " + ward_text + ", " + district + ", " + city, &ward};
}

std::string random_province_place(Rng& rng) { return rng.pick(kProvincePlaces); }

Person random_person(Rng& rng, Sex sex, Date born_from, Date born_to, const Ward& ward, Date as_of,
                     double cmnd_chance) {
  Person p;
  p.sex = sex;
  p.name = random_name(rng, sex);
  p.birth = random_date(rng, born_from, born_to);
  p.ethnicity = rng.chance(0.94)
                    ? "Kinh"
                    : rng.pick(std::array<const char*, 4>{"Tày", "Mường", "Thái", "Nùng"});
  const Date adult = Date{p.birth.year + 14, p.birth.month, std::min(p.birth.day, 28)};
  if (rng.chance(cmnd_chance) && as_of.year < 2021) {
    p.id_number = random_cmnd(rng);
    const Date from = std::max(adult, as_of.plus_days(-15 * 365));
    p.id_issued = random_date(rng, std::min(from, as_of.plus_days(-30)), as_of.plus_days(-30));
  } else {
    p.id_number = random_cccd(rng, sex, p.birth);
    const Date from = std::max(adult, Date{2016, 1, 4});
    const Date to = as_of.plus_days(-7);
    p.id_issued = random_date(rng, std::min(from, to), to);
  }
  p.address = random_address(rng, ward);
  p.phone = random_phone(rng);
  return p;
}

std::string print_date(Date d, DateStyle style) {
  switch (style) {
    case DateStyle::kSlashPadded:
      return zero_pad(d.day, 2) + "/" + zero_pad(d.month, 2) + "/" + std::to_string(d.year);
    case DateStyle::kSlashShort:
      return std::to_string(d.day) + "/" + std::to_string(d.month) + "/" + std::to_string(d.year);
    case DateStyle::kWords:
      break;
  }
  return zero_pad(d.day, 2) + " tháng " + zero_pad(d.month, 2) + " năm " + std::to_string(d.year);
}

DateStyle random_date_style(Rng& rng) {
  switch (rng.weighted({0.6, 0.25, 0.15})) {
    case 0:
      return DateStyle::kSlashPadded;
    case 1:
      return DateStyle::kSlashShort;
    default:
      return DateStyle::kWords;
  }
}

std::string print_date_field(Rng& rng, Date d) {
  const DateStyle style = random_date_style(rng);
  return style == DateStyle::kWords ? "ngày " + print_date(d, style) : print_date(d, style);
}

std::string print_date_long(Rng& rng, Date d) {
  if (rng.chance(0.75)) return "ngày " + print_date(d, DateStyle::kWords);
  return "ngày " + std::to_string(d.day) + " tháng " + std::to_string(d.month) + " năm " +
         std::to_string(d.year);
}

std::string date_in_words(Date d) {
  return "Ngày " + number_words(d.day) + " tháng " + month_words(d.month) + " năm " +
         number_words(d.year);
}

std::string print_name(Rng& rng, const std::string& name, double capitals_chance) {
  return rng.chance(capitals_chance) ? upper(name) : name;
}

std::string print_id(Rng& rng, const std::string& digits) {
  const size_t style = rng.weighted({0.6, 0.25, 0.15});
  if (digits.size() != 12 || style == 0) return digits;
  if (style == 1) {
    return digits.substr(0, 3) + " " + digits.substr(3, 1) + " " + digits.substr(4, 2) + " " +
           digits.substr(6);
  }
  return digits.substr(0, 3) + " " + digits.substr(3, 3) + " " + digits.substr(6, 3) + " " +
         digits.substr(9);
}

std::string print_phone(Rng& rng, const std::string& digits) {
  switch (rng.weighted({0.4, 0.4, 0.2})) {
    case 0:
      return digits;
    case 1:
      return digits.substr(0, 4) + " " + digits.substr(4, 3) + " " + digits.substr(7);
    default:
      return digits.substr(0, 4) + "." + digits.substr(4, 3) + "." + digits.substr(7);
  }
}

std::string print_money(int64_t vnd) { return group_thousands(vnd) + " đồng"; }

std::string print_ward(Rng& rng, const Ward& ward) {
  switch (rng.weighted({0.6, 0.3, 0.1})) {
    case 0:
      return "phường " + ward.name;
    case 1:
      return "P. " + ward.name;
    default:
      return "Phường " + ward.name;
  }
}

}  // namespace sohoa::samples
