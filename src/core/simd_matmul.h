// matmul's products (ops_linalg.cpp: forward and both gradients, with and without b transposed) on the hand
// four-lane kernels of simd_gemm.h, for the wasm build, where Eigen has no packet path and these run 2-3x
// faster (docs/wasm-simd.md). Natively matmul keeps Eigen; tests/core/test_simd_matmul.cpp holds each of these
// to Eigen. Row-major (R, C) buffers are column-major (C x R) matrices to the kernels.
#pragma once
#include <cstdint>

#include "core/simd_gemm.h"

namespace rnnlab::simd {

// y (M, N) = a (M, K) b^T, b (N, K): y^T = b a^T as dot products of b's rows with a's rows.
inline void matmul_abt(const float* a, const float* b, float* y, int64_t M, int64_t K, int64_t N) {
  gemm_tn(int(N), int(M), int(K), b, int(K), a, int(K), y, int(N), false);
}

// y (M, N) = a (M, K) b, b (K, N): y^T (N x M) = b^T (column-major b) a^T.
inline void matmul_ab(const float* a, const float* b, float* y, int64_t M, int64_t K, int64_t N) {
  gemm_nn(int(N), int(M), int(K), b, int(N), a, 1, int(K), y, int(N), false);
}

// da (M, K) += dy (M, N) b, b (N, K): da^T (K x M) += b^T (column-major b) dy^T.
inline void add_dy_b(const float* dy, const float* b, float* da, int64_t M, int64_t K, int64_t N) {
  gemm_nn(int(K), int(M), int(N), b, int(K), dy, 1, int(N), da, int(K), true);
}

// da (M, K) += dy (M, N) b^T, b (K, N): da^T = b dy^T as dot products of b's rows with dy's rows.
inline void add_dy_bt(const float* dy, const float* b, float* da, int64_t M, int64_t K, int64_t N) {
  gemm_tn(int(K), int(M), int(N), b, int(N), dy, int(N), da, int(K), true);
}

// db (N, K) += dy^T (N, M) a (M, K): db^T (K x N) += a^T (column-major a) dy.
inline void add_dyt_a(const float* dy, const float* a, float* db, int64_t M, int64_t K, int64_t N) {
  gemm_nn(int(K), int(N), int(M), a, int(K), dy, int(N), 1, db, int(K), true);
}

// db (K, N) += a^T (K, M) dy (M, N): db^T (N x K) += dy^T (column-major dy) a.
inline void add_at_dy(const float* a, const float* dy, float* db, int64_t M, int64_t K, int64_t N) {
  gemm_nn(int(N), int(K), int(M), dy, int(N), a, int(K), 1, db, int(N), true);
}

}  // namespace rnnlab::simd
