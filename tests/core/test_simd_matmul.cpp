// matmul's hand four-lane products (core/simd_matmul.h, what the wasm build runs), compiled natively with SSE2
// lanes, against Eigen on the same row-major buffers, at sizes that take every kernel path (register blocks,
// streaming GEMV, K panels, scalar tails).
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "core/rng.h"
#include "core/simd_matmul.h"
#include "core/tensor.h"
#include "support/test_tensors.h"

using namespace rnnlab;
using rnnlab::testing::random_tensor;

namespace {

void check_close(const Tensor& got, const Tensor& want, const std::string& what) {
  const float scale = std::max(1.0f, want.arr().abs().maxCoeff());
  const float d = max_abs_diff(got, want);
  INFO(what, ": max abs diff ", d, " at scale ", scale);
  CHECK(d <= 2e-6f * scale);
}

}  // namespace

TEST_CASE("simd matmul products = Eigen: forward and both gradients, b transposed or not") {
  struct Size { int64_t M, K, N; };
  // The char heads (64 x 128 -> 64, 1024 rows at W4), W2's head (59 x 10 -> 1), a cell (1 x 4 -> 4), odd tails.
  for (const Size s : {Size{64, 128, 64}, Size{1024, 128, 64}, Size{59, 10, 1}, Size{1, 4, 4}, Size{7, 13, 9},
                       Size{3, 300, 5}}) {
    const std::string size = "M=" + std::to_string(s.M) + " K=" + std::to_string(s.K) + " N=" + std::to_string(s.N);
    Rng rng(3 + static_cast<uint64_t>(s.M + s.K));
    const Tensor a = random_tensor(Shape{s.M, s.K}, rng), dy = random_tensor(Shape{s.M, s.N}, rng);
    const Tensor b_nk = random_tensor(Shape{s.N, s.K}, rng), b_kn = random_tensor(Shape{s.K, s.N}, rng);

    Tensor got = random_tensor(Shape{s.M, s.N}, rng), want(Shape{s.M, s.N});  // overwritten
    simd::matmul_abt(a.data(), b_nk.data(), got.data(), s.M, s.K, s.N);
    want.mat().noalias() = a.mat() * b_nk.mat().transpose();
    check_close(got, want, "a b^T " + size);

    got = random_tensor(Shape{s.M, s.N}, rng);
    simd::matmul_ab(a.data(), b_kn.data(), got.data(), s.M, s.K, s.N);
    want.mat().noalias() = a.mat() * b_kn.mat();
    check_close(got, want, "a b " + size);

    got = random_tensor(Shape{s.M, s.K}, rng);  // accumulated into
    want.assign(got);
    simd::add_dy_b(dy.data(), b_nk.data(), got.data(), s.M, s.K, s.N);
    want.mat().noalias() += dy.mat() * b_nk.mat();
    check_close(got, want, "da += dy b " + size);

    got = random_tensor(Shape{s.M, s.K}, rng);
    want.assign(got);
    simd::add_dy_bt(dy.data(), b_kn.data(), got.data(), s.M, s.K, s.N);
    want.mat().noalias() += dy.mat() * b_kn.mat().transpose();
    check_close(got, want, "da += dy b^T " + size);

    got = random_tensor(Shape{s.N, s.K}, rng);
    want.assign(got);
    simd::add_dyt_a(dy.data(), a.data(), got.data(), s.M, s.K, s.N);
    want.mat().noalias() += dy.mat().transpose() * a.mat();
    check_close(got, want, "db += dy^T a " + size);

    got = random_tensor(Shape{s.K, s.N}, rng);
    want.assign(got);
    simd::add_at_dy(a.data(), dy.data(), got.data(), s.M, s.K, s.N);
    want.mat().noalias() += a.mat().transpose() * dy.mat();
    check_close(got, want, "db += a^T dy " + size);
  }
}
