// Helpers shared by the tests: temporary folders and real images, TIFFs and PDFs rendered with
// pangocairo, so that tests never depend on files outside the repository.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "sohoa/pipeline/image.h"

namespace sohoa::test {

// A fresh folder under $TMPDIR, removed with everything in it when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// Renders lines of text (Liberation Serif 13 pt) black on white at `dpi`, 8-bit grey, with the
// resolution set in the image.
Image render_text(const std::vector<std::string>& lines, int dpi = 300);

// A separator sheet: an A4 page at `dpi` with `payload` as a QR code (about 4 cm wide, made
// with OpenCV's QR encoder) and the words "TỜ PHÂN CÁCH HỒ SƠ" under it.
Image render_separator(const std::string& payload, int dpi = 300);

// A blank A4 page at `dpi`: white paper with a few specks of dust.
Image render_blank(int dpi = 300);

// Writes the pages into one multi-page TIFF (LZW).
void write_tiff(const std::filesystem::path& file, const std::vector<PIX*>& pages);

// Writes a PDF whose pages carry the given texts (one entry per page, lines split at '\n').
void write_pdf(const std::filesystem::path& file, const std::vector<std::string>& pages);

void write_file(const std::filesystem::path& file, const std::string& bytes);
std::string read_file(const std::filesystem::path& file);

// The repository's committed sample set (samples/committed).
std::filesystem::path samples_dir();

// Small files the tests read (tests/data; see its README).
std::filesystem::path data_dir();

struct CommandRun {
  int exit_code = -1;  // -1 if it did not exit normally
  std::string out;
  std::string err;
};
// Runs `argv` (argv[0] the program) through the shell with stdin from /dev/null, capturing
// stdout and stderr (both into `out` when `merge_stderr`).
CommandRun run_command(const std::vector<std::string>& argv, bool merge_stderr = false);

}  // namespace sohoa::test
