// A PNG made into the digits task's input: read (io/png.h, bounded by kMaxPngFileBytes), its ink made an MNIST
// digit (io/digit_image.h): 784 pixels in [0, 1], row-major. `rnnlab predict --image` and `rnnlab inspect --image`
// read pictures through it; errors are UsageErrors naming `flag` and the file.
#pragma once
#include <string>
#include <vector>

namespace rnnlab::cli {

std::vector<float> read_digit_png(const std::string& path, const std::string& flag);

}  // namespace rnnlab::cli
