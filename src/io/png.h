// A bounded PNG reader for the images `rnnlab predict --image` classifies: 8-bit grayscale, grayscale + alpha, RGB
// or RGBA, not interlaced. Every length, size and checksum is checked against the bytes present and a limit, and
// every message names the file; what it does not read (16-bit or palette images, interlacing) it says so.
//
//   8 bytes   the signature 89 50 4E 47 0D 0A 1A 0A
//   chunks    length (4 bytes, big-endian) | type (4) | data (length) | CRC-32 of type + data (4)
//   IHDR      first: width, height, bit depth, colour type, compression 0, filter 0, interlace
//   IDAT...   the zlib stream of the filtered rows, each row one filter byte (0 none, 1 sub, 2 up, 3 average,
//             4 Paeth) and width * channels bytes; IEND last. Other chunks are skipped (their CRC still checked).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rnnlab {

struct PngImage {
  int64_t width = 0, height = 0;
  int channels = 0;             // 1 gray, 2 gray + alpha, 3 RGB, 4 RGBA
  std::vector<uint8_t> pixels;  // (height, width, channels), row-major
};

// Sizes the reader accepts: a drawing or a scan of one digit, not a photograph of a page.
inline constexpr int64_t kMaxPngSide = 4096;
inline constexpr int64_t kMaxPngPixels = int64_t{16} << 20;   // width * height
inline constexpr int64_t kMaxPngFileBytes = int64_t{32} << 20;

// Decodes a PNG file's bytes; `what` names it in messages ("digit.png: ...").
PngImage parse_png(std::string_view bytes, std::string_view what);

// The ink of an image, one value in [0, 1] per pixel (row-major), 1 = ink, as MNIST stores digits (light on dark):
// with an alpha channel that is not fully opaque, the alpha (what was drawn on a transparent sheet); otherwise the
// luminance (0.299 R + 0.587 G + 0.114 B) / 255, inverted when the image's border is light on average (dark ink
// on light paper).
std::vector<float> png_ink(const PngImage& image);

}  // namespace rnnlab
