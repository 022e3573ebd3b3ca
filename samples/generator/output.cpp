#include "output.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <leptonica/allheaders.h>
#include <tiffio.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <utility>

#include <opencv2/imgproc.hpp>

#include "text.h"

namespace sohoa::samples {
namespace fs = std::filesystem;

namespace {

struct PixDeleter {
  void operator()(PIX* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

/// Bytes allocated by Leptonica, freed with lept_free.
struct LeptBytes {
  l_uint8* data = nullptr;
  size_t size = 0;
  ~LeptBytes() { lept_free(data); }
};

PixPtr to_pix(const ScannedPage& page) {
  const cv::Mat& img = page.image;
  const int depth = page.bitonal ? 1 : img.channels() == 1 ? 8 : 32;
  PixPtr pix(pixCreate(img.cols, img.rows, depth));
  if (!pix) throw std::runtime_error("out of memory creating an image");
  l_uint32* data = pixGetData(pix.get());
  const int wpl = pixGetWpl(pix.get());
  for (int y = 0; y < img.rows; ++y) {
    l_uint32* line = data + static_cast<ptrdiff_t>(y) * wpl;
    if (depth == 1) {
      const uchar* src = img.ptr<uchar>(y);
      for (int x = 0; x < img.cols; ++x) {
        if (src[x] < 128) SET_DATA_BIT(line, x);
      }
    } else if (depth == 8) {
      const uchar* src = img.ptr<uchar>(y);
      for (int x = 0; x < img.cols; ++x) SET_DATA_BYTE(line, x, src[x]);
    } else {
      const cv::Vec3b* src = img.ptr<cv::Vec3b>(y);
      for (int x = 0; x < img.cols; ++x) {
        composeRGBPixel(src[x][2], src[x][1], src[x][0], line + x);
      }
    }
  }
  pixSetResolution(pix.get(), page.dpi, page.dpi);
  return pix;
}

bool lossy(const ScannedPage& page) { return page.jpeg_quality > 0 && !page.bitonal; }

std::string encode_png(const ScannedPage& page) {
  PixPtr pix = to_pix(page);
  LeptBytes bytes;
  if (pixWriteMemPng(&bytes.data, &bytes.size, pix.get(), 0.0f) != 0) {
    throw std::runtime_error("PNG encoding failed");
  }
  return std::string(reinterpret_cast<const char*>(bytes.data), bytes.size);
}

std::string encode_jpeg(const ScannedPage& page) {
  PixPtr pix = to_pix(page);
  LeptBytes bytes;
  if (pixWriteMemJpeg(&bytes.data, &bytes.size, pix.get(), page.jpeg_quality, 0) != 0) {
    throw std::runtime_error("JPEG encoding failed");
  }
  return std::string(reinterpret_cast<const char*>(bytes.data), bytes.size);
}

void write_file(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

// ---- PDF -----------------------------------------------------------------------------------

cairo_surface_t* image_surface(const ScannedPage& page) {
  const cv::Mat& img = page.image;
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, img.cols, img.rows);
  cairo_surface_flush(surface);
  unsigned char* data = cairo_image_surface_get_data(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  cv::Mat bgra(img.rows, img.cols, CV_8UC4, data, static_cast<size_t>(stride));
  if (img.channels() == 1) {
    cv::cvtColor(img, bgra, cv::COLOR_GRAY2BGRA);
  } else {
    cv::cvtColor(img, bgra, cv::COLOR_BGR2BGRA);
  }
  cairo_surface_mark_dirty(surface);
  return surface;
}

void attach(cairo_surface_t* surface, const char* mime, const void* bytes, size_t size) {
  auto* copy = static_cast<unsigned char*>(std::malloc(size));
  if (copy == nullptr) throw std::bad_alloc();
  std::memcpy(copy, bytes, size);
  if (cairo_surface_set_mime_data(surface, mime, copy, size, std::free, copy) !=
      CAIRO_STATUS_SUCCESS) {
    std::free(copy);
    throw std::runtime_error("cannot attach image data to the PDF page");
  }
}

/// G4 for bitonal pages, JPEG for lossy pages, otherwise cairo's own Flate (DeviceGray).
void attach_compressed(cairo_surface_t* surface, const ScannedPage& page) {
  if (page.bitonal) {
    PixPtr pix = to_pix(page);
    L_COMP_DATA* cid = nullptr;
    if (pixGenerateCIData(pix.get(), L_G4_ENCODE, 0, 0, &cid) != 0 || cid == nullptr) {
      throw std::runtime_error("G4 encoding failed");
    }
    attach(surface, CAIRO_MIME_TYPE_CCITT_FAX, cid->datacomp, cid->nbytescomp);
    l_CIDataDestroy(&cid);
    const std::string params = "Columns=" + std::to_string(page.image.cols) +
                               " Rows=" + std::to_string(page.image.rows) + " K=-1";
    attach(surface, CAIRO_MIME_TYPE_CCITT_FAX_PARAMS, params.data(), params.size());
  } else if (lossy(page)) {
    const std::string jpeg = encode_jpeg(page);
    attach(surface, CAIRO_MIME_TYPE_JPEG, jpeg.data(), jpeg.size());
  }
}

double points(int px, int dpi) { return px * 72.0 / dpi; }

/// Adds one image page to an open cairo PDF surface.
void pdf_page(cairo_surface_t* pdf, cairo_t* cr, const ScannedPage& page) {
  cairo_pdf_surface_set_size(pdf, points(page.image.cols, page.dpi),
                             points(page.image.rows, page.dpi));
  cairo_surface_t* image = image_surface(page);
  try {
    attach_compressed(image, page);
  } catch (...) {
    cairo_surface_destroy(image);
    throw;
  }
  cairo_save(cr);
  cairo_scale(cr, 72.0 / page.dpi, 72.0 / page.dpi);
  cairo_set_source_surface(cr, image, 0, 0);
  cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_FAST);  // no /Interpolate
  cairo_paint(cr);
  cairo_restore(cr);
  cairo_show_page(cr);
  cairo_surface_destroy(image);
}

// ---- TIFF ----------------------------------------------------------------------------------

/// Writes one page directory; false on a libtiff error. `count` 0: total not known yet.
bool tiff_page(TIFF* tif, const ScannedPage& page, int index, int count) {
  const cv::Mat& img = page.image;
  const bool colour = img.channels() == 3;
  TIFFSetField(tif, TIFFTAG_SUBFILETYPE, FILETYPE_PAGE);
  TIFFSetField(tif, TIFFTAG_PAGENUMBER, static_cast<uint16_t>(index), static_cast<uint16_t>(count));
  TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, static_cast<uint32_t>(img.cols));
  TIFFSetField(tif, TIFFTAG_IMAGELENGTH, static_cast<uint32_t>(img.rows));
  TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
  TIFFSetField(tif, TIFFTAG_XRESOLUTION, static_cast<float>(page.dpi));
  TIFFSetField(tif, TIFFTAG_YRESOLUTION, static_cast<float>(page.dpi));
  TIFFSetField(tif, TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH);
  TIFFSetField(tif, TIFFTAG_SOFTWARE, "sohoa-samples");
  const uint32_t rows_per_strip = 64;
  TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, rows_per_strip);
  if (page.bitonal) {
    TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, 1);
    TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, 1);
    TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISWHITE);
    TIFFSetField(tif, TIFFTAG_COMPRESSION, COMPRESSION_CCITTFAX4);
    TIFFSetField(tif, TIFFTAG_FILLORDER, FILLORDER_MSB2LSB);
  } else {
    TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, 8);
    TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, colour ? 3 : 1);
    if (lossy(page)) {
      TIFFSetField(tif, TIFFTAG_COMPRESSION, COMPRESSION_JPEG);
      TIFFSetField(tif, TIFFTAG_JPEGQUALITY, page.jpeg_quality);
      if (colour) {
        TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_YCBCR);
        TIFFSetField(tif, TIFFTAG_JPEGCOLORMODE, JPEGCOLORMODE_RGB);
      } else {
        TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
      }
    } else {
      TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, colour ? PHOTOMETRIC_RGB : PHOTOMETRIC_MINISBLACK);
      TIFFSetField(tif, TIFFTAG_COMPRESSION, COMPRESSION_ADOBE_DEFLATE);
      TIFFSetField(tif, TIFFTAG_PREDICTOR, PREDICTOR_HORIZONTAL);
      TIFFSetField(tif, TIFFTAG_ZIPQUALITY, 9);
    }
  }
  // Pack rows: 1 bit (1 = black) or interleaved RGB / grey bytes.
  const size_t row_bytes = page.bitonal ? (static_cast<size_t>(img.cols) + 7) / 8
                                        : static_cast<size_t>(img.cols) * (colour ? 3 : 1);
  std::vector<unsigned char> strip;
  for (uint32_t y0 = 0, s = 0; y0 < static_cast<uint32_t>(img.rows); y0 += rows_per_strip, ++s) {
    const uint32_t n = std::min<uint32_t>(rows_per_strip, static_cast<uint32_t>(img.rows) - y0);
    strip.assign(row_bytes * n, 0);
    for (uint32_t r = 0; r < n; ++r) {
      unsigned char* dst = strip.data() + r * row_bytes;
      const int y = static_cast<int>(y0 + r);
      if (page.bitonal) {
        const uchar* src = img.ptr<uchar>(y);
        for (int x = 0; x < img.cols; ++x) {
          if (src[x] < 128) dst[x / 8] |= static_cast<unsigned char>(0x80 >> (x % 8));
        }
      } else if (colour) {
        const cv::Vec3b* src = img.ptr<cv::Vec3b>(y);
        for (int x = 0; x < img.cols; ++x) {
          dst[3 * x] = src[x][2];
          dst[3 * x + 1] = src[x][1];
          dst[3 * x + 2] = src[x][0];
        }
      } else {
        std::memcpy(dst, img.ptr<uchar>(y), row_bytes);
      }
    }
    if (TIFFWriteEncodedStrip(tif, s, strip.data(), static_cast<tmsize_t>(strip.size())) < 0) {
      return false;
    }
  }
  return TIFFWriteDirectory(tif) != 0;
}

}  // namespace

