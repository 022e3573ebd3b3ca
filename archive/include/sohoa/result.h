// The one error currency of sohoa.
//
// Every fallible operation returns Result<T>: either a value or an Error that says what went
// wrong, which file it concerns and what the user can do about it. Exceptions thrown by
// third-party libraries (Xapian, Tesseract, Leptonica, poppler, Boost, plugins) are caught at
// the boundary where sohoa calls them and turned into an Error; they never cross a public API.
//
// Thread-safety: plain values; no shared state.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace sohoa {

enum class ErrorCode {
  kUsage,         // the caller asked for something impossible (bad option, bad query)
  kNotFound,      // a file, dossier or record does not exist
  kInvalidInput,  // an input file is unreadable, corrupt, empty or absurd
  kIo,            // reading or writing the archive failed (disk full, permissions)
  kCorrupt,       // archive content does not match what it should be
  kOcr,           // the OCR engine failed
  kIndex,         // the search index failed
  kLocked,        // another process holds the archive for writing
  kInternal,      // a bug: an invariant did not hold
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;  // what went wrong, naming the file or object concerned
  std::string hint;     // what the user can do about it; may be empty

  // The process exit code the CLI uses for this error (see DESIGN.md: 1 failed input, 2 usage).
  int exit_code() const { return code == ErrorCode::kUsage ? 2 : 1; }
  // "message (hint)" for printing.
  std::string describe() const { return hint.empty() ? message : message + " (" + hint + ")"; }
};

inline Error make_error(ErrorCode code, std::string message, std::string hint = {}) {
  return Error{code, std::move(message), std::move(hint)};
}

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Result<void>;

}  // namespace sohoa
