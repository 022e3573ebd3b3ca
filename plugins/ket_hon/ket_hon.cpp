// ket_hon: marriage registration (Tờ khai đăng ký kết hôn). The form is a table: a label
// column, then "Bên nữ" (the wife) and "Bên nam" (the husband). OCR reads a table row as one
// line, so the cells are told apart by where their words are, not by reading order: the
// column edges come from the centres of the two column headings, or, where OCR garbled them,
// from where the two birth dates start.
#include <algorithm>

#include "sohoa/plugin/extract.h"
#include "sohoa/plugin/sdk.h"
#include "sohoa/plugin/values.h"

namespace {

using namespace sohoa::plugin;

constexpr std::string_view kTitle = "TỜ KHAI ĐĂNG KÝ KẾT HÔN";

struct Row {
  std::string_view label;  // the first words: long labels wrap inside their cell
  ValueKind kind;
  std::string_view wife_key;  // empty: a row read only to bound the one above
  std::string_view husband_key;
};

constexpr Row kRows[] = {
    {"Họ, chữ đệm, tên", ValueKind::kName, "wife_name", "husband_name"},
    {"Ngày, tháng, năm", ValueKind::kDate, "wife_birth_date", "husband_birth_date"},
    {"Dân tộc", ValueKind::kText, "", ""},
    {"Quốc tịch", ValueKind::kText, "", ""},
    {"Nơi cư trú", ValueKind::kText, "", ""},
    {"Giấy tờ tùy thân", ValueKind::kIdNumber, "wife_id_number", "husband_id_number"},
    {"Kết hôn lần thứ mấy", ValueKind::kText, "", ""},
};

Box words_box(const LineView& line, int first, int last) {
  Box box;
  for (int i = first; i < last; ++i) box = unite(box, line.words[static_cast<std::size_t>(i)].box);
  return box;
}

class MarriageRegistration final : public Extractor {
 public:
  double score(const DossierView& dossier) override {
    return procedure_score(dossier, kTitle, "kết hôn");
  }

  std::vector<FieldValue> extract(const DossierView& dossier) override {
    const int page_index = page_with_title(dossier, kTitle, 0.5);
    if (page_index < 0) return {};
    const Scope scope{page_index, page_index + 1};
    std::vector<FieldValue> fields =
        read_fields(dossier, {{"ward", "Kính gửi", ValueKind::kWard, 1}}, scope);
    read_table(dossier, page_index, fields);
    if (auto signed_date = read_place_date(dossier, "signed_date", scope, "Chúng tôi cam đoan")) {
      fields.push_back(*signed_date);
    } else if (auto any = read_place_date(dossier, "signed_date", scope, "Kết hôn lần thứ mấy")) {
      fields.push_back(*any);
    } else if (auto header = read_place_date(dossier, "signed_date", scope)) {
      fields.push_back(*header);  // under the national motto, above the title
    }
    check_ages(fields);
    return fields;
  }

  bool starts_dossier(const PageView& page) override {
    return title_score_on_page(page, kTitle) >= 0.75;
  }

 private:
  static void read_table(const DossierView& dossier, int page_index,
                         std::vector<FieldValue>& fields) {
    const PageView& page = dossier.pages[static_cast<std::size_t>(page_index)];
    LabelOptions on_page;
    on_page.first_page = page_index;
    on_page.last_page = page_index + 1;
    std::optional<Columns> columns = columns_from_heading(dossier, on_page);
    const std::optional<Columns> by_dates = columns_from_dates(dossier, on_page);
    // The headings' columns must put the two birth dates one each side: a heading guessed
    // from the word beside the other ("| Bên nam", the table's rule taken for "Bên nữ") put
    // the husband's name in the wife's column (seed 16).
    if (columns && by_dates) {
      const int wife = by_dates->wife_date;
      const int husband = by_dates->husband_date;
      if (wife < columns->left || wife >= columns->middle || husband < columns->middle ||
          husband >= columns->right) {
        columns = by_dates;
      }
      // A column's text starts at its left edge: nothing of it stands left of its date.
      columns->left = std::max(columns->left, by_dates->left);
    }
    if (!columns) columns = by_dates;
    if (!columns) return;
    const int left = columns->left;
    const int middle = columns->middle;
    const int right = columns->right;

    // Row tops from the row labels, in order, below the heading.
    LabelOptions below = on_page;
    below.after_page = page_index;
    below.after_line = columns->after_line;
    below.after_word = 1 << 20;
    // And above the pledge that follows the table: the signature block below it prints "(Ký,
    // ghi rõ họ, chữ đệm, tên)", which a row label garbled in the table would let through.
    if (std::optional<LabelMatch> pledge = find_label(dossier, "Chúng tôi cam đoan", below)) {
      below.before_page = pledge->page;
      below.before_line = pledge->line;
    }
    struct Found {
      const Row* row;
      int top;
    };
    std::vector<Found> found;
    for (const Row& row : kRows) {
      std::optional<LabelMatch> m = find_label(dossier, row.label, below);
      if (!m) continue;
      const Box label = words_box(page.lines[static_cast<std::size_t>(m->line)], m->first, m->last);
      found.push_back({&row, label.y});
    }
    std::sort(found.begin(), found.end(),
              [](const Found& a, const Found& b) { return a.top < b.top; });
    for (std::size_t i = 0; i < found.size(); ++i) {
      const Row& row = *found[i].row;
      if (row.wife_key.empty()) continue;
      const int top = found[i].top - 10;
      const int bottom = i + 1 < found.size() ? found[i + 1].top - 5 : top + 200;
      const Box wife_cell{left, top, middle - left, bottom - top};
      const Box husband_cell{middle, top, right - middle, bottom - top};
      for (const auto& [key, cell] :
           {std::pair{row.wife_key, wife_cell}, std::pair{row.husband_key, husband_cell}}) {
        std::vector<WordView> words = words_in_box(page, cell);
        std::erase_if(words, [](const WordView& w) { return is_leader(w.text) || w.text == "|"; });
        if (auto f = make_field(key, row.kind, join_words(words, page.number))) {
          if (row.kind == ValueKind::kName) settle_name(dossier, *f);
          fields.push_back(*f);
        }
      }
    }
    check_ids(fields);
  }

