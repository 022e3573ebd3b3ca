// Building blocks shared by the form makers: typefaces, headers, titles, fields, signatures.
#pragma once

#include <string>
#include <vector>

#include "page_spec.h"
#include "rng.h"
#include "values.h"

namespace sohoa::samples {

Typeface random_form_face(Rng& rng);
Typeface random_receipt_face(Rng& rng);

constexpr const char* kMotto1 = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
constexpr const char* kMotto2 = "Độc lập - Tự do - Hạnh phúc";

/// Two-column header: issuing body on the left, national motto on the right. The last
/// left line is bold with a short rule; `left_extra` (e.g. "Số: 12/UBND") follow it, and
/// `right_extra` (e.g. the place and date) follow the motto.
Columns official_header(const std::vector<std::string>& body,
                        const std::vector<Para>& left_extra = {},
                        const std::vector<Para>& right_extra = {}, double left_width = 0.42);
/// The motto alone, centred (citizen declarations).
std::vector<Block> motto_header();
/// Either header for a declaration addressed to `ward` (drawn at random).
std::vector<Block> form_header(Rng& rng, const std::vector<std::string>& body);

/// "ỦY BAN NHÂN DÂN" / "PHƯỜNG XUÂN ĐỈNH" or "UBND QUẬN BẮC TỪ LIÊM" / "UBND PHƯỜNG ...".
std::vector<std::string> ward_body(Rng& rng, const Ward& ward);
std::vector<std::string> district_body(Rng& rng);

Para title(const std::string& text, double scale = 1.15);
Para centred_note(const std::string& text);
Para plain(const std::string& text, double indent_em = 0);
Para justified(const std::string& text, double first_indent_em = 2.5);
FieldRow field(const std::string& label, const std::string& value, double indent_em = 0);
FieldRow fields(const std::vector<Field>& items, double indent_em = 0);

/// "Kính gửi: Ủy ban nhân dân phường Xuân Đỉnh" in one of its printed forms.
Para kinh_gui_ward(Rng& rng, const Ward& ward);
/// "Làm tại: phường Xuân Đỉnh, ngày 05 tháng 03 năm 2020" or "Xuân Đỉnh, ngày ...".
std::string place_date_line(Rng& rng, const Ward& ward, Date date);

/// A signature on the right half: optional italic place/date line, bold title, italic hint,
/// scribble, name.
Columns signature_right(const std::string& date_line, const std::vector<std::string>& titles,
                        const std::string& hint, const std::string& name,
                        const Column& left = Column{});
/// Two signatures side by side.
Columns signature_pair(const std::string& left_title, const std::string& left_name,
                       const std::string& right_title, const std::string& right_name,
                       const std::string& hint);

/// Identity paper as typed on forms: "CCCD số 001088012345, cấp ngày 10/05/2021, ...".
std::string id_paper_text(Rng& rng, const Person& person);
/// Seal texts for a ward's or the district's People's Committee.
Seal ward_seal(const Ward& ward);
Seal district_seal();

}  // namespace sohoa::samples
