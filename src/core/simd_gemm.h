// The matrix products of a fused recurrent layer as hand-written four-lane kernels (simd4.h). The wasm build
// uses them instead of Eigen, which has no wasm packet path: measured 1.5-3x faster per product at the sizes of
// W2-W5 (docs/wasm-simd.md, "What each kernel runs"). Native builds keep Eigen (AVX-512) and the plain loops.
//
// All matrices column-major with explicit leading dimensions; a row-major (R x C) buffer is the same memory as a
// column-major (C x R) one:
//   gemm_nn: C (M x N) (+)= A (M x K) * B, A column-major, B(k, n) = b[k * b_k + n * b_n]
//            vectorised along M ("axpy form": a column of A times a broadcast scalar of B)
//   gemm_tn: C (M x N) (+)= A^T B with A (K x M), B (K x N) column-major: C(m, n) = dot(A col m, B col n)
//            vectorised along K ("dot form", four horizontal sums share one transpose)
// Register budget: V8 on x86-64 has 16 vector registers; blocks stay below that (8 accumulators: 12 x 4, 8 x 6
// and 4 x 8 blocks measured 1.3-1.5x slower, 16 x 2 no faster). Products with full 8 x 4 blocks pack A and B
// first (gemm_nn_packed_panel, gemm_tn); the kernels are not inlined, one copy each (the .wasm's size budget).
#pragma once

#include <algorithm>
#include <cstddef>
#include <memory>

#include "core/simd4.h"

