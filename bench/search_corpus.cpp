#include "search_corpus.h"

#include <array>

#include "../samples/generator/rng.h"
#include "../samples/generator/text.h"
#include "../samples/generator/values.h"
#include "sohoa/archive/store.h"
#include "sohoa/archive/text.h"

namespace sohoa::bench {
namespace {

using samples::Date;
using samples::Person;
using samples::Rng;
using samples::Sex;

struct ProcedureInfo {
  std::string id;
  std::string name;  // "Nội dung yêu cầu giải quyết"
  std::string form_title;
  int legal_days;  // working days from receipt to the promised result
  double weight;
};

const std::vector<ProcedureInfo>& procedures() {
  static const std::vector<ProcedureInfo> kProcedures = {
      {"khai_sinh", "Đăng ký khai sinh", "TỜ KHAI ĐĂNG KÝ KHAI SINH", 1, 30},
      {"ket_hon", "Đăng ký kết hôn", "TỜ KHAI ĐĂNG KÝ KẾT HÔN", 3, 12},
      {"khai_tu", "Đăng ký khai tử", "TỜ KHAI ĐĂNG KÝ KHAI TỬ", 1, 8},
      {"ho_kinh_doanh", "Đăng ký thành lập hộ kinh doanh", "GIẤY ĐỀ NGHỊ ĐĂNG KÝ HỘ KINH DOANH", 3,
       10},
      {"cap_phep_xay_dung", "Cấp giấy phép xây dựng nhà ở riêng lẻ",
       "ĐƠN ĐỀ NGHỊ CẤP GIẤY PHÉP XÂY DỰNG", 15, 8},
      {"chung_thuc", "Chứng thực bản sao từ bản chính", "BẢN SAO", 0, 32},
  };
  return kProcedures;
}

const ProcedureInfo& pick_procedure(Rng& rng) {
  std::vector<double> weights;
  for (const ProcedureInfo& p : procedures()) weights.push_back(p.weight);
  return procedures()[rng.weighted(weights)];
}

std::string dotted(Rng& rng) {
  return " " + std::string(static_cast<size_t>(rng.uniform_int(6, 40)), '.');
}

Field field(std::string value, const std::string& plugin, int page = 2) {
  Field f;
  f.value = text::normalize_text(value);
  f.confidence = 0.9;
  f.page = page;
  f.plugin = plugin + "@1.0.0";
  return f;
}

class Builder {
 public:
  Builder(std::uint64_t seed, std::uint64_t index)
      : rng_(Rng::derive(seed, index)), index_(index) {}

  CorpusDossier build() {
    const ProcedureInfo& proc = pick_procedure(rng_);
    ward_ = &samples::random_ward(rng_);
    received_ = samples::add_working_days(
        samples::random_date(rng_, Date{2016, 1, 4}, Date{2024, 12, 27}), 0);
    const Date due = samples::add_working_days(received_, proc.legal_days);
    const Sex applicant_sex = rng_.chance(0.5) ? Sex::kMale : Sex::kFemale;
    applicant_ = samples::random_person(rng_, applicant_sex, Date{1950, 1, 1}, Date{2000, 12, 31},
                                        *ward_, received_, 0.3);
    CorpusDossier out;
    Dossier& d = out.record;
    d.id = sha256_hex("bench-dossier-" + std::to_string(index_)).substr(0, 20);
    d.procedure = proc.id;
    d.procedure_confidence = 0.95;
    d.sources = {"/scans/box" + std::to_string(index_ / 1000) + "/" + std::to_string(index_) +
                 ".pdf"};
    d.ingested_at = "2026-01-15T08:00:00Z";
    const std::string code = "000.00.17.H26-" + samples::zero_pad(received_.year % 100, 2) +
                             samples::zero_pad(received_.month, 2) +
                             samples::zero_pad(received_.day, 2) + "-" +
                             samples::zero_pad(rng_.uniform_int(1, 9999), 4);
    auto& f = d.fields;
    f["dossier_code"] = field(code, "tiep_nhan", 1);
    f["applicant_name"] = field(applicant_.name, "tiep_nhan", 1);
    f["applicant_address"] = field(applicant_.address.text, "tiep_nhan", 1);
    f["applicant_phone"] = field(applicant_.phone, "tiep_nhan", 1);
    f["procedure_name"] = field(proc.name, "tiep_nhan", 1);
    f["received_date"] = field(received_.iso(), "tiep_nhan", 1);
    f["due_date"] = field(due.iso(), "tiep_nhan", 1);
    if (rng_.chance(0.7)) {  // the return is recorded on seven receipts in ten
      const int delay = rng_.chance(0.93) ? -static_cast<int>(rng_.uniform_int(0, 1))
                                          : static_cast<int>(rng_.uniform_int(1, 10));
      f["returned_date"] =
          field(received_.days() <= due.plus_days(delay).days() ? due.plus_days(delay).iso()
                                                                : received_.iso(),
                "tiep_nhan", 1);
    }
    add_page(d, receipt_text(code, proc, due));
    std::string form = form_text(proc, out);
    add_page(d, form);
    add_page(d, id_card_text(applicant_));
    out.received_date = received_.iso();
    return out;
  }

