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
// Register budget: V8 on x86-64 has 16 vector registers; blocks stay below that (8 accumulators).
#pragma once

#include <algorithm>
#include <cstddef>

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

// gemm_nn on one panel of K (see gemm_nn).
inline void gemm_nn_panel(int M, int N, int K, const float* A, int lda, const float* b, int b_k, int b_n, float* C,
                          int ldc, bool accumulate) {
  using namespace simd4;
  int n = 0;
  // Blocks of 4 columns of C: 8 rows x 4 columns = 8 accumulators, 2 loads of A and 4 broadcasts per k.
  for (; n + 4 <= N; n += 4) {
    float* c0 = C + std::ptrdiff_t(n) * ldc;
    float* c1 = c0 + ldc;
    float* c2 = c1 + ldc;
    float* c3 = c2 + ldc;
    const float* bn = b + std::ptrdiff_t(n) * b_n;
    int m = 0;
    for (; m + 8 <= M; m += 8) {
      f32x4 a00 = splat(0), a01 = splat(0), a02 = splat(0), a03 = splat(0);
      f32x4 a10 = splat(0), a11 = splat(0), a12 = splat(0), a13 = splat(0);
      const float* a = A + m;
      const float* bk = bn;
      for (int k = 0; k < K; ++k, a += lda, bk += b_k) {
        const f32x4 x0 = load(a), x1 = load(a + 4);
        const f32x4 s0 = splat(bk[0]), s1 = splat(bk[b_n]), s2 = splat(bk[2 * b_n]), s3 = splat(bk[3 * b_n]);
        a00 = madd(x0, s0, a00); a10 = madd(x1, s0, a10);
        a01 = madd(x0, s1, a01); a11 = madd(x1, s1, a11);
        a02 = madd(x0, s2, a02); a12 = madd(x1, s2, a12);
        a03 = madd(x0, s3, a03); a13 = madd(x1, s3, a13);
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

// C (M x N, col-major, ldc) = [C +] A (M x K, col-major, lda) * B, B(k, n) = b[k * b_k + n * b_n].
// K is cut into panels so that the panel of A being re-read for every block of 4 columns of C stays in L2
// (about 256 KB; the weight gradient of W4 has A = 512 x 1024 floats = 2 MB).
inline void gemm_nn(int M, int N, int K, const float* A, int lda, const float* b, int b_k, int b_n, float* C,
                    int ldc, bool accumulate) {
  const int kc = std::max(16, (64 * 1024) / std::max(M, 1));
  for (int k0 = 0; k0 < K || k0 == 0; k0 += kc) {
    const int kn = std::min(kc, K - k0);
    gemm_nn_panel(M, N, kn, A + std::ptrdiff_t(k0) * lda, lda, b + std::ptrdiff_t(k0) * b_k, b_k, b_n, C, ldc,
                  accumulate || k0 > 0);
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

// C (M x N, col-major, ldc) = [C +] A^T B; A (K x M, col-major, lda), B (K x N, col-major, ldb).
inline void gemm_tn(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C, int ldc,
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

}  // namespace rnnlab::simd
