// libFuzzer target: PNG files (io/png.h) and what predict does with them (io/digit_image.h). Any bytes either decode
// into width * height * channels pixels within the limits, whose ink becomes a 28 x 28 digit in [0, 1], or throw a
// readable error.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/error.h"
#include "io/digit_image.h"
#include "io/png.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    const rnnlab::PngImage p = rnnlab::parse_png(bytes, "fuzz.png");
    if (p.width < 1 || p.height < 1 || p.width > rnnlab::kMaxPngSide || p.height > rnnlab::kMaxPngSide ||
        p.channels < 1 || p.channels > 4 || static_cast<int64_t>(p.pixels.size()) != p.width * p.height * p.channels)
      std::abort();
    const std::vector<float> digit = rnnlab::mnist_digit(rnnlab::png_ink(p), p.width, p.height);
    if (digit.size() != 784) std::abort();
    for (float v : digit)
      if (!(v >= 0.0f && v <= 1.0f)) std::abort();
  } catch (const rnnlab::Error&) {
  }
  return 0;
}
