// Register-block shapes for gemm_nn in wasm SIMD, timed against each other at W6's and W7's product sizes.
// Not part of any build: compile and run by hand (docs/wasm-simd.md, "Packed panels"):
//   em++ -O3 -msimd128 -std=c++20 -Isrc -sENVIRONMENT=node -sALLOW_MEMORY_GROWTH=1 -sSINGLE_FILE=1 \
//        bench/micro/gemm_blocks_wasm.cpp -o build/gemm_blocks.js && node build/gemm_blocks.js
// Each variant's CPU time per call (process.cpuUsage), variants interleaved sample by sample, median of 21.
#include <emscripten.h>
#include <wasm_simd128.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "core/simd_gemm.h"

EM_JS(double, cpu_us, (), { const u = process.cpuUsage(); return u.user + u.system; });

namespace {

// Generic MR x NR block (MR a multiple of 4), broadcasts by v128.load32_splat, tails by the product's kernel.
template <int MR, int NR>
void gemm_block(int M, int N, int K, const float* A, int lda, const float* b, int b_k, int b_n, float* C, int ldc,
                bool accumulate) {
  constexpr int MV = MR / 4;
  int n = 0;
  for (; n + NR <= N; n += NR) {
    const float* bn = b + std::ptrdiff_t(n) * b_n;
    int m = 0;
    for (; m + MR <= M; m += MR) {
      v128_t acc[MV][NR];
#pragma clang loop unroll(full)
      for (int i = 0; i < MV; ++i)
#pragma clang loop unroll(full)
        for (int j = 0; j < NR; ++j) acc[i][j] = wasm_f32x4_splat(0);
      const float* a = A + m;
      const float* bk = bn;
      for (int k = 0; k < K; ++k, a += lda, bk += b_k) {
        v128_t x[MV];
#pragma clang loop unroll(full)
        for (int i = 0; i < MV; ++i) x[i] = wasm_v128_load(a + 4 * i);
#pragma clang loop unroll(full)
        for (int j = 0; j < NR; ++j) {
          const v128_t s = wasm_v128_load32_splat(bk + j * b_n);
#pragma clang loop unroll(full)
          for (int i = 0; i < MV; ++i) acc[i][j] = wasm_f32x4_add(wasm_f32x4_mul(x[i], s), acc[i][j]);
        }
      }
#pragma clang loop unroll(full)
      for (int j = 0; j < NR; ++j) {
        float* c = C + std::ptrdiff_t(n + j) * ldc + m;
#pragma clang loop unroll(full)
        for (int i = 0; i < MV; ++i) {
          v128_t v = acc[i][j];
          if (accumulate) v = wasm_f32x4_add(v, wasm_v128_load(c + 4 * i));
          wasm_v128_store(c + 4 * i, v);
        }
      }
    }
    if (m < M)
      rnnlab::simd::gemm_nn_panel(M - m, NR, K, A + m, lda, bn, b_k, b_n, C + std::ptrdiff_t(n) * ldc + m, ldc,
                                  accumulate);
  }
  if (n < N)
    rnnlab::simd::gemm_nn_panel(M, N - n, K, A, lda, b + std::ptrdiff_t(n) * b_n, b_k, b_n,
                                C + std::ptrdiff_t(n) * ldc, ldc, accumulate);
}

// The product's 8 x 4 kernel reading A and B in place (what gemm_nn ran before the packed panels).
void gemm_in_place(int M, int N, int K, const float* A, int lda, const float* b, int b_k, int b_n, float* C, int ldc,
                   bool accumulate) {
  const int kc = std::max(16, (64 * 1024) / std::max(M, 1));
  for (int k0 = 0; k0 < K || k0 == 0; k0 += kc) {
    const int kn = std::min(kc, K - k0);
    rnnlab::simd::gemm_nn_panel_strided(M, N, kn, A + std::ptrdiff_t(k0) * lda, lda, b + std::ptrdiff_t(k0) * b_k,
                                        b_k, b_n, C, ldc, accumulate || k0 > 0);
  }
}

template <int MR, int NR>
void gemm_blocked(int M, int N, int K, const float* A, int lda, const float* b, int b_k, int b_n, float* C, int ldc,
                  bool accumulate) {
  const int kc = std::max(16, (64 * 1024) / std::max(M, 1));
  for (int k0 = 0; k0 < K || k0 == 0; k0 += kc) {
    const int kn = std::min(kc, K - k0);
    gemm_block<MR, NR>(M, N, kn, A + std::ptrdiff_t(k0) * lda, lda, b + std::ptrdiff_t(k0) * b_k, b_k, b_n, C, ldc,
                       accumulate || k0 > 0);
  }
}

using Kernel = void (*)(int, int, int, const float*, int, const float*, int, int, float*, int, bool);

struct Case {
  const char* name;
  int M, N, K, b_k, b_n;  // lda = M, ldc = M
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main() {
  const Case cases[] = {
      {"ceiling n=128 (matmul_ab)", 128, 128, 128, 1, 128},
      {"W6 hidden_projection 512x32x128", 512, 32, 128, 1, 128},
      {"W6 hidden_gradient 128x32x512", 128, 32, 512, 1, 512},
      {"W6 weight_gradient 128x512x2048", 128, 512, 2048, 512, 1},
      {"W6 input_gradient 128x2048x512", 128, 2048, 512, 1, 512},
      {"W6 head dy_b 128x2048x65", 128, 2048, 65, 1, 65},
      {"W6 head dyt_a 128x65x2048", 128, 65, 2048, 65, 1},
      {"W7 hidden_projection 512x64x128", 512, 64, 128, 1, 128},
      {"W7 weight_gradient 28x512x1792", 28, 512, 1792, 512, 1},
  };
  const std::pair<const char*, Kernel> kernels[] = {
      {"in place", gemm_in_place},
      {"8x4 ld32splat", gemm_blocked<8, 4>},
      {"packed 8x4", rnnlab::simd::gemm_nn},
      {"12x4", gemm_blocked<12, 4>},
      {"8x6", gemm_blocked<8, 6>},
      {"16x2", gemm_blocked<16, 2>},
  };
  for (const Case& cs : cases) {
    const int lda = cs.M, ldc = cs.M;
    std::vector<float> A(std::size_t(lda) * cs.K), B(std::size_t(cs.K) * cs.N), C(std::size_t(ldc) * cs.N),
        R(std::size_t(ldc) * cs.N);
    for (std::size_t i = 0; i < A.size(); ++i) A[i] = std::sin(0.37f * float(i));
    for (std::size_t i = 0; i < B.size(); ++i) B[i] = std::cos(0.11f * float(i));
    const double flops = 2.0 * cs.M * cs.N * cs.K;
    const int reps = std::max(1, int(2e6 / flops * 1));  // ~1 MFLOP .. a sample of ~2 MFLOP x reps
    gemm_in_place(cs.M, cs.N, cs.K, A.data(), lda, B.data(), cs.b_k, cs.b_n, R.data(), ldc, false);
    std::vector<std::vector<double>> t(std::size(kernels));
    for (int s = 0; s < 21; ++s)
      for (std::size_t v = 0; v < std::size(kernels); ++v) {
        const double t0 = cpu_us();
        for (int r = 0; r < reps * 20; ++r)
          kernels[v].second(cs.M, cs.N, cs.K, A.data(), lda, B.data(), cs.b_k, cs.b_n, C.data(), ldc, false);
        t[v].push_back((cpu_us() - t0) / (reps * 20));
      }
    std::printf("%s\n", cs.name);
    for (std::size_t v = 0; v < std::size(kernels); ++v) {
      kernels[v].second(cs.M, cs.N, cs.K, A.data(), lda, B.data(), cs.b_k, cs.b_n, C.data(), ldc, false);
      double err = 0;
      for (std::size_t i = 0; i < C.size(); ++i) err = std::max(err, double(std::fabs(C[i] - R[i])));
      const double us = median(t[v]);
      std::printf("  %-16s %10.2f us  %6.1f GFLOP/s  max|diff| %.2g\n", kernels[v].first, us, flops / us / 1e3, err);
    }
  }
  // gemm_tn: C (M x N) = A^T B, A (K x M), B (K x N): the dot form read in place against the packed blocks.
  const Case tn_cases[] = {
      {"W6 input_projection 512x2048x128", 512, 2048, 128, 0, 0},
      {"W6 head forward 65x2048x128", 65, 2048, 128, 0, 0},
      {"W7 input_projection 512x1792x28", 512, 1792, 28, 0, 0},
      {"W7 head forward 10x64x128", 10, 64, 128, 0, 0},
  };
  using TnKernel = void (*)(int, int, int, const float*, int, const float*, int, float*, int, bool);
  const std::pair<const char*, TnKernel> tn_kernels[] = {{"dots in place", rnnlab::simd::gemm_tn_dots},
                                                         {"packed 8x4", rnnlab::simd::gemm_tn}};
  for (const Case& cs : tn_cases) {
    std::vector<float> A(std::size_t(cs.K) * cs.M), B(std::size_t(cs.K) * cs.N), C(std::size_t(cs.M) * cs.N),
        R(std::size_t(cs.M) * cs.N);
    for (std::size_t i = 0; i < A.size(); ++i) A[i] = std::sin(0.37f * float(i));
    for (std::size_t i = 0; i < B.size(); ++i) B[i] = std::cos(0.11f * float(i));
    const double flops = 2.0 * cs.M * cs.N * cs.K;
    const int reps = std::max(1, int(4e7 / flops));
    rnnlab::simd::gemm_tn_dots(cs.M, cs.N, cs.K, A.data(), cs.K, B.data(), cs.K, R.data(), cs.M, false);
    std::vector<std::vector<double>> t(std::size(tn_kernels));
    for (int s = 0; s < 21; ++s)
      for (std::size_t v = 0; v < std::size(tn_kernels); ++v) {
        const double t0 = cpu_us();
        for (int r = 0; r < reps; ++r)
          tn_kernels[v].second(cs.M, cs.N, cs.K, A.data(), cs.K, B.data(), cs.K, C.data(), cs.M, false);
        t[v].push_back((cpu_us() - t0) / reps);
      }
    std::printf("%s\n", cs.name);
    for (std::size_t v = 0; v < std::size(tn_kernels); ++v) {
      double err = 0;
      for (std::size_t i = 0; i < C.size(); ++i) err = std::max(err, double(std::fabs(C[i] - R[i])));
      const double us = median(t[v]);
      std::printf("  %-16s %10.2f us  %6.1f GFLOP/s  max|diff| %.2g\n", tn_kernels[v].first, us, flops / us / 1e3, err);
    }
  }
}
