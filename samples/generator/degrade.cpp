#include "degrade.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "marks.h"

namespace sohoa::samples {
namespace {

/// A smooth random field in [lo, hi] of the given size (bicubic upsampling of a coarse grid).
cv::Mat smooth_field(cv::Size size, int cells, double lo, double hi, Rng& rng) {
  cv::Mat coarse(cells, cells, CV_32F);
  for (int y = 0; y < cells; ++y) {
    for (int x = 0; x < cells; ++x)
      coarse.at<float>(y, x) = static_cast<float>(rng.uniform(lo, hi));
  }
  cv::Mat field;
  cv::resize(coarse, field, size, 0, 0, cv::INTER_CUBIC);
  cv::min(field, hi, field);
  cv::max(field, lo, field);
  return field;
}

/// A linear brightness ramp across the page in a random direction, from 1 down to 1 - depth.
cv::Mat lighting_ramp(cv::Size size, double depth, Rng& rng) {
  const double angle = rng.uniform(0, 2 * 3.14159265358979);
  const double dx = std::cos(angle);
  const double dy = std::sin(angle);
  const double span = std::abs(dx) * size.width + std::abs(dy) * size.height;
  const double origin = std::min(0.0, dx * size.width) + std::min(0.0, dy * size.height);
  cv::Mat ramp(size, CV_32F);
  for (int y = 0; y < size.height; ++y) {
    float* row = ramp.ptr<float>(y);
    for (int x = 0; x < size.width; ++x) {
      const double t = (dx * x + dy * y - origin) / span;
      row[x] = static_cast<float>(1.0 - depth * t * t);
    }
  }
  return ramp;
}

cv::Mat rotate_page(const cv::Mat& image, double degrees, const cv::Scalar& paper) {
  const cv::Point2f centre(image.cols / 2.0f, image.rows / 2.0f);
  const cv::Mat m = cv::getRotationMatrix2D(centre, degrees, 1.0);
  cv::Mat out;
  cv::warpAffine(image, out, m, image.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, paper);
  return out;
}

cv::Mat resample(const cv::Mat& image, int dpi) {
  const double f = static_cast<double>(dpi) / kRenderDpi;
  const cv::Size size(static_cast<int>(std::lround(image.cols * f)),
                      static_cast<int>(std::lround(image.rows * f)));
  cv::Mat out;
  cv::resize(image, out, size, 0, 0, cv::INTER_AREA);
  return out;
}

/// Adds gaussian noise (drawn with OpenCV's own deterministic generator, seeded from `rng`).
void add_noise(cv::Mat& f32, double sigma, Rng& rng) {
  cv::RNG cv_rng(rng.next());
  cv::Mat noise(f32.size(), f32.type());
  cv_rng.fill(noise, cv::RNG::NORMAL, 0.0, sigma);
  f32 += noise;
}

ScannedPage office_scan(const RenderedPage& page, const ScanSettings& settings, Rng& rng) {
  cv::Mat img = page.image.clone();
  for (const cv::Rect& sig : page.signatures) {
    if (page.seal.top.empty() || !rng.chance(0.9)) continue;
    const int diameter = static_cast<int>(rng.uniform(36, 42) * kRenderDpi / 25.4);
    const cv::Mat mask = seal_mask(page.seal, diameter, rng);
    const cv::Point centre(sig.x + static_cast<int>(sig.width * rng.uniform(0.0, 0.3)),
                           sig.y + static_cast<int>(sig.height * rng.uniform(0.3, 0.7)));
    const cv::Mat turned = rotate_page(mask, rng.uniform(-40, 40), cv::Scalar(0));
    stamp(img, turned, centre, rng.uniform(0.75, 0.92));
  }
  // Slightly warm paper: red and green alike, blue a little lower (BGR order).
  const double base = rng.uniform(236, 249);
  const cv::Scalar paper(base - rng.uniform(6, 14), base,
                         std::min(255.0, base + rng.uniform(0, 3)));
  // Paper tint: white becomes the scanner's paper colour.
  cv::Mat tinted;
  img.convertTo(tinted, CV_32FC3);
  cv::multiply(tinted, cv::Scalar(paper[0] / 255, paper[1] / 255, paper[2] / 255), tinted);
  tinted.convertTo(img, CV_8UC3);
  img = rotate_page(img, rng.uniform(-2.0, 2.0), paper);
  cv::GaussianBlur(img, img, cv::Size(0, 0), rng.uniform(0.5, 0.9));
  img = resample(img, 240);

  cv::Mat f;
  img.convertTo(f, CV_32FC3);
  const cv::Mat ramp = lighting_ramp(f.size(), rng.uniform(0.04, 0.12), rng);
  std::vector<cv::Mat> channels;
  cv::split(f, channels);
  for (cv::Mat& ch : channels) cv::multiply(ch, ramp, ch);
  // Sensor noise, mostly shared between channels (luminance) with a little chroma.
  cv::Mat luma(f.size(), CV_32F, cv::Scalar(0));
  add_noise(luma, rng.uniform(2.0, 3.5), rng);
  for (cv::Mat& ch : channels) {
    ch += luma;
    add_noise(ch, 1.0, rng);
  }
  cv::merge(channels, f);

  ScannedPage out;
  f.convertTo(out.image, CV_8UC3);
  out.dpi = 240;
  out.jpeg_quality = settings.jpeg_quality;
  return out;
}

ScannedPage backlog_scan(const RenderedPage& page, const ScanSettings& settings, Rng& rng) {
  cv::Mat grey;
  cv::cvtColor(page.image, grey, cv::COLOR_BGR2GRAY);
  const double white = rng.uniform(222, 242);
  grey = rotate_page(grey, rng.uniform(-3.5, 3.5), cv::Scalar(255));
  cv::GaussianBlur(grey, grey, cv::Size(0, 0), rng.uniform(0.7, 1.2));
  const int dpi = settings.dpi;
  grey = resample(grey, dpi);

  cv::Mat f;
  grey.convertTo(f, CV_32F, 1.0 / 255);
  // Faded toner: black raised unevenly across the page, white dulled.
  const cv::Mat black = smooth_field(f.size(), 4, rng.uniform(35, 70), rng.uniform(85, 125), rng);
  cv::Mat range = white - black;
  cv::multiply(f, range, f);
  f += black;
  add_noise(f, rng.uniform(7, 12), rng);

  cv::Mat out8;
  f.convertTo(out8, CV_8U);
  // Specks and dust, a few hairs.
  const int specks = static_cast<int>(rng.uniform_int(60, 400));
  for (int i = 0; i < specks; ++i) {
    const cv::Point p(static_cast<int>(rng.uniform_int(0, out8.cols - 1)),
                      static_cast<int>(rng.uniform_int(0, out8.rows - 1)));
    cv::circle(out8, p, static_cast<int>(rng.uniform_int(1, 3)), cv::Scalar(rng.uniform(10, 110)),
               cv::FILLED);
  }
  const int hairs = static_cast<int>(rng.uniform_int(0, 4));
  for (int i = 0; i < hairs; ++i) {
    const cv::Point a(static_cast<int>(rng.uniform_int(0, out8.cols - 1)),
                      static_cast<int>(rng.uniform_int(0, out8.rows - 1)));
    const cv::Point b(a.x + static_cast<int>(rng.uniform_int(-60, 60)),
                      a.y + static_cast<int>(rng.uniform_int(-60, 60)));
    cv::line(out8, a, b, cv::Scalar(rng.uniform(40, 120)), 1);
  }
  // Scanner lid: a grey band along one or two edges.
  if (rng.chance(0.5)) {
    const int band = static_cast<int>(rng.uniform_int(6, 28));
    const cv::Scalar lid(rng.uniform(70, 150));
    switch (rng.index(4)) {
      case 0:
        out8(cv::Rect(0, 0, band, out8.rows)).setTo(lid);
        break;
      case 1:
        out8(cv::Rect(out8.cols - band, 0, band, out8.rows)).setTo(lid);
        break;
      case 2:
        out8(cv::Rect(0, out8.rows - band, out8.cols, band)).setTo(lid);
        break;
      default:
        out8(cv::Rect(0, 0, out8.cols, band)).setTo(lid);
        out8(cv::Rect(out8.cols - band, 0, band, out8.rows)).setTo(lid);
        break;
    }
  }

  ScannedPage out;
  out.dpi = dpi;
  out.jpeg_quality = settings.jpeg_quality;
  if (settings.bitonal) {
    // Otsu splits a page with nothing on it into two halves of its noise: a blank back is
    // thresholded at a fixed level between faded toner and dull paper instead.
    if (page.kind == PageKind::kBlank) {
      cv::threshold(out8, out.image, 140, 255, cv::THRESH_BINARY);
    } else {
      cv::threshold(out8, out.image, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    }
    out.bitonal = true;
  } else {
    out.image = out8;
  }
  return out;
}

}  // namespace

ScannedPage scan(const RenderedPage& page, const ScanSettings& settings, bool upside_down,
                 Rng& rng) {
  ScannedPage out;
  switch (settings.level) {
    case 0:
      cv::cvtColor(page.image, out.image, cv::COLOR_BGR2GRAY);
      out.dpi = kRenderDpi;
      break;
    case 1:
      out = office_scan(page, settings, rng);
      break;
    default:
      out = backlog_scan(page, settings, rng);
      break;
  }
  if (upside_down) {
    cv::rotate(out.image, out.image, cv::ROTATE_180);
    out.rotation = 180;
  }
  return out;
}

}  // namespace sohoa::samples