  struct Heading {
    int line = 0;  // on the table's page
    Box wife, husband;
  };

  // The wife's cells span [left, middle), the husband's [middle, right); the rows are below
  // line `after_line`.
  struct Columns {
    int after_line = 0;
    int left = 0, middle = 0, right = 0;
    int wife_date = -1, husband_date = -1;  // where the birth dates start (columns_from_dates)
  };

  // The column edges halfway between the centres of the two headings.
  static std::optional<Columns> columns_from_heading(const DossierView& dossier,
                                                     const LabelOptions& on_page) {
    const std::optional<Heading> heading = column_heading(dossier, on_page);
    if (!heading) return std::nullopt;
    const PageView& page = dossier.pages[static_cast<std::size_t>(on_page.first_page)];
    const int wife_cx = heading->wife.x + heading->wife.w / 2;
    const int husband_cx = heading->husband.x + heading->husband.w / 2;
    if (husband_cx <= wife_cx) return std::nullopt;  // not the table we know
    const int middle = (wife_cx + husband_cx) / 2;
    return Columns{heading->line, std::max(0, wife_cx - (middle - wife_cx)), middle,
                   std::min(page.width, husband_cx + (husband_cx - middle))};
  }

  // Without both headings ("Bên r nam"; "Bên nam" read below the first row), the columns
  // come from the birth-date row, the one row whose two cells print alike: a cell's text
  // starts at its left edge, so each column starts a little before its date.
  static std::optional<Columns> columns_from_dates(const DossierView& dossier,
                                                   const LabelOptions& on_page) {
    const PageView& page = dossier.pages[static_cast<std::size_t>(on_page.first_page)];
    for (const LabelMatch& m : find_labels(dossier, kRows[1].label, on_page)) {
      const LineView& line = page.lines[static_cast<std::size_t>(m.line)];
      std::vector<Box> dates;
      for (std::size_t i = static_cast<std::size_t>(m.last); i < line.words.size(); ++i) {
        if (parse_date(line.words[i].text)) dates.push_back(line.words[i].box);
      }
      if (dates.size() != 2 || dates[1].x <= dates[0].right()) continue;
      const int pad = std::min(20, (dates[1].x - dates[0].right()) / 2);
      LabelOptions row_start = on_page;
      row_start.line_start_only = true;
      row_start.before_page = on_page.first_page;
      row_start.before_line = m.line;
      const std::optional<LabelMatch> first_row = find_label(dossier, kRows[0].label, row_start);
      const int after = (first_row ? first_row->line : m.line) - 1;
      return Columns{
          after,     std::max(0, dates[0].x - pad), dates[1].x - pad, page.width, dates[0].x,
          dates[1].x};
    }
    return std::nullopt;
  }

