#include "ocr_metrics.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <unordered_map>
#include <vector>

#include "sohoa/archive/text.h"

namespace sohoa::bench {
namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // U+2026 …

// Code points of UTF-8 text; a malformed sequence counts as one U+FFFD.
std::vector<char32_t> code_points(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const auto lead = static_cast<unsigned char>(s[i]);
    std::size_t length = lead < 0x80         ? 1
                         : lead >> 5 == 0x6  ? 2
                         : lead >> 4 == 0xE  ? 3
                         : lead >> 3 == 0x1E ? 4
                                             : 0;
    char32_t c = length == 1   ? lead
                 : length == 2 ? lead & 0x1F
                 : length == 3 ? lead & 0x0F
                               : lead & 0x07;
    bool valid = length != 0 && i + length <= s.size();
    for (std::size_t k = 1; valid && k < length; ++k) {
      const auto next = static_cast<unsigned char>(s[i + k]);
      valid = (next & 0xC0) == 0x80;
      c = (c << 6) | (next & 0x3F);
    }
    out.push_back(valid ? c : U'\uFFFD');
    i += valid ? length : 1;
  }
  return out;
}

std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start < s.size()) {
    std::size_t end = s.find(' ', start);
    if (end == std::string_view::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// Levenshtein distance with unit costs; common prefix and suffix are skipped first.
template <typename T>
std::size_t levenshtein(const std::vector<T>& a, const std::vector<T>& b) {
  std::size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  const std::size_t n = a.size() - prefix - suffix;
  const std::size_t m = b.size() - prefix - suffix;
  if (n == 0) return m;
  if (m == 0) return n;
  std::vector<std::uint32_t> row(m + 1);
  for (std::size_t j = 0; j <= m; ++j) row[j] = static_cast<std::uint32_t>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    std::uint32_t diagonal = row[0];
    row[0] = static_cast<std::uint32_t>(i);
    const T& ai = a[prefix + i - 1];
    for (std::size_t j = 1; j <= m; ++j) {
      const std::uint32_t above = row[j];
      const std::uint32_t substitute = diagonal + (ai == b[prefix + j - 1] ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, substitute});
      diagonal = above;
    }
  }
  return row[m];
}

}  // namespace

std::string comparable_text(std::string_view utf8) {
  const std::string normalized = text::normalize_text(utf8);
  const std::string_view s = normalized;
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    if (s[i] != '.' && !s.substr(i).starts_with(kEllipsis)) {
      out += s[i++];
      continue;
    }
    const std::size_t start = i;
    std::size_t points = 0;
    bool ellipsis = false;
    while (i < s.size()) {
      if (s[i] == '.') {
        i += 1;
      } else if (s.substr(i).starts_with(kEllipsis)) {
        i += kEllipsis.size();
        ellipsis = true;
      } else {
        break;
      }
      ++points;
    }
    if (ellipsis || points >= 3) {
      out += ' ';
    } else {
      out.append(s.substr(start, i - start));
    }
  }
  return text::collapse_spaces(out);
}

std::string blind_text(std::string_view comparable) { return text::fold_diacritics(comparable); }

double ErrorCount::rate() const {
  if (reference_length == 0) return edits == 0 ? 0.0 : 1.0;
  return static_cast<double>(edits) / static_cast<double>(reference_length);
}

ErrorCount character_errors(std::string_view reference, std::string_view hypothesis) {
  const std::vector<char32_t> ref = code_points(reference);
  const std::vector<char32_t> hyp = code_points(hypothesis);
  return {levenshtein(ref, hyp), ref.size()};
}

ErrorCount word_errors(std::string_view reference, std::string_view hypothesis) {
  std::unordered_map<std::string_view, std::uint32_t> ids;
  auto encode = [&ids](std::string_view s) {
    std::vector<std::uint32_t> out;
    for (std::string_view w : words(s)) {
      out.push_back(ids.try_emplace(w, static_cast<std::uint32_t>(ids.size())).first->second);
    }
    return out;
  };
  const std::vector<std::uint32_t> ref = encode(reference);
  const std::vector<std::uint32_t> hyp = encode(hypothesis);
  return {levenshtein(ref, hyp), ref.size()};
}

ErrorCount bag_of_words_errors(std::string_view reference, std::string_view hypothesis) {
  std::map<std::string_view, long> balance;  // reference count minus hypothesis count
  const std::vector<std::string_view> ref = words(reference);
  for (std::string_view w : ref) ++balance[w];
  for (std::string_view w : words(hypothesis)) --balance[w];
  std::size_t missing = 0;
  std::size_t extra = 0;
  for (const auto& [word, count] : balance) {
    if (count > 0) missing += static_cast<std::size_t>(count);
    if (count < 0) extra += static_cast<std::size_t>(-count);
  }
  return {std::max(missing, extra), ref.size()};
}

}  // namespace sohoa::bench