namespace rnnlab::simd {

using simd4::f32x4;

// c (M) = [c +] A (M x K, col-major, lda) * x, x[k] = xs[k * x_k], streaming 4 columns of A at a time with c in
// L1. For an A larger than L1 this beats register blocks over rows: those jump lda floats per k (2 KB for
// W3's W_hh), which crosses a 4 KB page every other k and defeats the hardware prefetcher.
inline void gemv_nn_streaming(int M, int K, const float* A, int lda, const float* xs, int x_k, float* c,
                              bool accumulate) {
  using namespace simd4;
  if (!accumulate) std::fill(c, c + M, 0.0f);
  int k = 0;
  for (; k + 4 <= K; k += 4) {
    const float* a0 = A + std::ptrdiff_t(k) * lda;
    const float* a1 = a0 + lda;
    const float* a2 = a1 + lda;
    const float* a3 = a2 + lda;
    const float x0 = xs[std::ptrdiff_t(k) * x_k], x1 = xs[std::ptrdiff_t(k + 1) * x_k];
    const float x2 = xs[std::ptrdiff_t(k + 2) * x_k], x3 = xs[std::ptrdiff_t(k + 3) * x_k];
    const f32x4 s0 = splat(x0), s1 = splat(x1), s2 = splat(x2), s3 = splat(x3);
    int m = 0;
    for (; m + 4 <= M; m += 4) {
      f32x4 v = madd(load(a0 + m), s0, load(c + m));
      v = madd(load(a1 + m), s1, v);
      v = madd(load(a2 + m), s2, v);
      store(c + m, madd(load(a3 + m), s3, v));
    }
    for (; m < M; ++m) c[m] += a0[m] * x0 + a1[m] * x1 + a2[m] * x2 + a3[m] * x3;
  }
  for (; k < K; ++k) {
    const float* a = A + std::ptrdiff_t(k) * lda;
    const float x = xs[std::ptrdiff_t(k) * x_k];
    const f32x4 s = splat(x);
    int m = 0;
    for (; m + 4 <= M; m += 4) store(c + m, madd(load(a + m), s, load(c + m)));
    for (; m < M; ++m) c[m] += a[m] * x;
  }
}

// gemm_nn on one panel of K, A and B read in place (see gemm_nn): the whole product when it is small or has fewer
// than 4 columns or 8 rows, and the columns past gemm_nn_packed_panel's last full block of 4.
[[gnu::noinline]] inline void gemm_nn_panel_strided(int M, int N, int K, const float* A, int lda, const float* b,
                                                   int b_k, int b_n, float* C, int ldc, bool accumulate) {
  using namespace simd4;
  int n = 0;
  // Blocks of 4 columns of C, 4 rows at a time (products with full 8 x 4 blocks run packed: gemm_nn_panel).
  for (; n + 4 <= N; n += 4) {
    float* c0 = C + std::ptrdiff_t(n) * ldc;
    float* c1 = c0 + ldc;
    float* c2 = c1 + ldc;
    float* c3 = c2 + ldc;
    const float* bn = b + std::ptrdiff_t(n) * b_n;
    int m = 0;
    for (; m + 4 <= M; m += 4) {
      f32x4 a0 = splat(0), a1 = splat(0), a2 = splat(0), a3 = splat(0);
      const float* a = A + m;
      const float* bk = bn;
      for (int k = 0; k < K; ++k, a += lda, bk += b_k) {
        const f32x4 x = load(a);
        a0 = madd(x, splat(bk[0]), a0);
        a1 = madd(x, splat(bk[b_n]), a1);
        a2 = madd(x, splat(bk[2 * b_n]), a2);
        a3 = madd(x, splat(bk[3 * b_n]), a3);
      }
      if (accumulate) {
        a0 = add(a0, load(c0 + m)); a1 = add(a1, load(c1 + m));
        a2 = add(a2, load(c2 + m)); a3 = add(a3, load(c3 + m));
      }
      store(c0 + m, a0); store(c1 + m, a1); store(c2 + m, a2); store(c3 + m, a3);
    }
    for (; m < M; ++m) {
      float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      const float* a = A + m;
      const float* bk = bn;
      for (int k = 0; k < K; ++k, a += lda, bk += b_k) {
        s0 += *a * bk[0]; s1 += *a * bk[b_n]; s2 += *a * bk[2 * b_n]; s3 += *a * bk[3 * b_n];
      }
      if (accumulate) { s0 += c0[m]; s1 += c1[m]; s2 += c2[m]; s3 += c3[m]; }
      c0[m] = s0; c1[m] = s1; c2[m] = s2; c3[m] = s3;
    }
  }
  // Remaining columns one at a time (this is the whole product when N == 1: matrix-vector).
  for (; n < N; ++n) {
    float* c = C + std::ptrdiff_t(n) * ldc;
    const float* bn = b + std::ptrdiff_t(n) * b_n;
    if (std::ptrdiff_t(M) * K > 8192) {
      gemv_nn_streaming(M, K, A, lda, bn, b_k, c, accumulate);
      continue;
    }
    // A fits in L1: registers hold 32 rows of c while k runs.
    int m = 0;
    for (; m + 32 <= M; m += 32) {
      f32x4 a0 = splat(0), a1 = splat(0), a2 = splat(0), a3 = splat(0);
      f32x4 a4 = splat(0), a5 = splat(0), a6 = splat(0), a7 = splat(0);
      const float* a = A + m;
      const float* bk = bn;
      for (int k = 0; k < K; ++k, a += lda, bk += b_k) {
        const f32x4 s = splat(*bk);
        a0 = madd(load(a), s, a0); a1 = madd(load(a + 4), s, a1);
        a2 = madd(load(a + 8), s, a2); a3 = madd(load(a + 12), s, a3);
        a4 = madd(load(a + 16), s, a4); a5 = madd(load(a + 20), s, a5);
        a6 = madd(load(a + 24), s, a6); a7 = madd(load(a + 28), s, a7);
      }
      if (accumulate) {
        a0 = add(a0, load(c + m)); a1 = add(a1, load(c + m + 4));
        a2 = add(a2, load(c + m + 8)); a3 = add(a3, load(c + m + 12));
        a4 = add(a4, load(c + m + 16)); a5 = add(a5, load(c + m + 20));
        a6 = add(a6, load(c + m + 24)); a7 = add(a7, load(c + m + 28));
      }
      store(c + m, a0); store(c + m + 4, a1); store(c + m + 8, a2); store(c + m + 12, a3);
      store(c + m + 16, a4); store(c + m + 20, a5); store(c + m + 24, a6); store(c + m + 28, a7);
    }
    for (; m + 4 <= M; m += 4) {
      f32x4 a0 = splat(0);
      const float* a = A + m;
      const float* bk = bn;
      for (int k = 0; k < K; ++k, a += lda, bk += b_k) a0 = madd(load(a), splat(*bk), a0);
      if (accumulate) a0 = add(a0, load(c + m));
      store(c + m, a0);
    }
    for (; m < M; ++m) {
      float s = 0;
      const float* a = A + m;
      const float* bk = bn;
      for (int k = 0; k < K; ++k, a += lda, bk += b_k) s += *a * *bk;
      c[m] = accumulate ? c[m] + s : s;
    }
  }
}

// The packed panels' buffer, allocated per product and freed at its end (nothing stays held between products,
// so a trainer's dispose() gives back every byte; a 256 KB allocation costs little next to the product that fills
// it). Uninitialized: every float read is written by the packing first.
struct GemmPack {
  explicit GemmPack(std::size_t floats) : data(new float[floats]) {}
  std::unique_ptr<float[]> data;
};

// Packs 4 columns of B for k in [0, K): bp[4 k + j] = B(k, j), B(k, j) = b[k b_k + j b_n]. The two layouts the
// products use are copied four lanes at a time: b_n == 1 (a column block is one 16-byte run per k: the weight
// gradients' dG) and b_k == 1 (four runs along k, transposed 4 x 4: the step products' h and dG rows); the
// scalar loop takes any other stride and the tail. A copy: the products' bits do not depend on how.
inline void pack_b4(int K, const float* b, int b_k, int b_n, float* bp) {
  using namespace simd4;
  int k = 0;
  if (b_n == 1) {
SIMD4_NO_UNROLL
    for (; k < K; ++k) store(bp + 4 * k, load(b + std::ptrdiff_t(k) * b_k));
  } else if (b_k == 1) {
    const float* r0 = b;
    const float* r1 = r0 + b_n;
    const float* r2 = r1 + b_n;
    const float* r3 = r2 + b_n;
SIMD4_NO_UNROLL
    for (; k + 4 <= K; k += 4) transpose4_store(bp + 4 * k, load(r0 + k), load(r1 + k), load(r2 + k), load(r3 + k));
  }
SIMD4_PLAIN_LOOP
  for (; k < K; ++k) {
    const float* src = b + std::ptrdiff_t(k) * b_k;
    bp[4 * k] = src[0];
    bp[4 * k + 1] = src[b_n];
    bp[4 * k + 2] = src[2 * std::ptrdiff_t(b_n)];
    bp[4 * k + 3] = src[3 * std::ptrdiff_t(b_n)];
  }
}

// The packed 8 x 4 blocks (gemm_nn_packed_panel, gemm_tn): C (M x N4) = [C +] A B over one panel of K, A
// already packed as ap[m K + 8 k + i] = A(m + i, k) for each block of 8 rows starting at m, the last block padded
// with zero rows up to 8; B(k, n) = b[k b_k + n b_n] is packed here 4 columns at a time, bp[4 k + j] =
// B(k, n + j). The 8 x 4 register block then reads both sequentially: two 16-byte loads and four
// v128.load32_splat broadcasts a k, 8 accumulators. A last block of fewer than 8 rows goes through a small
// buffer and writes only its rows: the zero rows cost a few multiply-adds, and W7's weight gradient of W_ih
// (M = 28) runs at the full block's rate instead of the 4-row tail's (half of it).
// bp: room for 4 K floats. c_cols, when given, names C's column for each column of B (C's other columns are left
// alone). Not inlined: one copy of the kernel serves every product (the .wasm's gzip budget).
[[gnu::noinline]] inline void gemm_packed_blocks(int M, int N4, int K, const float* ap, float* bp, const float* b,
                                                int b_k, int b_n, float* C, int ldc, bool accumulate,
                                                const int* c_cols = nullptr) {
  using namespace simd4;
  const auto column = [&](int n) { return C + std::ptrdiff_t(c_cols ? c_cols[n] : n) * ldc; };
  for (int n = 0; n < N4; n += 4) {
    pack_b4(K, b + std::ptrdiff_t(n) * b_n, b_k, b_n, bp);
    float* c0 = column(n);
    float* c1 = column(n + 1);
    float* c2 = column(n + 2);
    float* c3 = column(n + 3);
    for (int m = 0; m < M; m += 8) {
      f32x4 a00 = splat(0), a01 = splat(0), a02 = splat(0), a03 = splat(0);
      f32x4 a10 = splat(0), a11 = splat(0), a12 = splat(0), a13 = splat(0);
      // The loop runs on the two pointers alone: Emscripten compiles with loop strength reduction off, so a k
      // counter stays a third induction variable, and Node 20's V8 ran the W7 step product at 43 GFLOP/s with it
      // against 48 without (Chromium's V8: 49 either way; docs/wasm-simd.md, "W7's LSTM epoch").
      const float* a = ap + std::ptrdiff_t(m) * K;
      const float* const a_end = a + 8 * std::ptrdiff_t(K);
      const float* bk = bp;
      for (; a != a_end; a += 8, bk += 4) {
        const f32x4 x0 = load(a), x1 = load(a + 4);
        f32x4 s = splat_load(bk);
        a00 = madd(x0, s, a00); a10 = madd(x1, s, a10);
        s = splat_load(bk + 1);
        a01 = madd(x0, s, a01); a11 = madd(x1, s, a11);
        s = splat_load(bk + 2);
        a02 = madd(x0, s, a02); a12 = madd(x1, s, a12);
        s = splat_load(bk + 3);
        a03 = madd(x0, s, a03); a13 = madd(x1, s, a13);
      }
      if (m + 8 > M) {  // the last, partial block: only its M - m rows exist in C
        alignas(16) float t[32];
        store(t, a00); store(t + 4, a10); store(t + 8, a01); store(t + 12, a11);
        store(t + 16, a02); store(t + 20, a12); store(t + 24, a03); store(t + 28, a13);
        float* const cs[4] = {c0, c1, c2, c3};
        for (int j = 0; j < 4; ++j)
SIMD4_PLAIN_LOOP
          for (int i = 0; i < M - m; ++i) {
            float v = t[8 * j + i];
            if (accumulate) v += cs[j][m + i];
            cs[j][m + i] = v;
          }
        continue;
      }
      if (accumulate) {
        a00 = add(a00, load(c0 + m)); a10 = add(a10, load(c0 + m + 4));
        a01 = add(a01, load(c1 + m)); a11 = add(a11, load(c1 + m + 4));
        a02 = add(a02, load(c2 + m)); a12 = add(a12, load(c2 + m + 4));
        a03 = add(a03, load(c3 + m)); a13 = add(a13, load(c3 + m + 4));
      }
      store(c0 + m, a00); store(c0 + m + 4, a10);
      store(c1 + m, a01); store(c1 + m + 4, a11);
      store(c2 + m, a02); store(c2 + m + 4, a12);
      store(c3 + m, a03); store(c3 + m + 4, a13);
    }
  }
}

// A's rows in blocks of 8 for gemm_packed_blocks: ap[m K + 8 k + i] = A(m + i, k), the last block padded with zero
// rows up to 8 ((M + 7) / 8 * 8 K floats).
[[gnu::noinline]] inline void pack_a_panel(int M, int K, const float* A, int lda, float* ap) {
  using namespace simd4;
  const int M8 = M & ~7;
  for (int m = 0; m < M8; m += 8) {
    float* dst = ap + std::ptrdiff_t(m) * K;
    const float* src = A + m;
SIMD4_NO_UNROLL
    for (int k = 0; k < K; ++k, src += lda, dst += 8) {
      store(dst, load(src));
      store(dst + 4, load(src + 4));
    }
  }
  if (M8 < M) {  // the last rows, padded with zeros to a block of 8
    float* dst = ap + std::ptrdiff_t(M8) * K;
    const float* src = A + M8;
SIMD4_PLAIN_LOOP
    for (int k = 0; k < K; ++k, src += lda, dst += 8)
      for (int i = 0; i < 8; ++i) dst[i] = i < M - M8 ? src[i] : 0.0f;
  }
}

// pack_a_panel of A's columns k_cols[0..K) (A(m, k_cols[k]) for k in [0, K)): the products over the nonzero rows
// of an input only (weight_gradient_few_columns with rows).
[[gnu::noinline]] inline void pack_a_panel_cols(int M, int K, const float* A, int lda, const int* k_cols,
                                                float* ap) {
  using namespace simd4;
  const int M8 = M & ~7;
  for (int m = 0; m < M8; m += 8) {
    float* dst = ap + std::ptrdiff_t(m) * K;
SIMD4_NO_UNROLL
    for (int k = 0; k < K; ++k, dst += 8) {
      const float* src = A + std::ptrdiff_t(k_cols[k]) * lda + m;
      store(dst, load(src));
      store(dst + 4, load(src + 4));
    }
  }
  if (M8 < M) {
    float* dst = ap + std::ptrdiff_t(M8) * K;
SIMD4_PLAIN_LOOP
    for (int k = 0; k < K; ++k, dst += 8)
      for (int i = 0; i < 8; ++i) dst[i] = i < M - M8 ? A[std::ptrdiff_t(k_cols[k]) * lda + M8 + i] : 0.0f;
  }
}

// gemm_nn on one panel of K with both operands packed first (gemm_packed_blocks): for each block of 8 rows,
// A(m..m+8, k) for every k in one contiguous run. In place, the same block walked A a column stride apart and
// B's four values up to 4 strides apart for every k, and slowed to 23-26 GFLOP/s on W6's weight gradients
// (K = 2048, lda = 128, B's k stride 512) against 35 packed (docs/wasm-simd.md, "Packed panels"). The sums run
// in the same order as in place (sequential in k, one multiply and one add each), so the result is
// bit-identical; the last rows are padded to a block of 8 (gemm_packed_blocks) and columns past the last full
// block of 4 go to gemm_nn_panel_strided.
[[gnu::noinline]] inline void gemm_nn_packed_panel(int M, int N, int K, const float* A, int lda, const float* b,
                                                  int b_k, int b_n, float* C, int ldc, bool accumulate) {
  using namespace simd4;
  const int N4 = N & ~3, Mp = (M + 7) & ~7;
  const GemmPack pack((std::size_t(Mp) + 4) * std::size_t(K));
  float* const ap = pack.data.get();
  float* const bp = ap + std::size_t(Mp) * std::size_t(K);
  pack_a_panel(M, K, A, lda, ap);
  gemm_packed_blocks(M, N4, K, ap, bp, b, b_k, b_n, C, ldc, accumulate);
  if (N4 < N)
    gemm_nn_panel_strided(M, N - N4, K, A, lda, b + std::ptrdiff_t(N4) * b_n, b_k, b_n, C + std::ptrdiff_t(N4) * ldc,
                          ldc, accumulate);
}

// One panel of K: packed when there is at least one full 8 x 4 block and the packing is a small share of the
// work (A's panel is reused by every block of 4 columns, B's by every block of 8 rows).
inline void gemm_nn_panel(int M, int N, int K, const float* A, int lda, const float* b, int b_k, int b_n, float* C,
                          int ldc, bool accumulate) {
  if (M >= 8 && N >= 4 && std::ptrdiff_t(M) * K >= 256)
    gemm_nn_packed_panel(M, N, K, A, lda, b, b_k, b_n, C, ldc, accumulate);
  else
    gemm_nn_panel_strided(M, N, K, A, lda, b, b_k, b_n, C, ldc, accumulate);
}

// The gemm_nn panel length for M rows: the panel of A re-read for every block of 4 columns stays in L2.
inline int gemm_nn_panel_k(int M) { return std::max(16, (64 * 1024) / std::max(M, 1)); }

// C (M x N, col-major, ldc) = [C +] A (M x K, col-major, lda) * B, B(k, n) = b[k * b_k + n * b_n].
// K is cut into panels so that the panel of A being re-read for every block of 4 columns of C stays in L2
// (about 256 KB; the weight gradient of W4 has A = 512 x 1024 floats = 2 MB).
[[gnu::noinline]] inline void gemm_nn(int M, int N, int K, const float* A, int lda, const float* b, int b_k, int b_n,
                                     float* C, int ldc, bool accumulate) {
  const int kc = gemm_nn_panel_k(M);
  for (int k0 = 0; k0 < K || k0 == 0; k0 += kc) {
    const int kn = std::min(kc, K - k0);
    gemm_nn_panel(M, N, kn, A + std::ptrdiff_t(k0) * lda, lda, b + std::ptrdiff_t(k0) * b_k, b_k, b_n, C, ldc,
                  accumulate || k0 > 0);
  }
}

// A (M x K) packed once for many products that share it: a recurrence's W_hh, read by each of the T steps of a
// sweep forward (W_hh^T) and backward (W_hh). Packing per product copied the 256 KB W_hh of W7 28 times a sweep
// (about 10 % of each step product; docs/wasm-simd.md, "W_hh packed once a sweep"). Holds every panel gemm_nn
// would pack (the same cut of K), the B panel's buffer and A itself, so that gemm_nn_prepacked computes
// gemm_nn's exact sums: the same blocks in the same order, the same in-place code for what gemm_nn would not
// pack. The buffer is freed with the object (a sweep's lifetime).
struct PackedA {
  PackedA(int M, int K, const float* A, int lda)
      : M(M), K(K), kc(gemm_nn_panel_k(M)), lda(lda), A(A),
        data(M >= 8 && std::ptrdiff_t(M) * std::min(kc, K) >= 256
                 ? new float[std::size_t((M + 7) & ~7) * std::size_t(K) + 4 * std::size_t(std::min(kc, K))]
                 : nullptr) {
    if (!data) return;
    const int Mp = (M + 7) & ~7;
    for (int k0 = 0; k0 < K; k0 += kc)
      pack_a_panel(M, std::min(kc, K - k0), A + std::ptrdiff_t(k0) * lda, lda,
                   data.get() + std::ptrdiff_t(Mp) * k0);
  }
  int M, K, kc, lda;
  const float* A;
  std::unique_ptr<float[]> data;  // panel k0 at Mp k0, then 4 min(kc, K) floats for B's panel; null: not packed
};

// gemm_nn (C (M x N) = [C +] A B) with A packed beforehand: bit-identical to gemm_nn on the same A.
[[gnu::noinline]] inline void gemm_nn_prepacked(PackedA& a, int N, const float* b, int b_k, int b_n, float* C,
                                               int ldc, bool accumulate) {
  // Every panel of a packed A passed gemm_nn_panel's size test except perhaps a short last one.
  const int M = a.M, K = a.K, kc = a.kc, N4 = N & ~3, Mp = (M + 7) & ~7;
  if (!a.data || N < 4 || K == 0) {
    gemm_nn(M, N, K, a.A, a.lda, b, b_k, b_n, C, ldc, accumulate);
    return;
  }
  float* const bp = a.data.get() + std::ptrdiff_t(Mp) * K;
  for (int k0 = 0; k0 < K; k0 += kc) {
    const int kn = std::min(kc, K - k0);
    const float* Ak = a.A + std::ptrdiff_t(k0) * a.lda;
    const float* bk = b + std::ptrdiff_t(k0) * b_k;
    const bool acc = accumulate || k0 > 0;
    if (std::ptrdiff_t(M) * kn < 256) {  // gemm_nn_panel's choice for a short last panel
      gemm_nn_panel_strided(M, N, kn, Ak, a.lda, bk, b_k, b_n, C, ldc, acc);
      continue;
    }
    gemm_packed_blocks(M, N4, kn, a.data.get() + std::ptrdiff_t(Mp) * k0, bp, bk, b_k, b_n, C, ldc, acc);
    if (N4 < N)
      gemm_nn_panel_strided(M, N - N4, kn, Ak, a.lda, bk + std::ptrdiff_t(N4) * b_n, b_k, b_n,
                            C + std::ptrdiff_t(N4) * ldc, ldc, acc);
  }
}

// Dot product of two contiguous vectors, four lanes with a scalar tail.
inline float dot(const float* x, const float* y, int K) {
  using namespace simd4;
  f32x4 acc = splat(0);
  int k = 0;
  for (; k + 4 <= K; k += 4) acc = madd(load(x + k), load(y + k), acc);
  float s = hsum(acc);
  for (; k < K; ++k) s += x[k] * y[k];
  return s;
}

// gemm_tn as dot products read in place: the whole product when it is small, and the columns past the packed
// path's last full block of 4 (see gemm_tn).
[[gnu::noinline]] inline void gemm_tn_dots(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C, int ldc,
                    bool accumulate) {
  using namespace simd4;
  const int K4 = K & ~3;
  int m = 0;
  // Blocks of 4 rows of C: their 4 dot products end in one hsum4 and one vector store per column.
  for (; m + 4 <= M; m += 4) {
    const float* r0 = A + std::ptrdiff_t(m) * lda;
    const float* r1 = r0 + lda;
    const float* r2 = r1 + lda;
    const float* r3 = r2 + lda;
    int n = 0;
    for (; n + 2 <= N; n += 2) {
      const float* x = B + std::ptrdiff_t(n) * ldb;
      const float* y = x + ldb;
      f32x4 p0 = splat(0), p1 = splat(0), p2 = splat(0), p3 = splat(0);
      f32x4 q0 = splat(0), q1 = splat(0), q2 = splat(0), q3 = splat(0);
      for (int k = 0; k < K4; k += 4) {
        const f32x4 xv = load(x + k), yv = load(y + k);
        const f32x4 v0 = load(r0 + k), v1 = load(r1 + k), v2 = load(r2 + k), v3 = load(r3 + k);
        p0 = madd(v0, xv, p0); p1 = madd(v1, xv, p1); p2 = madd(v2, xv, p2); p3 = madd(v3, xv, p3);
        q0 = madd(v0, yv, q0); q1 = madd(v1, yv, q1); q2 = madd(v2, yv, q2); q3 = madd(v3, yv, q3);
      }
      alignas(16) float px[4], py[4];
      store(px, hsum4(p0, p1, p2, p3));
      store(py, hsum4(q0, q1, q2, q3));
      for (int k = K4; k < K; ++k) {
        px[0] += r0[k] * x[k]; px[1] += r1[k] * x[k]; px[2] += r2[k] * x[k]; px[3] += r3[k] * x[k];
        py[0] += r0[k] * y[k]; py[1] += r1[k] * y[k]; py[2] += r2[k] * y[k]; py[3] += r3[k] * y[k];
      }
      float* cx = C + m + std::ptrdiff_t(n) * ldc;
      float* cy = cx + ldc;
      f32x4 vx = load(px), vy = load(py);
      if (accumulate) { vx = add(vx, load(cx)); vy = add(vy, load(cy)); }
      store(cx, vx); store(cy, vy);
    }
    for (; n < N; ++n) {
      const float* x = B + std::ptrdiff_t(n) * ldb;
      f32x4 p0 = splat(0), p1 = splat(0), p2 = splat(0), p3 = splat(0);
      for (int k = 0; k < K4; k += 4) {
        const f32x4 xv = load(x + k);
        p0 = madd(load(r0 + k), xv, p0); p1 = madd(load(r1 + k), xv, p1);
        p2 = madd(load(r2 + k), xv, p2); p3 = madd(load(r3 + k), xv, p3);
      }
      alignas(16) float px[4];
      store(px, hsum4(p0, p1, p2, p3));
      for (int k = K4; k < K; ++k) {
        px[0] += r0[k] * x[k]; px[1] += r1[k] * x[k]; px[2] += r2[k] * x[k]; px[3] += r3[k] * x[k];
      }
      float* cx = C + m + std::ptrdiff_t(n) * ldc;
      f32x4 vx = load(px);
      if (accumulate) vx = add(vx, load(cx));
      store(cx, vx);
    }
  }
  for (; m < M; ++m)
    for (int n = 0; n < N; ++n) {
      float s = dot(A + std::ptrdiff_t(m) * lda, B + std::ptrdiff_t(n) * ldb, K);
      float& c = C[m + std::ptrdiff_t(n) * ldc];
      c = accumulate ? c + s : s;
    }
}

// C (M x N, col-major, ldc) = [C +] A^T B; A (K x M, col-major, lda), B (K x N, col-major, ldb).
// Products with full 8 x 4 blocks run as gemm_nn's packed blocks: A^T's 8 rows (columns of A) are packed
// interleaved, ap[m K + 8 k + i] = A(k, m + i), and B(k, n) = B[k + n ldb]. The dot form needs K / 4 vector steps
// plus a transpose and a horizontal sum for each 4 x 2 block of C, which costs most at short K (W7's input
// projection, K = 28); packed, W6's input projection runs at gemm_nn's rate (docs/wasm-simd.md, "Packed panels").
// The sums then run sequentially in k instead of four partial sums: other rounding, same tolerance against Eigen.
// c_cols, when given, names C's column for each column of B (gemm_packed_blocks).
[[gnu::noinline]] inline void gemm_tn(int M, int N, int K, const float* A, int lda, const float* B, int ldb,
                                     float* C, int ldc, bool accumulate, const int* c_cols = nullptr) {
  // Columns by dot products: C's columns one at a time when they are named.
  const auto dots = [&](int n0, int k0, int kn, bool acc) {
    if (!c_cols) {
      gemm_tn_dots(M, N - n0, kn, A + k0, lda, B + std::ptrdiff_t(n0) * ldb + k0, ldb, C + std::ptrdiff_t(n0) * ldc,
                   ldc, acc);
      return;
    }
    for (int n = n0; n < N; ++n)
      gemm_tn_dots(M, 1, kn, A + k0, lda, B + std::ptrdiff_t(n) * ldb + k0, ldb, C + std::ptrdiff_t(c_cols[n]) * ldc,
                   ldc, acc);
  };
  if (!(M >= 16 && N >= 8 && std::ptrdiff_t(M) * K >= 1024)) {
    dots(0, 0, K, accumulate);
    return;
  }
  const int N4 = N & ~3, Mp = (M + 7) & ~7;
  const int kc = std::max(16, (64 * 1024) / M);
  const GemmPack pack((std::size_t(Mp) + 4) * std::size_t(std::min(kc, K)));
  float* const ap = pack.data.get();
  float* const bp = ap + std::size_t(Mp) * std::size_t(std::min(kc, K));
  for (int k0 = 0; k0 < K; k0 += kc) {
    const int kn = std::min(kc, K - k0);
    const bool acc = accumulate || k0 > 0;
    for (int m = 0; m < Mp; m += 8) {
      float* dst = ap + std::ptrdiff_t(m) * kn;
      for (int i = 0; i < 8; ++i) {
        if (m + i >= M) {  // padding rows of the last block
SIMD4_PLAIN_LOOP
          for (int k = 0; k < kn; ++k) dst[8 * k + i] = 0.0f;
          continue;
        }
        const float* src = A + std::ptrdiff_t(m + i) * lda + k0;
SIMD4_PLAIN_LOOP
        for (int k = 0; k < kn; ++k) dst[8 * k + i] = src[k];
      }
    }
    gemm_packed_blocks(M, N4, kn, ap, bp, B + k0, 1, ldb, C, ldc, acc, c_cols);
    if (N4 < N) dots(N4, k0, kn, acc);
  }
}

}  // namespace rnnlab::simd
