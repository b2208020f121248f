#include "io/digit_image.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"

namespace rnnlab {
namespace {

constexpr int64_t kSide = 28, kBox = 20;

// (to, from): row i holds the share of each source index in output i's span [i / s, (i + 1) / s), summing to 1.
std::vector<float> box_weights(int64_t from, int64_t to) {
  std::vector<float> w(static_cast<size_t>(to * from), 0.0f);
  const double step = double(from) / double(to);  // source pixels per output pixel
  for (int64_t i = 0; i < to; ++i) {
    const double a = double(i) * step, b = double(i + 1) * step;
    for (auto j = static_cast<int64_t>(std::floor(a)); j < from && double(j) < b; ++j) {
      const double overlap = std::min(b, double(j + 1)) - std::max(a, double(j));
      if (overlap > 0) w[size_t(i * from + j)] = static_cast<float>(overlap / step);
    }
  }
  return w;
}

}  // namespace

std::vector<float> mnist_digit(std::span<const float> ink, int64_t width, int64_t height) {
  check(width >= 1 && width <= kMaxDigitPictureSide, "width: got ", width, ", expected 1 to ", kMaxDigitPictureSide);
  check(height >= 1 && height <= kMaxDigitPictureSide, "height: got ", height, ", expected 1 to ",
        kMaxDigitPictureSide);
  check(static_cast<int64_t>(ink.size()) == width * height, "pixels: ", ink.size(), " values, expected width * height = ",
        width * height);
  for (size_t i = 0; i < ink.size(); ++i)
    check(ink[i] >= 0.0f && ink[i] <= 1.0f, "pixels[", i, "]: got ", ink[i], ", expected a number from 0 to 1");
  if (width == kSide && height == kSide) return {ink.begin(), ink.end()};

  std::vector<float> out(static_cast<size_t>(kSide * kSide), 0.0f);
  int64_t x0 = width, x1 = -1, y0 = height, y1 = -1;  // the box, inclusive
  for (int64_t y = 0; y < height; ++y)
    for (int64_t x = 0; x < width; ++x)
      if (ink[size_t(y * width + x)] > kDigitInkThreshold)
        x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
  if (x1 < 0) return out;
  const int64_t bw = x1 - x0 + 1, bh = y1 - y0 + 1;
  const double s = double(kBox) / double(std::max(bw, bh));
  const int64_t ow = std::clamp<int64_t>(std::llround(double(bw) * s), 1, kBox);
  const int64_t oh = std::clamp<int64_t>(std::llround(double(bh) * s), 1, kBox);

  const std::vector<float> wx = box_weights(bw, ow), wy = box_weights(bh, oh);
  std::vector<float> columns(static_cast<size_t>(bh * ow), 0.0f);  // (bh, ow): each box row filtered
  for (int64_t y = 0; y < bh; ++y)
    for (int64_t i = 0; i < ow; ++i) {
      float v = 0;
      for (int64_t x = 0; x < bw; ++x) v += wx[size_t(i * bw + x)] * ink[size_t((y0 + y) * width + x0 + x)];
      columns[size_t(y * ow + i)] = v;
    }
  std::vector<float> small(static_cast<size_t>(oh * ow), 0.0f);  // (oh, ow)
  double mass = 0, mx = 0, my = 0;
  for (int64_t j = 0; j < oh; ++j)
    for (int64_t i = 0; i < ow; ++i) {
      float v = 0;
      for (int64_t y = 0; y < bh; ++y) v += wy[size_t(j * bh + y)] * columns[size_t(y * ow + i)];
      v = std::clamp(v, 0.0f, 1.0f);
      small[size_t(j * ow + i)] = v;
      mass += v, mx += v * double(i), my += v * double(j);  // pixel (j, i) at index (i, j), as MNIST
    }
  const auto on_grid = [](double c) { return std::round(c * kDigitCentreGrid) / kDigitCentreGrid; };
  const double cx = on_grid(mass > 0 ? mx / mass : double(ow - 1) / 2);
  const double cy = on_grid(mass > 0 ? my / mass : double(oh - 1) / 2);
  // round(14 - c), halves up (floor(x + 0.5), as the JS); the grid makes x + 0.5 exact
  const int64_t left = std::clamp<int64_t>(int64_t(std::floor(double(kSide) / 2 - cx + 0.5)), 0, kSide - ow);
  const int64_t top = std::clamp<int64_t>(int64_t(std::floor(double(kSide) / 2 - cy + 0.5)), 0, kSide - oh);
  for (int64_t j = 0; j < oh; ++j)
    for (int64_t i = 0; i < ow; ++i) out[size_t((top + j) * kSide + left + i)] = small[size_t(j * ow + i)];
  return out;
}

}  // namespace rnnlab
