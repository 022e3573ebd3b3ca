#include "sohoa/archive/query.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <optional>

#include "sohoa/archive/schema.h"
#include "sohoa/archive/text.h"

namespace sohoa {
namespace {

struct Token {
  enum Kind { kWord, kPhrase, kField, kAnd, kOr, kNot, kOpen, kClose } kind;
  std::string text;    // word, phrase or field value
  std::string field;   // for kField
  std::size_t at = 0;  // character offset in the query, for messages
};

Error syntax_error(std::string what, std::size_t at) {
  return make_error(ErrorCode::kUsage,
                    "query: " + what + " (at character " + std::to_string(at + 1) + ")",
                    "see `sohoa search --help` for the query language");
}

bool is_field_name(std::string_view s) {
  return !s.empty() && s[0] >= 'a' && s[0] <= 'z' && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool is_known_field(const std::string& name) {
  return schema::find_field(name) != nullptr || schema::find_field_spec(name).has_value();
}

std::string known_fields() {
  std::string out;
  for (const auto& f : schema::kFields) {
    if (f.name == "text") continue;
    if (!out.empty()) out += ", ";
    out += std::string(f.name) + ":";
  }
  return out + " or a record field such as father_name: (`sohoa plugins` lists them)";
}

// Fields whose value is a number typed in groups: id:, and id_number and phone fields.
bool takes_digits(const std::string& name) {
  if (const schema::IndexField* f = schema::find_field(name)) {
    return f->folding == schema::Folding::kDigits;
  }
  const std::string type = schema::field_spec(name).type;
  return type == "id_number" || type == "phone";
}

// A filter that matches without adding weight (schema::IndexField::boolean).
Xapian::Query filter(const Xapian::Query& q) {
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, 0.0);
}

// A bounded range cut into whole years, months and days ("2019-11-20..2021-02" → the days
// 2019-11-20..30, 2019-12, 2020, 2021-01, 2021-02), as the date terms the indexer adds with
// every date (prefix + YYYY, YYYY-MM and YYYY-MM-DD); nothing if that takes more than
// `max_terms` terms. Both ends are valid partial dates (schema::parse_date_range).
std::optional<std::vector<std::string>> date_range_terms(const schema::DateRange& r,
                                                         std::size_t max_terms) {
  using namespace std::chrono;
  auto part = [](const std::string& s, std::size_t at) { return std::stoi(s.substr(at, 2)); };
  const int lo_year = std::stoi(r.lo.substr(0, 4));
  const int hi_year = std::stoi(r.hi.substr(0, 4));
  const year_month_day lo{year{lo_year}, month{r.lo.size() >= 7 ? unsigned(part(r.lo, 5)) : 1u},
                          day{r.lo.size() == 10 ? unsigned(part(r.lo, 8)) : 1u}};
  const year_month hi_month{year{hi_year}, month{r.hi.size() >= 7 ? unsigned(part(r.hi, 5)) : 12u}};
  const year_month_day hi = r.hi.size() == 10
                                ? year_month_day{hi_month / day{unsigned(part(r.hi, 8))}}
                                : year_month_day{year_month_day_last{hi_month / last}};
  const sys_days end{hi};
  std::vector<std::string> terms;
  char buf[16];
  for (sys_days at{lo}; at <= end;) {
    if (terms.size() >= max_terms) return std::nullopt;
    const year_month_day ymd{at};
    const int y = static_cast<int>(ymd.year());
    const unsigned m = static_cast<unsigned>(ymd.month());
    const sys_days year_end{ymd.year() / December / 31};
    const sys_days month_end{year_month_day_last{ymd.year() / ymd.month() / last}};
    if (ymd.month() == January && ymd.day() == day{1} && year_end <= end) {
      std::snprintf(buf, sizeof buf, "%04d", y);
      at = year_end + days{1};
    } else if (ymd.day() == day{1} && month_end <= end) {
      std::snprintf(buf, sizeof buf, "%04d-%02u", y, m);
      at = month_end + days{1};
    } else {
      std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, static_cast<unsigned>(ymd.day()));
      at += days{1};
    }
    terms.emplace_back(buf);
  }
  return terms;
}

// A date range over a date field: its value slot holds the ISO date. A bounded range that
// whole years, months and days cover in a few dozen terms becomes those terms (their posting
// lists are read instead of one value per candidate document: same documents, much faster);
// an open or finely cut range reads the slot.
Xapian::Query date_range_query(unsigned slot, const std::string& field_key,
                               const schema::DateRange& r) {
  constexpr std::size_t kMaxDateTerms = 64;
  if (!r.lo.empty() && !r.hi.empty()) {
    if (auto terms = date_range_terms(r, kMaxDateTerms)) {
      const std::string prefix = schema::field_prefix(field_key);
      for (std::string& t : *terms) t.insert(0, prefix);
      return filter(Xapian::Query(Xapian::Query::OP_OR, terms->begin(), terms->end()));
    }
  }
  if (r.lo.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, r.hi + "~");
  if (r.hi.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, r.lo);
  return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, r.lo, r.hi + "~");
}

