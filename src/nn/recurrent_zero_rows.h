// A dense input's products over its nonzero rows only, for the WebAssembly build: the input projection and dW_ih
// of a recurrent layer skip the all-zero rows of x (a digit's blank pixel rows, 29 % of W7's rows), whose products
// add nothing (their projection is the biases alone). W7's LSTM step in Chromium's worker: 1.035x (docs/wasm-simd.md,
// "W7's LSTM epoch").
//
// The route costs 1.1-1.8 KB of gzip in a module, so only the modules that train images link it: the layer asks
// zero_rows_route(), which src/tasks/linked_tasks.cpp defines per module (null elsewhere and natively, where Eigen
// and the native kernels run every row).
#pragma once
#include <cstdint>

namespace rnnlab::recurrent {

struct ZeroRowsRoute {
  // proj (rows, G*H) = x (rows, I) W_ih^T with W_ih (G*H, I) row-major: false (nothing written) when fewer than an
  // eighth of the rows are zeros.
  bool (*project)(const float* x, const float* w_ih, float* proj, int64_t rows, int64_t I, int64_t GH);
  // dW_ih (G*H, I) += dG^T (G*H, rows) X (rows, I): false (nothing added) as above, or for a shape the route does
  // not take (I of 64 or more or not a multiple of 4, G*H under 64). The sums run in other panels than over every
  // row: the last bits move.
  bool (*weight_gradient)(const float* d_gates, const float* x, float* d_w, int64_t rows, int64_t GH, int64_t I);
};

// The route this module links, or null (defined in src/tasks/linked_tasks.cpp).
const ZeroRowsRoute* zero_rows_route();

#if defined(__wasm_simd128__)
extern const ZeroRowsRoute kZeroRowsRoute;  // src/nn/recurrent_zero_rows.cpp
#endif

}  // namespace rnnlab::recurrent
