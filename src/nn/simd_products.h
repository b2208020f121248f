// The products of a fused recurrent layer in terms of simd_gemm.h, with the row-major buffers of the layer
// (torch's layouts) mapped onto the kernels' column-major arguments. The wasm build calls these instead of
// Eigen; natively they compile with SSE2 and tests/nn/test_simd_products.cpp holds each one to Eigen.
// A row-major (R, C) buffer is a column-major (C x R) matrix: that is the whole trick of every mapping below.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>

#include "core/simd_gemm.h"

namespace rnnlab::simd {

// out (B, G*H) += h_prev (B, H) x W_hh^T, given W_hh^T row-major as w_hh_t (H, G*H):
// out^T (G*H x B) += W_hh (G*H x H, column-major = w_hh_t) h_prev^T.
inline void hidden_projection(const float* h_prev, const float* w_hh_t, float* out, int64_t B, int64_t H,
                              int64_t GH) {
  gemm_nn(int(GH), int(B), int(H), w_hh_t, int(GH), h_prev, 1, int(H), out, int(GH), true);
}

// hidden_projection with W_hh^T packed once for the sweep: packed = simd::PackedA(GH, H, w_hh_t, GH).
inline void hidden_projection_packed(PackedA& packed, const float* h_prev, float* out, int64_t B, int64_t H,
                                     int64_t GH) {
  gemm_nn_prepacked(packed, int(B), h_prev, 1, int(H), out, int(GH), true);
}

// hidden_gradient with W_hh packed once for the sweep: packed = simd::PackedA(H, GH, w_hh, H).
inline void hidden_gradient_packed(PackedA& packed, const float* d_gates, float* dh_prev, int64_t B, int64_t H,
                                   int64_t GH) {
  gemm_nn_prepacked(packed, int(B), d_gates, 1, int(GH), dh_prev, int(H), true);
}

// dh_prev (B, H) += d_gates (B, G*H) x W_hh (G*H, H):
// dh_prev^T (H x B) += W_hh^T (H x G*H, column-major = w_hh) d_gates^T.
inline void hidden_gradient(const float* d_gates, const float* w_hh, float* dh_prev, int64_t B, int64_t H,
                            int64_t GH) {
  gemm_nn(int(H), int(B), int(GH), w_hh, int(H), d_gates, 1, int(GH), dh_prev, int(H), true);
}

// d_w (G*H, K) += d_gates^T (G*H, rows) x (rows, K): dW^T (K x G*H) += x^T (K x rows, column-major = x) d_gates.
inline void weight_gradient(const float* d_gates, const float* x, float* d_w, int64_t rows, int64_t GH, int64_t K) {
  gemm_nn(int(K), int(GH), int(rows), x, int(K), d_gates, int(GH), 1, d_w, int(K), true);
}

// weight_gradient for few columns (K < 64: W7's W_ih, K = 28), as the transposed product: dW^T as a column-major
// (G*H x K) is (G*H x rows, column-major = d_gates) x (rows x K = x), M = G*H rows instead of K = 28, which left a
// padded block of 8 and repacked dG for every 4 columns (25 against 34 GFLOP/s, docs/wasm-simd.md); then added
// to d_w transposed. The sums run over panels of 128 rows: other rounding, same tolerance.
// With `rows` (and K a multiple of 4), over those rows of dG only: x holds x's rows rows[0..n) (the others are
// zero rows of x, which add nothing: a digit's blank pixel rows); otherwise over all n rows.
[[gnu::noinline]] inline void weight_gradient_few_columns(const float* d_gates, const float* x, float* d_w,
                                                         int64_t n, int64_t GH, int64_t K,
                                                         const int* rows = nullptr) {
  const std::unique_ptr<float[]> t(new float[std::size_t(GH * K)]);  // (K, G*H) row-major = dW^T
  if (!rows) {
    gemm_nn(int(GH), int(K), int(n), d_gates, int(GH), x, int(K), 1, t.get(), int(GH), false);
  } else {
    const int M = int(GH), kc = gemm_nn_panel_k(M), kp = std::min(kc, std::max(int(n), 1));
    const GemmPack pack((std::size_t((M + 7) & ~7) + 4) * std::size_t(kp));
    float* const ap = pack.data.get();
    float* const bp = ap + std::size_t((M + 7) & ~7) * std::size_t(kp);
    std::fill(t.get(), t.get() + GH * K, 0.0f);
    for (int k0 = 0; k0 < int(n); k0 += kc) {
      const int kn = std::min(kc, int(n) - k0);
      pack_a_panel_cols(M, kn, d_gates, M, rows + k0, ap);
      gemm_packed_blocks(M, int(K), kn, ap, bp, x + std::ptrdiff_t(k0) * K, int(K), 1, t.get(), M, k0 > 0);
    }
  }
  for (int64_t g = 0; g < GH; ++g)
SIMD4_PLAIN_LOOP
    for (int64_t k = 0; k < K; ++k) d_w[g * K + k] += t[std::size_t(k * GH + g)];
}

// proj (rows, G*H) = x (rows, I) x W_ih^T: proj^T (G*H x rows) = W_ih x^T, as dot products of W_ih's rows
// (columns of the column-major (I x G*H) w_ih) with x's rows.
inline void input_projection(const float* x, const float* w_ih, float* proj, int64_t rows, int64_t I, int64_t GH) {
  gemm_tn(int(GH), int(rows), int(I), w_ih, int(I), x, int(I), proj, int(GH), false);
}

// input_projection of some rows only: x_rows (n, I) are x's rows rows[0..n), written to those rows of proj.
inline void input_projection_rows(const float* x_rows, const int* rows, int n, const float* w_ih, float* proj,
                                  int64_t I, int64_t GH) {
  gemm_tn(int(GH), n, int(I), w_ih, int(I), x_rows, int(I), proj, int(GH), false, rows);
}

// dx (rows, I) += d_gates (rows, G*H) x W_ih (G*H, I): dx^T (I x rows) += W_ih^T (I x G*H, column-major = w_ih)
// d_gates^T.
inline void input_gradient(const float* d_gates, const float* w_ih, float* dx, int64_t rows, int64_t I, int64_t GH) {
  gemm_nn(int(I), int(rows), int(GH), w_ih, int(I), d_gates, 1, int(GH), dx, int(I), true);
}

}  // namespace rnnlab::simd
