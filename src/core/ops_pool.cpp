// max_pool2d: the forward records, for every output element, the flat index into x of the element it took
// (node.indices, N*C*OH*OW int32); backward routes each dy there:  dx[argmax[k]] += dy[k].
#include "core/ops_pool.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/ops_conv.h"

namespace rnnlab {

Var max_pool2d(Var x, MaxPool2dOptions options) {
  const Shape& sx = x.shape();
  const int64_t k = options.kernel;
  const int64_t s = options.stride == 0 ? k : options.stride;
  const int64_t p = options.padding;
  check(sx.rank() == 4, "max_pool2d: input is ", sx, ", expected (N, C, H, W)");
  check(k >= 1, "max_pool2d: kernel is ", k, ", expected >= 1");
  check(s >= 1, "max_pool2d: stride is ", s, ", expected >= 1 (or 0 for the kernel size)");
  check(p >= 0 && 2 * p <= k, "max_pool2d: padding is ", p, ", expected between 0 and half the kernel (", k / 2, ")");
  check(sx[2] + 2 * p >= k && sx[3] + 2 * p >= k, "max_pool2d: input ", sx, " with padding ", p,
        " is smaller than the kernel ", k, "x", k);
  check(sx.numel() <= std::numeric_limits<int32_t>::max(), "max_pool2d: input has ", sx.numel(),
        " elements, more than int32 indices reach");
  const int64_t N = sx[0], C = sx[1], H = sx[2], W = sx[3];
  const int64_t OH = conv_output_size(H, k, s, p), OW = conv_output_size(W, k, s, p);

  auto [out, node] = x.tape->record({x});
  node.value.resize(Shape{N, C, OH, OW});
  node.indices.resize(static_cast<size_t>(N * C * OH * OW));
  const float* xv = x.value().data();  // (N, C, H, W)
  float* y = node.value.data();        // (N, C, OH, OW)
  int32_t* argmax = node.indices.data();
  for (int64_t plane = 0; plane < N * C; ++plane) {
    const int64_t base = plane * H * W;
    for (int64_t i = 0; i < OH; ++i)
      for (int64_t j = 0; j < OW; ++j) {
        const int64_t r0 = i * s - p, c0 = j * s - p;
        // torch's loop: start at the window's first element with -inf; a larger value or any NaN takes over.
        const int64_t r_begin = std::max<int64_t>(r0, 0), c_begin = std::max<int64_t>(c0, 0);
        int64_t best_at = base + r_begin * W + c_begin;
        float best = -std::numeric_limits<float>::infinity();
        for (int64_t r = r_begin; r < std::min(r0 + k, H); ++r)
          for (int64_t c = c_begin; c < std::min(c0 + k, W); ++c) {
            const float v = xv[base + r * W + c];
            if (v > best || std::isnan(v)) {
              best = v;
              best_at = base + r * W + c;
            }
          }
        const int64_t o = (plane * OH + i) * OW + j;
        y[o] = best;
        argmax[o] = static_cast<int32_t>(best_at);
      }
  }

  node.backward = [](Tape& tape, Node& n) {
    Tensor* dx = tape.grad_if(n.inputs[0]);
    if (!dx) return;
    const float* dy = n.grad.data();
    for (size_t o = 0; o < n.indices.size(); ++o) (*dx)[n.indices[o]] += dy[o];
  };
  return out;
}

}  // namespace rnnlab
