// The archive library's Xapian boundary: Xapian exceptions become Errors here.
#pragma once

#include <xapian.h>

#include <filesystem>

#include "sohoa/result.h"

namespace sohoa {

Error index_error(const std::filesystem::path& path, const Xapian::Error& e);

// Opens the index at `path` for reading and runs `read(db)`, which returns Result<T>. If an
// ingest commits under it (DatabaseModifiedError), it opens the index again and runs `read`
// again, up to three times; any other Xapian error becomes an Error.
template <class Read>
auto read_index(const std::filesystem::path& path, Read&& read)
    -> decltype(read(std::declval<Xapian::Database&>())) {
  if (!std::filesystem::exists(path)) {
    return make_error(ErrorCode::kNotFound, path.string() + ": no index here",
                      "ingest some dossiers first, or rebuild it with `sohoa reindex`");
  }
  for (int attempt = 0;; ++attempt) {
    try {
      Xapian::Database db(path.string());
      return read(db);
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt >= 3) {
        return make_error(ErrorCode::kIndex, path.string() + ": index kept changing",
                          "run again when no ingest is writing");
      }
    } catch (const Xapian::Error& e) {
      return index_error(path, e);
    }
  }
}

}  // namespace sohoa
