#include "sohoa/archive/verify.h"

#include <map>
#include <set>

#include "document.h"
#include "sohoa/archive/index.h"
#include "sohoa/archive/schema.h"

namespace sohoa {
namespace {

constexpr std::string_view kReindex = "sohoa reindex";
constexpr std::string_view kIngestAgain = "ingest the dossier's original files again";

class Verifier {
 public:
  explicit Verifier(const Archive& archive) : archive_(archive) {}

  Result<VerifyReport> run() {
    Result<std::vector<std::string>> ids = archive_.list_ids();
    if (!ids) return ids.error();
    Result<std::vector<std::string>> blobs = archive_.list_blobs();
    if (!blobs) return blobs.error();
    report_.records = static_cast<unsigned>(ids->size());
    report_.blobs = static_cast<unsigned>(blobs->size());
    check_blobs(*blobs);
    for (const std::string& id : *ids) check_record(id);
    check_index();
    for (const std::string& sha : *blobs) {
      if (!referenced_.count(sha)) {
        note("blob " + sha, "no dossier refers to it (an ingest stopped before its record)", "");
      }
    }
    for (const auto& f : archive_.tmp_files()) {
      note("tmp/" + f.filename().string(), "left by a writer that stopped mid-write",
           "the next `sohoa ingest` or `sohoa reindex` removes it");
    }
    return std::move(report_);
  }

 private:
  void problem(std::string object, std::string what, std::string_view fix) {
    report_.problems.push_back({std::move(object), std::move(what), std::string(fix)});
  }
  void note(std::string object, std::string what, std::string fix) {
    report_.notes.push_back({std::move(object), std::move(what), std::move(fix)});
  }

  void check_blobs(const std::vector<std::string>& blobs) {
    for (const std::string& sha : blobs) {
      Result<std::string> actual = sha256_file(archive_.blob_path(sha));
      if (!actual) {
        problem("blob " + sha, actual.error().message, kIngestAgain);
      } else if (*actual != sha) {
        problem("blob " + sha, "its bytes hash to " + *actual + ": the file is damaged",
                kIngestAgain);
      } else {
        good_blobs_.insert(sha);
      }
    }
  }

  void check_record(const std::string& id) {
    Result<Dossier> d = archive_.load_record(id);
    if (!d) {
      problem("record " + id, d.error().message, kIngestAgain);
      return;
    }
    if (d->id != id) {
      problem("record " + id, "holds the id '" + d->id + "'", kIngestAgain);
      return;
    }
    digests_[id] = record_digest(*d);
    for (const Page& p : d->pages) {
      referenced_.insert(p.sha256);
      if (good_blobs_.count(p.sha256)) continue;
      const bool present = archive_.has_blob(p.sha256);
      problem("record " + id,
              "page " + std::to_string(p.number) + ": original " + p.sha256 +
                  (present ? " is damaged" : " is missing from the blob store"),
              kIngestAgain);
    }
  }

  void check_index() {
    Result<IndexInventory> inv = read_inventory(archive_.index_path());
    if (!inv) {
      problem("index", inv.error().message, kReindex);
      return;
    }
    report_.index_documents = inv->documents;
    if (inv->schema_version != schema::kSchemaVersion ||
        inv->folding_version != schema::kFoldingVersion) {
      problem("index",
              "built with schema '" + inv->schema_version + "' and folding '" +
                  inv->folding_version + "'; this build uses schema " +
                  std::string(schema::kSchemaVersion) + " and folding " +
                  std::string(schema::kFoldingVersion),
              kReindex);
    }
    for (const std::string& id : inv->duplicated) {
      problem("index entry " + id, "the dossier is indexed more than once", kReindex);
    }
    if (inv->documents_without_id > 0) {
      problem("index", std::to_string(inv->documents_without_id) + " documents have no dossier id",
              kReindex);
    }
    for (const auto& [id, digest] : digests_) {
      auto it = inv->ids.find(id);
      if (it == inv->ids.end()) {
        problem("record " + id, "is not in the index", kReindex);
      } else if (it->second != digest) {
        problem("index entry " + id, "was made from another version of the record", kReindex);
      }
    }
    for (const auto& [id, digest] : inv->ids) {
      if (!digests_.count(id) && !archive_.has_record(id)) {
        problem("index entry " + id, "has no record in the archive", kReindex);
      }
    }
  }

  const Archive& archive_;
  VerifyReport report_;
  std::set<std::string> good_blobs_;
  std::set<std::string> referenced_;
  std::map<std::string, std::string> digests_;  // id → digest of the readable records
};

}  // namespace

Result<VerifyReport> verify_archive(const Archive& archive) { return Verifier(archive).run(); }

}  // namespace sohoa
