// The packed GEMM of native_gemm.h (see there for the contract). Goto's loop order, simplified for the small
// products training runs:
//   for each KC-deep slice of K:                        (C is read once per slice: K <= KC is one pass)
//     for each MC-row block of A: read in place when A or A^T is row-major, else (and a last partial MR-row tile)
//       packed as MR-row micro-panels, k-major (ap[k * MR + i], zero rows past M)
//       for each NR-column panel of B: in place when B is row-major and the panel full, else packed (zero-padded)
//         for each MR-row micro-panel: the micro-kernel, MR x NR of C in registers, one FMA per (i, vector, k)
// The micro-kernel holds MR x NV vector accumulators: AVX-512 8 x 2 zmm (8 x 32 floats; 16 of the 32 registers),
// AVX2 6 x 2 ymm (6 x 16; 12 of 16). A micro-panel of B (KC x NR floats, 32 KB at most) stays in L1 while the
// MR-row panels of A stream past it from L2.
#include "core/native_gemm.h"

#if RNNLAB_NATIVE_GEMM
#include <immintrin.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>

#include <Eigen/Core>

namespace rnnlab::native {
namespace {

// Tuning knobs, for measuring alternatives (-D on the compile line): RNNLAB_NATIVE_GEMM_256 (256-bit vectors on an
// AVX-512 machine), RNNLAB_GEMM_MR / _NV / _KC (block rows, vectors per block row, slice depth). Measured on Zen 4
// (W6's eight shapes, bench/harness: rnnlab_bench_native gemm-shapes): 8 x 2 zmm 92-117 GFLOP/s, 12 x 2 zmm 80-104,
// 6 x 4 zmm 92-113, 6 x 2 ymm 85-110, KC = 128 88-115; the two recurrence products (the most called) like 8 x 2 best.
#if defined(__AVX512F__) && !defined(RNNLAB_NATIVE_GEMM_256)
using Vec = __m512;
constexpr int kW = 16;  // floats per vector
#ifndef RNNLAB_GEMM_MR
#define RNNLAB_GEMM_MR 8
#endif
constexpr int kMR = RNNLAB_GEMM_MR;
inline Vec vzero() { return _mm512_setzero_ps(); }
inline Vec vload(const float* p) { return _mm512_loadu_ps(p); }
inline void vstore(float* p, Vec v) { _mm512_storeu_ps(p, v); }
inline Vec vbroadcast(const float* p) { return _mm512_set1_ps(*p); }
inline Vec vfma(Vec a, Vec b, Vec c) { return _mm512_fmadd_ps(a, b, c); }
inline Vec vadd(Vec a, Vec b) { return _mm512_add_ps(a, b); }
#else
using Vec = __m256;
constexpr int kW = 8;
#ifndef RNNLAB_GEMM_MR
#define RNNLAB_GEMM_MR 6
#endif
constexpr int kMR = RNNLAB_GEMM_MR;
inline Vec vzero() { return _mm256_setzero_ps(); }
inline Vec vload(const float* p) { return _mm256_loadu_ps(p); }
inline void vstore(float* p, Vec v) { _mm256_storeu_ps(p, v); }
inline Vec vbroadcast(const float* p) { return _mm256_broadcast_ss(p); }
inline Vec vfma(Vec a, Vec b, Vec c) { return _mm256_fmadd_ps(a, b, c); }
inline Vec vadd(Vec a, Vec b) { return _mm256_add_ps(a, b); }
#endif

#ifndef RNNLAB_GEMM_NV
#define RNNLAB_GEMM_NV 2
#endif
constexpr int kNV = RNNLAB_GEMM_NV;            // vectors per row of the block
constexpr int kNR = kNV * kW;     // columns of the block
#ifndef RNNLAB_GEMM_KC
#define RNNLAB_GEMM_KC 256
#endif
constexpr int64_t kKC = RNNLAB_GEMM_KC;      // depth of a K slice
constexpr int64_t kMC = kMR * 16; // rows of a packed A block

// acc (MR x NV*W) = sum_k A(i, k) * bp[k * ldb + j], A(i, k) = ap[k * MR + i] packed or ap[i * ars + k * acs] in
// place; then C's mr x nr corner (+)= acc.
template <int NV, bool kPacked>
[[gnu::always_inline]] inline void micro_kernel(int64_t kc, const float* __restrict ap, int64_t ars, int64_t acs,
                                                const float* __restrict bp, int64_t ldb, float* __restrict c,
                                                int64_t ldc, bool accumulate, int mr, int nr) {
  if constexpr (kPacked) ars = 1, acs = kMR;
  Vec acc[kMR][NV];
#pragma GCC unroll 16
  for (int i = 0; i < kMR; ++i)
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) acc[i][v] = vzero();
  for (int64_t k = 0; k < kc; ++k, ap += acs, bp += ldb) {
    Vec bv[NV];
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) bv[v] = vload(bp + v * kW);
#pragma GCC unroll 16
    for (int i = 0; i < kMR; ++i) {
      const Vec ai = vbroadcast(ap + i * ars);
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v) acc[i][v] = vfma(ai, bv[v], acc[i][v]);
    }
  }
  if (mr == kMR && nr == NV * kW) {
#pragma GCC unroll 16
    for (int i = 0; i < kMR; ++i)
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v) {
        float* p = c + i * ldc + v * kW;
        vstore(p, accumulate ? vadd(vload(p), acc[i][v]) : acc[i][v]);
      }
    return;
  }
  alignas(64) float tile[kMR][NV * kW];
  // Unrolled like the loops above: an indexed acc[i][v] would keep the accumulators in memory in the k loop.
