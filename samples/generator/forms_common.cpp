#include "forms_common.h"

#include <array>

#include "text.h"

namespace sohoa::samples {

Typeface random_form_face(Rng& rng) {
  Typeface f;
  switch (rng.weighted({0.7, 0.15, 0.15})) {
    case 0:
      f.family = "Liberation Serif";
      f.size_pt = rng.pick(std::array<double, 3>{13, 13.5, 14});
      break;
    case 1:
      f.family = "FreeSerif";
      f.size_pt = rng.pick(std::array<double, 3>{13, 13.5, 14});
      break;
    default:
      f.family = "DejaVu Serif";  // wide: a size smaller
      f.size_pt = rng.pick(std::array<double, 3>{11.5, 12, 12.5});
      break;
  }
  f.line_spacing = rng.uniform(1.08, 1.4);
  f.margin_top_mm = rng.uniform(15, 25);
  f.margin_bottom_mm = rng.uniform(15, 22);
  f.margin_left_mm = rng.uniform(20, 35);
  f.margin_right_mm = rng.uniform(12, 20);
  f.leader = static_cast<LeaderStyle>(rng.weighted({0.55, 0.2, 0.25}));
  return f;
}

Typeface random_receipt_face(Rng& rng) {
  Typeface f;
  if (rng.chance(0.7)) {
    f.family = "Liberation Serif";
    f.size_pt = rng.pick(std::array<double, 3>{12, 12.5, 13});
  } else {
    f.family = "Liberation Sans";
    f.size_pt = rng.pick(std::array<double, 2>{11, 11.5});
  }
  f.line_spacing = rng.uniform(1.0, 1.15);
  f.margin_top_mm = rng.uniform(10, 15);
  f.margin_bottom_mm = rng.uniform(8, 12);
  f.margin_left_mm = rng.uniform(12, 18);
  f.margin_right_mm = rng.uniform(8, 12);
  f.leader = static_cast<LeaderStyle>(rng.weighted({0.6, 0.2, 0.2}));
  return f;
}

Columns official_header(const std::vector<std::string>& body, const std::vector<Para>& left_extra,
                        const std::vector<Para>& right_extra, double left_width) {
  Column left;
  for (size_t i = 0; i < body.size(); ++i) {
    Para p{.text = body[i], .align = Align::kCenter, .one_line = true};
    if (i + 1 == body.size()) {
      p.style.bold = true;
      p.rule_below = 0.45;
    }
    left.lines.push_back(p);
  }
  for (const Para& p : left_extra) left.lines.push_back(p);
  Column right;
  right.lines.push_back(
      Para{.text = kMotto1, .style = {.bold = true}, .align = Align::kCenter, .one_line = true});
  right.lines.push_back(Para{.text = kMotto2,
                             .style = {.bold = true},
                             .align = Align::kCenter,
                             .rule_below = 1.0,
                             .one_line = true});
  for (const Para& p : right_extra) right.lines.push_back(p);
  return Columns{.widths = {left_width, 1 - left_width}, .columns = {left, right}};
}

std::vector<Block> motto_header() {
  return {Para{.text = kMotto1, .style = {.bold = true}, .align = Align::kCenter, .one_line = true},
          Para{.text = kMotto2,
               .style = {.bold = true},
               .align = Align::kCenter,
               .rule_below = 0.9,
               .one_line = true}};
}

std::vector<Block> form_header(Rng& rng, const std::vector<std::string>& body) {
  if (rng.chance(0.5)) return motto_header();
  return {official_header(body)};
}

std::vector<std::string> ward_body(Rng& rng, const Ward& ward) {
  if (rng.chance(0.6)) return {"ỦY BAN NHÂN DÂN", upper("phường " + ward.name)};
  return {"UBND QUẬN BẮC TỪ LIÊM", upper("UBND phường " + ward.name)};
}

std::vector<std::string> district_body(Rng& rng) {
  if (rng.chance(0.5)) return {"ỦY BAN NHÂN DÂN", "QUẬN BẮC TỪ LIÊM"};
  return {"UBND QUẬN BẮC TỪ LIÊM", "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"};
}

Para title(const std::string& text, double scale) {
  return Para{.text = text,
              .style = {.bold = true, .scale = scale},
              .align = Align::kCenter,
              .space_before = 0.8};
}

Para centred_note(const std::string& text) {
  return Para{.text = text, .style = {.italic = true}, .align = Align::kCenter};
}

Para plain(const std::string& text, double indent_em) {
  return Para{.text = text, .indent_em = indent_em};
}

Para justified(const std::string& text, double first_indent_em) {
  return Para{.text = text, .align = Align::kJustify, .first_indent_em = first_indent_em};
}

FieldRow field(const std::string& label, const std::string& value, double indent_em) {
  return FieldRow{.fields = {Field{label, value, 1}}, .indent_em = indent_em};
}

FieldRow fields(const std::vector<Field>& items, double indent_em) {
  return FieldRow{.fields = items, .indent_em = indent_em};
}

Para kinh_gui_ward(Rng& rng, const Ward& ward) {
  std::string body;
  switch (rng.index(3)) {
    case 0:
      body = "Ủy ban nhân dân " + print_ward(rng, ward);
      break;
    case 1:
      body = "UBND " + print_ward(rng, ward) + ", quận Bắc Từ Liêm";
      break;
    default:
      body = "Ủy ban nhân dân " + print_ward(rng, ward) + ", quận Bắc Từ Liêm, thành phố Hà Nội";
      break;
  }
  return Para{.text = "Kính gửi: " + body,
              .align = rng.chance(0.6) ? Align::kCenter : Align::kLeft,
              .space_before = 0.5};
}

std::string place_date_line(Rng& rng, const Ward& ward, Date date) {
  if (rng.chance(0.6))
    return "Làm tại: " + print_ward(rng, ward) + ", " + print_date_long(rng, date);
  return ward.name + ", " + print_date_long(rng, date);
}

Columns signature_right(const std::string& date_line, const std::vector<std::string>& titles,
                        const std::string& hint, const std::string& name, const Column& left) {
  Column right;
  if (!date_line.empty()) {
    right.lines.push_back(Para{.text = date_line,
                               .style = {.italic = true},
                               .align = Align::kCenter,
                               .space_before = 0.4,
                               .one_line = true});
  }
  for (const std::string& t : titles) {
    right.lines.push_back(Para{.text = t, .style = {.bold = true}, .align = Align::kCenter});
  }
  right.lines.push_back(
      Para{.text = hint, .style = {.italic = true, .scale = 0.92}, .align = Align::kCenter});
  right.signature_after = static_cast<int>(right.lines.size()) - 1;
  right.lines.push_back(Para{.text = name, .style = {.bold = true}, .align = Align::kCenter});
  return Columns{.widths = {0.42, 0.58}, .columns = {left, right}, .space_before = 0.3};
}

Columns signature_pair(const std::string& left_title, const std::string& left_name,
                       const std::string& right_title, const std::string& right_name,
                       const std::string& hint) {
  const auto column = [&](const std::string& t, const std::string& name) {
    Column c;
    c.lines.push_back(Para{.text = t, .style = {.bold = true}, .align = Align::kCenter});
    c.lines.push_back(
        Para{.text = hint, .style = {.italic = true, .scale = 0.92}, .align = Align::kCenter});
    c.signature_after = 1;
    c.lines.push_back(Para{.text = name, .style = {.bold = true}, .align = Align::kCenter});
    return c;
  };
  return Columns{.widths = {0.5, 0.5},
                 .columns = {column(left_title, left_name), column(right_title, right_name)},
                 .space_before = 0.6};
}

std::string id_paper_text(Rng& rng, const Person& person) {
  const bool cccd = person.id_number.size() == 12;
  std::string kind =
      cccd ? rng.pick(std::array<const char*, 3>{"CCCD số", "Căn cước công dân số",
                                                 "Số định danh cá nhân"})
           : rng.pick(std::array<const char*, 2>{"CMND số", "Chứng minh nhân dân số"});
  std::string text = kind + " " + print_id(rng, person.id_number);
  if (rng.chance(0.7)) {
    text += ", cấp ngày " + print_date(person.id_issued, rng.chance(0.6) ? DateStyle::kSlashPadded
                                                                         : DateStyle::kSlashShort);
    if (cccd) {
      text += person.id_issued.year >= 2018
                  ? ", nơi cấp: Cục Cảnh sát QLHC về TTXH"
                  : ", nơi cấp: Cục Cảnh sát ĐKQL cư trú và DLQG về dân cư";
    } else {
      text += ", nơi cấp: Công an thành phố Hà Nội";
    }
  }
  return text;
}

Seal ward_seal(const Ward& ward) {
  return {upper("Ủy ban nhân dân phường " + ward.name), "Q. BẮC TỪ LIÊM - TP. HÀ NỘI"};
}

Seal district_seal() { return {"ỦY BAN NHÂN DÂN QUẬN BẮC TỪ LIÊM", "TP. HÀ NỘI"}; }

}  // namespace sohoa::samples