struct PageWriter::Handles {
  cairo_surface_t* pdf = nullptr;
  cairo_t* cr = nullptr;
  TIFF* tif = nullptr;
};

const char* container_name(Container container) {
  switch (container) {
    case Container::kFolder:
      return "folder";
    case Container::kPdf:
      return "pdf";
    case Container::kTiff:
      return "tiff";
  }
  return "folder";
}

PageWriter::PageWriter(fs::path path, Container container, int digits, int total_pages)
    : h_(std::make_unique<Handles>()),
      path_(std::move(path)),
      container_(container),
      digits_(digits),
      total_(total_pages) {
  if (container_ == Container::kFolder) {
    fs::create_directories(path_);
  } else {
    fs::create_directories(path_.parent_path());
  }
  if (container_ == Container::kTiff) {
    h_->tif = TIFFOpen(path_.c_str(), "w");
    if (h_->tif == nullptr) throw std::runtime_error("cannot create " + path_.string());
  }
}

PageWriter::~PageWriter() { release(); }

void PageWriter::release() noexcept {
  if (h_->cr != nullptr) cairo_destroy(h_->cr);
  if (h_->pdf != nullptr) {
    cairo_surface_finish(h_->pdf);
    cairo_surface_destroy(h_->pdf);
  }
  if (h_->tif != nullptr) TIFFClose(h_->tif);
  h_->cr = nullptr;
  h_->pdf = nullptr;
  h_->tif = nullptr;
}