 private:
  static void add_page(Dossier& d, std::string text) {
    Page p;
    p.number = static_cast<int>(d.pages.size()) + 1;
    p.source = d.sources[0];
    p.source_page = p.number;
    p.sha256 = sha256_hex(d.sources[0]);
    p.width = 2480;
    p.height = 3508;
    p.dpi = 300;
    p.ocr_confidence = 0.9;
    p.text = text::normalize_text(text);
    d.pages.push_back(std::move(p));
  }

  std::string header(const std::string& title) {
    return "ỦY BAN NHÂN DÂN\nPHƯỜNG " + samples::upper(ward_->name) +
           "\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n" + ward_->name +
           ", " + samples::print_date_long(rng_, received_) + "\n" + title + "\n";
  }

  std::string receipt_text(const std::string& code, const ProcedureInfo& proc, Date due) {
    std::string t = header("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ");
    t += "Mã hồ sơ: " + code + dotted(rng_) + "\n";
    t += "Bộ phận tiếp nhận và trả kết quả: UBND " + samples::print_ward(rng_, *ward_) + "\n";
    t += "Tiếp nhận hồ sơ của: " + samples::print_name(rng_, applicant_.name) + dotted(rng_) + "\n";
    t += "Địa chỉ: " + applicant_.address.text + dotted(rng_) + "\n";
    t += "Số điện thoại: " + samples::print_phone(rng_, applicant_.phone) +
         " Email:" + dotted(rng_) + "\n";
    t += "Nội dung yêu cầu giải quyết: " + proc.name + dotted(rng_) + "\n";
    t += "1. Thành phần hồ sơ nộp gồm:\n- " + proc.form_title +
         " (bản chính)\n"
         "- Giấy tờ tùy thân (bản sao)\n- Giấy tờ chứng minh nơi cư trú (bản sao)\n";
    t += "2. Số lượng hồ sơ: 01 (bộ)" + dotted(rng_) + "\n";
    t += "3. Thời gian giải quyết hồ sơ theo quy định: " +
         (proc.legal_days == 0 ? std::string("Trong ngày")
                               : std::to_string(proc.legal_days) + " ngày làm việc") +
         "\n";
    t += "4. Thời gian nhận hồ sơ: " + std::to_string(rng_.uniform_int(7, 11)) + " giờ " +
         samples::zero_pad(rng_.uniform_int(0, 59), 2) + " phút, " +
         samples::print_date_long(rng_, received_) + "\n";
    t += "5. Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 30 phút, " +
         samples::print_date_long(rng_, due) + "\n";
    t += "6. Đăng ký nhận kết quả tại: Bộ phận tiếp nhận và trả kết quả\n";
    t += "Vào Sổ theo dõi hồ sơ, Quyển số: " + std::to_string(rng_.uniform_int(1, 40)) +
         ", Số thứ tự: " + std::to_string(rng_.uniform_int(1, 400)) + "\n";
    t += "NGƯỜI NỘP HỒ SƠ\n(Ký và ghi rõ họ tên)\n" + applicant_.name +
         "\nNGƯỜI TIẾP NHẬN HỒ SƠ\n(Ký và ghi rõ họ tên)\n" +
         samples::random_name(rng_, rng_.chance(0.6) ? Sex::kFemale : Sex::kMale) + "\n";
    return t;
  }

