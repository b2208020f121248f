// The native packed GEMM (core/native_gemm.h, what native products run on AVX2 + FMA machines) against a
// double-precision reference: M, N, K of 1, not multiples of the block (8 x 32 or 6 x 16) and across the K slice
// (256), the three layouts the callers use (NN, NT, TN) and a general-stride one, C with a leading dimension wider
// than N, overwrite and accumulate; C's columns past N must stay untouched.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/native_gemm.h"
#include "core/rng.h"

#if RNNLAB_NATIVE_GEMM
using namespace rnnlab;

namespace {

std::vector<float> uniform(std::size_t n, Rng& rng) {
  std::vector<float> v(n);
  for (float& x : v) x = rng.uniform(-1.0f, 1.0f);
  return v;
}

enum class Layout { NN, NT, TN, Strided };

// C (M, N, ldc = N + 5) [+]= op(A) op(B); each element within 1e-6 of the sum of |terms| (plus |C0|) of the
// double reference; the 5 columns past N keep their values.
void check_product(int64_t M, int64_t N, int64_t K, Layout layout, bool accumulate, Rng& rng) {
  CAPTURE(M);
  CAPTURE(N);
  CAPTURE(K);
  CAPTURE(int(layout));
  CAPTURE(accumulate);
  const int64_t ldc = N + 5;
  // A stored (M, K) for NN/NT, (K, M) for TN, (M, 2K) with every other column for Strided; B (K, N), or (N, K)
  // for NT, or every third column of (N, 3K) for Strided. Buffers hold exactly the elements the strides reach, so
  // a read past them shows under AddressSanitizer.
  int64_t a_rs = K, a_cs = 1, b_rs = N, b_cs = 1;
  if (layout == Layout::NT) b_rs = 1, b_cs = K;
  if (layout == Layout::TN) a_rs = 1, a_cs = M;
  if (layout == Layout::Strided) a_rs = 2 * K, a_cs = 2, b_rs = 1, b_cs = 3 * K;
  std::vector<float> a = uniform(std::size_t((M - 1) * a_rs + (K - 1) * a_cs + 1), rng);
  std::vector<float> b = uniform(std::size_t((K - 1) * b_rs + (N - 1) * b_cs + 1), rng);
  std::vector<float> c = uniform(std::size_t(M * ldc), rng);
  const std::vector<float> c0 = c;
  native::gemm(M, N, K, a.data(), a_rs, a_cs, b.data(), b_rs, b_cs, c.data(), ldc, accumulate);
  // The named wrappers (C with ldc = N) give the same bits.
  if (layout != Layout::Strided) {
    std::vector<float> w(std::size_t(M * N));
    for (int64_t m = 0; m < M; ++m)
      for (int64_t n = 0; n < N; ++n) w[std::size_t(m * N + n)] = c0[std::size_t(m * ldc + n)];
    if (layout == Layout::NN) native::gemm_nn(M, N, K, a.data(), b.data(), w.data(), accumulate);
    if (layout == Layout::NT) native::gemm_nt(M, N, K, a.data(), b.data(), w.data(), accumulate);
    if (layout == Layout::TN) native::gemm_tn(M, N, K, a.data(), b.data(), w.data(), accumulate);
    int differ = 0;
    for (int64_t m = 0; m < M; ++m)
      for (int64_t n = 0; n < N; ++n) differ += w[std::size_t(m * N + n)] != c[std::size_t(m * ldc + n)];
    CHECK(differ == 0);
  }
  int bad = 0;
  double worst = 0;
  for (int64_t m = 0; m < M; ++m)
    for (int64_t n = 0; n < ldc; ++n) {
      const std::size_t at = std::size_t(m * ldc + n);
      if (n >= N) {
        bad += c[at] != c0[at];
        continue;
      }
      double sum = accumulate ? c0[at] : 0.0, mag = accumulate ? std::fabs(c0[at]) : 0.0;
      for (int64_t k = 0; k < K; ++k) {
        const double t = double(a[std::size_t(m * a_rs + k * a_cs)]) * b[std::size_t(k * b_rs + n * b_cs)];
        sum += t;
        mag += std::fabs(t);
      }
      const double err = std::fabs(c[at] - sum);
      worst = std::max(worst, err / (mag + 1e-30));
      bad += err > 1e-6 * mag + 1e-30;
    }
  CHECK_MESSAGE(bad == 0, "worst relative error ", worst);
}

}  // namespace

TEST_CASE("native gemm: odd shapes, all layouts, against a double reference") {
  Rng rng(7);
  const int64_t R = native::block_rows(), C = native::block_cols();
  const int64_t sizes_m[] = {1, 2, R - 1, R + 1, 3 * R + 5, 33};
  const int64_t sizes_n[] = {1, 7, C / 2, C - 1, C + 1, 2 * C + 3, 65};
  const int64_t sizes_k[] = {1, 3, 17, 255, 256, 300, 513};
  int cases = 0;
  for (Layout layout : {Layout::NN, Layout::NT, Layout::TN, Layout::Strided})
    for (int64_t m : sizes_m)
      for (int64_t n : sizes_n)
        for (int64_t k : sizes_k) {
          // Every (m, n) with a small K; the deep K only on a few, so the test stays under a second.
          if (k > 17 && !(m == sizes_m[4] || n == sizes_n[5])) continue;
          check_product(m, n, k, layout, (m + n + k) % 2 == 0, rng);
          ++cases;
        }
  CHECK(cases > 300);
}

TEST_CASE("native gemm: training's shapes, overwrite then accumulate") {
  Rng rng(11);
  check_product(32, 512, 128, Layout::NN, true, rng);     // the LSTM step: h_prev (32, 128) W_hh^T (128, 512)
  check_product(32, 128, 512, Layout::NN, true, rng);     // its backward: dG (32, 512) W_hh (512, 128)
  check_product(200, 512, 128, Layout::NT, false, rng);   // the input projection X W_ih^T
  check_product(512, 128, 600, Layout::TN, true, rng);    // dW = dG^T X over T*B rows
  check_product(130, 65, 128, Layout::NT, false, rng);    // the head X W^T, N = 65
}

TEST_CASE("native gemm: switched to Eigen (the benchmarks' comparison), the same contract") {
  Rng rng(13);
  native::use_packed_kernel(false);
  for (Layout layout : {Layout::NN, Layout::NT, Layout::TN, Layout::Strided}) {
    check_product(33, 65, 17, layout, true, rng);
    check_product(8, 32, 300, layout, false, rng);
  }
  native::use_packed_kernel(true);
  CHECK(native::packed_kernel_in_use());
}

TEST_CASE("native gemm: K = 0 writes zeros or leaves C") {
  std::vector<float> c(6, 2.0f);
  native::gemm_nn(2, 3, 0, nullptr, nullptr, c.data(), true);
  CHECK(c == std::vector<float>(6, 2.0f));
  native::gemm_nn(2, 3, 0, nullptr, nullptr, c.data(), false);
  CHECK(c == std::vector<float>(6, 0.0f));
}
#endif
