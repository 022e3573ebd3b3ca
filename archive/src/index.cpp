#include "sohoa/archive/index.h"

#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <fstream>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

#include "document.h"
#include "index_error.h"
#include "index_layout.h"
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

// Threads building documents in add_all: as many as the cores (at most 4), beside one
// writer thread per shard, since building a document costs about half as much as adding it.
unsigned worker_count() { return std::clamp(std::thread::hardware_concurrency(), 1u, 4u); }

// Changes after which a shard commits by itself. Xapian would at 10,000 documents
// (XAPIAN_FLUSH_THRESHOLD); its pending changes are sorted maps of every term touched, and
// applying them 2,000 documents at a time costs about a third less CPU per document than
// 10,000 at a time (measured on the bench/search corpus). Callers still commit when their
// own work is done; a commit in between only makes changes visible (and durable) earlier.
constexpr unsigned kAutoCommitEvery = 2000;

// Documents waiting for one shard's writer thread in add_all, at most.
constexpr std::size_t kLaneDepth = 32;

// One shard of the index (index_layout.h), `index` of `count`. Its documents get docids of
// their own residue, docid ≡ index + 1 (mod count), so that a docid alone names its shard.
// Xapian hands a MatchSpy each match with the docid it has in its shard, not the docid of the
// combined database, and the Searcher's facet table (search.cpp) is indexed by that docid.
struct Shard {
  Xapian::WritableDatabase db;
  std::size_t index = 0;
  std::size_t count = 1;
  unsigned pending = 0;  // changes since the last commit

  // Adds the document of the dossier whose unique term is `term`, or replaces its document.
  void put(const std::string& term, const Xapian::Document& doc) {
    Xapian::docid did = 0;
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
      if (did == 0) {
        did = *p;
      } else {
        db.delete_document(*p);  // a duplicate left by a crash: one document per dossier
      }
    }
    if (did == 0) {
      did = db.get_lastdocid() + 1;
      while ((did - 1) % count != index) ++did;
    }
    db.replace_document(did, doc);
    changed();
  }

  void changed() {
    if (++pending >= kAutoCommitEvery) {
      db.commit();
      pending = 0;
    }
  }
};

// During add_all: one thread per shard adds the documents handed to it, so that Xapian's
// work (most of the cost of indexing) runs on as many cores as there are shards.
class ShardLanes {
 public:
  ShardLanes(std::vector<Shard>& shards, const std::filesystem::path& path)
      : shards_(shards), path_(path), lanes_(shards.size()) {
    for (std::size_t s = 0; s < shards_.size(); ++s) {
      lanes_[s].thread = std::thread([this, s] { run(s); });
    }
  }
  ShardLanes(const ShardLanes&) = delete;
  ShardLanes& operator=(const ShardLanes&) = delete;
  ~ShardLanes() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    work_cv_.notify_all();
    for (Lane& lane : lanes_) lane.thread.join();
  }

  // Queues the document for its shard's thread; waits while that queue is full. False once
  // a shard has failed (see drain).
  bool push(std::size_t shard, const std::string& id, Xapian::Document doc) {
    std::unique_lock lock(mutex_);
    idle_cv_.wait(lock, [&] { return failed_ || lanes_[shard].queue.size() < kLaneDepth; });
    if (failed_) return false;
    lanes_[shard].queue.emplace_back(id_term(id), std::move(doc));
    work_cv_.notify_all();
    return true;
  }

  // Waits until every queued document is in its shard; the first error of any shard.
  std::optional<Error> drain() {
    std::unique_lock lock(mutex_);
    idle_cv_.wait(lock, [&] {
      return std::all_of(lanes_.begin(), lanes_.end(),
                         [](const Lane& l) { return l.queue.empty() && !l.busy; });
    });
    return error_;
  }

 private:
  struct Lane {
    std::deque<std::pair<std::string, Xapian::Document>> queue;
    bool busy = false;
    std::thread thread;
  };

  void run(std::size_t s) {
    Lane& lane = lanes_[s];
    for (;;) {
      std::pair<std::string, Xapian::Document> item;
      {
        std::unique_lock lock(mutex_);
        work_cv_.wait(lock, [&] { return stop_ || !lane.queue.empty(); });
        if (lane.queue.empty()) return;  // stopping, nothing left
        item = std::move(lane.queue.front());
        lane.queue.pop_front();
        lane.busy = true;
      }
      std::optional<Error> failed;
      if (!failed_) {
        try {
          shards_[s].put(item.first, item.second);
        } catch (const Xapian::Error& e) {
          failed = index_error(path_, e);
        } catch (const std::exception& e) {
          failed = make_error(ErrorCode::kIndex, path_.string() + ": " + e.what());
        }
      }
      {
        std::lock_guard lock(mutex_);
        lane.busy = false;
        if (failed && !error_) error_ = std::move(failed);
        if (error_) failed_ = true;
      }
      idle_cv_.notify_all();
    }
  }

  std::vector<Shard>& shards_;
  const std::filesystem::path& path_;
  std::vector<Lane> lanes_;
  std::mutex mutex_;
  std::condition_variable work_cv_;  // a queue has work, or stop
  std::condition_variable idle_cv_;  // a queue has room, or a lane went idle
  bool stop_ = false;
  std::atomic<bool> failed_ = false;
  std::optional<Error> error_;
};

}  // namespace

