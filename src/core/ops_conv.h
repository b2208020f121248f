// 2-D convolution over NCHW images, as torch.nn.functional.conv2d with dilation 1 and groups 1.
#pragma once
#include <cstdint>

#include "core/tape.h"

namespace rnnlab {

struct Conv2dOptions {
  int64_t stride = 1;   // the same step along rows and columns, >= 1
  int64_t padding = 0;  // zeros added on every side, >= 0
};

// x (N, C, H, W), weight (O, C, KH, KW), bias (O) or undefined -> (N, O, OH, OW), with
// OH = floor((H + 2 padding - KH) / stride) + 1 and OW likewise; the padded image must hold one kernel.
//   y[n, o, i, j] = bias[o] + sum_{c, a, b} weight[o, c, a, b] * x[n, c, i * stride - padding + a, j * stride - padding + b]
Var conv2d(Var x, Var weight, Var bias = {}, Conv2dOptions options = {});

// The output side of a convolution (or pooling) along one dimension: floor((in + 2 padding - kernel) / stride) + 1,
// or 0 when the padded input is shorter than the kernel.
int64_t conv_output_size(int64_t in, int64_t kernel, int64_t stride, int64_t padding);

}  // namespace rnnlab