#pragma GCC unroll 16
  for (int i = 0; i < kMR; ++i)
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) vstore(&tile[i][v * kW], acc[i][v]);
  for (int i = 0; i < mr; ++i) {
    float* row = c + i * ldc;
    if (accumulate)
      for (int j = 0; j < nr; ++j) row[j] += tile[i][j];
    else
      for (int j = 0; j < nr; ++j) row[j] = tile[i][j];
  }
}

// The four instances: two widths (NV vectors, or one for a last panel of at most W columns) by A packed or in
// place (rows of A read where they are: A row-major (acs = 1) or A^T row-major (ars = 1), full MR-row tiles).
template <int NV, bool kPacked>
[[gnu::noinline]] void kernel(int64_t kc, const float* ap, int64_t ars, int64_t acs, const float* bp, int64_t ldb,
                              float* c, int64_t ldc, bool accumulate, int mr, int nr) {
  micro_kernel<NV, kPacked>(kc, ap, ars, acs, bp, ldb, c, ldc, accumulate, mr, nr);
}

// Scratch that grows to the largest product seen and is then reused (one per thread).
struct Scratch {
  float* data = nullptr;
  size_t size = 0;
  float* get(size_t n) {
    if (n > size) {
      std::free(data);
      size = (n + 1023) & ~size_t(1023);
      data = static_cast<float*>(std::aligned_alloc(64, size * sizeof(float)));
    }
    return data;
  }
  ~Scratch() { std::free(data); }
};

// ap[t][k * MR + i] = A(m0 + t * MR + i, k0 + k) for the mc x kc block, rows past mc zero.
void pack_a(const float* a, int64_t a_rs, int64_t a_cs, int64_t m0, int64_t mc, int64_t k0, int64_t kc, float* ap) {
  for (int64_t t = 0; t < mc; t += kMR, ap += kc * kMR) {
    const int rows = int(std::min<int64_t>(kMR, mc - t));
    const float* base = a + (m0 + t) * a_rs + k0 * a_cs;
    if (a_rs == 1 && rows == kMR) {  // A^T row-major: MR contiguous floats per k
      for (int64_t k = 0; k < kc; ++k) std::memcpy(ap + k * kMR, base + k * a_cs, kMR * sizeof(float));
      continue;
    }
    for (int i = 0; i < rows; ++i) {
      const float* src = base + i * a_rs;
      if (a_cs == 1)
        for (int64_t k = 0; k < kc; ++k) ap[k * kMR + i] = src[k];
      else
        for (int64_t k = 0; k < kc; ++k) ap[k * kMR + i] = src[k * a_cs];
    }
    for (int i = rows; i < kMR; ++i)
      for (int64_t k = 0; k < kc; ++k) ap[k * kMR + i] = 0.0f;
  }
}