Error index_error(const std::filesystem::path& path, const Xapian::Error& e) {
  return make_error(ErrorCode::kIndex, path.string() + ": " + e.get_description(),
                    "rebuild the index with `sohoa reindex` if this persists");
}

namespace {

void write_stub(const std::filesystem::path& index, std::size_t shards) {
  const std::filesystem::path tmp = index / (std::string(index_layout::kStubFile) + ".tmp");
  {
    std::ofstream out(tmp, std::ios::trunc);
    for (std::size_t s = 0; s < shards; ++s) out << "auto shard-" << s << "\n";
    out.flush();
    if (!out) throw std::runtime_error(tmp.string() + ": cannot write");
  }
  std::filesystem::rename(tmp, index / index_layout::kStubFile);
}

}  // namespace

namespace index_layout {

Kind kind_of(const std::filesystem::path& index) {
  if (std::filesystem::exists(index / kStubFile)) return Kind::kSharded;
  if (std::filesystem::exists(index / "iamglass") || std::filesystem::exists(index / "iamchert")) {
    return Kind::kSingle;
  }
  return Kind::kNone;
}

std::vector<std::filesystem::path> shard_paths(const std::filesystem::path& index) {
  std::vector<std::filesystem::path> out;
  std::ifstream in(index / kStubFile);
  std::string type, name;
  while (in >> type >> name) out.push_back(index / name);
  return out;
}

std::size_t shard_of(std::string_view id, std::size_t shards) {
  std::uint32_t h = 2166136261u;
  for (const char c : id) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  return shards == 0 ? 0 : h % shards;
}

}  // namespace index_layout

struct IndexWriter::Impl {
  std::filesystem::path path;
  std::vector<Shard> shards;
  ShardLanes* lanes = nullptr;  // while add_all runs

  Shard& shard(const std::string& id) { return shards[index_layout::shard_of(id, shards.size())]; }
  // Before anything touches a shard from this thread during add_all.
  void settle() {
    if (!lanes) return;
    if (std::optional<Error> e = lanes->drain()) throw IndexFailure{*e};
  }
  struct IndexFailure {
    Error error;
  };
};

IndexWriter::IndexWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IndexWriter::IndexWriter(IndexWriter&&) noexcept = default;
IndexWriter& IndexWriter::operator=(IndexWriter&&) noexcept = default;
IndexWriter::~IndexWriter() = default;

namespace {

// Opens (creating if need be) every shard of the index at `path` for writing, shard 0 first:
// a second writer meets the lock of shard 0 before it has touched anything.
std::vector<Shard> open_shards(const std::filesystem::path& path, bool overwrite) {
  using index_layout::Kind;
  const Kind kind = index_layout::kind_of(path);
  std::vector<std::filesystem::path> paths = index_layout::shard_paths(path);
  if (kind != Kind::kSharded || paths.empty()) {
    paths.clear();
    for (std::size_t s = 0; s < index_layout::kDefaultShards; ++s) {
      paths.push_back(path / ("shard-" + std::to_string(s)));
    }
  }
  const int action = overwrite ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN;
  std::vector<Shard> shards;
  for (const std::filesystem::path& p : paths) {
    shards.push_back(
        Shard{Xapian::WritableDatabase(p.string(), action), shards.size(), paths.size(), 0});
  }
  if (kind != Kind::kSharded) {
    for (Shard& s : shards) {
      stamp_versions(s.db);
      s.db.commit();
    }
    write_stub(path, shards.size());
  }
  return shards;
}

}  // namespace

