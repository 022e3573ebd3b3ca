// The one-stop receipt (Giấy tiếp nhận hồ sơ và hẹn trả kết quả, Mẫu số 01,
// Thông tư 01/2018/TT-VPCP), printed A5 by the one-stop software.
#include <array>

#include "forms.h"
#include "forms_common.h"
#include "text.h"

namespace sohoa::samples {
namespace {

struct Clock {
  int hour;
  int minute;
};

std::string print_time_date(Rng& rng, Clock t, Date d) {
  const bool padded = rng.chance(0.7);
  const std::string hour = padded ? zero_pad(t.hour, 2) : std::to_string(t.hour);
  const std::string when =
      rng.chance(0.6) ? print_date(d, DateStyle::kSlashPadded) : print_date(d, DateStyle::kWords);
  return hour + " giờ " + zero_pad(t.minute, 2) + " phút, ngày " + when;
}

/// Legal time limit in working days for the procedure (0 = the same day).
int time_limit(Rng& rng, const std::string& procedure_name, Clock received) {
  if (procedure_name.find("hộ kinh doanh") != std::string::npos) return 3;
  if (procedure_name.find("giấy phép xây dựng") != std::string::npos) return 15;
  if (procedure_name.find("kết hôn") != std::string::npos && rng.chance(0.25)) return 5;
  return received.hour >= 15 ? 1 : 0;
}

}  // namespace

DocumentSpec make_receipt(DossierContext& ctx, const ReceiptRequest& request,
                          nlohmann::ordered_json& truth) {
  Rng& rng = ctx.rng;
  const Clock received{static_cast<int>(rng.uniform_int(7, 16)),
                       static_cast<int>(rng.uniform_int(0, 11) * 5)};
  const Clock at{received.hour < 8 ? 8 : received.hour, received.hour < 8 ? 0 : received.minute};
  const int days = time_limit(rng, request.procedure_name, at);
  const Date due = add_working_days(ctx.received, days);
  const Clock due_at = days == 0 ? Clock{16, 30}
                                 : Clock{static_cast<int>(rng.uniform_int(8, 16)),
                                         static_cast<int>(rng.uniform_int(0, 5) * 10)};
  const std::string code = "000.00.17.H26-" + zero_pad(ctx.received.year % 100, 2) +
                           zero_pad(ctx.received.month, 2) + zero_pad(ctx.received.day, 2) + "-" +
                           zero_pad(rng.uniform_int(1, 350), 4);
  const std::string office =
      request.district_level ? "UBND quận Bắc Từ Liêm" : "UBND " + print_ward(rng, ctx.ward);

  DocumentSpec doc;
  doc.kind = PageKind::kReceipt;
  doc.paper = Paper::kA5;
  doc.face = random_receipt_face(rng);
  doc.single_page = true;
  doc.seal = request.district_level ? district_seal() : ward_seal(ctx.ward);

  std::vector<Para> right_extra;
  if (rng.chance(0.5)) {
    const std::string place = request.district_level ? "Bắc Từ Liêm" : ctx.ward.name;
    right_extra.push_back(Para{.text = place + ", " + print_date_long(rng, ctx.received),
                               .style = {.italic = true},
                               .align = Align::kCenter,
                               .space_before = 0.3});
  }
  const std::vector<std::string> body =
      request.district_level ? district_body(rng) : ward_body(rng, ctx.ward);
  doc.blocks.push_back(official_header(body, {}, right_extra, 0.4));
  doc.blocks.push_back(title("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", 1.1));
  if (rng.chance(0.5)) {
    doc.blocks.push_back(Para{.text = "Mã hồ sơ: " + code, .align = Align::kCenter});
  } else {
    doc.blocks.push_back(field("Mã hồ sơ", code));
  }
  if (rng.chance(0.4)) doc.blocks.push_back(centred_note("(Liên: Lưu/giao khách hàng)"));
  doc.blocks.push_back(Gap{0.3});
  doc.blocks.push_back(field("Bộ phận tiếp nhận và trả kết quả", office));
  doc.blocks.push_back(field("Tiếp nhận hồ sơ của", print_name(rng, request.applicant_name)));
  doc.blocks.push_back(field("Địa chỉ", request.applicant_address.text));
  const std::string phone = print_phone(rng, request.applicant_phone);
  if (rng.chance(0.5)) {
    doc.blocks.push_back(fields({{"Số điện thoại", phone, 0.5}, {"Email", "", 0.5}}));
  } else {
    doc.blocks.push_back(field("Số điện thoại", phone));
  }
  doc.blocks.push_back(field("Nội dung yêu cầu giải quyết", request.procedure_name));
  doc.blocks.push_back(plain("1. Thành phần hồ sơ nộp gồm:"));
  for (const std::string& item : request.documents) doc.blocks.push_back(plain("- " + item, 1.5));
  doc.blocks.push_back(field("2. Số lượng hồ sơ", "01 (bộ)"));
  doc.blocks.push_back(field("3. Thời gian giải quyết hồ sơ theo quy định",
                             days == 0 ? "Trong ngày" : zero_pad(days, 2) + " ngày làm việc"));
  doc.blocks.push_back(field("4. Thời gian nhận hồ sơ", print_time_date(rng, at, ctx.received)));
  doc.blocks.push_back(
      field("5. Thời gian trả kết quả giải quyết hồ sơ", print_time_date(rng, due_at, due)));
  if (rng.chance(0.5)) {
    doc.blocks.push_back(
        field("6. Đăng ký nhận kết quả tại",
              rng.chance(0.7) ? "Bộ phận tiếp nhận và trả kết quả" : "Dịch vụ bưu chính công ích"));
  }
  doc.blocks.push_back(
      plain("Vào Sổ theo dõi hồ sơ, Quyển số: " + zero_pad(rng.uniform_int(1, 12), 2) +
            ", Số thứ tự: " + std::to_string(rng.uniform_int(1, 900))));
  const std::string officer = random_name(rng, rng.chance(0.6) ? Sex::kFemale : Sex::kMale);
  doc.blocks.push_back(signature_pair("NGƯỜI NỘP HỒ SƠ", request.applicant_name,
                                      "NGƯỜI TIẾP NHẬN HỒ SƠ", officer, "(Ký và ghi rõ họ tên)"));

  truth["dossier_code"] = code;
  truth["applicant_name"] = request.applicant_name;
  truth["applicant_address"] = squeeze_spaces(request.applicant_address.text);
  truth["applicant_phone"] = request.applicant_phone;
  truth["procedure_name"] = request.procedure_name;
  truth["received_date"] = ctx.received.iso();
  truth["due_date"] = due.iso();
  return doc;
}

}  // namespace sohoa::samples
