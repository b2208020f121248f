// max_pool2d: the forward records, for every output element, the flat index into x of the element it took
// (node.indices, N*C*OH*OW int32); backward routes each dy there:  dx[argmax[k]] += dy[k].
#include "core/ops_pool.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/ops_conv.h"

namespace rnnlab {

namespace {

struct PoolGeometry {
  int64_t h, w, oh, ow, kernel, stride, padding;
};

// One (H, W) plane of x, starting at flat index `base`: y (OH, OW) and each one's flat index into x.
// torch's loop per window: start at the window's first element with -inf; a larger value or any NaN takes over
// (so a NaN stays unless a later NaN comes).
void pool_plane(const PoolGeometry& g, const float* x, int64_t base, float* y, int32_t* argmax) {
  const float* plane = x + base;
  for (int64_t i = 0; i < g.oh; ++i) {
    const int64_t r0 = i * g.stride - g.padding;
    const int64_t r_begin = std::max<int64_t>(r0, 0), r_end = std::min(r0 + g.kernel, g.h);
    for (int64_t j = 0; j < g.ow; ++j) {
      const int64_t c0 = j * g.stride - g.padding;
      const int64_t c_begin = std::max<int64_t>(c0, 0), c_end = std::min(c0 + g.kernel, g.w);
      int64_t best_at = r_begin * g.w + c_begin;
      float best = -std::numeric_limits<float>::infinity();
      for (int64_t r = r_begin; r < r_end; ++r)
        for (int64_t c = c_begin; c < c_end; ++c) {
          const float v = plane[r * g.w + c];
          if (v > best || std::isnan(v)) {
            best = v;
            best_at = r * g.w + c;
          }
        }
      y[i * g.ow + j] = best;
      argmax[i * g.ow + j] = static_cast<int32_t>(base + best_at);
    }
  }
}

// pool_plane for the usual 2x2 window, stride 2, no padding (the digits CNN's), one output row at a time as a
// tournament of two pairs: the same first-largest answer with two comparisons in a chain instead of four and no
// unpredictable branch (measured 1.3-1.8x faster than pool_plane on a CNN batch). A row whose windows hold a NaN
// (never on real images) is done again by pool_plane's sequential rule.
void pool_plane_2x2(const PoolGeometry& g, const float* x, int64_t base, float* y, int32_t* argmax) {
  const float* plane = x + base;
  const int64_t ow = g.ow;
  for (int64_t i = 0; i < g.oh; ++i) {
    const float* top = plane + 2 * i * g.w;
    const float* bottom = top + g.w;
    float* y_row = y + i * ow;
    int32_t* at_row = argmax + i * ow;
    const auto top_left = static_cast<int32_t>(base + 2 * i * g.w);  // flat index of the row's first window
    const auto w = static_cast<int32_t>(g.w);
    bool nan = false;
    for (int64_t j = 0; j < ow; ++j) {
      const float a = top[2 * j], b = top[2 * j + 1], c = bottom[2 * j], d = bottom[2 * j + 1];
      nan |= (a != a) | (b != b) | (c != c) | (d != d);
      // Ties go to the earlier element: b over a only when larger, the bottom pair over the top only when larger.
      const bool b_wins = b > a, d_wins = d > c;
      const float top_best = b_wins ? b : a, bottom_best = d_wins ? d : c;
      const bool bottom_wins = bottom_best > top_best;
      const int32_t at = top_left + 2 * static_cast<int32_t>(j) + (bottom_wins ? w + d_wins : int32_t{b_wins});
      y_row[j] = bottom_wins ? bottom_best : top_best;
      at_row[j] = at;
    }
    if (nan) {
      const PoolGeometry one_row{2, g.w, 1, ow, 2, 2, 0};
      pool_plane(one_row, x, base + 2 * i * g.w, y_row, at_row);
    }
  }
}

}  // namespace

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
  const PoolGeometry g{H, W, OH, OW, k, s, p};
  const bool two_by_two = k == 2 && s == 2 && p == 0;
  for (int64_t plane = 0; plane < N * C; ++plane) {
    if (two_by_two)
      pool_plane_2x2(g, xv, plane * H * W, y + plane * OH * OW, argmax + plane * OH * OW);
    else
      pool_plane(g, xv, plane * H * W, y + plane * OH * OW, argmax + plane * OH * OW);
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
