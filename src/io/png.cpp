#include "io/png.h"

#include <algorithm>
#include <array>
#include <cstdlib>

#include "core/error.h"
#include "io/gzip.h"

namespace rnnlab {
namespace {

constexpr std::string_view kSignature("\x89PNG\r\n\x1a\n", 8);

uint32_t big_endian(std::string_view b, size_t at) {
  return (uint32_t(uint8_t(b[at])) << 24) | (uint32_t(uint8_t(b[at + 1])) << 16) | (uint32_t(uint8_t(b[at + 2])) << 8) |
         uint32_t(uint8_t(b[at + 3]));
}

// CRC-32 (ISO-HDLC, the polynomial 0xEDB88320 reflected), as PNG computes it over a chunk's type and data.
uint32_t crc32_of(std::string_view bytes) {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t n = 0; n < 256; ++n) {
      uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  uint32_t c = 0xFFFFFFFFu;
  for (char ch : bytes) c = table[(c ^ uint8_t(ch)) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

int channels_of(int colour_type) {
  switch (colour_type) {
    case 0: return 1;  // gray
    case 4: return 2;  // gray + alpha
    case 2: return 3;  // RGB
    case 6: return 4;  // RGBA
    default: return 0;
  }
}

uint8_t paeth(int a, int b, int c) {
  const int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
  return uint8_t(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
}

}  // namespace

PngImage parse_png(std::string_view bytes, std::string_view what) {
  check(static_cast<int64_t>(bytes.size()) <= kMaxPngFileBytes, what, ": ", bytes.size(), " bytes, the limit is ",
        kMaxPngFileBytes);
  check(bytes.size() >= 8 && bytes.substr(0, 8) == kSignature, what, ": not a PNG file (no PNG signature)");
  PngImage image;
  std::string idat;
  bool header = false, end = false;
  for (size_t at = 8; !end;) {
    check(bytes.size() - at >= 12, what, ": truncated at byte ", at, " (a chunk needs at least 12 bytes)");
    const uint32_t length = big_endian(bytes, at);
    const std::string_view type = bytes.substr(at + 4, 4);
    check(length <= bytes.size() - at - 12, what, ": the ", type, " chunk at byte ", at, " says ", length,
          " bytes, but ", bytes.size() - at - 12, " remain");
    const std::string_view data = bytes.substr(at + 8, length);
    check(crc32_of(bytes.substr(at + 4, 4 + length)) == big_endian(bytes, at + 8 + length), what, ": the ", type,
          " chunk at byte ", at, " fails its CRC (the file is corrupt)");
    at += 12 + length;
    if (!header) {
      check(type == "IHDR" && length == 13, what, ": the first chunk must be a 13-byte IHDR");
      header = true;
      image.width = big_endian(data, 0);
      image.height = big_endian(data, 4);
      const int depth = uint8_t(data[8]), colour = uint8_t(data[9]);
      check(image.width >= 1 && image.width <= kMaxPngSide && image.height >= 1 && image.height <= kMaxPngSide,
            what, ": ", image.width, " x ", image.height, " pixels, expected 1 to ", kMaxPngSide, " on each side");
      check(image.width * image.height <= kMaxPngPixels, what, ": ", image.width * image.height,
            " pixels, the limit is ", kMaxPngPixels);
      image.channels = channels_of(colour);
      check(image.channels > 0, what, ": colour type ", colour,
            " is not read (gray 0, RGB 2, gray + alpha 4 and RGBA 6 are; a palette image is not)");
      check(depth == 8, what, ": ", depth, " bits per sample, only 8 are read");
      check(data[10] == 0 && data[11] == 0, what, ": unknown compression or filter method");
      check(data[12] == 0, what, ": an interlaced PNG, which is not read; save it without interlacing");
      continue;
    }
    check(type != "IHDR", what, ": a second IHDR chunk");
    check(type != "PLTE" || image.channels >= 3, what, ": a PLTE chunk in a gray image");
    if (type == "IDAT") {
      idat.append(data);
    } else if (type == "IEND") {
      end = true;
    } else {
      check((uint8_t(type[0]) & 0x20) != 0, what, ": an unknown critical chunk ", type);  // ancillary: skipped
    }
  }
  check(!idat.empty(), what, ": no image data (IDAT chunk)");
  const int64_t row_bytes = image.width * image.channels, stride = row_bytes + 1;
  const std::string raw = inflate_zlib_limited(idat, stride * image.height, what);
  check(static_cast<int64_t>(raw.size()) == stride * image.height, what, ": the image data holds ", raw.size(),
        " bytes, expected ", stride * image.height, " for ", image.width, " x ", image.height);

  image.pixels.resize(static_cast<size_t>(row_bytes * image.height));
  const int64_t bpp = image.channels;  // bytes per pixel at 8 bits
  for (int64_t y = 0; y < image.height; ++y) {
    const int filter = uint8_t(raw[size_t(y * stride)]);
    check(filter <= 4, what, ": row ", y, " has filter type ", filter, ", expected 0 to 4");
    const auto* in = reinterpret_cast<const uint8_t*>(raw.data()) + y * stride + 1;
    uint8_t* out = image.pixels.data() + y * row_bytes;
    const uint8_t* up = y > 0 ? out - row_bytes : nullptr;
    for (int64_t i = 0; i < row_bytes; ++i) {
      const int a = i >= bpp ? out[i - bpp] : 0, b = up ? up[i] : 0, c = (up && i >= bpp) ? up[i - bpp] : 0;
      int predicted = 0;
      switch (filter) {
        case 1: predicted = a; break;
        case 2: predicted = b; break;
        case 3: predicted = (a + b) / 2; break;
        case 4: predicted = paeth(a, b, c); break;
        default: break;
      }
      out[i] = uint8_t(in[i] + predicted);
    }
  }
  return image;
}

std::vector<float> png_ink(const PngImage& image) {
  const int64_t n = image.width * image.height;
  const int C = image.channels;
  const bool alpha = C == 2 || C == 4;
  bool transparent = false;
  if (alpha)
    for (int64_t i = 0; i < n && !transparent; ++i) transparent = image.pixels[size_t(i * C + C - 1)] < 255;
  std::vector<float> ink(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    const uint8_t* p = image.pixels.data() + i * C;
    if (transparent) ink[size_t(i)] = float(p[C - 1]) / 255.0f;
    else if (C >= 3) ink[size_t(i)] = std::min(1.0f, (0.299f * p[0] + 0.587f * p[1] + 0.114f * p[2]) / 255.0f);
    else ink[size_t(i)] = float(p[0]) / 255.0f;
  }
  if (transparent) return ink;
  double border = 0;
  int64_t count = 0;
  for (int64_t y = 0; y < image.height; ++y)
    for (int64_t x = 0; x < image.width; ++x)
      if (y == 0 || x == 0 || y == image.height - 1 || x == image.width - 1) border += ink[size_t(y * image.width + x)], ++count;
  if (border / double(count) > 0.5)
    for (float& v : ink) v = 1.0f - v;
  return ink;
}

}  // namespace rnnlab
