// The archive folder: originals and dossier records on disk.
//
//   ROOT/FORMAT            archive format version ("sohoa-archive 1")
//   ROOT/blobs/ab/<sha256> original input files, content-addressed (deduplicated)
//   ROOT/records/ab/<id>.json  one record per dossier (the truth)
//   ROOT/index/            the Xapian index (derived; see index.h)
//   ROOT/tmp/              files being written; renamed into place when complete
//
// Every file is written to tmp/, fsynced, then renamed over its final name, and the folder is
// fsynced: a crash leaves either the old state or the new one, never a half-written file.
//
// Thread-safety: an Archive may be used from several threads at once for reading and for
// store_blob(); save_record() for the same id from two threads is last-writer-wins.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "sohoa/archive/record.h"
#include "sohoa/result.h"

namespace sohoa {

// Hex SHA-256 of a file's bytes; an error names the file if it cannot be read.
Result<std::string> sha256_file(const std::filesystem::path& file);
// Hex SHA-256 of a byte string.
std::string sha256_hex(std::string_view bytes);

class Archive {
 public:
  enum class Mode { kOpenExisting, kCreateIfMissing };

  // Opens the archive folder at `root`. kCreateIfMissing creates the folder layout.
  // Errors: kNotFound (no archive there and kOpenExisting), kIo (cannot create or read),
  // kCorrupt (a folder that is not a sohoa archive of a format this build reads).
  static Result<Archive> open(const std::filesystem::path& root, Mode mode);

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path index_path() const { return root_ / "index"; }

  // Copies `file` into the blob store unless a blob with its hash is already there.
  // `sha256` is the file's hash (from sha256_file). Errors: kIo naming the file.
  Status store_blob(const std::filesystem::path& file, const std::string& sha256) const;
  bool has_blob(const std::string& sha256) const;
  std::filesystem::path blob_path(const std::string& sha256) const;

  bool has_record(const std::string& id) const;
  // Errors: kNotFound (no such dossier), kCorrupt (unreadable record).
  Result<Dossier> load_record(const std::string& id) const;
  // Writes the record atomically. Errors: kIo (e.g. disk full), naming the record file.
  Status save_record(const Dossier& dossier) const;
  // Writes `bytes` atomically to ROOT/`relative` (folders created). For the archive's own
  // bookkeeping files (the ingest journal, the failure report). Errors: kIo.
  Status write_file(const std::filesystem::path& relative, std::string_view bytes) const;

  // Every dossier id in the archive, sorted.
  Result<std::vector<std::string>> list_ids() const;
  // Every blob hash in the archive, sorted.
  Result<std::vector<std::string>> list_blobs() const;
  // Files left in tmp/ by a writer that was killed mid-write.
  std::vector<std::filesystem::path> tmp_files() const;
  // Removes them. Only the process that holds the index writer lock may call this (ingest and
  // reindex do, right after IndexWriter::open), so no other writer's file is in flight.
  Status clean_tmp() const;

 private:
  explicit Archive(std::filesystem::path root) : root_(std::move(root)) {}
  std::filesystem::path record_path(const std::string& id) const;
  // Writes `bytes` to `target` via tmp/ + fsync + rename + fsync of the folder.
  Status write_atomically(const std::filesystem::path& target, std::string_view bytes) const;
  template <typename Fill>
  Status write_via_tmp(const std::filesystem::path& target, Fill&& fill) const;

  std::filesystem::path root_;
};

}  // namespace sohoa
