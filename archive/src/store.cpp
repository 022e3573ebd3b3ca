#include "sohoa/archive/store.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <vector>

namespace sohoa {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kFormat = "sohoa-archive 1\n";

std::string hex(const unsigned char* data, unsigned len) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(len * 2, '0');
  for (unsigned i = 0; i < len; ++i) {
    out[2 * i] = kDigits[data[i] >> 4];
    out[2 * i + 1] = kDigits[data[i] & 15];
  }
  return out;
}

struct DigestDeleter {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using Digest = std::unique_ptr<EVP_MD_CTX, DigestDeleter>;

Digest new_sha256() {
  Digest ctx(EVP_MD_CTX_new());
  EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
  return ctx;
}

std::string finish(EVP_MD_CTX* ctx) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned len = 0;
  EVP_DigestFinal_ex(ctx, md.data(), &len);
  return hex(md.data(), len);
}

std::string errno_text(int err) { return std::strerror(err); }

Error io_error(const fs::path& path, const std::string& what, int err) {
  std::string hint;
  if (err == ENOSPC) hint = "the disk is full: free some space and run the command again";
  if (err == EACCES || err == EPERM) hint = "check the permissions of the archive folder";
  return make_error(ErrorCode::kIo, path.string() + ": " + what + ": " + errno_text(err), hint);
}

Status fsync_path(const fs::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return io_error(path, "cannot open for fsync", errno);
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) return io_error(path, "fsync failed", err);
  return {};
}

std::string unique_tmp_name() {
  static std::atomic<unsigned long> counter{0};
  std::ostringstream name;
  name << getpid() << '-' << counter++ << ".tmp";
  return name.str();
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  Digest ctx = new_sha256();
  EVP_DigestUpdate(ctx.get(), bytes.data(), bytes.size());
  return finish(ctx.get());
}

Result<std::string> sha256_file(const fs::path& file) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return make_error(ErrorCode::kInvalidInput,
                      file.string() + ": cannot be read: " + errno_text(errno));
  }
  Digest ctx = new_sha256();
  std::array<char, 1 << 16> buffer{};
  for (;;) {
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n < 0) {
      const int err = errno;
      ::close(fd);
      return make_error(ErrorCode::kInvalidInput,
                        file.string() + ": cannot be read: " + errno_text(err));
    }
    if (n == 0) break;
    EVP_DigestUpdate(ctx.get(), buffer.data(), static_cast<std::size_t>(n));
  }
  ::close(fd);
  return finish(ctx.get());
}

Result<Archive> Archive::open(const fs::path& root_in, Mode mode) {
  std::error_code ec;
  const fs::path root = fs::absolute(root_in, ec);
  const fs::path format_file = root / "FORMAT";
  if (!fs::exists(format_file, ec)) {
    if (mode == Mode::kOpenExisting) {
      return make_error(ErrorCode::kNotFound, root.string() + ": no sohoa archive here",
                        "ingest some dossiers first, or pass --archive DIR");
    }
    if (fs::exists(root, ec) && !fs::is_empty(root, ec)) {
      return make_error(ErrorCode::kCorrupt,
                        root.string() + ": folder exists, is not empty and is not a sohoa archive",
                        "choose an empty or new folder with --archive");
    }
    for (const char* sub : {"blobs", "records", "index", "tmp"}) {
      fs::create_directories(root / sub, ec);
      if (ec) return io_error(root / sub, "cannot create folder", ec.value());
    }
    Archive archive(root);
    if (Status s = archive.write_atomically(format_file, kFormat); !s) return s.error();
    return archive;
  }
  std::ifstream in(format_file);
  std::string first_line;
  std::getline(in, first_line);
  if (first_line + "\n" != kFormat) {
    return make_error(
        ErrorCode::kCorrupt,
        root.string() + ": archive format '" + first_line + "' is not supported",
        "this build reads '" + std::string(kFormat.substr(0, kFormat.size() - 1)) + "'");
  }
  fs::create_directories(root / "tmp", ec);
  return Archive(root);
}

fs::path Archive::blob_path(const std::string& sha256) const {
  return root_ / "blobs" / sha256.substr(0, 2) / sha256;
}

bool Archive::has_blob(const std::string& sha256) const {
  std::error_code ec;
  return fs::exists(blob_path(sha256), ec);
}

fs::path Archive::record_path(const std::string& id) const {
  return root_ / "records" / id.substr(0, 2) / (id + ".json");
}

bool Archive::has_record(const std::string& id) const {
  std::error_code ec;
  return fs::exists(record_path(id), ec);
}

