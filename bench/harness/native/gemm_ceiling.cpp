#include "gemm_ceiling.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <ctime>
#include <vector>

#include "core/native_gemm.h"
#include "core/rng.h"
#include "core/tensor.h"

#if defined(__wasm_simd128__)
#include "core/simd_matmul.h"
#elif RNNLAB_NATIVE_GEMM
#include <immintrin.h>
#endif

namespace rnnlab::bench {

double gemm_seconds(int64_t n, int64_t reps, bool packed) {
  // The build's best product. In the wasm build the hand four-lane kernel (core/simd_gemm.h; Eigen has no wasm
  // packet path) with the weight operand packed once, as a recurrence's step products run it (simd::PackedA), so
  // the ceiling is the 8 x 4 block's own rate and not matmul's, which repacks both operands per product (5-10 %
  // slower at n = 128-256). Natively the packed kernel of native_gemm.h (`packed`) or Eigen.
  Tensor a(Shape{n, n}), b(Shape{n, n}), c(Shape{n, n});
  Rng rng(0);
  rng.fill_uniform(a, -1.0f, 1.0f);
  rng.fill_uniform(b, -1.0f, 1.0f);
  const Tensor& ca = a;
  const Tensor& cb = b;
#if RNNLAB_NATIVE_GEMM
  native::use_packed_kernel(packed);
#else
  (void)packed;
#endif
#if defined(__wasm_simd128__)
  // c = a b as matmul_ab maps it: c^T (n x n) = b^T (column-major b) a^T; b is the operand packed once.
  simd::PackedA packed_b(int(n), int(n), cb.data(), int(n));
#endif
  const auto product = [&] {
#if defined(__wasm_simd128__)
    simd::gemm_nn_prepacked(packed_b, int(n), ca.data(), 1, int(n), c.data(), int(n), false);
#elif RNNLAB_NATIVE_GEMM
    native::gemm_nn(n, n, n, ca.data(), cb.data(), c.data(), false);
#else
    c.mat().noalias() = ca.mat() * cb.mat();
#endif
  };
  product();  // warm-up: caches, the packing buffers, Eigen's blocking
  const auto start = std::chrono::steady_clock::now();
  for (int64_t r = 0; r < reps; ++r) {
    product();
    a[0] = c[0] * 1e-9f;  // a dependency, so no product can be skipped
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
#if RNNLAB_NATIVE_GEMM
  native::use_packed_kernel(true);
#endif
  return seconds;
}

double gemm_shape_gflops(int64_t M, int64_t N, int64_t K, const char* layout, bool packed) {
#if RNNLAB_NATIVE_GEMM
  std::vector<float> a(size_t(M * K)), b(size_t(K * N)), c(size_t(M * N));
  Rng rng(1);
  for (float& x : a) x = rng.uniform(-1.0f, 1.0f);
  for (float& x : b) x = rng.uniform(-1.0f, 1.0f);
  native::use_packed_kernel(packed);
  const auto product = [&] {
    if (std::strcmp(layout, "NT") == 0)
      native::gemm_nt(M, N, K, a.data(), b.data(), c.data(), true);
    else if (std::strcmp(layout, "TN") == 0)
      native::gemm_tn(M, N, K, a.data(), b.data(), c.data(), true);
    else
      native::gemm_nn(M, N, K, a.data(), b.data(), c.data(), true);
  };
  const auto cpu = [] {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) + 1e-9 * double(t.tv_nsec);
  };
  const double flops = 2.0 * double(M) * double(N) * double(K);
  const long reps = std::max(1L, long(2e8 / flops));
  product();
  double best = 1e30;
  for (int round = 0; round < 7; ++round) {
    const double start = cpu();
    for (long r = 0; r < reps; ++r) product();
    best = std::min(best, (cpu() - start) / double(reps));
  }
  native::use_packed_kernel(true);
  return flops / best * 1e-9;
#else
  (void)M, (void)N, (void)K, (void)layout, (void)packed;
  return 0.0;
#endif
}

double fma_peak_gflops() {
#if RNNLAB_NATIVE_GEMM
#if defined(__AVX512F__)
  using V = __m512;
  constexpr int kLanes = 16;
  const auto fma = [](V a, V b, V c) { return _mm512_fmadd_ps(a, b, c); };
  const V one = _mm512_set1_ps(1.0f), x = _mm512_set1_ps(0.999999f);
#else
  using V = __m256;
  constexpr int kLanes = 8;
  const auto fma = [](V a, V b, V c) { return _mm256_fmadd_ps(a, b, c); };
  const V one = _mm256_set1_ps(1.0f), x = _mm256_set1_ps(0.999999f);
#endif
  V acc[12];
  for (V& v : acc) v = one;
  constexpr long kIters = 20'000'000;
  const auto start = std::chrono::steady_clock::now();
  for (long i = 0; i < kIters; ++i)
#pragma GCC unroll 12
    for (int j = 0; j < 12; ++j) acc[j] = fma(acc[j], x, x);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  float sink = 0;
  for (const V& v : acc) sink += v[0];
  volatile float keep = sink;  // the loop's result is used
  (void)keep;
  return 2.0 * kLanes * 12 * double(kIters) / seconds * 1e-9;
#else
  return 0.0;
#endif
}

}  // namespace rnnlab::bench
