#include "nn/recurrent_input_projection.h"

#include <algorithm>

#include "core/tensor.h"

namespace rnnlab::recurrent {

bool find_one_hot_rows(const float* x, int64_t rows, int64_t cols, std::vector<int32_t>& hot) {
  hot.resize(static_cast<size_t>(rows));
  for (int64_t r = 0; r < rows; ++r) {
    const float* row = x + r * cols;
    int64_t index = -1;
    for (int64_t k = 0; k < cols; ++k) {
      if (row[k] == 0.0f) continue;
      if (row[k] != 1.0f || index >= 0) return false;
      index = k;
    }
    if (index < 0) return false;
    hot[static_cast<size_t>(r)] = static_cast<int32_t>(index);
  }
  return true;
}

void gather_input_projection(const int32_t* hot, int64_t rows, const float* w_ih_t, int64_t GH, float* proj) {
  for (int64_t r = 0; r < rows; ++r) std::copy_n(w_ih_t + hot[r] * GH, GH, proj + r * GH);  // (G*H) per row
}

void sum_rows_by_index(const int32_t* index, int64_t rows, const float* d_gates, int64_t GH, int64_t count,
                       float* sums) {
  std::fill_n(sums, count * GH, 0.0f);
  for (int64_t r = 0; r < rows; ++r) {
    float* __restrict sum = sums + index[r] * GH;  // (G*H)
    const float* __restrict d = d_gates + r * GH;  // (G*H)
    for (int64_t j = 0; j < GH; ++j) sum[j] += d[j];
  }
}

void scatter_input_weight_grad(const int32_t* hot, int64_t rows, const float* d_gates, int64_t GH, int64_t I,
                               float* d_w_ih_t, float* d_w_ih) {
  sum_rows_by_index(hot, rows, d_gates, GH, I, d_w_ih_t);  // (I, G*H): column hot[r] of dW_ih, stored as a row
  MatrixMap(d_w_ih, GH, I) += ConstMatrixMap(d_w_ih_t, I, GH).transpose();  // (G*H, I)
}

}  // namespace rnnlab::recurrent
