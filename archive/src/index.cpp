#include "sohoa/archive/index.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
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

// A document built on a worker thread, waiting for the writer: the dossier id and its
// document, or why it could not be built.
struct Built {
  std::string id;
  std::optional<Xapian::Document> doc;
  std::optional<Error> error;
};

// Dossiers whose documents are built ahead of the writer, at most: bounds the memory held
// while keeping every worker busy.
constexpr std::size_t kPipelineWindow = 64;

unsigned worker_count() {
  const unsigned cores = std::max(2u, std::thread::hardware_concurrency());
  return std::min(cores - 1, 4u);
}

}  // namespace

Error index_error(const std::filesystem::path& path, const Xapian::Error& e) {
  return make_error(ErrorCode::kIndex, path.string() + ": " + e.get_description(),
                    "rebuild the index with `sohoa reindex` if this persists");
}

// Changes after which the writer commits by itself. Xapian would at 10,000 documents
// (XAPIAN_FLUSH_THRESHOLD); its pending changes are sorted maps of every term touched, and
// applying them 2,000 documents at a time costs about a third less CPU per document than
// 10,000 at a time (measured on the bench/search corpus). Callers still commit when their
// own work is done; a commit in between only makes changes visible (and durable) earlier.
constexpr unsigned kAutoCommitEvery = 2000;

struct IndexWriter::Impl {
  std::filesystem::path path;
  Xapian::WritableDatabase db;
  unsigned pending = 0;  // changes since the last commit

  void changed() {
    if (++pending >= kAutoCommitEvery) {
      db.commit();
      pending = 0;
    }
  }
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
          Impl{path, Xapian::WritableDatabase(path.string(), Xapian::DB_CREATE_OR_OPEN), 0});
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
    impl_->changed();
    return {};
  } catch (const Xapian::Error& e) {
    return index_error(impl_->path, e);
  }
}

namespace {

// Builds the documents of dossiers 0..count-1 on worker threads and passes them, in order, to
// `write` on the calling thread; `write` returns false to stop. Exceptions from `build` are
// carried to the calling thread; exceptions from `write` stop the workers before going on.
template <typename Build, typename Write>
void run_pipeline(std::size_t count, const Build& build, const Write& write) {
  struct Slot {
    bool ready = false;
    Built built;
    std::exception_ptr thrown;
  };
  std::vector<Slot> slots(kPipelineWindow);
  std::mutex mutex;
  std::condition_variable built_cv;
  std::condition_variable freed_cv;
  std::size_t next = 0;      // the next dossier a worker takes
  std::size_t consumed = 0;  // dossiers the writer has taken out of their slots
  bool stop = false;

  auto work = [&] {
    for (;;) {
      std::size_t i = 0;
      {
        std::unique_lock lock(mutex);
        freed_cv.wait(lock,
                      [&] { return stop || next >= count || next < consumed + slots.size(); });
        if (stop || next >= count) return;
        i = next++;
      }
      Slot slot;
      try {
        slot.built = build(i);
      } catch (...) {
        slot.thrown = std::current_exception();
      }
      slot.ready = true;
      {
        std::lock_guard lock(mutex);
        slots[i % slots.size()] = std::move(slot);
      }
      built_cv.notify_all();
    }
  };

  std::vector<std::thread> workers;
  struct Join {  // stops and joins the workers however the writer leaves
    std::mutex& mutex;
    bool& stop;
    std::condition_variable& freed_cv;
    std::vector<std::thread>& workers;
    ~Join() {
      {
        std::lock_guard lock(mutex);
        stop = true;
      }
      freed_cv.notify_all();
      for (std::thread& t : workers) t.join();
    }
  } join{mutex, stop, freed_cv, workers};
  const unsigned n = static_cast<unsigned>(std::min<std::size_t>(worker_count(), count));
  for (unsigned w = 0; w < n; ++w) workers.emplace_back(work);

  for (std::size_t i = 0; i < count; ++i) {
    Slot slot;
    {
      std::unique_lock lock(mutex);
      Slot& waiting = slots[i % slots.size()];
      built_cv.wait(lock, [&] { return waiting.ready; });
      slot = std::move(waiting);
      waiting = Slot{};
      ++consumed;
    }
    freed_cv.notify_all();
    if (slot.thrown) std::rethrow_exception(slot.thrown);
    if (!write(i, slot.built)) break;
  }
}

}  // namespace

Status IndexWriter::add_all(std::size_t count, const DossierLoader& load,
                            const AddedCallback& done) {
  Status result;
  auto build = [&](std::size_t i) {
    Built b;
    Result<Dossier> d = load(i);
    if (!d) {
      b.error = d.error();
      return b;
    }
    b.id = d->id;
    b.doc = make_document(*d);
    return b;
  };
  auto write = [&](std::size_t i, Built& b) {
    if (b.error) return done(i, Status(*b.error));
    try {
      impl_->db.replace_document(id_term(b.id), *b.doc);
      impl_->changed();
    } catch (const Xapian::Error& e) {
      result = index_error(impl_->path, e);
      return false;
    }
    return done(i, Status{});
  };
  run_pipeline(count, build, write);
  return result;
}

Status IndexWriter::add_all(const std::vector<Dossier>& dossiers) {
  Status result;
  auto build = [&](std::size_t i) {
    return Built{dossiers[i].id, make_document(dossiers[i]), std::nullopt};
  };
  auto write = [&](std::size_t, Built& b) {
    try {
      impl_->db.replace_document(id_term(b.id), *b.doc);
      impl_->changed();
      return true;
    } catch (const Xapian::Error& e) {
      result = index_error(impl_->path, e);
      return false;
    }
  };
  run_pipeline(dossiers.size(), build, write);
  return result;
}

Status IndexWriter::remove(const std::string& id) {
  try {
    impl_->db.delete_document(id_term(id));
    impl_->changed();
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
    impl_->pending = 0;
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
