// Plain prose pages (official letters citing other documents, citizens' letters) and the
// certified copy (chứng thực bản sao, Nghị định 23/2015/NĐ-CP), which is a copied document
// carrying the certification block.
#include <algorithm>
#include <array>

#include "forms.h"
#include "forms_common.h"
#include "text.h"

namespace sohoa::samples {
namespace {

std::string citation_date(Date d) {
  return zero_pad(d.day, 2) + "/" + std::to_string(d.month) + "/" + std::to_string(d.year);
}

/// A legal citation as officers type it, e.g. "Công văn số 567/BTP-HTQTCT ngày 05/3/2020",
/// issued before `before`.
std::string citation(Rng& rng, const std::string& topic, Date before) {
  const Date d =
      random_date(rng, std::min(Date{2015, 1, 5}, before.plus_days(-400)), before.plus_days(-20));
  const std::string num = std::to_string(rng.uniform_int(12, 4800));
  const std::string when = " ngày " + citation_date(d);
  std::vector<std::string> pool = {
      "Quyết định số " + num + "/QĐ-UBND" + when + " của Ủy ban nhân dân thành phố Hà Nội",
      "Kế hoạch số " + num + "/KH-UBND" + when + " của Ủy ban nhân dân quận Bắc Từ Liêm",
      "Công văn số " + num + "/UBND-VP" + when + " của Ủy ban nhân dân quận",
  };
  // Real documents, cited only after they were issued.
  const auto add = [&](const char* text, Date issued) {
    if (issued < before) pool.emplace_back(text);
  };
  add("Công văn số 567/BTP-HTQTCT ngày 05/3/2020 của Bộ Tư pháp", Date{2020, 3, 5});
  add("Nghị quyết số 12-NQ/TW", Date{2017, 6, 3});
  if (topic == "khai_sinh" || topic == "ket_hon" || topic == "khai_tu") {
    add("Luật Hộ tịch năm 2014", Date{2014, 11, 20});
    add("Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ", Date{2015, 11, 15});
    add("Thông tư số 04/2020/TT-BTP ngày 28/5/2020 của Bộ Tư pháp", Date{2020, 5, 28});
    pool.push_back("Công văn số " + num + "/STP-HCTP" + when + " của Sở Tư pháp");
  } else if (topic == "ho_kinh_doanh") {
    add("Nghị định số 01/2021/NĐ-CP ngày 04/01/2021 của Chính phủ", Date{2021, 1, 4});
    add("Nghị định số 78/2015/NĐ-CP ngày 14/9/2015 của Chính phủ", Date{2015, 9, 14});
    pool.push_back("Công văn số " + num + "/SKHĐT-ĐKKD" + when + " của Sở Kế hoạch và Đầu tư");
  } else if (topic == "cap_phep_xay_dung") {
    add("Nghị định số 15/2021/NĐ-CP ngày 03/3/2021 của Chính phủ", Date{2021, 3, 3});
    add("Luật Xây dựng năm 2014", Date{2014, 6, 18});
    pool.push_back("Quyết định số " + num + "/" + std::to_string(d.year) + "/QĐ-UBND" + when);
  } else if (topic == "chung_thuc") {
    add("Nghị định số 23/2015/NĐ-CP ngày 16/02/2015 của Chính phủ", Date{2015, 2, 16});
    add("Thông tư số 01/2020/TT-BTP ngày 03/3/2020 của Bộ Tư pháp", Date{2020, 3, 3});
  } else {
    add("Thông tư số 01/2018/TT-VPCP ngày 23/11/2018 của Văn phòng Chính phủ", Date{2018, 11, 23});
    add("Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ", Date{2020, 3, 5});
  }
  return rng.pick(pool);
}

std::string subject(Rng& rng, const std::string& topic) {
  if (topic == "khai_sinh" || topic == "ket_hon" || topic == "khai_tu") {
    return rng.pick(std::array<const char*, 3>{
        "đăng ký và quản lý hộ tịch", "cấp bản sao trích lục hộ tịch", "số hóa Sổ hộ tịch"});
  }
  if (topic == "ho_kinh_doanh") return "đăng ký hộ kinh doanh";
  if (topic == "cap_phep_xay_dung") return "cấp giấy phép xây dựng nhà ở riêng lẻ";
  if (topic == "chung_thuc") return "chứng thực bản sao từ bản chính";
  return rng.pick(std::array<const char*, 3>{"số hóa hồ sơ, tài liệu lưu trữ",
                                             "cải cách thủ tục hành chính",
                                             "tiếp nhận hồ sơ trực tuyến"});
}

std::vector<std::string> letter_paragraphs(Rng& rng, const std::string& topic, Date date) {
  const std::string subj = subject(rng, topic);
  std::vector<std::string> paras;
  paras.push_back("Căn cứ " + citation(rng, topic, date) + " về việc " + subj + "; thực hiện " +
                  citation(rng, topic, date) +
                  ", Ủy ban nhân dân quận Bắc Từ Liêm hướng dẫn các "
                  "đơn vị triển khai một số nội dung như sau:");
  const std::array<const char*, 6> bodies = {
      "Tiếp tục rà soát, thống kê toàn bộ hồ sơ đã giải quyết từ năm 2016 đến nay; phân loại "
      "theo từng lĩnh vực, lập danh mục và bàn giao cho bộ phận lưu trữ theo đúng thời hạn.",
      "Bộ phận tiếp nhận và trả kết quả có trách nhiệm hướng dẫn công dân kê khai đầy đủ thông "
      "tin, kiểm tra tính hợp lệ của hồ sơ và ghi rõ thời gian hẹn trả kết quả trên Giấy tiếp "
      "nhận hồ sơ.",
      "Trường hợp hồ sơ chưa đầy đủ, cán bộ tiếp nhận phải hướng dẫn một lần bằng văn bản để "
      "công dân bổ sung, không được yêu cầu thêm giấy tờ ngoài quy định.",
      "Các đơn vị tổng hợp kết quả thực hiện, báo cáo Ủy ban nhân dân quận qua Phòng Tư pháp "
      "trước ngày 25 hằng tháng để theo dõi, chỉ đạo.",
      "Việc số hóa hồ sơ phải bảo đảm hình ảnh rõ nét, đầy đủ các trang, có thể tra cứu theo "
      "họ tên, số định danh cá nhân, mã hồ sơ và ngày tiếp nhận.",
      "Công chức được giao nhiệm vụ chịu trách nhiệm về tính chính xác của dữ liệu nhập vào hệ "
      "thống và kịp thời báo cáo những khó khăn, vướng mắc phát sinh.",
  };
  std::vector<size_t> order = {0, 1, 2, 3, 4, 5};
  rng.shuffle(order);
  const size_t n = static_cast<size_t>(rng.uniform_int(2, 3));
  for (size_t i = 0; i < n; ++i) paras.push_back(bodies[order[i]]);
  paras.push_back(
      "Trong quá trình thực hiện, nếu có vướng mắc, đề nghị các đơn vị phản ánh về "
      "Ủy ban nhân dân quận (qua " +
      citation(rng, topic, date) + " đã ban hành) để được hướng dẫn, giải quyết./.");
  return paras;
}

DocumentSpec official_letter(Rng& rng, const std::string& topic, Date date) {
  DocumentSpec doc;
  doc.kind = PageKind::kProse;
  doc.face = random_form_face(rng);
  doc.single_page = true;
  doc.seal = district_seal();
  const std::string number = "Số: " + std::to_string(rng.uniform_int(100, 4500)) + "/UBND-" +
                             rng.pick(std::array<const char*, 3>{"TP", "VP", "QLĐT"});
  std::vector<Para> left_extra = {
      Para{.text = number, .align = Align::kCenter, .space_before = 0.2},
      Para{.text = "V/v " + subject(rng, topic), .style = {.scale = 0.9}, .align = Align::kCenter}};
  std::vector<Para> right_extra = {Para{.text = "Bắc Từ Liêm, " + print_date_long(rng, date),
                                        .style = {.italic = true},
                                        .align = Align::kCenter,
                                        .space_before = 0.2}};
  doc.blocks.push_back(
      official_header({"ỦY BAN NHÂN DÂN", "QUẬN BẮC TỪ LIÊM"}, left_extra, right_extra));
  doc.blocks.push_back(Para{.text = "Kính gửi: Ủy ban nhân dân các phường thuộc quận.",
                            .align = Align::kCenter,
                            .space_before = 0.8});
  bool first = true;
  for (const std::string& p : letter_paragraphs(rng, topic, date)) {
    Para para = justified(p, 2.5);
    para.space_before = first ? 0.5 : 0.15;
    first = false;
    doc.blocks.push_back(para);
  }
  Column recipients;
  recipients.lines = {
      Para{.text = "Nơi nhận:", .style = {.bold = true, .italic = true, .scale = 0.85}},
      Para{.text = "- Như trên;", .style = {.scale = 0.8}},
      Para{.text = "- Chủ tịch UBND quận;", .style = {.scale = 0.8}},
      Para{.text = "- Lưu: VT, TP.", .style = {.scale = 0.8}}};
  const std::string signer = random_name(rng, rng.chance(0.6) ? Sex::kMale : Sex::kFemale);
  Columns sign = signature_right("", {"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"}, "",
                                 signer, recipients);
  // No hint line for officials: drop the empty one and sign after the titles.
  Column& right = sign.columns[1];
  right.lines.erase(right.lines.begin() + right.signature_after);
  right.signature_after -= 1;
  doc.blocks.push_back(sign);
  return doc;
}

DocumentSpec citizen_letter(Rng& rng, const std::string& topic, const Ward& ward, Date date) {
  DocumentSpec doc;
  doc.kind = PageKind::kProse;
  doc.face = random_form_face(rng);
  doc.single_page = true;  // a citizen's letter carries no seal
  const Person p =
      random_person(rng, rng.chance(0.5) ? Sex::kMale : Sex::kFemale, Date{date.year - 70, 1, 1},
                    Date{date.year - 20, 12, 31}, ward, date, 0.3);
  for (Block& b : motto_header()) doc.blocks.push_back(b);
  const std::string kind =
      rng.pick(std::array<const char*, 3>{"ĐƠN ĐỀ NGHỊ", "ĐƠN XIN XÁC NHẬN", "GIẤY CAM ĐOAN"});
  doc.blocks.push_back(title(kind));
  doc.blocks.push_back(kinh_gui_ward(rng, ward));
  doc.blocks.push_back(justified("Tôi tên là " + p.name + ", sinh năm " +
                                     std::to_string(p.birth.year) + ", " + id_paper_text(rng, p) +
                                     ", hiện cư trú tại " + p.address.text + ".",
                                 2.5));
  const std::string subj = subject(rng, topic);
  doc.blocks.push_back(justified("Nay tôi làm đơn này đề nghị Ủy ban nhân dân " +
                                     print_ward(rng, ward) + " xem xét, giải quyết thủ tục " +
                                     subj + " cho gia đình tôi theo quy định tại " +
                                     citation(rng, topic, date) +
                                     ". Hồ sơ kèm theo gồm các giấy tờ theo hướng dẫn của "
                                     "bộ phận tiếp nhận và trả kết quả.",
                                 2.5));
  doc.blocks.push_back(justified(
      "Tôi xin cam đoan những nội dung trình bày trên là đúng sự thật, nếu sai tôi xin hoàn "
      "toàn chịu trách nhiệm trước pháp luật. Tôi xin trân trọng cảm ơn!",
      2.5));
  doc.blocks.push_back(signature_right(place_date_line(rng, ward, date), {"NGƯỜI LÀM ĐƠN"},
                                       "(Ký và ghi rõ họ tên)", print_name(rng, p.name)));
  return doc;
}

/// A copy of a citizen identity card, front and back.
void id_card_copy(Rng& rng, const Ward& ward, Date date, std::vector<Block>& blocks) {
  const Person p =
      random_person(rng, rng.chance(0.5) ? Sex::kMale : Sex::kFemale, Date{date.year - 70, 1, 1},
                    Date{date.year - 18, 12, 31}, ward, date, 0.0);
  const Style small{.scale = 0.82};
  const Style small_bold{.bold = true, .scale = 0.82};
  Box front{.width_frac = 0.78, .photo = true, .space_before = 0.5};
  front.lines = {
      Para{.text = kMotto1, .style = small_bold, .align = Align::kCenter, .one_line = true},
      Para{.text = kMotto2, .style = small_bold, .align = Align::kCenter, .one_line = true},
      Para{.text = "CĂN CƯỚC CÔNG DÂN", .style = {.bold = true}, .align = Align::kCenter},
      Para{.text = "Số: " + p.id_number, .style = small_bold},
      Para{.text = "Họ và tên: " + upper(p.name), .style = small},
      Para{.text = "Ngày sinh: " + print_date(p.birth, DateStyle::kSlashPadded), .style = small},
      Para{.text = "Giới tính: " + sex_label(p.sex) + " Quốc tịch: Việt Nam", .style = small},
      Para{.text = "Quê quán: " + random_province_place(rng), .style = small},
      Para{.text = "Nơi thường trú: " + p.address.text, .style = small}};
  blocks.push_back(front);
  Box back{.width_frac = 0.78, .space_before = 0.5};
  back.lines = {
      Para{.text = std::string("Đặc điểm nhận dạng: ") +
                   rng.pick(std::array<const char*, 3>{
                       "Nốt ruồi C:1cm dưới sau mép trái", "Sẹo chấm C:2cm trên đuôi mắt phải",
                       "Nốt ruồi C:1,5cm trên trước cánh mũi phải"}),
           .style = small},
      Para{.text = "Ngày " + print_date(p.id_issued, DateStyle::kWords),
           .style = {.italic = true, .scale = 0.82},
           .align = Align::kRight},
      Para{.text = "CỤC TRƯỞNG CỤC CẢNH SÁT QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI",
           .style = small_bold,
           .align = Align::kCenter}};
  blocks.push_back(back);
}

}  // namespace

DocumentSpec make_prose_page(Rng& rng, const std::string& topic, const Ward& ward, Date date) {
  return rng.chance(0.55) ? official_letter(rng, topic, date)
                          : citizen_letter(rng, topic, ward, date);
}

FormResult make_chung_thuc(DossierContext& ctx) {
  Rng& rng = ctx.rng;
  const Date date = ctx.received;
  DocumentSpec doc;
  if (rng.chance(0.5)) {
    doc.kind = PageKind::kCertifiedCopy;
    doc.face = ctx.face;
    id_card_copy(rng, ctx.ward, date, doc.blocks);
  } else {
    const std::string topic = rng.pick(
        std::array<const char*, 4>{"khai_sinh", "ho_kinh_doanh", "cap_phep_xay_dung", "unknown"});
    doc = make_prose_page(rng, topic, random_ward(rng), date.plus_days(-rng.uniform_int(30, 900)));
    doc.kind = PageKind::kCertifiedCopy;  // the letter shrinks to leave room for the block
    // A copy carries no fresh seal over the original's signature.
    for (Block& b : doc.blocks) {
      if (auto* cols = std::get_if<Columns>(&b)) {
        for (Column& c : cols->columns) c.sealed = false;
      }
    }
  }
  doc.seal = ward_seal(ctx.ward);

  const int number = static_cast<int>(rng.uniform_int(1, 4999));
  const std::string book =
      zero_pad(rng.uniform_int(1, 6), 2) + "/" + std::to_string(date.year) + "-SCT/BS";
  Column block;
  const auto line = [](const std::string& text, Style style = {}) {
    return Para{.text = text, .style = style, .align = Align::kCenter};
  };
  Para heading = line("CHỨNG THỰC BẢN SAO ĐÚNG VỚI BẢN CHÍNH", {.bold = true});
  heading.one_line = true;
  block.lines.push_back(heading);
  if (rng.chance(0.5)) {
    block.lines.push_back(
        line("Số chứng thực: " + std::to_string(number) + " Quyển số: " + book, {.scale = 0.92}));
  } else {
    block.lines.push_back(line("Số chứng thực: " + std::to_string(number), {.scale = 0.92}));
    block.lines.push_back(line("Quyển số: " + book, {.scale = 0.92}));
  }
  block.lines.push_back(line(rng.chance(0.6) ? "Ngày " + print_date(date, DateStyle::kWords)
                                             : "Ngày " + print_date(date, DateStyle::kSlashPadded),
                             {.italic = true}));
  block.lines.push_back(line(rng.chance(0.5) ? "UBND " + print_ward(rng, ctx.ward)
                                             : upper("Ủy ban nhân dân phường " + ctx.ward.name),
                             {.scale = 0.92}));
  block.lines.push_back(line("NGƯỜI THỰC HIỆN CHỨNG THỰC", {.bold = true}));
  block.lines.push_back(line("(Ký, ghi rõ họ tên và đóng dấu)", {.italic = true, .scale = 0.9}));
  block.signature_after = static_cast<int>(block.lines.size()) - 1;
  block.lines.push_back(
      line(random_name(rng, rng.chance(0.6) ? Sex::kFemale : Sex::kMale), {.bold = true}));
  const bool on_right = rng.chance(0.7);
  doc.blocks.push_back(
      Columns{.widths = on_right ? std::vector<double>{0.4, 0.6} : std::vector<double>{0.6, 0.4},
              .columns = on_right ? std::vector<Column>{Column{}, block}
                                  : std::vector<Column>{block, Column{}},
              .space_before = 0.8});

  FormResult r;
  r.fields["ward"] = ctx.ward.name;
  r.fields["certification_number"] = std::to_string(number);
  r.fields["book_number"] = book;
  r.fields["certified_date"] = date.iso();
  r.documents.push_back(std::move(doc));
  const Person applicant =
      random_person(rng, rng.chance(0.5) ? Sex::kMale : Sex::kFemale, Date{date.year - 70, 1, 1},
                    Date{date.year - 18, 12, 31}, ctx.ward, date, 0.3);
  r.receipt = {.procedure_name = "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
               .documents = {"Bản chính giấy tờ, văn bản làm cơ sở chứng thực bản sao",
                             "Bản sao cần chứng thực"},
               .applicant_name = applicant.name,
               .applicant_address = applicant.address,
               .applicant_phone = applicant.phone};
  return r;
}

}  // namespace sohoa::samples
