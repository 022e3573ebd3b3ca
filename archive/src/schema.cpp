#include "sohoa/archive/schema.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>
#include <mutex>
#include <unordered_set>

#include "sohoa/archive/text.h"

namespace sohoa::schema {
namespace {

struct BuiltinField {
  std::string_view key;
  std::string_view type;
  std::string_view label_vi;
};

// Every key of shared/FORMS.md, plus `returned_date` (the day the result was handed back,
// which `sohoa stats` uses when a plugin records it) and `location`.
constexpr BuiltinField kBuiltinFields[] = {
    {"dossier_code", "dossier_code", "Mã hồ sơ"},
    {"applicant_name", "person_name", "Tiếp nhận hồ sơ của"},
    {"applicant_address", "text", "Địa chỉ"},
    {"applicant_phone", "phone", "Số điện thoại"},
    {"procedure_name", "text", "Nội dung yêu cầu giải quyết"},
    {"received_date", "date", "Thời gian nhận hồ sơ"},
    {"due_date", "date", "Thời gian trả kết quả giải quyết hồ sơ"},
    {"returned_date", "date", "Ngày trả kết quả"},
    // Not a form field: the box or shelf label of the separator sheet the dossier was
    // scanned behind (Dossier::location), searchable as `location:HOP-2019-017`.
    {"location", "text", "Vị trí lưu trữ (hộp, kệ)"},
    {"ward", "ward", "Phường"},
    {"requester_name", "person_name", "Họ, chữ đệm, tên người yêu cầu"},
    {"requester_id_number", "id_number", "Giấy tờ tùy thân của người yêu cầu"},
    {"child_name", "person_name", "Họ, chữ đệm, tên người được khai sinh"},
    {"child_birth_date", "date", "Ngày, tháng, năm sinh"},
    {"child_sex", "sex", "Giới tính"},
    {"mother_name", "person_name", "Họ, chữ đệm, tên người mẹ"},
    {"mother_birth_year", "year", "Năm sinh của mẹ"},
    {"father_name", "person_name", "Họ, chữ đệm, tên người cha"},
    {"father_birth_year", "year", "Năm sinh của cha"},
    {"signed_date", "date", "Ngày ký"},
    {"wife_name", "person_name", "Họ, chữ đệm, tên bên nữ"},
    {"wife_birth_date", "date", "Ngày, tháng, năm sinh bên nữ"},
    {"wife_id_number", "id_number", "Giấy tờ tùy thân bên nữ"},
    {"husband_name", "person_name", "Họ, chữ đệm, tên bên nam"},
    {"husband_birth_date", "date", "Ngày, tháng, năm sinh bên nam"},
    {"husband_id_number", "id_number", "Giấy tờ tùy thân bên nam"},
    {"deceased_name", "person_name", "Họ, chữ đệm, tên người đã chết"},
    {"deceased_birth_date", "date", "Ngày, tháng, năm sinh người đã chết"},
    {"deceased_sex", "sex", "Giới tính người đã chết"},
    {"death_date", "date", "Ngày chết"},
    {"owner_name", "person_name", "Họ tên chủ hộ kinh doanh"},
    {"owner_birth_date", "date", "Sinh ngày"},
    {"owner_id_number", "id_number", "Số giấy tờ pháp lý của cá nhân"},
    {"business_name", "text", "Tên hộ kinh doanh"},
    {"capital", "money", "Vốn kinh doanh"},
    {"employees", "number", "Số lượng lao động"},
    {"investor_name", "person_name", "Tên chủ đầu tư"},
    {"plot_number", "text", "Thửa đất số"},
    {"map_sheet", "text", "Tờ bản đồ số"},
    {"total_floor_area", "number", "Tổng diện tích sàn"},
    {"floors", "number", "Số tầng"},
    {"certification_number", "text", "Số chứng thực"},
    {"book_number", "text", "Quyển số"},
    {"certified_date", "date", "Ngày chứng thực"},
};

class Registry {
 public:
  Registry() {
    for (const BuiltinField& f : kBuiltinFields) {
      specs_[std::string(f.key)] =
          FieldSpec{std::string(f.key), std::string(f.type), std::string(f.label_vi), true, true};
    }
  }