  Person person(Sex sex, int born_from, int born_to) {
    return samples::random_person(rng_, sex, Date{born_from, 1, 1}, Date{born_to, 12, 28}, *ward_,
                                  received_, 0.3);
  }

  std::string person_block(const std::string& label, const Person& p, bool with_id) {
    std::string t = "Họ, chữ đệm, tên " + label + ": " + samples::print_name(rng_, p.name) +
                    dotted(rng_) + "\n";
    t += "Ngày, tháng, năm sinh: " + samples::print_date_field(rng_, p.birth) +
         " Giới tính: " + samples::sex_label(p.sex) + " Dân tộc: " + p.ethnicity +
         " Quốc tịch: Việt Nam\n";
    t += "Nơi cư trú: " + p.address.text + dotted(rng_) + "\n";
    if (with_id) {
      t += "Giấy tờ tùy thân: " +
           std::string(p.id_number.size() == 12 ? "Căn cước công dân" : "Chứng minh nhân dân") +
           " số " + samples::print_id(rng_, p.id_number) + ", cấp ngày " +
           samples::print_date(p.id_issued, samples::DateStyle::kSlashPadded) +
           ", nơi cấp: Công an thành phố Hà Nội\n";
    }
    return t;
  }

  void set_id(CorpusDossier& out, const Person& p) {
    if (!out.id_number.empty()) return;
    out.id_number = p.id_number;
    out.id_printed = samples::print_id(rng_, p.id_number);
  }

