// The PNG reader (io/png.h) and the MNIST preprocessing (io/digit_image.h): the committed fixtures made from held-out
// MNIST digit 8000 by tests/fixtures/gen_digit_png.py decode to its pixels; the enlarged, inverted, shifted copy is
// brought back to the digit; malformed files (truncated, corrupt, oversized, of a kind it does not read) throw a
// message naming the file and the limit.
#include <doctest/doctest.h>
#include <zlib.h>

#include <cmath>
#include <string>

#include "core/error.h"
#include "io/digit_image.h"
#include "io/labelled_images.h"
#include "io/png.h"
#include "io/read_file.h"

using namespace rnnlab;

namespace {

const std::string kFixtures = std::string(RNNLAB_SOURCE_DIR) + "/tests/fixtures/digits/";

std::string be32(uint32_t v) {
  return {char(v >> 24), char((v >> 16) & 0xFF), char((v >> 8) & 0xFF), char(v & 0xFF)};
}

std::string chunk(const std::string& type, const std::string& data) {
  const std::string body = type + data;
  return be32(uint32_t(data.size())) + body +
         be32(uint32_t(crc32(0, reinterpret_cast<const Bytef*>(body.data()), uInt(body.size()))));
}

std::string zlib_of(const std::string& raw) {
  uLongf n = compressBound(uLong(raw.size()));
  std::string out(n, '\0');
  REQUIRE(compress(reinterpret_cast<Bytef*>(out.data()), &n, reinterpret_cast<const Bytef*>(raw.data()), uLong(raw.size())) == Z_OK);
  out.resize(n);
  return out;
}

// A PNG of width x height, colour type `colour`, depth `depth`, interlace `interlace`, with `raw` as its filtered rows.
std::string png(uint32_t width, uint32_t height, int colour, const std::string& raw, int depth = 8, int interlace = 0) {
  const std::string header = be32(width) + be32(height) + char(depth) + char(colour) + '\0' + '\0' + char(interlace);
  return std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", header) + chunk("IDAT", zlib_of(raw)) + chunk("IEND", "");
}

std::string error_of(const std::string& bytes) {
  try {
    parse_png(bytes, "t.png");
  } catch (const Error& e) {
    return e.what();
  }
  return "accepted";
}

const LabelledImages& mnist() {
  static const LabelledImages d = read_image_dataset("mnist", std::string(RNNLAB_SOURCE_DIR) + "/data");
  return d;
}

}  // namespace

TEST_CASE("png: the 28 x 28 gray fixture is MNIST's held-out digit 8000, pixel for pixel") {
  const PngImage p = parse_png(read_file_limited(kFixtures + "mnist_8000_label_4.png", kMaxPngFileBytes, "png"), "png");
  CHECK(p.width == 28);
  CHECK(p.height == 28);
  CHECK(p.channels == 1);
  CHECK(std::equal(p.pixels.begin(), p.pixels.end(), mnist().image(8000)));
  CHECK(mnist().labels[8000] == 4);
  const std::vector<float> ink = png_ink(p);  // light ink on a dark border: not inverted
  for (int64_t i = 0; i < 784; ++i) CHECK(ink[size_t(i)] == float(mnist().image(8000)[i]) / 255.0f);
  CHECK(mnist_digit(ink, 28, 28) == ink);  // a 28 x 28 picture is a digit already
}

TEST_CASE("png + mnist_digit: the 4x enlarged, inverted, shifted RGB copy comes back to the digit") {
  const PngImage p =
      parse_png(read_file_limited(kFixtures + "mnist_8000_label_4_x4_ink.png", kMaxPngFileBytes, "png"), "png");
  CHECK(p.width == 112);
  CHECK(p.channels == 3);
  const std::vector<float> digit = mnist_digit(png_ink(p), p.width, p.height);
  double diff = 0, worst = 0;
  for (int64_t i = 0; i < 784; ++i) {
    const double d = std::abs(digit[size_t(i)] - float(mnist().image(8000)[i]) / 255.0f);
    diff += d, worst = std::max(worst, d);
  }
  MESSAGE("mean |recovered - MNIST| " << diff / 784 << ", largest " << worst);
  CHECK(diff / 784 < 0.02);
}

