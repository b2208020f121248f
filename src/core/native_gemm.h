// The native build's matrix product: a packed GEMM with an FMA register-block micro-kernel, for x86-64 machines
// with AVX2 + FMA (AVX-512 when the compiler targets it). Machines without them, and the wasm build, keep their
// own paths (Eigen natively, simd_gemm.h in wasm); RNNLAB_NATIVE_GEMM says whether this one exists.
//
// Why not Eigen: training's products are small and skinny (W6: (32, 128) x (128, 512) once per step, (2048, 128)
// x (128, 512), (512, 2048) x (2048, 128), (2048, 128) x (128, 65)); Eigen 3.4 packs both operands on every call
// and its 48 x 4 block is tuned for large squares. Here B is read in place when it is row-major (the recurrent
// weights, every step), only A is packed, and the block is 8 x 32 (AVX-512) or 6 x 16 (AVX2) of C.
//
// One entry, general strides, C row-major:
//   C (M, N) [+]= A (M, K) B (K, N),   A(m, k) = a[m * a_rs + k * a_cs],   B(k, n) = b[k * b_rs + n * b_cs],
//   C(m, n) = c[m * ldc + n].
// The usual cases, all tensors row-major:
//   NN  C = X W        X (M, K), W (K, N):   a_rs = K, a_cs = 1;  b_rs = N, b_cs = 1
//   NT  C = X W^T      W (N, K):             b_rs = 1, b_cs = K   (B packed)
//   TN  C = G^T X      G (K, M):             a_rs = 1, a_cs = M
// Each C(m, n) is summed over k in ascending order onto C's old value (accumulate) or onto zero; results differ
// from Eigen's only in rounding.
#pragma once

#include <cstdint>

#if defined(__AVX2__) && defined(__FMA__) && !defined(__wasm__)
#define RNNLAB_NATIVE_GEMM 1
#else
#define RNNLAB_NATIVE_GEMM 0
#endif

#if RNNLAB_NATIVE_GEMM
namespace rnnlab::native {

void gemm(int64_t M, int64_t N, int64_t K, const float* a, int64_t a_rs, int64_t a_cs, const float* b, int64_t b_rs,
          int64_t b_cs, float* c, int64_t ldc, bool accumulate);

// C (M, N) [+]= X (M, K) W (K, N), all row-major and contiguous.
inline void gemm_nn(int64_t M, int64_t N, int64_t K, const float* x, const float* w, float* c, bool accumulate) {
  gemm(M, N, K, x, K, 1, w, N, 1, c, N, accumulate);
}
// C (M, N) [+]= X (M, K) W^T, W (N, K).
inline void gemm_nt(int64_t M, int64_t N, int64_t K, const float* x, const float* w, float* c, bool accumulate) {
  gemm(M, N, K, x, K, 1, w, 1, K, c, N, accumulate);
}
// C (M, N) [+]= G^T X, G (K, M), X (K, N).
inline void gemm_tn(int64_t M, int64_t N, int64_t K, const float* g, const float* x, float* c, bool accumulate) {
  gemm(M, N, K, g, 1, M, x, N, 1, c, N, accumulate);
}

// Which code gemm runs: the packed kernel (the default) or, switched off, Eigen's product on the same strided
// operands (what the native build ran before). For benchmarks that compare the two in one process (the harness's
// GEMM ceiling is the better of them); not thread-safe, set it before training.
void use_packed_kernel(bool on);
bool packed_kernel_in_use();

// The block the micro-kernel computes, rows x columns of C (for docs and tests).
int block_rows();
int block_cols();

}  // namespace rnnlab::native
#endif