// The value slot that holds a date field, if it has one.
int date_slot(std::string_view key) {
  if (key == "received_date") return static_cast<int>(schema::kSlotReceivedDate);
  if (key == "signed_date") return static_cast<int>(schema::kSlotSignedDate);
  if (key == "due_date") return static_cast<int>(schema::kSlotDueDate);
  if (key == "returned_date") return static_cast<int>(schema::kSlotReturnedDate);
  return schema::kNoSlot;
}

Result<std::vector<Token>> lex(std::string_view q) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  auto read_quoted = [&](std::size_t open) -> Result<std::string> {
    const std::size_t close = q.find('"', open + 1);
    if (close == std::string_view::npos) return syntax_error("unterminated quote", open);
    std::string inside(q.substr(open + 1, close - open - 1));
    i = close + 1;
    return inside;
  };
  while (i < q.size()) {
    const char c = q[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
    } else if (c == '(' || c == ')') {
      tokens.push_back({c == '(' ? Token::kOpen : Token::kClose, {}, {}, i});
      ++i;
    } else if (c == '"') {
      const std::size_t at = i;
      Result<std::string> phrase = read_quoted(i);
      if (!phrase) return phrase.error();
      tokens.push_back({Token::kPhrase, std::move(*phrase), {}, at});
    } else if (c == '-' && i + 1 < q.size() && q[i + 1] != ' ' && q[i + 1] != '-') {
      tokens.push_back({Token::kNot, {}, {}, i});
      ++i;
    } else {
      const std::size_t at = i;
      while (i < q.size() && q[i] != ' ' && q[i] != '\t' && q[i] != '\n' && q[i] != '(' &&
             q[i] != ')' && q[i] != '"') {
        ++i;
      }
      std::string raw(q.substr(at, i - at));
      if (raw == "AND") {
        tokens.push_back({Token::kAnd, {}, {}, at});
      } else if (raw == "OR") {
        tokens.push_back({Token::kOr, {}, {}, at});
      } else if (raw == "NOT") {
        tokens.push_back({Token::kNot, {}, {}, at});
      } else if (const std::size_t colon = raw.find(':');
                 colon != std::string::npos && is_field_name(raw.substr(0, colon))) {
        std::string name = raw.substr(0, colon);
        if (!is_known_field(name)) {
          return syntax_error("unknown field '" + name + "'; fields are " + known_fields(), at);
        }
        std::string value = raw.substr(colon + 1);
        if (value.empty() && i < q.size() && q[i] == '"') {
          Result<std::string> quoted = read_quoted(i);
          if (!quoted) return quoted.error();
          value = std::move(*quoted);
        }
        if (value.empty()) return syntax_error("field '" + name + "' has no value", at);
        if (takes_digits(name)) {
          // `id:001 088 012345`: groups of digits typed after the first belong to the number.
          for (;;) {
            std::size_t j = i;
            while (j < q.size() && q[j] == ' ') ++j;
            std::size_t k = j;
            while (k < q.size() &&
                   (std::isdigit(static_cast<unsigned char>(q[k])) || q[k] == '.' || q[k] == '-')) {
              ++k;
            }
            const bool group_ends = k == q.size() || q[k] == ' ' || q[k] == ')';
            if (k == j || !group_ends || !std::isdigit(static_cast<unsigned char>(q[j]))) break;
            value += ' ';
            value += q.substr(j, k - j);
            i = k;
          }
        }
        tokens.push_back({Token::kField, std::move(value), std::move(name), at});
      } else {
        tokens.push_back({Token::kWord, std::move(raw), {}, at});
      }
    }
  }
  return tokens;
}