// bp[k * NR + j] = B(k0 + k, n0 + j) for j < nr, zero past nr.
void pack_b_panel(const float* b, int64_t b_rs, int64_t b_cs, int64_t k0, int64_t kc, int64_t n0, int nr, float* bp) {
  const float* base = b + k0 * b_rs + n0 * b_cs;
  if (b_cs == 1) {
    for (int64_t k = 0; k < kc; ++k) {
      std::memcpy(bp + k * kNR, base + k * b_rs, size_t(nr) * sizeof(float));
      std::fill(bp + k * kNR + nr, bp + (k + 1) * kNR, 0.0f);
    }
    return;
  }
  // B^T row-major (b_rs == 1 usually): read each column of B contiguously.
  for (int64_t k = 0; k < kc; ++k) std::fill(bp + k * kNR + nr, bp + (k + 1) * kNR, 0.0f);
  for (int j = 0; j < nr; ++j) {
    const float* col = base + j * b_cs;
    for (int64_t k = 0; k < kc; ++k) bp[k * kNR + j] = col[k * b_rs];
  }
}

bool g_packed = true;

// Eigen's product on the same operands: A and B as row- or column-major maps with their outer strides (a stride
// of 1 on neither side takes a general-stride map).
template <class MapA, class MapB>
void eigen_product(const MapA& A, const MapB& B, float* c, int64_t M, int64_t N, int64_t ldc, bool accumulate) {
  using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  Eigen::Map<RowMatrix, 0, Eigen::OuterStride<>> C(c, M, N, Eigen::OuterStride<>(ldc));
  if (accumulate)
    C.noalias() += A * B;
  else
    C.noalias() = A * B;
}

template <class MapA>
void eigen_with_b(const MapA& A, int64_t N, int64_t K, const float* b, int64_t b_rs, int64_t b_cs, float* c, int64_t M,
                  int64_t ldc, bool accumulate) {
  using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  using ColMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor>;
  using Outer = Eigen::OuterStride<>;
  using General = Eigen::Stride<Eigen::Dynamic, Eigen::Dynamic>;
  if (b_cs == 1)
    eigen_product(A, Eigen::Map<const RowMatrix, 0, Outer>(b, K, N, Outer(b_rs)), c, M, N, ldc, accumulate);
  else if (b_rs == 1)
    eigen_product(A, Eigen::Map<const ColMatrix, 0, Outer>(b, K, N, Outer(b_cs)), c, M, N, ldc, accumulate);
  else
    eigen_product(A, Eigen::Map<const RowMatrix, 0, General>(b, K, N, General(b_rs, b_cs)), c, M, N, ldc, accumulate);
}

void eigen_gemm(int64_t M, int64_t N, int64_t K, const float* a, int64_t a_rs, int64_t a_cs, const float* b,
                int64_t b_rs, int64_t b_cs, float* c, int64_t ldc, bool accumulate) {
  using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  using ColMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor>;
  using Outer = Eigen::OuterStride<>;
  using General = Eigen::Stride<Eigen::Dynamic, Eigen::Dynamic>;
  if (a_cs == 1)
    eigen_with_b(Eigen::Map<const RowMatrix, 0, Outer>(a, M, K, Outer(a_rs)), N, K, b, b_rs, b_cs, c, M, ldc, accumulate);
  else if (a_rs == 1)
    eigen_with_b(Eigen::Map<const ColMatrix, 0, Outer>(a, M, K, Outer(a_cs)), N, K, b, b_rs, b_cs, c, M, ldc, accumulate);
  else
    eigen_with_b(Eigen::Map<const RowMatrix, 0, General>(a, M, K, General(a_rs, a_cs)), N, K, b, b_rs, b_cs, c, M, ldc,
                 accumulate);
}

}  // namespace

