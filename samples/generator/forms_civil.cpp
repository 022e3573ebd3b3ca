// Civil status declarations (Thông tư 04/2020/TT-BTP): birth, marriage, death.
#include <array>

#include "forms.h"
#include "forms_common.h"
#include "text.h"

namespace sohoa::samples {
namespace {

constexpr std::array<const char*, 6> kBirthPlaces = {
    "Bệnh viện Phụ sản Hà Nội", "Bệnh viện Phụ sản Trung ương",
    "Bệnh viện Bạch Mai",       "Bệnh viện đa khoa Bắc Thăng Long",
    "Bệnh viện Bưu điện",       "Bệnh viện đa khoa Đức Giang"};

std::string with_city(Rng& rng, const std::string& place) {
  return rng.chance(0.5) ? place + ", thành phố Hà Nội" : place;
}

/// Birth date range of someone aged between min_age and max_age at `ref`.
Date born_from(Date ref, int max_age) { return Date{ref.year - max_age, 1, 1}; }
Date born_to(Date ref, int min_age) { return Date{ref.year - min_age, 12, 31}; }

/// Parent block of a birth form: name, "Năm sinh / Dân tộc / Quốc tịch", "Nơi cư trú".
void parent_block(Rng& rng, std::vector<Block>& blocks, const std::string& label, const Person& p) {
  blocks.push_back(field(label, print_name(rng, p.name)));
  blocks.push_back(fields({{"Năm sinh", std::to_string(p.birth.year), 0.3},
                           {"Dân tộc", p.ethnicity, 0.3},
                           {"Quốc tịch", "Việt Nam", 0.4}}));
  blocks.push_back(field("Nơi cư trú", p.address.text));
}

void commitment(std::vector<Block>& blocks, const std::string& text) {
  Para p = justified(text, 2.5);
  p.space_before = 0.3;
  blocks.push_back(p);
}

DocumentSpec new_form(DossierContext& ctx, const std::string& title_text) {
  DocumentSpec doc;
  doc.kind = PageKind::kForm;
  doc.face = ctx.face;
  doc.seal = ward_seal(ctx.ward);
  for (Block& b : form_header(ctx.rng, ward_body(ctx.rng, ctx.ward))) doc.blocks.push_back(b);
  doc.blocks.push_back(title(title_text));
  doc.blocks.push_back(kinh_gui_ward(ctx.rng, ctx.ward));
  return doc;
}

}  // namespace

FormResult make_khai_sinh(DossierContext& ctx) {
  Rng& rng = ctx.rng;
  const Date received = ctx.received;
  const Date child_birth = rng.chance(0.85) ? received.plus_days(-rng.uniform_int(1, 60))
                                            : received.plus_days(-rng.uniform_int(61, 5 * 365));
  Person father = random_person(rng, Sex::kMale, born_from(child_birth, 45),
                                born_to(child_birth, 21), ctx.ward, received, 0.35);
  Person mother = random_person(rng, Sex::kFemale, born_from(child_birth, 40),
                                born_to(child_birth, 18), ctx.ward, received, 0.35);
  if (rng.chance(0.8)) mother.address = father.address;
  const Sex child_sex = rng.chance(0.5) ? Sex::kMale : Sex::kFemale;
  const std::string child = random_name_in_family(rng, child_sex, father.name);
  const bool by_father = rng.chance(0.6);
  const Person& requester = by_father ? father : mother;

  DocumentSpec doc = new_form(ctx, "TỜ KHAI ĐĂNG KÝ KHAI SINH");
  auto& b = doc.blocks;
  b.push_back(field("Họ, chữ đệm, tên người yêu cầu", print_name(rng, requester.name)));
  b.push_back(field("Nơi cư trú", requester.address.text));
  b.push_back(field("Giấy tờ tùy thân", id_paper_text(rng, requester)));
  b.push_back(field("Quan hệ với người được khai sinh", by_father ? "Cha" : "Mẹ"));
  b.push_back(Para{.text = "Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:",
                   .style = {.bold = true},
                   .space_before = 0.3});
  b.push_back(field("Họ, chữ đệm, tên", print_name(rng, child, 0.5)));
  const std::string digits =
      print_date(child_birth, rng.chance(0.75) ? DateStyle::kSlashPadded : DateStyle::kSlashShort);
  const std::string words = date_in_words(child_birth);
  if (rng.chance(0.5)) {
    b.push_back(field("Ngày, tháng, năm sinh", digits + " ghi bằng chữ: " + words));
  } else {
    b.push_back(field("Ngày, tháng, năm sinh", digits));
    b.push_back(field("ghi bằng chữ", words));
  }
  b.push_back(fields({{"Giới tính", sex_label(child_sex), 0.3},
                      {"Dân tộc", father.ethnicity, 0.3},
                      {"Quốc tịch", "Việt Nam", 0.4}}));
  b.push_back(field("Nơi sinh", with_city(rng, rng.pick(kBirthPlaces))));
  b.push_back(field("Quê quán", rng.chance(0.6) ? random_province_place(rng)
                                                : "phường " + ctx.ward.name +
                                                      ", quận Bắc Từ Liêm, thành phố Hà Nội"));
  parent_block(rng, b, "Họ, chữ đệm, tên người mẹ", mother);
  parent_block(rng, b, "Họ, chữ đệm, tên người cha", father);
  commitment(b,
             "Tôi cam đoan nội dung đề nghị đăng ký khai sinh trên đây là đúng sự thật, được sự "
             "thỏa thuận nhất trí của các bên liên quan theo quy định pháp luật.");
  b.push_back(
      justified("Tôi chịu hoàn toàn trách nhiệm trước pháp luật về nội dung cam đoan của "
                "mình.",
                2.5));
  if (rng.chance(0.5)) {
    b.push_back(field("Đề nghị cấp bản sao",
                      "Có, số lượng: " + zero_pad(rng.uniform_int(1, 3), 2) + " bản"));
  }
  b.push_back(signature_right(place_date_line(rng, ctx.ward, ctx.signed_date), {"Người yêu cầu"},
                              "(Ký, ghi rõ họ, chữ đệm, tên)", print_name(rng, requester.name)));

  FormResult r;
  r.fields["ward"] = ctx.ward.name;
  r.fields["requester_name"] = requester.name;
  r.fields["requester_id_number"] = requester.id_number;
  r.fields["child_name"] = child;
  r.fields["child_birth_date"] = child_birth.iso();
  r.fields["child_sex"] = sex_label(child_sex);
  r.fields["mother_name"] = mother.name;
  r.fields["mother_birth_year"] = std::to_string(mother.birth.year);
  r.fields["father_name"] = father.name;
  r.fields["father_birth_year"] = std::to_string(father.birth.year);
  r.fields["signed_date"] = ctx.signed_date.iso();
  r.documents.push_back(std::move(doc));
  r.receipt = {.procedure_name = "Đăng ký khai sinh",
               .documents = {"Tờ khai đăng ký khai sinh (bản chính)", "Giấy chứng sinh (bản chính)",
                             "Giấy chứng nhận kết hôn của cha, mẹ (bản sao)"},
               .applicant_name = requester.name,
               .applicant_address = requester.address,
               .applicant_phone = requester.phone};
  return r;
}

FormResult make_ket_hon(DossierContext& ctx) {
  Rng& rng = ctx.rng;
  const Date received = ctx.received;
  Person wife = random_person(rng, Sex::kFemale, born_from(received, 40), born_to(received, 18),
                              ctx.ward, received, 0.35);
  const Ward& his_ward = rng.chance(0.6) ? ctx.ward : random_ward(rng);
  Person husband = random_person(rng, Sex::kMale, born_from(received, 45), born_to(received, 20),
                                 his_ward, received, 0.35);

  DocumentSpec doc = new_form(ctx, "TỜ KHAI ĐĂNG KÝ KẾT HÔN");
  auto& b = doc.blocks;
  const auto date = [&](Date d) {
    return print_date(d, rng.chance(0.7) ? DateStyle::kSlashPadded : DateStyle::kSlashShort);
  };
  const auto id = [&](const Person& p) {
    const std::string kind = p.id_number.size() == 12 ? "CCCD số " : "CMND số ";
    return kind + print_id(rng, p.id_number);
  };
  const std::string marriage_w = rng.chance(0.9) ? "Thứ nhất" : "Thứ hai";
  const std::string marriage_h = rng.chance(0.9) ? "Thứ nhất" : "Thứ hai";
  Table t;
  t.widths = {0.28, 0.36, 0.36};
  t.space_before = 0.4;
  t.rows = {{"", "Bên nữ", "Bên nam"},
            {"Họ, chữ đệm, tên", print_name(rng, wife.name), print_name(rng, husband.name)},
            {"Ngày, tháng, năm sinh", date(wife.birth), date(husband.birth)},
            {"Dân tộc", wife.ethnicity, husband.ethnicity},
            {"Quốc tịch", "Việt Nam", "Việt Nam"},
            {"Nơi cư trú", wife.address.text, husband.address.text},
            {"Giấy tờ tùy thân", id(wife), id(husband)},
            {"Kết hôn lần thứ mấy", marriage_w, marriage_h}};
  b.push_back(t);
  commitment(b,
             "Chúng tôi cam đoan những lời khai trên đây là đúng sự thật, việc kết hôn của chúng "
             "tôi là tự nguyện, không vi phạm quy định của Luật Hôn nhân và gia đình Việt Nam.");
  b.push_back(justified("Chúng tôi chịu trách nhiệm trước pháp luật về cam đoan của mình.", 2.5));
  b.push_back(Para{.text = place_date_line(rng, ctx.ward, ctx.signed_date),
                   .style = {.italic = true},
                   .align = Align::kRight,
                   .space_before = 0.4});
  b.push_back(signature_pair("Bên nữ", print_name(rng, wife.name), "Bên nam",
                             print_name(rng, husband.name), "(Ký, ghi rõ họ, chữ đệm, tên)"));

  FormResult r;
  r.fields["ward"] = ctx.ward.name;
  r.fields["wife_name"] = wife.name;
  r.fields["wife_birth_date"] = wife.birth.iso();
  r.fields["wife_id_number"] = wife.id_number;
  r.fields["husband_name"] = husband.name;
  r.fields["husband_birth_date"] = husband.birth.iso();
  r.fields["husband_id_number"] = husband.id_number;
  r.fields["signed_date"] = ctx.signed_date.iso();
  r.documents.push_back(std::move(doc));
  const Person& applicant = rng.chance(0.5) ? wife : husband;
  r.receipt = {.procedure_name = "Đăng ký kết hôn",
               .documents = {"Tờ khai đăng ký kết hôn (bản chính)",
                             "Giấy xác nhận tình trạng hôn nhân (bản chính)"},
               .applicant_name = applicant.name,
               .applicant_address = applicant.address,
               .applicant_phone = applicant.phone};
  return r;
}

FormResult make_khai_tu(DossierContext& ctx) {
  Rng& rng = ctx.rng;
  const Date received = ctx.received;
  const Date death = rng.chance(0.85) ? received.plus_days(-rng.uniform_int(1, 15))
                                      : received.plus_days(-rng.uniform_int(16, 400));
  const Sex sex = rng.chance(0.5) ? Sex::kMale : Sex::kFemale;
  Person deceased =
      random_person(rng, sex, born_from(death, 98), born_to(death, 45), ctx.ward, death, 0.5);
  Person requester =
      random_person(rng, rng.chance(0.5) ? Sex::kMale : Sex::kFemale, born_from(received, 60),
                    born_to(received, 20), ctx.ward, received, 0.35);
  if (rng.chance(0.7)) requester.address = deceased.address;
  const std::string relation =
      rng.pick(std::array<const char*, 5>{"Con", "Con", "Vợ", "Chồng", "Cháu"});

  DocumentSpec doc = new_form(ctx, "TỜ KHAI ĐĂNG KÝ KHAI TỬ");
  auto& b = doc.blocks;
  b.push_back(field("Họ, chữ đệm, tên người yêu cầu", print_name(rng, requester.name)));
  b.push_back(field("Nơi cư trú", requester.address.text));
  b.push_back(field("Giấy tờ tùy thân", id_paper_text(rng, requester)));
  b.push_back(field("Quan hệ với người đã chết", relation));
  b.push_back(Para{.text = "Đề nghị cơ quan đăng ký khai tử cho người có tên dưới đây:",
                   .style = {.bold = true},
                   .space_before = 0.3});
  b.push_back(field("Họ, chữ đệm, tên", print_name(rng, deceased.name)));
  b.push_back(field("Ngày, tháng, năm sinh", print_date_field(rng, deceased.birth)));
  b.push_back(fields({{"Giới tính", sex_label(sex), 0.3},
                      {"Dân tộc", deceased.ethnicity, 0.3},
                      {"Quốc tịch", "Việt Nam", 0.4}}));
  if (rng.chance(0.5)) b.push_back(field("Giấy tờ tùy thân", id_paper_text(rng, deceased)));
  b.push_back(field("Nơi cư trú cuối cùng", deceased.address.text));
  const std::string time = zero_pad(rng.uniform_int(0, 23), 2) + " giờ " +
                           zero_pad(rng.uniform_int(0, 59), 2) + " phút, ";
  b.push_back(field("Đã chết vào lúc", time + print_date_long(rng, death)));
  const bool at_home = rng.chance(0.5);
  b.push_back(field("Nơi chết", at_home ? "Tại nhà, " + deceased.address.text
                                        : with_city(rng, rng.pick(kBirthPlaces))));
  b.push_back(
      field("Nguyên nhân chết", rng.pick(std::array<const char*, 4>{
                                    "Bệnh già", "Bệnh", "Tai biến mạch máu não", "Suy tim"})));
  const std::string notice = std::to_string(rng.uniform_int(10, 999)) + "/GBT";
  b.push_back(field(
      "Số Giấy báo tử/giấy tờ thay thế Giấy báo tử",
      at_home ? notice + " do Công an " + print_ward(rng, ctx.ward) + " cấp"
              : notice + " do bệnh viện cấp ngày " +
                    print_date(death.plus_days(rng.uniform_int(0, 2)), DateStyle::kSlashPadded)));
  commitment(b,
             "Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước "
             "pháp luật về cam đoan của mình.");
  b.push_back(signature_right(place_date_line(rng, ctx.ward, ctx.signed_date), {"Người yêu cầu"},
                              "(Ký, ghi rõ họ, chữ đệm, tên)", print_name(rng, requester.name)));

  FormResult r;
  r.fields["ward"] = ctx.ward.name;
  r.fields["requester_name"] = requester.name;
  r.fields["deceased_name"] = deceased.name;
  r.fields["deceased_birth_date"] = deceased.birth.iso();
  r.fields["deceased_sex"] = sex_label(sex);
  r.fields["death_date"] = death.iso();
  r.fields["signed_date"] = ctx.signed_date.iso();
  r.documents.push_back(std::move(doc));
  r.receipt = {.procedure_name = "Đăng ký khai tử",
               .documents = {"Tờ khai đăng ký khai tử (bản chính)",
                             "Giấy báo tử hoặc giấy tờ thay thế Giấy báo tử (bản chính)"},
               .applicant_name = requester.name,
               .applicant_address = requester.address,
               .applicant_phone = requester.phone};
  return r;
}

}  // namespace sohoa::samples