class Parser {
 public:
  // pair_boosts: false leaves out the phrase boost of each pair of adjacent words (see
  // add_run_boosts), for the first pass of a search (ParsedQuery::quick).
  Parser(std::vector<Token> tokens, std::size_t length, bool pair_boosts)
      : tokens_(std::move(tokens)), length_(length), pair_boosts_(pair_boosts) {}

  Result<Xapian::Query> parse() {
    if (tokens_.empty()) return syntax_error("the query is empty", 0);
    Result<Xapian::Query> q = parse_or();
    if (!q) return q;
    if (pos_ < tokens_.size()) {
      return syntax_error("unexpected ')' without a matching '('", tokens_[pos_].at);
    }
    return q;
  }

  std::vector<std::string> highlight;
  bool made_pair_boosts = false;   // the query has at least one
  std::vector<std::string> names;  // every whole-name term added as a boost

 private:
  const Token* peek() const { return pos_ < tokens_.size() ? &tokens_[pos_] : nullptr; }

  Result<Xapian::Query> parse_or() {
    Result<Xapian::Query> left = parse_and();
    if (!left) return left;
    Xapian::Query q = *left;
    while (peek() && peek()->kind == Token::kOr) {
      ++pos_;
      Result<Xapian::Query> right = parse_and();
      if (!right) return right;
      q = Xapian::Query(Xapian::Query::OP_OR, q, *right);
    }
    return q;
  }

  // Words next to each other in the query that also stand next to each other in a dossier
  // (a name: "nguyen cong phuc") rank it higher: each adjacent pair adds a phrase boost, and
  // each run of 2 to 5 adjacent words that is a whole person name of a field or of the text
  // (schema.h, kNamePrefix) adds that name's term, which is rare and so weighs a lot. Names are
  // made of common words ("thu" is also "thứ", "thang" also "tháng"), so this is what lets "nguyen
  // thu hoa nguyen manh thang" put the dossier of those two people first.
  void add_run_boosts(const std::vector<std::string>& run, std::vector<Xapian::Query>& boosts) {
    if (run.size() > 1) made_pair_boosts = true;
    for (std::size_t i = 1; i < run.size() && pair_boosts_; ++i) {
      const std::string pair[] = {run[i - 1], run[i]};
      boosts.emplace_back(Xapian::Query::OP_PHRASE, std::begin(pair), std::end(pair), 2);
    }
    for (std::size_t first = 0; first < run.size(); ++first) {
      std::string name = run[first];
      for (std::size_t last = first + 1; last < run.size() && last < first + 5; ++last) {
        name += ' ';
        name += run[last];
        names.push_back(std::string(schema::kNamePrefix) + name);
        boosts.emplace_back(names.back());
      }
    }
  }

