// The zero-rows route of recurrent_zero_rows.h (WebAssembly only).
#include "nn/recurrent_zero_rows.h"

#if defined(__wasm_simd128__)
#include <algorithm>
#include <vector>

#include "nn/simd_products.h"

namespace rnnlab::recurrent {
namespace {

// The rows of x (rows, I) holding a nonzero value (NaN counts), and those rows gathered, when at least an eighth
// of the rows are all zeros; `sparse` false: use all rows.
struct NonzeroRows {
  bool sparse = false;
  std::vector<int> rows;
  std::vector<float> x;  // (rows.size(), I)
};

NonzeroRows nonzero_rows(const float* x, int64_t rows, int64_t I) {
  NonzeroRows r;
  for (int64_t i = 0; i < rows; ++i)
    if (std::any_of(x + i * I, x + (i + 1) * I, [](float v) { return v != 0.0f; })) r.rows.push_back(int(i));
  r.sparse = int64_t(r.rows.size()) * 8 <= rows * 7;
  if (!r.sparse) return r;
  r.x.resize(r.rows.size() * std::size_t(I));
  for (std::size_t i = 0; i < r.rows.size(); ++i) std::copy_n(x + r.rows[i] * I, I, r.x.data() + i * I);
  return r;
}

bool project(const float* x, const float* w_ih, float* proj, int64_t rows, int64_t I, int64_t GH) {
  const NonzeroRows nz = nonzero_rows(x, rows, I);
  if (!nz.sparse) return false;
  for (int64_t r = 0, i = 0; r < rows; ++r) {  // the zero rows' products are zeros
    if (i < int64_t(nz.rows.size()) && nz.rows[std::size_t(i)] == r) ++i;
    else std::fill_n(proj + r * GH, GH, 0.0f);
  }
  simd::input_projection_rows(nz.x.data(), nz.rows.data(), int(nz.rows.size()), w_ih, proj, I, GH);
  return true;
}

bool weight_gradient(const float* d_gates, const float* x, float* d_w, int64_t rows, int64_t GH, int64_t I) {
  if (I >= 64 || I % 4 != 0 || GH < 64) return false;
  const NonzeroRows nz = nonzero_rows(x, rows, I);
  if (!nz.sparse) return false;
  simd::weight_gradient_few_columns(d_gates, nz.x.data(), d_w, int64_t(nz.rows.size()), GH, I, nz.rows.data());
  return true;
}

}  // namespace

const ZeroRowsRoute kZeroRowsRoute{project, weight_gradient};

}  // namespace rnnlab::recurrent
#endif