// Writes what `fill` produces (chunk by chunk) to a file in tmp/, fsyncs it, renames it over
// `target` and fsyncs the folder. `fill(fd)` returns an error to abandon the file.
template <typename Fill>
Status Archive::write_via_tmp(const fs::path& target, Fill&& fill) const {
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec) return io_error(target.parent_path(), "cannot create folder", ec.value());
  const fs::path tmp = root_ / "tmp" / unique_tmp_name();
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return io_error(tmp, "cannot create", errno);
  Status filled = fill(fd);
  if (filled.ok() && ::fsync(fd) != 0) filled = io_error(target, "cannot write", errno);
  ::close(fd);
  if (!filled) {
    fs::remove(tmp, ec);
    return filled;
  }
  if (::rename(tmp.c_str(), target.c_str()) != 0) {
    const int err = errno;
    fs::remove(tmp, ec);
    return io_error(target, "cannot move into place", err);
  }
  return fsync_path(target.parent_path(), O_RDONLY | O_DIRECTORY);
}

namespace {

Status write_all(int fd, std::string_view bytes, const fs::path& target) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return io_error(target, "cannot write", errno);
    }
    done += static_cast<std::size_t>(n);
  }
  return {};
}

}  // namespace

Status Archive::write_atomically(const fs::path& target, std::string_view bytes) const {
  return write_via_tmp(target, [&](int fd) { return write_all(fd, bytes, target); });
}

Status Archive::write_file(const fs::path& relative, std::string_view bytes) const {
  return write_atomically(root_ / relative, bytes);
}

Status Archive::store_blob(const fs::path& file, const std::string& sha256) const {
  if (has_blob(sha256)) return {};
  // Copied in chunks (a scanned box can be a PDF of hundreds of megabytes) and hashed on the
  // way, so a file that changed since it was read is not stored under the wrong name.
  const fs::path target = blob_path(sha256);
  return write_via_tmp(target, [&](int out) -> Status {
    const int in = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (in < 0) {
      return make_error(ErrorCode::kInvalidInput,
                        file.string() + ": cannot be read: " + errno_text(errno));
    }
    Digest ctx = new_sha256();
    std::vector<char> buffer(1 << 20);
    Status status;
    for (;;) {
      const ssize_t n = ::read(in, buffer.data(), buffer.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        status = make_error(ErrorCode::kInvalidInput,
                            file.string() + ": cannot be read: " + errno_text(errno));
        break;
      }
      if (n == 0) break;
      EVP_DigestUpdate(ctx.get(), buffer.data(), static_cast<std::size_t>(n));
      status = write_all(out, std::string_view(buffer.data(), static_cast<std::size_t>(n)), target);
      if (!status) break;
    }
    ::close(in);
    if (status.ok() && finish(ctx.get()) != sha256) {
      status = make_error(ErrorCode::kInvalidInput, file.string() + ": changed while it was read",
                          "wait until the scanner has finished writing it and run again");
    }
    return status;
  });
}

Result<Dossier> Archive::load_record(const std::string& id) const {
  const fs::path path = record_path(id);
  std::ifstream in(path);
  if (!in) {
    return make_error(ErrorCode::kNotFound, "no dossier with id '" + id + "' in " + root_.string(),
                      "list dossiers with `sohoa search` or `sohoa export`");
  }
  try {
    nlohmann::json j = nlohmann::json::parse(in);
    Result<Dossier> d = record_from_json(j);
    if (!d) return make_error(ErrorCode::kCorrupt, path.string() + ": " + d.error().message);
    return d;
  } catch (const nlohmann::json::exception& e) {
    return make_error(ErrorCode::kCorrupt, path.string() + ": not valid JSON: " + e.what(),
                      "run `sohoa verify`");
  }
}

Status Archive::save_record(const Dossier& dossier) const {
  // Text that is not whole UTF-8 (a plugin's or OCR's bytes cut inside a character) is saved
  // with U+FFFD in its place: a record is never lost to one bad byte.
  return write_atomically(
      record_path(dossier.id),
      record_to_json(dossier).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) +
          "\n");
}

namespace {

// Names of the regular files two levels under `folder` (folder/ab/NAME), with `extension`
// removed, sorted.
Result<std::vector<std::string>> list_sharded(const fs::path& folder, std::string_view extension) {
  std::vector<std::string> names;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(folder, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it.depth() == 1 && it->is_regular_file() && it->path().extension() == extension) {
      names.push_back(extension.empty() ? it->path().filename().string()
                                        : it->path().stem().string());
    }
  }
  if (ec) return io_error(folder, "cannot list", ec.value());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

Result<std::vector<std::string>> Archive::list_ids() const {
  return list_sharded(root_ / "records", ".json");
}

Result<std::vector<std::string>> Archive::list_blobs() const {
  return list_sharded(root_ / "blobs", "");
}

std::vector<fs::path> Archive::tmp_files() const {
  std::vector<fs::path> files;
  std::error_code ec;
  for (auto it = fs::directory_iterator(root_ / "tmp", ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

Status Archive::clean_tmp() const {
  for (const fs::path& f : tmp_files()) {
    std::error_code ec;
    fs::remove_all(f, ec);
    if (ec) return io_error(f, "cannot remove", ec.value());
  }
  return {};
}

}  // namespace sohoa