TEST_CASE("mnist_digit: a dot becomes a 20 x 20 block centred in the frame; no ink, zeros; bad input named") {
  std::vector<float> ink(100 * 60, 0.0f);
  ink[size_t(7 * 100 + 90)] = 1.0f;
  // 20 x 20 of ones: centre of mass 9.5 (pixel index) -> column and row floor(14 - 9.5 + 0.5) = 5: 5..24
  const std::vector<float> d = mnist_digit(ink, 100, 60);
  for (int64_t y = 0; y < 28; ++y)
    for (int64_t x = 0; x < 28; ++x) CHECK(d[size_t(y * 28 + x)] == (x >= 5 && x < 25 && y >= 5 && y < 25 ? 1.0f : 0.0f));
  // A wide stroke keeps its aspect: 40 x 10 becomes 20 x 5 (centre of mass (9.5, 2)), at column 5, rows 12..16.
  std::fill(ink.begin(), ink.end(), 0.0f);
  for (int64_t y = 20; y < 30; ++y)
    for (int64_t x = 10; x < 50; ++x) ink[size_t(y * 100 + x)] = 1.0f;
  const std::vector<float> wide = mnist_digit(ink, 100, 60);
  double mass = 0;
  for (float v : wide) mass += v;
  CHECK(mass == doctest::Approx(100.0));  // 20 x 5
  CHECK(wide[size_t(12 * 28 + 5)] == 1.0f);
  CHECK(wide[size_t(16 * 28 + 24)] == 1.0f);
  CHECK(wide[size_t(12 * 28 + 4)] == 0.0f);
  CHECK(wide[size_t(11 * 28 + 5)] == 0.0f);
  CHECK(wide[size_t(17 * 28 + 5)] == 0.0f);
  CHECK(mnist_digit(std::vector<float>(50 * 50, 0.0f), 50, 50) == std::vector<float>(784, 0.0f));
  CHECK_THROWS_WITH(mnist_digit(ink, 0, 60), "width: got 0, expected 1 to 4096");
  CHECK_THROWS_WITH(mnist_digit(ink, 100, 5000), "height: got 5000, expected 1 to 4096");
  CHECK_THROWS_WITH(mnist_digit(ink, 100, 59), "pixels: 6000 values, expected width * height = 5900");
  ink[5] = NAN;
  CHECK_THROWS_WITH(mnist_digit(ink, 100, 60), "pixels[5]: got nan, expected a number from 0 to 1");
}

TEST_CASE("png: every filter type decodes; gray + alpha and RGBA read their alpha as the ink") {
  // 3 x 2 RGBA, rows filtered with Paeth and average; the values chosen so each predictor matters.
  const std::string pixels0 = std::string("\x10\x20\x30\x00\x50\x60\x70\xFF\x90\xA0\xB0\x80", 12);
  const std::string pixels1 = std::string("\x11\x22\x33\x44\x55\x66\x77\x88\x99\xAA\xBB\xCC", 12);
  for (int filter = 0; filter <= 4; ++filter) {
    CAPTURE(filter);
    auto encode = [&](const std::string& row, const std::string& up) {
      std::string out(1, char(filter));
      for (size_t i = 0; i < row.size(); ++i) {
        const int a = i >= 4 ? uint8_t(row[i - 4]) : 0, b = up.empty() ? 0 : uint8_t(up[i]),
                  c = (i >= 4 && !up.empty()) ? uint8_t(up[i - 4]) : 0;
        int pred = 0;
        if (filter == 1) pred = a;
        if (filter == 2) pred = b;
        if (filter == 3) pred = (a + b) / 2;
        if (filter == 4) {
          const int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
          pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }
        out += char(uint8_t(uint8_t(row[i]) - pred));
      }
      return out;
    };
    const PngImage p = parse_png(png(3, 2, 6, encode(pixels0, "") + encode(pixels1, pixels0)), "t.png");
    CHECK(std::string(p.pixels.begin(), p.pixels.end()) == pixels0 + pixels1);
    const std::vector<float> ink = png_ink(p);
    CHECK(ink[1] == doctest::Approx(1.0f));       // alpha 255
    CHECK(ink[2] == doctest::Approx(128.0f / 255.0f));
  }
}