Result<IndexWriter> IndexWriter::open(const std::filesystem::path& path,
                                      const IndexWriterOptions& options) {
  using Clock = std::chrono::steady_clock;
  const auto deadline =
      Clock::now() + std::chrono::milliseconds(static_cast<long>(options.wait_seconds * 1000));
  for (;;) {
    try {
      std::filesystem::create_directories(path);
      if (index_layout::kind_of(path) == index_layout::Kind::kSingle) {
        if (!options.rebuild_if_outdated) {
          return make_error(ErrorCode::kCorrupt,
                            path.string() + ": index was built by an older sohoa as one database",
                            "rebuild it with `sohoa reindex`");
        }
        // The old database's lock first, so that an older sohoa still writing is waited for.
        Xapian::WritableDatabase(path.string(), Xapian::DB_OPEN).close();
        for (const char* name : {"iamglass", "iamchert", "flintlock"}) {
          std::filesystem::remove(path / name);
        }
        for (const auto& entry : std::filesystem::directory_iterator(path)) {
          if (entry.path().extension() == ".glass" || entry.path().extension() == ".tmp") {
            std::filesystem::remove(entry.path());
          }
        }
      }
      auto impl = std::make_unique<Impl>();
      impl->path = path;
      impl->shards = open_shards(path, false);
      if (std::any_of(impl->shards.begin(), impl->shards.end(),
                      [](const Shard& s) { return outdated(s.db); })) {
        const std::string version = impl->shards[0].db.get_metadata(std::string(kSchemaKey));
        if (!options.rebuild_if_outdated) {
          return make_error(ErrorCode::kCorrupt,
                            path.string() + ": index was built with schema '" + version +
                                "', this build uses " + std::string(schema::kSchemaVersion),
                            "rebuild it with `sohoa reindex`");
        }
        for (Shard& s : impl->shards) s.db.close();
        impl->shards = open_shards(path, true);
        for (Shard& s : impl->shards) {
          stamp_versions(s.db);
          s.db.commit();
        }
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
    } catch (const std::exception& e) {  // the folder or the stub file
      return make_error(ErrorCode::kIndex, path.string() + ": " + e.what(),
                        "check that the archive folder is writable");
    }
  }
}

Status IndexWriter::add(const Dossier& dossier) {
  try {
    impl_->settle();
    impl_->shard(dossier.id).put(id_term(dossier.id), make_document(dossier));
    return {};
  } catch (const Impl::IndexFailure& f) {
    return Status(f.error);
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

template <typename Build>
Status IndexWriter::add_many(std::size_t count, const Build& build, const AddedCallback& done) {
  Status result;
  try {
    impl_->settle();
    ShardLanes lanes(impl_->shards, impl_->path);
    impl_->lanes = &lanes;
    struct Detach {  // done() may have called commit(), which settles through lanes
      Impl& impl;
      ~Detach() { impl.lanes = nullptr; }
    } detach{*impl_};
    auto write = [&](std::size_t i, Built& b) {
      if (b.error) return done ? done(i, Status(*b.error)) : true;
      const std::size_t s = index_layout::shard_of(b.id, impl_->shards.size());
      if (!lanes.push(s, b.id, std::move(*b.doc))) return false;
      return done ? done(i, Status{}) : true;
    };
    run_pipeline(count, build, write);
    if (std::optional<Error> e = lanes.drain()) result = Status(*e);
  } catch (const Impl::IndexFailure& f) {
    result = Status(f.error);
  }
  return result;
}

Status IndexWriter::add_all(std::size_t count, const DossierLoader& load,
                            const AddedCallback& done) {
  return add_many(
      count,
      [&](std::size_t i) {
        Built b;
        Result<Dossier> d = load(i);
        if (!d) {
          b.error = d.error();
          return b;
        }
        b.id = d->id;
        b.doc = make_document(*d);
        return b;
      },
      done);
}

Status IndexWriter::add_all(const std::vector<Dossier>& dossiers) {
  return add_many(
      dossiers.size(),
      [&](std::size_t i) {
        return Built{dossiers[i].id, make_document(dossiers[i]), std::nullopt};
      },
      nullptr);
}

Status IndexWriter::remove(const std::string& id) {
  try {
    impl_->settle();
    Shard& shard = impl_->shard(id);
    shard.db.delete_document(id_term(id));
    shard.changed();
    return {};
  } catch (const Impl::IndexFailure& f) {
    return Status(f.error);
  } catch (const Xapian::Error& e) {
    return index_error(impl_->path, e);
  }
}

bool IndexWriter::contains(const std::string& id) const {
  try {
    impl_->settle();
    return impl_->shard(id).db.term_exists(id_term(id));
  } catch (const Impl::IndexFailure&) {
    return false;
  } catch (const Xapian::Error&) {
    return false;
  }
}

Result<std::vector<std::string>> IndexWriter::ids() const {
  try {
    impl_->settle();
    std::vector<std::string> out;
    const std::string prefix(schema::kIdPrefix);
    for (Shard& shard : impl_->shards) {
      for (auto t = shard.db.allterms_begin(prefix); t != shard.db.allterms_end(prefix); ++t) {
        out.push_back((*t).substr(prefix.size()));
      }
    }
    std::sort(out.begin(), out.end());
    return out;
  } catch (const Impl::IndexFailure& f) {
    return f.error;
  } catch (const Xapian::Error& e) {
    return index_error(impl_->path, e);
  }
}

Status IndexWriter::commit() {
  try {
    impl_->settle();
    for (Shard& shard : impl_->shards) {
      shard.db.commit();
      shard.pending = 0;
    }
    return {};
  } catch (const Impl::IndexFailure& f) {
    return Status(f.error);
  } catch (const Xapian::Error& e) {
    return index_error(impl_->path, e);
  }
}

Result<IndexInventory> read_inventory(const std::filesystem::path& path) {
  if (index_layout::kind_of(path) == index_layout::Kind::kNone) {
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