  Status add(FieldSpec spec) {
    std::lock_guard lock(mutex_);
    auto it = specs_.find(spec.key);
    if (it != specs_.end()) {
      if (it->second.type == spec.type) return {};
      return make_error(ErrorCode::kUsage,
                        "field '" + spec.key + "' is already registered as " + it->second.type +
                            ", not " + spec.type,
                        "use another key, or the existing type");
    }
    specs_.emplace(spec.key, std::move(spec));
    return {};
  }

  std::optional<FieldSpec> find(std::string_view key) const {
    std::lock_guard lock(mutex_);
    auto it = specs_.find(std::string(key));
    if (it == specs_.end()) return std::nullopt;
    return it->second;
  }

  std::vector<FieldSpec> all() const {
    std::lock_guard lock(mutex_);
    std::vector<FieldSpec> out;
    for (const auto& [key, spec] : specs_) out.push_back(spec);
    return out;
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, FieldSpec> specs_;
};

Registry& registry() {
  static Registry r;
  return r;
}

bool is_key(std::string_view key) {
  if (key.empty() || key[0] < 'a' || key[0] > 'z') return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

Error date_error(std::string_view text, const std::string& what) {
  return make_error(ErrorCode::kUsage, "date '" + std::string(text) + "': " + what,
                    "write dates as YYYY, YYYY-MM or YYYY-MM-DD, ranges as A..B, A.. or ..B");
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "'" + s + "'" (spelled out: GCC 12 warns wrongly about operator+ chains here).
std::string quoted(std::string_view s) {
  std::string out = "'";
  out.append(s);
  out += '\'';
  return out;
}

// One bound of a range: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checked, returned as given.
Result<std::string> parse_partial_date(std::string_view whole, std::string_view s) {
  if (s.size() != 4 && s.size() != 7 && s.size() != 10) {
    return date_error(whole, quoted(s).append(" is not YYYY, YYYY-MM or YYYY-MM-DD"));
  }
  const std::string_view y = s.substr(0, 4);
  if (!all_digits(y)) return date_error(whole, quoted(y).append(" is not a year"));
  if (s.size() >= 7) {
    const std::string_view m = s.substr(5, 2);
    if (s[4] != '-' || !all_digits(m)) {
      return date_error(whole, quoted(s).append(" is not YYYY-MM"));
    }
    const int month = (m[0] - '0') * 10 + (m[1] - '0');
    if (month < 1 || month > 12) {
      return date_error(whole, std::string("month ").append(m).append(" does not exist"));
    }
  }
  if (s.size() == 10) {
    if (s[7] != '-' || !normalize_date(s)) {
      return date_error(whole, std::string(s).append(" is not a date of the calendar"));
    }
  }
  return std::string(s);
}

constexpr std::string_view kWardWords[] = {"phường ", "p. ", "p.", "xã ", "thị trấn "};

// "phường Xuân Đỉnh" → "Xuân Đỉnh"; normalised, single spaces.
std::string strip_ward_word(std::string_view value) {
  std::string v = text::collapse_spaces(text::normalize_text(value));
  const std::string lower = text::to_lower(v);
  for (std::string_view w : kWardWords) {
    if (lower.starts_with(w)) return text::collapse_spaces(v.substr(w.size()));
  }
  return v;
}

}  // namespace

bool is_field_type(std::string_view type) {
  return std::find(std::begin(kFieldTypes), std::end(kFieldTypes), type) != std::end(kFieldTypes);
}

Status register_field(std::string key, std::string type, std::string label_vi, bool searchable) {
  if (!is_key(key)) {
    return make_error(ErrorCode::kUsage, "field key '" + key + "' is not valid",
                      "keys are lower case ASCII letters, digits and '_', starting with a letter");
  }
  if (const IndexField* f = find_field(key); f != nullptr && key != "ward") {
    return make_error(ErrorCode::kUsage,
                      "field key '" + key + "' is reserved for the query field " + key + ":",
                      "choose another key");
  }
  if (!is_field_type(type)) {
    std::string types;
    for (std::string_view t : kFieldTypes) types += (types.empty() ? "" : ", ") + std::string(t);
    return make_error(ErrorCode::kUsage, "field '" + key + "': unknown type '" + type + "'",
                      "types are " + types);
  }
  return registry().add(FieldSpec{std::move(key), std::move(type), text::normalize_text(label_vi),
                                  searchable, false});
}

std::optional<FieldSpec> find_field_spec(std::string_view key) { return registry().find(key); }

FieldSpec field_spec(std::string_view key) {
  if (std::optional<FieldSpec> spec = registry().find(key)) return *spec;
  return FieldSpec{std::string(key), "text", "", true, false};
}

std::vector<FieldSpec> field_specs() { return registry().all(); }

std::string field_prefix(std::string_view key) { return "XF" + std::string(key) + ":"; }
std::string field_exact_prefix(std::string_view key) { return "XG" + std::string(key) + ":"; }

// Folded words common in Vietnamese person names: family names, middle names ("văn", "thị",
// "thu") and given names. A word left out only goes without pair terms: its phrases are still
// found, by positions alone, which is cheap for a word few dossiers hold. Changing the list
// changes the terms, so it means bumping kSchemaVersion.
bool is_name_word(std::string_view folded) {
  static const std::unordered_set<std::string_view> kWords = {
      "an",    "anh",   "au",     "bach",   "bao",    "bich",  "binh",   "bui",   "can",   "cao",
      "chi",   "chien", "chinh",  "chu",    "cong",   "cu",    "cuc",    "cuong", "dai",   "dam",
      "dan",   "dang",  "dao",    "dat",    "dau",    "diem",  "diep",   "dieu",  "dinh",  "do",
      "doan",  "doanh", "dong",   "du",     "duc",    "dung",  "duong",  "duy",   "gia",   "giang",
      "giao",  "giap",  "ha",     "hac",    "hai",    "hang",  "hanh",   "hao",   "hau",   "hien",
      "hiep",  "hieu",  "ho",     "hoa",    "hoai",   "hoan",  "hoang",  "hong",  "hop",   "hua",
      "hue",   "hung",  "huong",  "huu",    "huy",    "huyen", "huynh",  "kha",   "khai",  "khang",
      "khanh", "khiem", "khoa",   "khoi",   "khong",  "khuc",  "khuong", "kien",  "kieu",  "kim",
      "la",    "lai",   "lam",    "lan",    "le",     "lien",  "lieu",   "linh",  "loan",  "loc",
      "loi",   "long",  "lu",     "luan",   "luc",    "luong", "luu",    "luyen", "ly",    "mac",
      "mai",   "manh",  "mien",   "minh",   "my",     "nam",   "nga",    "ngan",  "nghia", "nghiem",
      "ngo",   "ngoc",  "nguyen", "nguyet", "nham",   "nhan",  "nhat",   "nhi",   "nhu",   "nhung",
      "ninh",  "nong",  "oanh",   "pham",   "phan",   "phat",  "phi",    "phong", "phu",   "phuc",
      "phung", "phuoc", "phuong", "quach",  "quan",   "quang", "quoc",   "quy",   "quyet", "quynh",
      "sam",   "sang",  "son",    "suong",  "ta",     "tai",   "tam",    "tan",   "tang",  "thach",
      "thai",  "tham",  "than",   "thang",  "thanh",  "thao",  "thi",    "thien", "thinh", "thoa",
      "thom",  "thong", "thu",    "thuan",  "thuong", "thuy",  "tien",   "tieu",  "tinh",  "to",
      "toan",  "ton",   "tong",   "tra",    "tram",   "tran",  "trang",  "tri",   "trieu", "trinh",
      "trong", "trung", "truong", "tu",     "tuan",   "tue",   "tung",   "tuong", "tuyen", "tuyet",
      "uy",    "uyen",  "van",    "vien",   "viet",   "vinh",  "vo",     "vu",    "vuong", "vy",
      "xuan",  "xuyen", "yen",
  };
  return kWords.count(folded) != 0;
}

std::string pair_term(std::string_view first, std::string_view second) {
  std::string term(kPairPrefix);
  term += first;
  term += ' ';
  term += second;
  return term;
}

std::string normalize_code(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (c != ' ') out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string digits_only(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c >= '0' && c <= '9') out += c;
  }
  return out;
}

std::optional<std::string> normalize_date(std::string_view value) {
  int y = 0;
  int m = 0;
  int d = 0;
  const std::string v = text::collapse_spaces(value);
  auto parts = [&](char sep) {
    std::vector<std::string> out(1);
    for (char c : v) {
      if (c == sep) {
        out.emplace_back();
      } else {
        out.back() += c;
      }
    }
    return out;
  };
  std::vector<std::string> p = parts(v.find('/') != std::string::npos ? '/' : '-');
  if (p.size() != 3 || !all_digits(p[0]) || !all_digits(p[1]) || !all_digits(p[2])) {
    return std::nullopt;
  }
  if (p[0].size() == 4) {
    y = std::stoi(p[0]), m = std::stoi(p[1]), d = std::stoi(p[2]);
  } else if (p[2].size() == 4 && p[0].size() <= 2 && p[1].size() <= 2) {
    d = std::stoi(p[0]), m = std::stoi(p[1]), y = std::stoi(p[2]);
  } else {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year{y},
                                        std::chrono::month{static_cast<unsigned>(m)},
                                        std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return std::string(buf);
}

Result<DateRange> parse_date_range(std::string_view text) {
  DateRange range;
  const std::size_t dots = text.find("..");
  if (dots == std::string_view::npos) {
    Result<std::string> d = parse_partial_date(text, text);
    if (!d) return d.error();
    return DateRange{*d, *d};
  }
  const std::string_view a = text.substr(0, dots);
  const std::string_view b = text.substr(dots + 2);
  if (a.empty() && b.empty()) return date_error(text, "a range needs at least one end");
  if (!a.empty()) {
    Result<std::string> d = parse_partial_date(text, a);
    if (!d) return d.error();
    range.lo = *d;
  }
  if (!b.empty()) {
    Result<std::string> d = parse_partial_date(text, b);
    if (!d) return d.error();
    range.hi = *d;
  }
  if (!range.lo.empty() && !range.hi.empty() && range.lo > range.hi + "~") {
    return date_error(text, "the range ends before it starts");
  }
  return range;
}

std::string canonical_ward(std::string_view value) {
  const std::string name = strip_ward_word(value);
  const std::string lower = text::to_lower(name);
  for (const Ward& w : kWards) {
    if (text::to_lower(w.name) == lower) return std::string(w.name);
  }
  return name;
}

Result<std::string> resolve_ward(std::string_view typed) {
  const std::string name = strip_ward_word(typed);
  const std::string lower = text::to_lower(name);
  const std::string folded = text::fold_diacritics(name);
  std::vector<std::string_view> same_folding;
  for (const Ward& w : kWards) {
    if (text::to_lower(w.name) == lower) return std::string(w.name);
    if (text::fold_diacritics(w.name) == folded) same_folding.push_back(w.name);
  }
  const bool plain = !text::has_diacritics(name);
  if (plain && same_folding.size() == 1) return std::string(same_folding[0]);
  std::string names;
  for (const Ward& w : kWards) names += (names.empty() ? "" : ", ") + std::string(w.name);
  if (plain && same_folding.empty()) {
    return make_error(ErrorCode::kUsage, "query: no ward of the district is called '" + name + "'",
                      "type the ward with its diacritics; the wards are " + names);
  }
  if (plain) {
    return make_error(ErrorCode::kUsage, "query: ward '" + name + "' is ambiguous",
                      "type it with its diacritics");
  }
  if (!same_folding.empty()) {
    // Typed with diacritics, but not as any ward is spelled: a near miss (Phù Diễn) must not
    // silently return nothing, nor be folded into a neighbour.
    return make_error(ErrorCode::kUsage,
                      "query: no ward is spelled '" + name + "'; did you mean '" +
                          std::string(same_folding[0]) + "'?",
                      "the wards are " + names);
  }
  return name;  // a ward outside the district's table (another district, or a new ward)
}

std::string ward_term(std::string_view canonical) {
  std::string term(find_field("ward")->prefix);
  term.append(text::to_lower(canonical));
  return term;
}

}  // namespace sohoa::schema