  Result<Xapian::Query> parse_and() {
    std::vector<Xapian::Query> positive;
    std::vector<Xapian::Query> negative;
    std::vector<Xapian::Query> boosts;
    std::vector<std::string> run;  // folded single words typed one after another
    for (;;) {
      const Token* t = peek();
      if (!t || t->kind == Token::kOr || t->kind == Token::kClose) break;
      if (t->kind == Token::kAnd) {
        ++pos_;
        continue;
      }
      bool negate = false;
      while (peek() && peek()->kind == Token::kNot) {
        negate = !negate;
        ++pos_;
      }
      const bool plain_word = peek() && peek()->kind == Token::kWord;
      last_single_word_.clear();
      name_boosts_.clear();
      Result<Xapian::Query> unit = parse_unit();
      if (!unit) return unit;
      (negate ? negative : positive).push_back(*unit);
      if (!negate) {
        for (const std::string& n : name_boosts_) {
          names.push_back(n);
          boosts.emplace_back(n);
        }
      }
      name_boosts_.clear();
      if (plain_word && !negate && !last_single_word_.empty()) {
        run.push_back(last_single_word_);
      } else {
        add_run_boosts(run, boosts);
        run.clear();
      }
    }
    add_run_boosts(run, boosts);
    if (positive.empty() && negative.empty()) {
      const std::size_t at = peek() ? peek()->at : length_;
      return syntax_error("expected words before or after an operator", at);
    }
    Xapian::Query q = positive.empty()
                          ? Xapian::Query::MatchAll
                          : Xapian::Query(Xapian::Query::OP_AND, positive.begin(), positive.end());
    if (!positive.empty() && !boosts.empty()) {
      q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, q,
                        Xapian::Query(Xapian::Query::OP_OR, boosts.begin(), boosts.end()));
    }
    for (const Xapian::Query& n : negative) q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, n);
    return q;
  }

  Result<Xapian::Query> parse_unit() {
    const Token* t = peek();
    if (!t) return syntax_error("the query ends after an operator", length_);
    ++pos_;
    switch (t->kind) {
      case Token::kOpen: {
        Result<Xapian::Query> inner = parse_or();
        if (!inner) return inner;
        if (!peek() || peek()->kind != Token::kClose) {
          return syntax_error("'(' is never closed", t->at);
        }
        ++pos_;
        return inner;
      }
      case Token::kWord:
      case Token::kPhrase:
        return text_query(t->text, t->at);
      case Token::kField:
        return field_query(*t);
      default:
        return syntax_error("unexpected operator", t->at);
    }
  }

  // Words of free text: each word matches its folded form, or its exact form (extra weight).
  Result<Xapian::Query> text_query(
      const std::string& raw, std::size_t at, const std::string& prefix = "",
      const std::string& exact_prefix = std::string(schema::kExactPrefix)) {
    const std::vector<text::Token> words = text::tokenize(text::normalize_text(raw));
    if (words.empty()) return syntax_error("'" + raw + "' contains no word to search for", at);
    std::vector<std::string> folded;
    std::vector<std::string> exact;
    bool any_exact = false;
    for (const text::Token& w : words) {
      const std::string f = text::fold_diacritics(w.text);
      folded.push_back(prefix + f);
      const std::string lower = text::to_lower(w.text);
      if (lower != f) {
        exact.push_back(exact_prefix + lower);
        any_exact = true;
      } else {
        exact.push_back(folded.back());
      }
      highlight.push_back(f);
    }
    if (words.size() == 1) {
      if (prefix.empty()) last_single_word_ = folded[0];
      Xapian::Query q(folded[0]);
      if (any_exact) q = Xapian::Query(Xapian::Query::OP_OR, q, Xapian::Query(exact[0]));
      return q;
    }
    // Several words in one atom ("nguyễn-văn", a quoted phrase, a code typed as text). A
    // phrase that is a whole person name ranks the dossiers where it is one first.
    if (prefix.empty() && words.size() <= 5) {
      std::string name;
      for (const std::string& f : folded) name += (name.empty() ? "" : " ") + f;
      name_boosts_.emplace_back(std::string(schema::kNamePrefix) + name);
    }
    // The phrase matches on folded positions; the exact spellings (indexed without positions,
    // schema.h) add weight, so a phrase typed with diacritics ranks exact spellings first.
    Xapian::Query q(Xapian::Query::OP_PHRASE, folded.begin(), folded.end(), folded.size());
    if (any_exact) {
      std::vector<std::string> exact_only;
      for (const std::string& e : exact) {
        if (e.starts_with(exact_prefix)) exact_only.push_back(e);
      }
      q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, q,
                        Xapian::Query(Xapian::Query::OP_AND, exact_only.begin(), exact_only.end()));
    }
    // Adjacent name words of the free text have a pair term (schema.h, kPairPrefix): the
    // phrase reads positions only in the dossiers that hold every such pair.
    std::vector<std::string> pairs;
    for (std::size_t i = 1; i < folded.size() && prefix.empty(); ++i) {
      if (schema::is_name_word(folded[i - 1]) && schema::is_name_word(folded[i])) {
        pairs.push_back(schema::pair_term(folded[i - 1], folded[i]));
      }
    }
    if (!pairs.empty()) {
      q = Xapian::Query(Xapian::Query::OP_FILTER, q,
                        Xapian::Query(Xapian::Query::OP_AND, pairs.begin(), pairs.end()));
    }
    return q;
  }

  Result<Xapian::Query> field_query(const Token& t) {
    if (const schema::IndexField* f = schema::find_field(t.field)) {
      Result<Xapian::Query> q = query_field_query(*f, t);
      if (q && f->boolean) return filter(*q);  // a filter: it narrows, it does not rank
      return q;
    }
    return record_field_query(schema::field_spec(t.field), t);
  }

  Result<Xapian::Query> query_field_query(const schema::IndexField& f, const Token& t) {
    const std::string prefix(f.prefix);
    switch (f.folding) {
      case schema::Folding::kText:
        return text_query(t.text, t.at);
      case schema::Folding::kKeyword:
        return Xapian::Query(prefix + t.text);
      case schema::Folding::kCode:
        return Xapian::Query(prefix + schema::normalize_code(t.text));
      case schema::Folding::kWard: {
        Result<std::string> ward = schema::resolve_ward(t.text);
        if (!ward) return ward.error();
        return Xapian::Query(schema::ward_term(*ward));
      }
      case schema::Folding::kDigits:
        return digits_query(prefix, t);
      case schema::Folding::kDateRange: {
        Result<schema::DateRange> range = schema::parse_date_range(t.text);
        if (!range) return field_error(t, range.error());
        return date_range_query(static_cast<unsigned>(f.slot),
                                f.name == "signed" ? "signed_date" : "received_date", *range);
      }
      case schema::Folding::kYear: {
        Result<schema::DateRange> range = schema::parse_date_range(t.text);
        if (!range) return field_error(t, range.error());
        const bool years = (range->lo.empty() || range->lo.size() == 4) &&
                           (range->hi.empty() || range->hi.size() == 4);
        if (!years)
          return syntax_error("year: takes years, e.g. year:2019 or year:2018..2020", t.at);
        const schema::DateRange& r = *range;   // years are 4 digits: they compare whole
        if (!r.lo.empty() && !r.hi.empty()) {  // a few years: their terms, as for dates
          if (auto years = date_range_terms(r, 64)) {
            for (std::string& y : *years) y.insert(0, prefix);
            return Xapian::Query(Xapian::Query::OP_OR, years->begin(), years->end());
          }
        }
        if (r.lo.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, f.slot, r.hi);
        if (r.hi.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, f.slot, r.lo);
        return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, f.slot, r.lo, r.hi);
      }
    }
    return syntax_error("field '" + t.field + "' cannot be searched", t.at);
  }

  // `key:value` for a record field (Dossier::fields), by its type (schema.h).
  Result<Xapian::Query> record_field_query(const schema::FieldSpec& spec, const Token& t) {
    const std::string prefix = schema::field_prefix(spec.key);
    const std::string& type = spec.type;
    if (!spec.searchable) {
      return syntax_error("field '" + spec.key + "' is not searchable", t.at);
    }
    if (type == "text" || type == "person_name") {
      return text_query(t.text, t.at, prefix, schema::field_exact_prefix(spec.key));
    }
    if (type == "id_number" || type == "phone") return digits_query(prefix, t);
    if (type == "date") {
      if (t.text.find("..") != std::string::npos) {
        const int slot = date_slot(spec.key);
        if (slot == schema::kNoSlot) {
          return syntax_error(
              "date ranges work on date:, signed:, received_date:, "
              "signed_date:, due_date: and returned_date:; " +
                  spec.key + ": takes one date, month or year",
              t.at);
        }
        Result<schema::DateRange> range = schema::parse_date_range(t.text);
        if (!range) return field_error(t, range.error());
        return date_range_query(static_cast<unsigned>(slot), spec.key, *range);
      }
      std::string value = t.text;
      if (std::optional<std::string> iso = schema::normalize_date(value)) value = *iso;
      Result<schema::DateRange> one = schema::parse_date_range(value);
      if (!one) return field_error(t, one.error());
      return Xapian::Query(prefix + one->lo);
    }
    if (type == "year") return digits_query(prefix, t);
    if (type == "dossier_code") return Xapian::Query(prefix + schema::normalize_code(t.text));
    if (type == "ward") {
      Result<std::string> ward = schema::resolve_ward(t.text);
      if (!ward) return ward.error();
      return Xapian::Query(schema::ward_term(*ward));
    }
    if (type == "sex") return Xapian::Query(prefix + text::fold_diacritics(t.text));
    if (type == "money") return digits_query(prefix, t);
    std::string number = text::to_lower(text::collapse_spaces(t.text));
    std::replace(number.begin(), number.end(), ',', '.');
    return Xapian::Query(prefix + number);
  }

  static Result<Xapian::Query> digits_query(const std::string& prefix, const Token& t) {
    const std::string digits = schema::digits_only(t.text);
    if (digits.empty()) {
      return syntax_error(t.field + ": '" + t.text + "' has no digits to search for", t.at);
    }
    return Xapian::Query(prefix + digits);
  }

  static Error field_error(const Token& t, const Error& e) {
    return syntax_error(t.field + ": " + e.message, t.at);
  }

  std::vector<Token> tokens_;
  std::size_t length_;
  std::size_t pos_ = 0;
  bool pair_boosts_ = true;
  std::string last_single_word_;          // folded form of the last unit, if it was one word
  std::vector<std::string> name_boosts_;  // whole-name terms of the phrases parsed
};

}  // namespace

Result<ParsedQuery> parse_query(std::string_view text) {
  Result<std::vector<Token>> tokens = lex(text);
  if (!tokens) return tokens.error();
  Parser parser(*tokens, text.size(), true);
  Result<Xapian::Query> q = parser.parse();
  if (!q) return q.error();
  ParsedQuery parsed{*q, *q, false, std::move(parser.highlight), {}};
  // Whole names narrow the first pass only where every dossier the query matches must
  // match all of its parts: one conjunction, no OR, no parentheses.
  const bool one_conjunction = std::none_of(tokens->begin(), tokens->end(), [](const Token& t) {
    return t.kind == Token::kOr || t.kind == Token::kOpen;
  });
  if (one_conjunction) {
    std::sort(parser.names.begin(), parser.names.end());
    parser.names.erase(std::unique(parser.names.begin(), parser.names.end()), parser.names.end());
    parsed.names = std::move(parser.names);
  }
  if (parser.made_pair_boosts) {
    Parser quick(std::move(*tokens), text.size(), false);
    Result<Xapian::Query> without = quick.parse();
    if (!without) return without.error();
    parsed.quick = *without;
    parsed.has_quick = true;
  }
  return parsed;
}

}  // namespace sohoa