  // The two column headings, above the first row ("Họ, chữ đệm, tên" opening a line): the
  // signature block below names the two sides again. Preferably on one line; OCR may put
  // them on two when the page is skewed. Where it has garbled one ("Bnn Bênnam"), the other
  // is the word or two beside the one found, on its line.
  static std::optional<Heading> column_heading(const DossierView& dossier, LabelOptions on_page) {
    const int page_index = on_page.first_page;
    LabelOptions row_start = on_page;
    row_start.line_start_only = true;
    if (std::optional<LabelMatch> first_row = find_label(dossier, kRows[0].label, row_start)) {
      on_page.before_page = page_index;
      on_page.before_line = first_row->line;
    }
    const std::vector<LabelMatch> wives = find_labels(dossier, "Bên nữ", on_page);
    const std::vector<LabelMatch> husbands = find_labels(dossier, "Bên nam", on_page);
    const PageView& page = dossier.pages[static_cast<std::size_t>(page_index)];
    auto box = [&](int line, int first, int last) {
      return words_box(page.lines[static_cast<std::size_t>(line)], first, last);
    };
    for (const LabelMatch& w : wives) {
      for (const LabelMatch& h : husbands) {
        if (w.line == h.line) {
          return Heading{w.line, box(w.line, w.first, w.last), box(h.line, h.first, h.last)};
        }
      }
    }
    if (!wives.empty() && !husbands.empty()) {
      const LabelMatch& w = wives.front();
      const LabelMatch& h = husbands.front();
      return Heading{std::max(w.line, h.line), box(w.line, w.first, w.last),
                     box(h.line, h.first, h.last)};
    }
    // Words beside a heading that hold a letter: a garbled heading ("Bnn"), not a table rule
    // read as "|", nor one read as a letter alone: "l Bên nam", the table's left rule (held-out
    // seed 47), put the columns' edge inside the wife's cells.
    auto lettered = [&](int line, int first, int last) {
      const LineView& l = page.lines[static_cast<std::size_t>(line)];
      for (int i = first; i < last; ++i) {
        const std::string& text = l.words[static_cast<std::size_t>(i)].text;
        if (holds_letter(text) && decode_utf8(text).size() > 1) return true;
      }
      return false;
    };
    for (const LabelMatch& h : husbands) {
      const int first = std::max(0, h.first - 2);
      if (h.first > first && lettered(h.line, first, h.first)) {
        return Heading{h.line, box(h.line, first, h.first), box(h.line, h.first, h.last)};
      }
    }
    for (const LabelMatch& w : wives) {
      const int words = static_cast<int>(page.lines[static_cast<std::size_t>(w.line)].words.size());
      const int last = std::min(words, w.last + 2);
      if (last > w.last && lettered(w.line, w.last, last)) {
        return Heading{w.line, box(w.line, w.first, w.last), box(w.line, w.last, last)};
      }
    }
    return std::nullopt;
  }

  // The law lets a woman marry from 18 and a man from 20 (Luật Hôn nhân và gia đình 2014,
  // Điều 8): a birth year that makes a spouse younger in the year the form was signed, or older
  // than 100, is a misread digit ("2006" for 1986). Years only: the day is the ward's to check,
  // and a misread digit moves a year by far more.
  static void check_ages(std::vector<FieldValue>& fields) {
    const FieldValue* signed_on = find_field(fields, "signed_date");
    if (signed_on == nullptr || signed_on->value.size() != 10) return;
    for (const auto& [key, youngest] :
         {std::pair{"wife_birth_date", 18}, std::pair{"husband_birth_date", 20}}) {
      FieldValue* birth = find_field(fields, key);
      if (birth == nullptr || birth->value.size() != 10) continue;
      const int age =
          std::stoi(signed_on->value.substr(0, 4)) - std::stoi(birth->value.substr(0, 4));
      if (age < youngest || age > 100) {
        flag_for_review(birth, "born " + birth->value + ", " + std::to_string(age) +
                                   " in the year the form was signed, " + signed_on->value);
      }
    }
  }

  static void check_ids(std::vector<FieldValue>& fields) {
    check_id_against_birth(fields, "wife_id_number", "wife_birth_date");
    check_id_against_birth(fields, "husband_id_number", "husband_birth_date");
  }
};

constexpr sohoa_field_schema kFields[] = {
    {"ward", "Phường đăng ký", "ward", 1},
    {"wife_name", "Họ tên bên nữ", "person_name", 1},
    {"wife_birth_date", "Ngày sinh bên nữ", "date", 1},
    {"wife_id_number", "Số giấy tờ tùy thân bên nữ", "id_number", 1},
    {"husband_name", "Họ tên bên nam", "person_name", 1},
    {"husband_birth_date", "Ngày sinh bên nam", "date", 1},
    {"husband_id_number", "Số giấy tờ tùy thân bên nam", "id_number", 1},
    {"signed_date", "Ngày ký tờ khai", "date", 1},
};

}  // namespace

SOHOA_PLUGIN(MarriageRegistration,
             {SOHOA_PLUGIN_ABI_VERSION, SOHOA_PLUGIN_CXX_ABI, "ket_hon", "1.5.0",
              SOHOA_PLUGIN_ROLE_PROCEDURE, "Đăng ký kết hôn", kFields, std::size(kFields)})