  std::string form_text(const ProcedureInfo& proc, CorpusDossier& out) {
    auto& f = out.record.fields;
    const std::string plugin = proc.id;
    std::string t = header(proc.form_title);
    t += "Kính gửi: Ủy ban nhân dân " + samples::print_ward(rng_, *ward_) + ", quận Bắc Từ Liêm\n";
    f["ward"] = field(ward_->name, plugin);
    const Date signed_on = received_;
    if (proc.id == "khai_sinh") {
      const Person father = person(Sex::kMale, 1970, 1998);
      const Person mother = person(Sex::kFemale, 1972, 2000);
      const Sex sex = rng_.chance(0.5) ? Sex::kMale : Sex::kFemale;
      const std::string child = samples::random_name_in_family(rng_, sex, father.name);
      const Date birth = received_.plus_days(-rng_.uniform_int(3, 50));
      t += person_block("người yêu cầu", father, true);
      t += "Quan hệ với người được khai sinh: Cha\nĐề nghị cơ quan đăng ký khai sinh cho người "
           "dưới đây:\nHọ, chữ đệm, tên: " +
           samples::upper(child) + dotted(rng_) + "\n";
      t +=
          "Ngày, tháng, năm sinh: " + samples::print_date(birth, samples::DateStyle::kSlashPadded) +
          " ghi bằng chữ: " + samples::date_in_words(birth) +
          "\nGiới tính: " + samples::sex_label(sex) +
          " Dân tộc: Kinh Quốc tịch: Việt Nam\nNơi sinh: Bệnh viện "
          "Phụ sản Hà Nội\nQuê quán: " +
          samples::random_province_place(rng_) + "\n";
      t += "Họ, chữ đệm, tên người mẹ: " + mother.name +
           "\nNăm sinh: " + std::to_string(mother.birth.year) +
           " Dân tộc: Kinh Quốc tịch: Việt Nam\n";
      t += "Họ, chữ đệm, tên người cha: " + father.name +
           "\nNăm sinh: " + std::to_string(father.birth.year) +
           " Dân tộc: Kinh Quốc tịch: Việt Nam\n";
      f["requester_name"] = field(father.name, plugin);
      f["requester_id_number"] = field(father.id_number, plugin);
      f["child_name"] = field(child, plugin);
      f["child_birth_date"] = field(birth.iso(), plugin);
      f["child_sex"] = field(samples::sex_label(sex), plugin);
      f["mother_name"] = field(mother.name, plugin);
      f["mother_birth_year"] = field(std::to_string(mother.birth.year), plugin);
      f["father_name"] = field(father.name, plugin);
      f["father_birth_year"] = field(std::to_string(father.birth.year), plugin);
      out.subject_name = child, out.subject_key = "child_name";
      out.other_name = rng_.chance(0.5) ? father.name : mother.name;
      set_id(out, father);
    } else if (proc.id == "ket_hon") {
      const Person wife = person(Sex::kFemale, 1975, 2002);
      const Person husband = person(Sex::kMale, 1970, 2000);
      t += "Bên nữ\n" + person_block("bên nữ", wife, true) + "Kết hôn lần thứ mấy: Lần thứ nhất\n";
      t += "Bên nam\n" + person_block("bên nam", husband, true) +
           "Kết hôn lần thứ mấy: Lần thứ nhất\n";
      f["wife_name"] = field(wife.name, plugin);
      f["wife_birth_date"] = field(wife.birth.iso(), plugin);
      f["wife_id_number"] = field(wife.id_number, plugin);
      f["husband_name"] = field(husband.name, plugin);
      f["husband_birth_date"] = field(husband.birth.iso(), plugin);
      f["husband_id_number"] = field(husband.id_number, plugin);
      out.subject_name = wife.name, out.subject_key = "wife_name";
      out.other_name = husband.name;
      set_id(out, rng_.chance(0.5) ? wife : husband);
    } else if (proc.id == "khai_tu") {
      const Sex sex = rng_.chance(0.55) ? Sex::kMale : Sex::kFemale;
      const Person deceased = person(sex, 1925, 1970);
      const Date death = received_.plus_days(-rng_.uniform_int(1, 14));
      t += person_block("người yêu cầu", applicant_, true);
      t += "Quan hệ với người đã chết: Con\nĐề nghị cơ quan đăng ký khai tử cho người có tên "
           "dưới đây:\n" +
           person_block("người đã chết", deceased, false);
      t += "Đã chết vào lúc " + std::to_string(rng_.uniform_int(0, 23)) + " giờ " +
           samples::zero_pad(rng_.uniform_int(0, 59), 2) + " phút, " +
           samples::print_date_long(rng_, death) +
           "\nNơi chết: tại nhà riêng\nNguyên nhân "
           "chết: bệnh già\nSố Giấy báo tử: " +
           std::to_string(rng_.uniform_int(10, 999)) + "/GBT\n";
      f["requester_name"] = field(applicant_.name, plugin);
      f["deceased_name"] = field(deceased.name, plugin);
      f["deceased_birth_date"] = field(deceased.birth.iso(), plugin);
      f["deceased_sex"] = field(samples::sex_label(sex), plugin);
      f["death_date"] = field(death.iso(), plugin);
      out.subject_name = deceased.name, out.subject_key = "deceased_name";
      out.other_name = applicant_.name;
    } else if (proc.id == "ho_kinh_doanh") {
      const Person owner = rng_.chance(0.6) ? applicant_ : person(Sex::kMale, 1960, 2000);
      const std::string business = "Hộ kinh doanh " + samples::random_name(rng_, Sex::kFemale);
      const int64_t capital = rng_.uniform_int(5, 300) * 10'000'000;
      t += "Tôi là (ghi họ tên bằng chữ in hoa): " + samples::upper(owner.name) + "\n";
      t += person_block("chủ hộ", owner, true);
      t += "1. Tên hộ kinh doanh: " + samples::upper(business) +
           "\n2. Địa chỉ trụ sở hộ kinh "
           "doanh: " +
           samples::random_address(rng_, *ward_).text +
           "\n3. Ngành, nghề kinh "
           "doanh: Bán lẻ lương thực, thực phẩm (4711)\n4. Vốn kinh doanh: " +
           samples::print_money(capital) +
           "\n5. Số lượng lao động: " + std::to_string(rng_.uniform_int(1, 9)) + " người\n";
      f["owner_name"] = field(owner.name, plugin);
      f["owner_birth_date"] = field(owner.birth.iso(), plugin);
      f["owner_id_number"] = field(owner.id_number, plugin);
      f["business_name"] = field(business, plugin);
      f["capital"] = field(std::to_string(capital), plugin);
      f["employees"] = field(std::to_string(rng_.uniform_int(1, 9)), plugin);
      out.subject_name = owner.name, out.subject_key = "owner_name";
      out.other_name = business.substr(std::string("Hộ kinh doanh ").size());
      set_id(out, owner);
    } else if (proc.id == "cap_phep_xay_dung") {
      const Person investor = rng_.chance(0.7) ? applicant_ : person(Sex::kMale, 1955, 1995);
      const int64_t area = rng_.uniform_int(400, 4000);
      t += "1. Tên chủ đầu tư: " + investor.name + "\nĐịa chỉ liên hệ: " + investor.address.text +
           "\nSố điện thoại: " + investor.phone + "\n";
      t += "2. Thông tin công trình: Lô đất số " + std::to_string(rng_.uniform_int(1, 900)) +
           ", thửa đất số " + std::to_string(rng_.uniform_int(1, 900)) + ", tờ bản đồ số " +
           std::to_string(rng_.uniform_int(1, 60)) +
           "\nTổng diện tích sàn: " + samples::tenths_printed(area) +
           " m2\nSố tầng: " + std::to_string(rng_.uniform_int(2, 6)) +
           "\nNgười làm đơn: " + applicant_.name + "\n";
      f["investor_name"] = field(investor.name, plugin);
      f["plot_number"] = field(std::to_string(rng_.uniform_int(1, 900)), plugin);
      f["map_sheet"] = field(std::to_string(rng_.uniform_int(1, 60)), plugin);
      f["total_floor_area"] = field(samples::tenths_stored(area), plugin);
      f["floors"] = field(std::to_string(rng_.uniform_int(2, 6)), plugin);
      out.subject_name = investor.name, out.subject_key = "investor_name";
      out.other_name = applicant_.name;
    } else {  // chung_thuc: a certified copy of a relative's papers
      const Person holder = person(rng_.chance(0.5) ? Sex::kMale : Sex::kFemale, 1950, 2005);
      t += "Giấy khai sinh của: " + holder.name +
           "\nNgày sinh: " + samples::print_date_field(rng_, holder.birth) +
           "\nNơi cư trú: " + holder.address.text +
           "\nCHỨNG THỰC BẢN SAO ĐÚNG VỚI BẢN CHÍNH\nSố chứng thực: " +
           std::to_string(rng_.uniform_int(1, 9999)) +
           "\nQuyển số: " + std::to_string(rng_.uniform_int(1, 60)) +
           "-SCT/BS\nNGƯỜI THỰC HIỆN CHỨNG THỰC\n";
      f["certification_number"] = field(std::to_string(rng_.uniform_int(1, 9999)), plugin);
      f["book_number"] = field(std::to_string(rng_.uniform_int(1, 60)) + "-SCT/BS", plugin);
      f["certified_date"] = field(received_.iso(), plugin);
      out.subject_name = applicant_.name, out.subject_key = "applicant_name";
      out.other_name = holder.name;
    }
    t += "Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước "
         "pháp luật về cam đoan của mình.\nLàm tại: phường " +
         ward_->name + ", " + samples::print_date_long(rng_, signed_on) +
         "\nNgười yêu cầu\n(Ký, ghi rõ họ, chữ đệm, "
         "tên)\n" +
         applicant_.name + "\n";
    if (proc.id != "chung_thuc") f["signed_date"] = field(signed_on.iso(), plugin);
    return t;
  }

