#include "sohoa/archive/index.h"

#include <xapian.h>

#include <chrono>
#include <thread>

#include "document.h"
#include "index_error.h"
#include "sohoa/archive/schema.h"

namespace sohoa {
namespace {

constexpr std::string_view kSchemaKey = "sohoa.schema_version";
constexpr std::string_view kFoldingKey = "sohoa.folding_version";

std::string id_term(const std::string& id) { return std::string(schema::kIdPrefix) + id; }

void stamp_versions(Xapian::WritableDatabase& db) {
  db.set_metadata(std::string(kSchemaKey), std::string(schema::kSchemaVersion));
  db.set_metadata(std::string(kFoldingKey), std::string(schema::kFoldingVersion));
}

bool outdated(const Xapian::Database& db) {
  return db.get_metadata(std::string(kSchemaKey)) != schema::kSchemaVersion ||
         db.get_metadata(std::string(kFoldingKey)) != schema::kFoldingVersion;
}

}  // namespace

Error index_error(const std::filesystem::path& path, const Xapian::Error& e) {
  return make_error(ErrorCode::kIndex, path.string() + ": " + e.get_description(),
                    "rebuild the index with `sohoa reindex` if this persists");
}

struct IndexWriter::Impl {
  std::filesystem::path path;
  Xapian::WritableDatabase db;
};

IndexWriter::IndexWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IndexWriter::IndexWriter(IndexWriter&&) noexcept = default;
IndexWriter& IndexWriter::operator=(IndexWriter&&) noexcept = default;
IndexWriter::~IndexWriter() = default;

Result<IndexWriter> IndexWriter::open(const std::filesystem::path& path,
                                      const IndexWriterOptions& options) {
  using Clock = std::chrono::steady_clock;
  const auto deadline =
      Clock::now() + std::chrono::milliseconds(static_cast<long>(options.wait_seconds * 1000));
  for (;;) {
    try {
      auto impl = std::make_unique<Impl>(
          Impl{path, Xapian::WritableDatabase(path.string(), Xapian::DB_CREATE_OR_OPEN)});
      if (impl->db.get_metadata(std::string(kSchemaKey)).empty() && impl->db.get_doccount() == 0) {
        stamp_versions(impl->db);
        impl->db.commit();
      } else if (outdated(impl->db)) {
        const std::string version = impl->db.get_metadata(std::string(kSchemaKey));
        if (!options.rebuild_if_outdated) {
          return make_error(ErrorCode::kCorrupt,
                            path.string() + ": index was built with schema '" + version +
                                "', this build uses " + std::string(schema::kSchemaVersion),
                            "rebuild it with `sohoa reindex`");
        }
        impl->db.close();
        impl->db = Xapian::WritableDatabase(path.string(), Xapian::DB_CREATE_OR_OVERWRITE);
        stamp_versions(impl->db);
        impl->db.commit();
      }
      return IndexWriter(std::move(impl));
    } catch (const Xapian::DatabaseLockError&) {
      if (Clock::now() >= deadline) {
        std::string waited;
        if (options.wait_seconds > 0) {
          waited = " (waited " + std::to_string(static_cast<int>(options.wait_seconds)) + " s)";
        }
        return make_error(ErrorCode::kLocked,
                          path.string() +
                              ": another sohoa process (ingest or reindex) is "
                              "writing to this archive" +
                              waited,
                          "wait for it to finish, or pass --wait SECONDS, then run the command "
                          "again");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    } catch (const Xapian::Error& e) {
      return index_error(path, e);
    }
  }
}

Status IndexWriter::add(const Dossier& dossier) {
  try {
    impl_->db.replace_document(id_term(dossier.id), make_document(dossier));
    return {};
  } catch (const Xapian::Error& e) {
    return index_error(impl_->path, e);
  }
}

Status IndexWriter::remove(const std::string& id) {
  try {
    impl_->db.delete_document(id_term(id));
    return {};
  } catch (const Xapian::Error& e) {
    return index_error(impl_->path, e);
  }
}

bool IndexWriter::contains(const std::string& id) const {
  try {
    return impl_->db.term_exists(id_term(id));
  } catch (const Xapian::Error&) {
    return false;
  }
}

Result<std::vector<std::string>> IndexWriter::ids() const {
  try {
    std::vector<std::string> out;
    const std::string prefix(schema::kIdPrefix);
    for (auto t = impl_->db.allterms_begin(prefix); t != impl_->db.allterms_end(prefix); ++t) {
      out.push_back((*t).substr(prefix.size()));
    }
    return out;
  } catch (const Xapian::Error& e) {
    return index_error(impl_->path, e);
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

Result<IndexInventory> read_inventory(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path / "iamglass") && !std::filesystem::exists(path / "iamchert")) {
    return make_error(ErrorCode::kNotFound, path.string() + ": no index here",
                      "build it with `sohoa reindex`");
  }
  return read_index(path, [](Xapian::Database& db) -> Result<IndexInventory> {
    IndexInventory inv;
    inv.schema_version = db.get_metadata(std::string(kSchemaKey));
    inv.folding_version = db.get_metadata(std::string(kFoldingKey));
    inv.documents = db.get_doccount();
    std::map<Xapian::docid, std::string> digests;
    for (auto v = db.valuestream_begin(schema::kSlotRecordDigest);
         v != db.valuestream_end(schema::kSlotRecordDigest); ++v) {
      digests[v.get_docid()] = *v;
    }
    const std::string prefix(schema::kIdPrefix);
    unsigned with_id = 0;
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
      const std::string id = (*t).substr(prefix.size());
      if (t.get_termfreq() > 1) inv.duplicated.push_back(id);
      with_id += t.get_termfreq();
      const Xapian::docid doc = *db.postlist_begin(*t);
      auto it = digests.find(doc);
      inv.ids[id] = it == digests.end() ? std::string() : it->second;
    }
    inv.documents_without_id = inv.documents > with_id ? inv.documents - with_id : 0;
    return inv;
  });
}

}  // namespace sohoa
