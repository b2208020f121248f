// Max pooling over NCHW images, as torch.nn.functional.max_pool2d with dilation 1 and floor rounding.
#pragma once
#include <cstdint>

#include "core/tape.h"

namespace rnnlab {

struct MaxPool2dOptions {
  int64_t kernel = 2;   // a kernel x kernel window, >= 1
  int64_t stride = 0;   // 0: the kernel size (torch's default); otherwise >= 1
  int64_t padding = 0;  // implicit -infinity on every side, 0 <= padding <= kernel / 2 (torch's limit)
};

// x (N, C, H, W) -> (N, C, OH, OW), OH = floor((H + 2 padding - kernel) / stride) + 1:
//   y[n, c, i, j] = max over the window at (i * stride - padding, j * stride - padding)
// Ties go to the first largest value of a window in row-major order, and a NaN wins over any number (the last
// NaN of a window), as torch's CPU kernel does; backward adds dy to that one element only.
Var max_pool2d(Var x, MaxPool2dOptions options = {});

}  // namespace rnnlab
