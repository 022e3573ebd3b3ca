// The officers' query language (DESIGN.md, "Query language"), parsed into a Xapian query.
//
//   nguyen van an          words, all required, with or without diacritics
//   "văn phòng"            a phrase
//   a OR b, a AND b, NOT a, -a, ( … )
//   code:000.00.17.H26-191226-0001   procedure:khai_sinh     (fields of schema.h)
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "sohoa/result.h"

namespace sohoa {

struct ParsedQuery {
  Xapian::Query query;
  // The same query without the phrase boosts of adjacent words: it matches the same
  // dossiers and ranks them by their words and whole names only, without reading word
  // positions, so it costs a fraction on long lists of candidates. The Searcher ranks with it
  // first, then ranks its best with `query` (search.cpp). Equal to `query` when has_quick is
  // false (no two words typed one after the other).
  Xapian::Query quick;
  bool has_quick = false;
  std::vector<std::string> highlight;  // folded words to mark in snippets
  // The whole-name terms (schema.h, kNamePrefix) the query boosts, when it is one conjunction
  // (no OR, no parentheses): "nguyen van an 2019" gives N:nguyen van, N:nguyen van an, ...
  // The Searcher first looks for the best matches among the dossiers holding one of the names
  // that exist (search.cpp); empty when the query is not one conjunction.
  std::vector<std::string> names;
};

// Errors: kUsage with a message that says what is wrong and where (unbalanced parenthesis,
// unterminated quote, unknown field, empty query).
Result<ParsedQuery> parse_query(std::string_view text);

}  // namespace sohoa