TEST_CASE("png: malformed files are refused with the file and the limit named") {
  const std::string good = png(2, 2, 0, std::string("\0\x01\x02\0\x03\x04", 6));
  CHECK(error_of(good) == "accepted");
  CHECK(error_of("GIF89a") == "t.png: not a PNG file (no PNG signature)");
  for (size_t n = 8; n < good.size(); ++n) CHECK(error_of(good.substr(0, n)) != "accepted");  // truncated anywhere
  CHECK(error_of(good.substr(0, 19)) == "t.png: truncated at byte 8 (a chunk needs at least 12 bytes)");
  CHECK(error_of(good.substr(0, 20)) == "t.png: the IHDR chunk at byte 8 says 13 bytes, but 0 remain");
  std::string corrupt = good;
  corrupt[good.size() - 20] ^= 0x40;  // inside IDAT
  CHECK(error_of(corrupt).find("chunk at byte 33 fails its CRC") != std::string::npos);
  CHECK(error_of(png(5000, 2, 0, "")) == "t.png: 5000 x 2 pixels, expected 1 to 4096 on each side");
  CHECK(error_of(png(4096, 4097, 0, "")) == "t.png: 4096 x 4097 pixels, expected 1 to 4096 on each side");
  CHECK(error_of(png(0, 2, 0, "")) == "t.png: 0 x 2 pixels, expected 1 to 4096 on each side");
  CHECK(error_of(png(2, 2, 0, std::string(6, '\0'), 16)) == "t.png: 16 bits per sample, only 8 are read");
  CHECK(error_of(png(2, 2, 3, std::string(6, '\0'))) ==
        "t.png: colour type 3 is not read (gray 0, RGB 2, gray + alpha 4 and RGBA 6 are; a palette image is not)");
  CHECK(error_of(png(2, 2, 0, std::string(6, '\0'), 8, 1)) ==
        "t.png: an interlaced PNG, which is not read; save it without interlacing");
  CHECK(error_of(png(2, 2, 0, std::string(5, '\0'))) == "t.png: the image data holds 5 bytes, expected 6 for 2 x 2");
  CHECK(error_of(png(2, 2, 0, std::string(7, '\0'))) == "t.png: decompresses to more than 6 bytes, the limit for this file");
  CHECK(error_of(png(2, 2, 0, std::string("\x05\0\0\0\0\0", 6))) == "t.png: row 0 has filter type 5, expected 0 to 4");
  const std::string header = std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", be32(2) + be32(2) + std::string("\x08\0\0\0\0", 5));
  CHECK(error_of(header + chunk("IEND", "")) == "t.png: no image data (IDAT chunk)");
  CHECK(error_of(header + chunk("ABCD", "x") + chunk("IEND", "")) == "t.png: an unknown critical chunk ABCD");
  CHECK(error_of(header + chunk("tEXt", "x") + chunk("IDAT", zlib_of(std::string(6, '\0'))) + chunk("IEND", "")) ==
        "accepted");  // an ancillary chunk is skipped
  CHECK(error_of(std::string("\x89PNG\r\n\x1a\n", 8) + be32(1u << 30) + "IHDR") ==
        "t.png: truncated at byte 8 (a chunk needs at least 12 bytes)");
  CHECK(error_of(std::string("\x89PNG\r\n\x1a\n", 8) + be32(1u << 30) + "IHDR" + std::string(8, '\0'))
            .find("t.png: the IHDR chunk at byte 8 says 1073741824 bytes, but 4 remain") == 0);
}

TEST_CASE("mnist_digit: the centre of mass lands on pixel index (14, 14), as MNIST's; its own digits come back exact") {
  // A cross drawn 2x on a 60 x 50 pad: column 6 and row 12 of a 20 x 20 box (39 pixels). In index coordinates
  // cx = (6 * 20 + (0 + ... + 19) - 6) / 39 = 304 / 39 = 7.79, cy = ((0 + ... + 19) - 12 + 12 * 20) / 39 = 424 / 39
  // = 10.87, so the box goes to column round(14 - 7.79) = 6, row round(14 - 10.87) = 3: the cross's column is frame
  // column 12 (rows 3..22), its row frame row 15 (columns 6..25), its centre of mass (13.79, 13.87). (Pixel centres at
  // i + 0.5, as before, would put it a column and a row further up-left.)
  std::vector<float> ink(60 * 50, 0.0f);
  for (int64_t y = 0; y < 40; ++y)
    for (int64_t x = 0; x < 40; ++x)
      if (x / 2 == 6 || y / 2 == 12) ink[size_t((y + 5) * 60 + x + 11)] = 1.0f;
  const std::vector<float> cross = mnist_digit(ink, 60, 50);
  for (int64_t y = 0; y < 28; ++y)
    for (int64_t x = 0; x < 28; ++x) {
      const bool in = (x == 12 && y >= 3 && y < 23) || (y == 15 && x >= 6 && x < 26);
      CHECK_MESSAGE(cross[size_t(y * 28 + x)] == (in ? 1.0f : 0.0f), "row " << y << " column " << x);
    }
  // MNIST's held-out digits enlarged 3x (nearest neighbour) at an offset of a larger pad: every one comes back pixel
  // for pixel, since MNIST made them so (a 20 x 20 box, its centre of mass put on index (14, 14)).
  int exact = 0;
  const int n = 500;
  for (int k = 8000; k < 8000 + n; ++k) {
    const int side = 3 * 28 + 16, dx = k % 16, dy = (k * 7) % 16;
    std::vector<float> big(size_t(side * side), 0.0f);
    for (int y = 0; y < 84; ++y)
      for (int x = 0; x < 84; ++x)
        big[size_t((y + dy) * side + x + dx)] = float(mnist().image(k)[(y / 3) * 28 + x / 3]) / 255.0f;
    const std::vector<float> again = mnist_digit(big, side, side);
    bool same = true;
    for (int64_t i = 0; i < 784; ++i) same = same && std::abs(again[size_t(i)] - float(mnist().image(k)[i]) / 255.0f) < 1e-6f;
    exact += same ? 1 : 0;
  }
  MESSAGE(exact << " of " << n << " enlarged MNIST digits come back pixel for pixel");
  CHECK(exact == n);
}
