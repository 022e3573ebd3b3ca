// Reading one page of an input file: decode → separator sheet? → preprocess → OCR.
// Shared by the ingest job and the retry of degraded pages. Internal to sohoa_pipeline.
//
// Thread-safety: read_page may run on many threads at once, each with its own engine.
#pragma once

#include <filesystem>
#include <string>

#include "sohoa/archive/record.h"
#include "sohoa/pipeline/decode.h"
#include "sohoa/pipeline/ocr.h"
#include "sohoa/pipeline/preprocess.h"
#include "sohoa/result.h"

namespace sohoa {

struct SourceFile {
  std::filesystem::path path;  // where the bytes are read from
  InputKind kind = InputKind::kOther;
  std::string sha256;
  int pages = 0;
};

struct PageTask {
  PreprocessConfig preprocess;
  bool find_separators = false;  // look for a separator sheet's QR code first
};

// The page `source_page` (from 1) of `file`, recognised. `page.source` is `file.path`;
// a separator sheet comes back with `separator` set and its code as text, not OCRed; a blank
// page with `blank` set, not OCRed. Errors: kInvalidInput (cannot decode), kOcr.
Result<Page> read_page(OcrEngine& engine, const SourceFile& file, int source_page,
                       const PageTask& task);

}  // namespace sohoa