  std::string id_card_text(const Person& p) {
    return "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nCĂN CƯỚC CÔNG DÂN\n"
           "Số: " +
           samples::print_id(rng_, p.id_number) + "\nHọ và tên: " + samples::upper(p.name) +
           "\nNgày sinh: " + samples::print_date(p.birth, samples::DateStyle::kSlashPadded) +
           "\nGiới tính: " + samples::sex_label(p.sex) +
           " Quốc tịch: Việt Nam\nQuê quán: " + samples::random_province_place(rng_) +
           "\nNơi thường trú: " + p.address.text +
           "\nCó giá trị đến: " + std::to_string(p.birth.year + 60) + "\nBẢN SAO\n";
  }

  Rng rng_;
  std::uint64_t index_;
  const samples::Ward* ward_ = nullptr;
  Date received_;
  Person applicant_;
};

}  // namespace

CorpusDossier make_corpus_dossier(std::uint64_t seed, std::uint64_t index) {
  return Builder(seed, index).build();
}

const std::vector<std::string>& corpus_procedures() {
  static const std::vector<std::string> ids = [] {
    std::vector<std::string> out;
    for (const ProcedureInfo& p : procedures()) out.push_back(p.id);
    return out;
  }();
  return ids;
}

}  // namespace sohoa::bench
