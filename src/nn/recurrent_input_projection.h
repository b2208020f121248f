// The input side of a fused recurrent layer, for all steps at once: the projection x W_ih^T and, after the
// backward sweep, dW_ih += dG^T x.
//
// A character model's first layer reads constant one-hot rows, or rows of an embedding's table (recurrent_layer.h,
// recurrent_layer_rows: the same gather and row sums, with the table's own projection). There x_r W_ih^T is column idx_r of W_ih, so the
// projection is a gather of rows of W_ih^T (T*B copies of G*H floats instead of a (T*B, I) x (I, G*H) product)
// and dW_ih a scatter-add of dG's rows into the columns of the hot indices. The gathered values equal the dense
// product's exactly (x * w + 0 * w' == w); the scattered gradient sums the same terms as the dense product, in
// step order.
#pragma once
#include <cstdint>
#include <vector>

namespace rnnlab::recurrent {

// True when every row of x (rows, cols) holds a single 1 and zeros elsewhere; `hot` then holds each row's index.
// On false, `hot` is left in an unspecified state. Reads the rows only up to the first that is not one-hot.
bool find_one_hot_rows(const float* x, int64_t rows, int64_t cols, std::vector<int32_t>& hot);

// proj (rows, G*H) = W_ih^T[hot[r]] for each row r, given W_ih^T as w_ih_t (I, G*H).
void gather_input_projection(const int32_t* hot, int64_t rows, const float* w_ih_t, int64_t GH, float* proj);

// sums (count, G*H) = for each row r of d_gates (rows, G*H), added to row index[r]; zeroed first. The rows are
// added in order r = 0, 1, ..., so a sum is the one the dense product dG^T x would form over those rows.
void sum_rows_by_index(const int32_t* index, int64_t rows, const float* d_gates, int64_t GH, int64_t count,
                       float* sums);

// dW_ih (G*H, I) += dG^T x for one-hot x: the rows of d_gates (rows, G*H) summed per hot index into
// d_w_ih_t (I, G*H), which is zeroed first, then added transposed into d_w_ih.
void scatter_input_weight_grad(const int32_t* hot, int64_t rows, const float* d_gates, int64_t GH, int64_t I,
                               float* d_w_ih_t, float* d_w_ih);

}  // namespace rnnlab::recurrent