void use_packed_kernel(bool on) { g_packed = on; }
bool packed_kernel_in_use() { return g_packed; }

int block_rows() { return kMR; }
int block_cols() { return kNR; }

void gemm(int64_t M, int64_t N, int64_t K, const float* a, int64_t a_rs, int64_t a_cs, const float* b, int64_t b_rs,
          int64_t b_cs, float* c, int64_t ldc, bool accumulate) {
  if (M <= 0 || N <= 0) return;
  if (!g_packed) {
    eigen_gemm(M, N, K, a, a_rs, a_cs, b, b_rs, b_cs, c, ldc, accumulate);
    return;
  }
  if (K <= 0) {
    if (!accumulate)
      for (int64_t m = 0; m < M; ++m) std::fill(c + m * ldc, c + m * ldc + N, 0.0f);
    return;
  }
  thread_local Scratch a_scratch, b_scratch;
  const int64_t panels = (N + kNR - 1) / kNR;
  const bool b_in_place = b_cs == 1;  // full panels of a row-major B are read where they are
  for (int64_t k0 = 0; k0 < K; k0 += kKC) {
    const int64_t kc = std::min(kKC, K - k0);
    const bool acc = accumulate || k0 > 0;
    // B's panels for this slice: all of them packed, or only the partial last one.
    float* bpack = nullptr;
    if (!b_in_place) {
      bpack = b_scratch.get(size_t(panels * kc * kNR));
      for (int64_t p = 0; p < panels; ++p)
        pack_b_panel(b, b_rs, b_cs, k0, kc, p * kNR, int(std::min<int64_t>(kNR, N - p * kNR)), bpack + p * kc * kNR);
    } else if (N % kNR != 0) {
      bpack = b_scratch.get(size_t(kc * kNR));
      const int64_t p = panels - 1;
      pack_b_panel(b, b_rs, b_cs, k0, kc, p * kNR, int(N - p * kNR), bpack);
    }
    // A is read in place when a row or a column of it is contiguous; then only a last partial MR-row tile is packed.
    const bool a_in_place = a_cs == 1 || a_rs == 1;
    float* apack = a_scratch.get(size_t(((std::min(kMC, M) + kMR - 1) / kMR) * kMR * kc));
    for (int64_t m0 = 0; m0 < M; m0 += kMC) {
      const int64_t mc = std::min(kMC, M - m0);
      const int64_t full_rows = a_in_place ? mc / kMR * kMR : 0;  // rows of this block read in place
      if (full_rows < mc) pack_a(a, a_rs, a_cs, m0 + full_rows, mc - full_rows, k0, kc, apack);
      for (int64_t p = 0; p < panels; ++p) {
        const int64_t n0 = p * kNR;
        const int nr = int(std::min<int64_t>(kNR, N - n0));
        const float* bp;
        int64_t ldb;
        if (!b_in_place) {
          bp = bpack + p * kc * kNR;
          ldb = kNR;
        } else if (nr < kNR) {
          bp = bpack;
          ldb = kNR;
        } else {
          bp = b + k0 * b_rs + n0;
          ldb = b_rs;
        }
        for (int64_t t = 0; t < mc; t += kMR) {
          const int mr = int(std::min<int64_t>(kMR, mc - t));
          float* ct = c + (m0 + t) * ldc + n0;
          if (t < full_rows) {
            const float* at = a + (m0 + t) * a_rs + k0 * a_cs;
            if (nr <= kW)
              kernel<1, false>(kc, at, a_rs, a_cs, bp, ldb, ct, ldc, acc, mr, nr);
            else
              kernel<kNV, false>(kc, at, a_rs, a_cs, bp, ldb, ct, ldc, acc, mr, nr);
          } else {
            const float* at = apack + (t - full_rows) * kc;
            if (nr <= kW)
              kernel<1, true>(kc, at, 1, kMR, bp, ldb, ct, ldc, acc, mr, nr);
            else
              kernel<kNV, true>(kc, at, 1, kMR, bp, ldb, ct, ldc, acc, mr, nr);
          }
        }
      }
    }
  }
}

}  // namespace rnnlab::native
#endif
