// gemm_nn's two paths (core/simd_gemm.h, what the wasm build's products run), compiled natively with SSE2 lanes,
// against a double-precision reference: the packed 8 x 4 blocks with rows and columns past the last full block
// (M, N not multiples of 8 and 4), K across panel cuts, both layouts of B the products use (B(k, n) contiguous in
// k or in n), overwrite and accumulate; and the in-place path on the same sizes.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/rng.h"
#include "core/simd_gemm.h"

using namespace rnnlab;

namespace {

std::vector<float> uniform(std::size_t n, Rng& rng) {
  std::vector<float> v(n);
  for (float& x : v) x = rng.uniform(-1.0f, 1.0f);
  return v;
}

using Gemm = void (*)(int, int, int, const float*, int, const float*, int, int, float*, int, bool);

// C = [C0 +] A B for A (M x K, lda = M + 3: a stride that is not the row count), B(k, n) = b[k b_k + n b_n],
// C (M x N, ldc = M + 1); each element within 1e-6 of the sum of |terms| of the double reference.
void check_gemm(Gemm gemm, const char* path, int M, int N, int K, bool b_contiguous_in_k, bool accumulate,
                Rng& rng) {
  const int lda = M + 3, ldc = M + 1;
  const int b_k = b_contiguous_in_k ? 1 : N, b_n = b_contiguous_in_k ? K : 1;
  const std::vector<float> A = uniform(std::size_t(lda) * K, rng), b = uniform(std::size_t(K) * N, rng);
  std::vector<float> C = uniform(std::size_t(ldc) * N, rng);
  const std::vector<float> C0 = C;
  gemm(M, N, K, A.data(), lda, b.data(), b_k, b_n, C.data(), ldc, accumulate);
  int bad = 0;
  double worst = 0;
  for (int n = 0; n < N; ++n)
    for (int m = 0; m < ldc; ++m) {
      const std::size_t at = std::size_t(n) * ldc + m;
      if (m >= M) {  // the padding rows of C are not written
        if (C[at] != C0[at]) ++bad;
        continue;
      }
      double want = accumulate ? C0[at] : 0.0, mass = accumulate ? std::fabs(C0[at]) : 0.0;
      for (int k = 0; k < K; ++k) {
        const double t = double(A[std::size_t(k) * lda + m]) * double(b[std::size_t(k) * b_k + std::size_t(n) * b_n]);
        want += t;
        mass += std::fabs(t);
      }
      const double err = std::fabs(C[at] - want) / std::max(1.0, mass);
      worst = std::max(worst, err);
      if (err > 1e-6) ++bad;
    }
  INFO(path, " M=", M, " N=", N, " K=", K, " B contiguous in ", (b_contiguous_in_k ? "k" : "n"),
       (accumulate ? " accumulate" : " overwrite"), ": worst relative error ", worst);
  CHECK(bad == 0);
}

}  // namespace

TEST_CASE("gemm_nn packed and in place = double reference, edge sizes of the 8 x 4 block and K panels") {
  Rng rng(11);
  // M: one block, one block + 1 row, +4 rows (the 4-row tail), +7; N: 8 (two blocks) and 9, 11, 13 (1-3 columns
  // left over); K: 128 (one panel), 517 (M = 133: panels of 492, a partial second one), 1 and 3 (short K).
  const int Ms[] = {8, 9, 12, 15, 133};
  const int Ns[] = {8, 9, 11, 13};
  const int Ks[] = {1, 3, 128, 517};
  for (const int M : Ms)
    for (const int N : Ns)
      for (const int K : Ks)
        for (const bool in_k : {true, false})
          for (const bool accumulate : {false, true}) {
            check_gemm(simd::gemm_nn, "gemm_nn", M, N, K, in_k, accumulate, rng);
            check_gemm(simd::gemm_nn_panel_strided, "in place", M, N, K, in_k, accumulate, rng);
          }
}

// Full blocks of 8 rows only: natively g++ fuses the in-place scalar tail's multiply and add (-ffp-contract=fast)
// while the padded packed block does not, so rows past the last full block differ in the last bit there (in wasm,
// which has no fused multiply-add, they agree too); the test above holds them to the reference.
TEST_CASE("gemm_nn packed = in place, bit for bit (same order of sums), and the pack buffer reused across sizes") {
  Rng rng(12);
  for (const int M : {16, 24, 136})
    for (const int N : {8, 12, 30}) {
      const int K = 300;
      const std::vector<float> A = uniform(std::size_t(M) * K, rng), b = uniform(std::size_t(K) * N, rng);
      std::vector<float> packed(std::size_t(M) * N), in_place(std::size_t(M) * N);
      simd::gemm_nn_packed_panel(M, N, K, A.data(), M, b.data(), 1, K, packed.data(), M, false);
      simd::gemm_nn_panel_strided(M, N, K, A.data(), M, b.data(), 1, K, in_place.data(), M, false);
      INFO("M=", M, " N=", N, " K=", K);
      CHECK(packed == in_place);
    }
}

namespace {

// gemm_nn with A packed beforehand (simd::PackedA), in the Gemm signature check_gemm takes.
void gemm_prepacked(int M, int N, int K, const float* A, int lda, const float* b, int b_k, int b_n, float* C, int ldc,
                    bool accumulate) {
  simd::PackedA packed(M, K, A, lda);
  simd::gemm_nn_prepacked(packed, N, b, b_k, b_n, C, ldc, accumulate);
}

}  // namespace

// A recurrence packs W_hh once a sweep and runs every step's product on it (simd::PackedA): the same panels and
// blocks as gemm_nn, so the same bits, including the sizes gemm_nn does not pack (M < 8, N < 4, M K < 256), the
// columns past the last full block of 4, and a short last panel of K.
TEST_CASE("gemm_nn_prepacked = gemm_nn bit for bit and = double reference, odd sizes, one A for several products") {
  Rng rng(13);
  const int Ms[] = {5, 8, 9, 15, 133, 512};
  const int Ns[] = {1, 3, 4, 9, 13};
  const int Ks[] = {1, 3, 31, 128, 517};
  for (const int M : Ms)
    for (const int K : Ks) {
      const int lda = M + 3;
      const std::vector<float> A = uniform(std::size_t(lda) * K, rng);
      simd::PackedA packed(M, K, A.data(), lda);  // shared by every product below, as by a sweep's steps
      for (const int N : Ns)
        for (const bool in_k : {true, false})
          for (const bool accumulate : {false, true}) {
            const int b_k = in_k ? 1 : N, b_n = in_k ? K : 1, ldc = M + 1;
            const std::vector<float> b = uniform(std::size_t(K) * N, rng), C0 = uniform(std::size_t(ldc) * N, rng);
            std::vector<float> got = C0, want = C0;
            simd::gemm_nn_prepacked(packed, N, b.data(), b_k, b_n, got.data(), ldc, accumulate);
            simd::gemm_nn(M, N, K, A.data(), lda, b.data(), b_k, b_n, want.data(), ldc, accumulate);
            INFO("M=", M, " N=", N, " K=", K, " B contiguous in ", (in_k ? "k" : "n"),
                 (accumulate ? " accumulate" : " overwrite"));
            CHECK(got == want);
          }
    }
  for (const int M : {9, 133})
    for (const int N : {4, 13})
      for (const bool accumulate : {false, true}) check_gemm(gemm_prepacked, "prepacked", M, N, 517, true, accumulate, rng);
}
