// District-level applications: business household registration (Nghị định 01/2021/NĐ-CP)
// and construction permits (Mẫu 01 Phụ lục II, Nghị định 15/2021/NĐ-CP).
#include <array>

#include "forms.h"
#include "forms_common.h"
#include "text.h"

namespace sohoa::samples {
namespace {

struct Trade {
  const char* shop;      ///< part of the business name
  const char* activity;  ///< "Ngành, nghề kinh doanh"
  const char* vsic;      ///< VSIC code
};

constexpr std::array<Trade, 8> kTrades = {{
    {"TẠP HÓA",
     "Bán lẻ lương thực, thực phẩm, đồ uống, thuốc lá, thuốc lào chiếm tỷ trọng lớn trong các "
     "cửa hàng kinh doanh tổng hợp",
     "4711"},
    {"QUÁN CƠM", "Nhà hàng và các dịch vụ ăn uống phục vụ lưu động", "5610"},
    {"CÀ PHÊ", "Dịch vụ phục vụ đồ uống", "5630"},
    {"THỜI TRANG",
     "Bán lẻ hàng may mặc, giày dép, hàng da và giả da trong các cửa hàng chuyên doanh", "4771"},
    {"SỬA CHỮA XE MÁY", "Bảo dưỡng và sửa chữa mô tô, xe máy", "4542"},
    {"VẬT LIỆU XÂY DỰNG",
     "Bán lẻ đồ ngũ kim, sơn, kính và thiết bị lắp đặt khác trong xây dựng trong các cửa hàng "
     "chuyên doanh",
     "4752"},
    {"CẮT TÓC", "Cắt tóc, làm đầu, gội đầu", "9631"},
    {"ĐIỆN THOẠI DI ĐỘNG",
     "Bán lẻ máy vi tính, thiết bị ngoại vi, phần mềm và thiết bị viễn thông trong các cửa hàng "
     "chuyên doanh",
     "4741"},
}};

constexpr std::array<const char*, 10> kShopNames = {
    "MINH ANH", "HOÀNG LONG", "THU HÀ",  "AN PHÁT",  "HƯNG THỊNH",
    "BẢO NGỌC", "PHÚC LỘC",   "GIA HUY", "NGỌC LAN", "ĐỨC MINH"};

DocumentSpec district_form(DossierContext& ctx, const std::string& title_text,
                           const std::string& subtitle) {
  DocumentSpec doc;
  doc.kind = PageKind::kForm;
  doc.face = ctx.face;
  doc.seal = district_seal();
  for (Block& b : motto_header()) doc.blocks.push_back(b);
  doc.blocks.push_back(title(title_text));
  if (!subtitle.empty()) doc.blocks.push_back(centred_note(subtitle));
  return doc;
}

}  // namespace

FormResult make_ho_kinh_doanh(DossierContext& ctx) {
  Rng& rng = ctx.rng;
  const Date received = ctx.received;
  const Ward& home_ward = rng.chance(0.6) ? ctx.ward : random_ward(rng);
  const Sex sex = rng.chance(0.5) ? Sex::kMale : Sex::kFemale;
  const Person owner = random_person(rng, sex, Date{received.year - 65, 1, 1},
                                     Date{received.year - 20, 12, 31}, home_ward, received, 0.3);
  const Trade& trade = rng.pick(kTrades);
  const std::string business =
      rng.chance(0.7) ? std::string("HỘ KINH DOANH ") + trade.shop + " " + rng.pick(kShopNames)
                      : std::string("CỬA HÀNG ") + trade.shop + " " + rng.pick(kShopNames);
  const Address site =
      rng.chance(0.3) && &home_ward == &ctx.ward ? owner.address : random_address(rng, ctx.ward);
  const int64_t capital =
      rng.chance(0.8) ? rng.uniform_int(2, 300) * 5'000'000 : rng.uniform_int(20, 3000) * 500'000;
  const int employees = static_cast<int>(rng.uniform_int(1, 9));

  DocumentSpec doc = district_form(ctx, "GIẤY ĐỀ NGHỊ ĐĂNG KÝ HỘ KINH DOANH", "");
  auto& b = doc.blocks;
  const std::string date_line = "Bắc Từ Liêm, " + print_date_long(rng, ctx.signed_date);
  const bool date_on_top = rng.chance(0.6);
  if (date_on_top) {
    b.insert(b.begin() + 2, Para{.text = date_line,
                                 .style = {.italic = true},
                                 .align = Align::kRight,
                                 .space_before = 0.3});
  }
  b.push_back(Para{.text = "Kính gửi: Phòng Tài chính - Kế hoạch quận Bắc Từ Liêm",
                   .align = Align::kCenter,
                   .space_before = 0.5});
  b.push_back(field("Tôi là (ghi họ tên bằng chữ in hoa)", upper(owner.name)));
  b.push_back(fields({{"Giới tính", sex_label(sex), 0.35}, {"Dân tộc", owner.ethnicity, 0.65}}));
  b.push_back(fields(
      {{"Sinh ngày", print_date_field(rng, owner.birth), 0.6}, {"Quốc tịch", "Việt Nam", 0.4}}));
  const bool cccd = owner.id_number.size() == 12;
  b.push_back(field(cccd ? "Số định danh cá nhân" : "Số Chứng minh nhân dân",
                    print_id(rng, owner.id_number)));
  b.push_back(
      fields({{"Ngày cấp", print_date(owner.id_issued, DateStyle::kSlashPadded), 0.4},
              {"Nơi cấp", cccd ? "Cục Cảnh sát QLHC về TTXH" : "Công an TP. Hà Nội", 0.6}}));
  b.push_back(field("Địa chỉ thường trú", owner.address.text));
  if (rng.chance(0.5)) b.push_back(field("Chỗ ở hiện tại", owner.address.text));
  b.push_back(fields({{"Điện thoại", print_phone(rng, owner.phone), 0.5}, {"Email", "", 0.5}}));
  b.push_back(Para{.text = "Đăng ký hộ kinh doanh do tôi là chủ hộ với các nội dung sau:",
                   .style = {.bold = true},
                   .space_before = 0.3});
  b.push_back(field("1. Tên hộ kinh doanh (ghi bằng chữ in hoa)", business));
  b.push_back(field("2. Địa chỉ trụ sở hộ kinh doanh", site.text));
  b.push_back(field("3. Ngành, nghề kinh doanh",
                    std::string(trade.activity) + " (mã ngành " + trade.vsic + ")"));
  std::string capital_text = print_money(capital);
  if (rng.chance(0.6))
    capital_text += " (Bằng chữ: " + capitalize_first(number_words(capital)) + " đồng)";
  b.push_back(field("4. Vốn kinh doanh", capital_text));
  b.push_back(
      field("5. Số lượng lao động",
            (rng.chance(0.5) ? zero_pad(employees, 2) : std::to_string(employees)) + " người"));
  b.push_back(Para{.text = "Tôi xin cam kết:", .style = {.bold = true}, .space_before = 0.3});
  b.push_back(
      justified("- Bản thân không thuộc diện pháp luật cấm kinh doanh; không đồng thời "
                "là chủ hộ kinh doanh khác; không là chủ doanh nghiệp tư nhân;",
                1.0));
  b.push_back(
      justified("- Trụ sở hộ kinh doanh thuộc quyền sở hữu/quyền sử dụng hợp pháp của "
                "tôi và được sử dụng đúng mục đích theo quy định của pháp luật;",
                1.0));
  b.push_back(
      justified("- Chịu trách nhiệm trước pháp luật về tính hợp pháp, chính xác và trung "
                "thực của nội dung đăng ký trên.",
                1.0));
  b.push_back(signature_right(date_on_top ? "" : date_line, {"CHỦ HỘ KINH DOANH"},
                              "(Ký và ghi họ tên)", print_name(rng, owner.name)));

  FormResult r;
  r.fields["ward"] = ctx.ward.name;
  r.fields["owner_name"] = owner.name;
  r.fields["owner_birth_date"] = owner.birth.iso();
  r.fields["owner_id_number"] = owner.id_number;
  r.fields["business_name"] = business;
  r.fields["capital"] = std::to_string(capital);
  r.fields["employees"] = std::to_string(employees);
  r.fields["signed_date"] = ctx.signed_date.iso();
  r.documents.push_back(std::move(doc));
  r.receipt = {.procedure_name = "Đăng ký thành lập hộ kinh doanh",
               .documents = {"Giấy đề nghị đăng ký hộ kinh doanh",
                             "Bản sao giấy tờ pháp lý của cá nhân chủ hộ kinh doanh"},
               .district_level = true,
               .applicant_name = owner.name,
               .applicant_address = owner.address,
               .applicant_phone = owner.phone};
  return r;
}

FormResult make_cap_phep_xay_dung(DossierContext& ctx) {
  Rng& rng = ctx.rng;
  const Date received = ctx.received;
  const Ward& home_ward = rng.chance(0.7) ? ctx.ward : random_ward(rng);
  const Person investor = random_person(rng, rng.chance(0.6) ? Sex::kMale : Sex::kFemale,
                                        Date{received.year - 70, 1, 1},
                                        Date{received.year - 25, 12, 31}, home_ward, received, 0.3);
  const Address site =
      rng.chance(0.5) && &home_ward == &ctx.ward ? investor.address : random_address(rng, ctx.ward);
  const int plot = static_cast<int>(rng.uniform_int(1, 999));
  const int sheet = static_cast<int>(rng.uniform_int(1, 60));
  const int64_t land = rng.uniform_int(350, 1500);  // tenths of m2
  const int64_t ground = land * rng.uniform_int(80, 100) / 100;
  const int floors = static_cast<int>(rng.uniform_int(2, 6));
  const int64_t total = ground * floors * rng.uniform_int(90, 100) / 100 +
                        (rng.chance(0.5) ? rng.uniform_int(150, 300) : 0);
  const int64_t height = floors * rng.uniform_int(33, 38) + rng.uniform_int(0, 30);  // tenths

  DocumentSpec doc = district_form(ctx, "ĐƠN ĐỀ NGHỊ CẤP GIẤY PHÉP XÂY DỰNG",
                                   "(Sử dụng cho công trình: Nhà ở riêng lẻ)");
  auto& b = doc.blocks;
  b.push_back(Para{.text = rng.chance(0.5) ? "Kính gửi: Ủy ban nhân dân quận Bắc Từ Liêm"
                                           : "Kính gửi: UBND quận Bắc Từ Liêm",
                   .align = Align::kCenter,
                   .space_before = 0.5});
  b.push_back(Para{.text = "1. Thông tin về chủ đầu tư:", .style = {.bold = true}});
  b.push_back(field(rng.chance(0.5) ? "- Tên chủ đầu tư (tên chủ hộ)" : "- Chủ đầu tư",
                    print_name(rng, investor.name)));
  if (rng.chance(0.4)) b.push_back(fields({{"- Người đại diện", "", 0.6}, {"Chức vụ", "", 0.4}}));
  b.push_back(field("- Địa chỉ liên hệ", investor.address.text));
  b.push_back(field("- Số điện thoại", print_phone(rng, investor.phone)));
  b.push_back(Para{.text = "2. Thông tin công trình:", .style = {.bold = true}});
  b.push_back(plain("- Địa điểm xây dựng:"));
  const std::string area = tenths_printed(land) + " m2";
  switch (rng.index(3)) {
    case 0:
      b.push_back(fields({{"Thửa đất số", std::to_string(plot), 0.5},
                          {"Tờ bản đồ số", std::to_string(sheet), 0.5}},
                         1.5));
      b.push_back(field("Diện tích", area, 1.5));
      break;
    case 1:
      b.push_back(field("Lô đất số",
                        std::to_string(plot) + ", tờ bản đồ số: " + std::to_string(sheet) +
                            ", diện tích: " + area,
                        1.5));
      break;
    default:
      b.push_back(field("Thửa đất số",
                        std::to_string(plot) + "; tờ bản đồ số " + std::to_string(sheet), 1.5));
      b.push_back(field("Diện tích", area, 1.5));
      break;
  }
  b.push_back(field("Tại", site.text, 1.5));
  b.push_back(Para{.text = "3. Nội dung đề nghị cấp phép:", .style = {.bold = true}});
  b.push_back(
      fields({{"- Loại công trình", "Nhà ở riêng lẻ", 0.6}, {"Cấp công trình", "III", 0.4}}));
  b.push_back(field("- Diện tích xây dựng tầng 1 (tầng trệt)", tenths_printed(ground) + " m2"));
  b.push_back(field("- Tổng diện tích sàn", tenths_printed(total) + " m2"));
  b.push_back(
      plain("(ghi rõ diện tích sàn các tầng hầm, tầng trên mặt đất, tầng kỹ thuật, tầng "
            "lửng, tum)",
            1.0));
  b.push_back(field("- Chiều cao công trình", tenths_printed(height) + " m"));
  const std::string floor_text =
      rng.chance(0.5) ? std::to_string(floors) : zero_pad(floors, 2) + " tầng";
  b.push_back(field("- Số tầng", floor_text + (rng.chance(0.5) ? " (không có tầng hầm)" : "")));
  b.push_back(field("4. Dự kiến thời gian hoàn thành công trình",
                    std::to_string(rng.uniform_int(4, 12)) + " tháng"));
  b.push_back(Para{.text = "5. Cam kết:", .style = {.bold = true}});
  b.push_back(
      justified("Tôi xin cam đoan làm theo đúng giấy phép được cấp, nếu sai tôi xin hoàn "
                "toàn chịu trách nhiệm và bị xử lý theo quy định của pháp luật.",
                2.5));
  b.push_back(signature_right("Bắc Từ Liêm, " + print_date_long(rng, ctx.signed_date),
                              {"NGƯỜI LÀM ĐƠN"}, "(Ký, ghi rõ họ tên)",
                              print_name(rng, investor.name)));

  FormResult r;
  r.fields["ward"] = ctx.ward.name;
  r.fields["investor_name"] = investor.name;
  r.fields["plot_number"] = std::to_string(plot);
  r.fields["map_sheet"] = std::to_string(sheet);
  r.fields["total_floor_area"] = tenths_stored(total);
  r.fields["floors"] = std::to_string(floors);
  r.fields["signed_date"] = ctx.signed_date.iso();
  r.documents.push_back(std::move(doc));
  r.receipt = {
      .procedure_name = "Cấp giấy phép xây dựng nhà ở riêng lẻ",
      .documents = {"Đơn đề nghị cấp giấy phép xây dựng",
                    "Bản sao giấy chứng nhận quyền sử dụng đất", "Hai bộ bản vẽ thiết kế xây dựng"},
      .district_level = true,
      .applicant_name = investor.name,
      .applicant_address = investor.address,
      .applicant_phone = investor.phone};
  return r;
}

}  // namespace sohoa::samples
