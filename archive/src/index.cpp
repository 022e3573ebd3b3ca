#include "sohoa/archive/index.h"

#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "sohoa/archive/query.h"
#include "sohoa/archive/schema.h"
#include "sohoa/archive/text.h"

namespace sohoa {
namespace {

constexpr std::size_t kMaxTermBytes = 120;  // Xapian's limit is 245; longer "words" are noise
constexpr Xapian::termpos kPageGap = 100;   // keeps phrases from spanning two pages

std::string prefixed(std::string_view prefix, std::string_view value) {
  return std::string(prefix) + std::string(value);
}

Error index_error(const std::filesystem::path& path, const Xapian::Error& e) {
  return make_error(ErrorCode::kIndex, path.string() + ": " + e.get_description(),
                    "rebuild the index with `sohoa reindex` if this persists");
}

// Dossier codes as printed on receipts: V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX
// (000.00.17.H26-191226-0001): '9' stands for a digit, 'A' for a letter, others for themselves.
constexpr std::string_view kCodeShape = "999.99.99.A99-999999-9999";

bool is_ascii_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

bool matches_code_shape(std::string_view s) {
  for (std::size_t i = 0; i < kCodeShape.size(); ++i) {
    const char c = s[i];
    const char want = kCodeShape[i];
    const bool ok = want == '9'   ? std::isdigit(static_cast<unsigned char>(c)) != 0
                    : want == 'A' ? std::isalpha(static_cast<unsigned char>(c)) != 0
                                  : c == want;
    if (!ok) return false;
  }
  return true;
}

// Every dossier code in the text, as printed.
std::vector<std::string_view> find_dossier_codes(std::string_view text) {
  std::vector<std::string_view> codes;
  const std::size_t n = kCodeShape.size();
  for (std::size_t i = 0; i + n <= text.size(); ++i) {
    if (i > 0 && is_ascii_alnum(text[i - 1])) continue;
    if (i + n < text.size() && is_ascii_alnum(text[i + n])) continue;
    if (matches_code_shape(text.substr(i, n))) codes.push_back(text.substr(i, n));
  }
  return codes;
}

Xapian::Document make_document(const Dossier& d) {
  Xapian::Document doc;
  doc.add_boolean_term(prefixed(schema::kIdPrefix, d.id));
  doc.add_boolean_term(prefixed(schema::find_field("procedure")->prefix, d.procedure));
  const std::string code_prefix(schema::find_field("code")->prefix);

  Xapian::termpos pos = 0;
  nlohmann::json page_texts = nlohmann::json::array();
  for (const Page& page : d.pages) {
    for (const text::Token& t : text::tokenize(page.text)) {
      ++pos;
      const std::string folded = text::fold_diacritics(t.text);
      if (folded.size() > kMaxTermBytes) continue;
      doc.add_posting(folded, pos);
      const std::string lower = text::to_lower(t.text);
      if (lower != folded) doc.add_posting(prefixed(schema::kExactPrefix, lower), pos);
    }
    pos += kPageGap;
    for (std::string_view code : find_dossier_codes(page.text)) {
      doc.add_boolean_term(code_prefix + schema::normalize_code(code));
    }
    page_texts.push_back(page.text);
  }
  if (auto it = d.fields.find("dossier_code"); it != d.fields.end()) {
    doc.add_boolean_term(code_prefix + schema::normalize_code(it->second.value));
  }
  doc.add_value(schema::kSlotIngestedAt, d.ingested_at);
  nlohmann::json data = {{"id", d.id},
                         {"procedure", d.procedure},
                         {"sources", d.sources},
                         {"pages", std::move(page_texts)}};
  doc.set_data(data.dump());
  return doc;
}

}  // namespace

struct IndexWriter::Impl {
  std::filesystem::path path;
  Xapian::WritableDatabase db;
};

IndexWriter::IndexWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IndexWriter::IndexWriter(IndexWriter&&) noexcept = default;
IndexWriter& IndexWriter::operator=(IndexWriter&&) noexcept = default;
IndexWriter::~IndexWriter() = default;

Result<IndexWriter> IndexWriter::open(const std::filesystem::path& path) {
  try {
    auto impl = std::make_unique<Impl>(
        Impl{path, Xapian::WritableDatabase(path.string(), Xapian::DB_CREATE_OR_OPEN)});
    const std::string version = impl->db.get_metadata("sohoa.schema_version");
    if (version.empty()) {
      impl->db.set_metadata("sohoa.schema_version", std::string(schema::kSchemaVersion));
      impl->db.set_metadata("sohoa.folding_version", std::string(schema::kFoldingVersion));
    } else if (version != schema::kSchemaVersion ||
               impl->db.get_metadata("sohoa.folding_version") != schema::kFoldingVersion) {
      return make_error(ErrorCode::kCorrupt,
                        path.string() + ": index was built with schema " + version +
                            ", this build uses " + std::string(schema::kSchemaVersion),
                        "rebuild it with `sohoa reindex`");
    }
    return IndexWriter(std::move(impl));
  } catch (const Xapian::DatabaseLockError&) {
    return make_error(ErrorCode::kLocked, path.string() + ": another sohoa process is writing",
                      "wait for the other ingest to finish, then run the command again");
  } catch (const Xapian::Error& e) {
    return index_error(path, e);
  }
}

Status IndexWriter::add(const Dossier& dossier) {
  try {
    impl_->db.replace_document(prefixed(schema::kIdPrefix, dossier.id), make_document(dossier));
    return {};
  } catch (const Xapian::Error& e) {
    return index_error(impl_->path, e);
  }
}

bool IndexWriter::contains(const std::string& id) const {
  try {
    return impl_->db.term_exists(prefixed(schema::kIdPrefix, id));
  } catch (const Xapian::Error&) {
    return false;
  }
}

Status IndexWriter::commit() {
  try {
    impl_->db.commit();
    return {};
  } catch (const Xapian::Error& e) {
    return index_error(impl_->path, e);
  }
}

std::string make_snippet(const std::string& text, const std::vector<std::string>& folded_words,
                         std::size_t max_words) {
  const std::vector<text::Token> tokens = text::tokenize(text);
  const std::set<std::string> wanted(folded_words.begin(), folded_words.end());
  std::vector<std::string> folded(tokens.size());
  std::vector<bool> hit(tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    folded[i] = text::fold_diacritics(tokens[i].text);
    hit[i] = wanted.count(folded[i]) > 0;
  }
  // The window of max_words tokens with the most hits (distinct words count more).
  std::size_t best_start = 0;
  std::size_t best_score = 0;
  for (std::size_t start = 0; start < tokens.size(); ++start) {
    if (!hit[start]) continue;
    std::set<std::string> distinct;
    std::size_t score = 0;
    for (std::size_t i = start; i < std::min(tokens.size(), start + max_words); ++i) {
      if (!hit[i]) continue;
      ++score;
      distinct.insert(folded[i]);
    }
    score += 10 * distinct.size();
    if (score > best_score) {
      best_score = score;
      best_start = start;
    }
  }
  if (best_score == 0) return {};
  const std::size_t first = best_start >= 4 ? best_start - 4 : 0;  // a little context before
  const std::size_t last = std::min(tokens.size(), first + max_words) - 1;
  std::string out = first > 0 ? "…" : "";
  std::size_t cursor = tokens[first].offset;
  for (std::size_t i = first; i <= last; ++i) {
    out += text.substr(cursor, tokens[i].offset - cursor);
    out += hit[i] ? "[" + tokens[i].text + "]" : tokens[i].text;
    cursor = tokens[i].offset + tokens[i].length;
  }
  if (last + 1 < tokens.size()) out += " …";
  return text::collapse_spaces(out);
}

Result<SearchResults> search(const std::filesystem::path& path, const SearchRequest& request) {
  Result<ParsedQuery> parsed = parse_query(request.query);
  if (!parsed) return parsed.error();
  if (!std::filesystem::exists(path)) {
    return make_error(ErrorCode::kNotFound, path.string() + ": no index here",
                      "ingest some dossiers first, or pass --archive DIR");
  }
  for (int attempt = 0;; ++attempt) {
    try {
      Xapian::Database db(path.string());
      Xapian::Enquire enquire(db);
      enquire.set_query(parsed->query);
      Xapian::MSet mset = enquire.get_mset(request.offset, request.limit);
      SearchResults results;
      results.total_estimate = mset.get_matches_estimated();
      unsigned rank = request.offset;
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        const nlohmann::json data = nlohmann::json::parse(it.get_document().get_data());
        SearchHit hit;
        hit.id = data.at("id").get<std::string>();
        hit.rank = ++rank;
        hit.percent = it.get_percent();
        hit.procedure = data.value("procedure", "unknown");
        hit.sources = data.value("sources", std::vector<std::string>{});
        const auto& pages = data.at("pages");
        for (std::size_t p = 0; p < pages.size() && hit.snippet.empty(); ++p) {
          hit.snippet = make_snippet(pages[p].get<std::string>(), parsed->highlight);
          if (!hit.snippet.empty()) hit.page = static_cast<int>(p + 1);
        }
        results.hits.push_back(std::move(hit));
      }
      return results;
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt >= 3) {
        return make_error(ErrorCode::kIndex,
                          path.string() + ": index kept changing under the search", "try again");
      }
    } catch (const Xapian::Error& e) {
      return index_error(path, e);
    } catch (const nlohmann::json::exception& e) {
      return make_error(ErrorCode::kCorrupt,
                        path.string() + ": unreadable document data: " + e.what(),
                        "rebuild the index with `sohoa reindex`");
    }
  }
}

}  // namespace sohoa