void PageWriter::add(const ScannedPage& page) {
  switch (container_) {
    case Container::kFolder: {
      const std::string stem = "page-" + zero_pad(static_cast<int64_t>(pages_ + 1), digits_);
      if (lossy(page)) {
        write_file(path_ / (stem + ".jpg"), encode_jpeg(page));
      } else {
        write_file(path_ / (stem + ".png"), encode_png(page));
      }
      break;
    }
    case Container::kPdf:
      if (h_->pdf == nullptr) {
        // The first page's size opens the document; every page then sets its own.
        h_->pdf = cairo_pdf_surface_create(path_.c_str(), points(page.image.cols, page.dpi),
                                           points(page.image.rows, page.dpi));
        // A fixed creation date keeps the file identical from run to run.
        cairo_pdf_surface_set_metadata(h_->pdf, CAIRO_PDF_METADATA_CREATE_DATE,
                                       "2026-01-01T00:00:00Z");
        cairo_pdf_surface_set_metadata(h_->pdf, CAIRO_PDF_METADATA_MOD_DATE,
                                       "2026-01-01T00:00:00Z");
        cairo_pdf_surface_set_metadata(h_->pdf, CAIRO_PDF_METADATA_CREATOR, "sohoa-samples");
        h_->cr = cairo_create(h_->pdf);
      }
      pdf_page(h_->pdf, h_->cr, page);
      break;
    case Container::kTiff:
      if (h_->tif == nullptr) throw std::runtime_error("cannot write " + path_.string());
      if (!tiff_page(h_->tif, page, pages_, total_)) {
        release();
        throw std::runtime_error("cannot write " + path_.string() + ": page " +
                                 std::to_string(pages_ + 1) + " failed");
      }
      break;
  }
  ++pages_;
}

void PageWriter::close() {
  if (pages_ == 0) throw std::runtime_error(path_.string() + " would have no pages");
  if (container_ == Container::kPdf && h_->pdf != nullptr) {
    cairo_destroy(h_->cr);
    h_->cr = nullptr;
    cairo_surface_finish(h_->pdf);
    const cairo_status_t status = cairo_surface_status(h_->pdf);
    cairo_surface_destroy(h_->pdf);
    h_->pdf = nullptr;
    if (status != CAIRO_STATUS_SUCCESS) {
      throw std::runtime_error("cannot write " + path_.string() + ": " +
                               cairo_status_to_string(status));
    }
  }
  release();
}

std::string write_dossier(const fs::path& out_dir, const std::string& name, Container container,
                          const std::vector<ScannedPage>& pages) {
  if (pages.empty()) throw std::runtime_error("dossier " + name + " has no pages");
  const std::string relative = "dossiers/" + name + container_suffix(container);
  PageWriter writer(out_dir / relative, container, 3, static_cast<int>(pages.size()));
  for (const ScannedPage& page : pages) writer.add(page);
  writer.close();
  return relative;
}

const char* container_suffix(Container container) {
  switch (container) {
    case Container::kFolder:
      return "";
    case Container::kPdf:
      return ".pdf";
    case Container::kTiff:
      return ".tif";
  }
  return "";
}

void write_json(const fs::path& path, const nlohmann::ordered_json& value) {
  fs::create_directories(path.parent_path());
  write_file(path, value.dump(2) + "\n");
}

}  // namespace sohoa::samples
