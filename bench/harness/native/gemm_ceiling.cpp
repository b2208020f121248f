#include "gemm_ceiling.h"

#include <chrono>

#include "core/rng.h"
#include "core/simd_matmul.h"
#include "core/tensor.h"

namespace rnnlab::bench {

double gemm_seconds(int64_t n, int64_t reps) {
  // The build's best product: natively Eigen on row-major maps of Tensors (what ops_linalg's matmul runs); in the
  // wasm build the hand four-lane kernel (core/simd_gemm.h; Eigen has no wasm packet path) with the weight operand
  // packed once, as a recurrence's step products run it (simd::PackedA), so the ceiling is the 8 x 4 block's own
  // rate and not matmul's, which repacks both operands per product (5-10 % slower at n = 128-256).
  Tensor a(Shape{n, n}), b(Shape{n, n}), c(Shape{n, n});
  Rng rng(0);
  rng.fill_uniform(a, -1.0f, 1.0f);
  rng.fill_uniform(b, -1.0f, 1.0f);
  const Tensor& ca = a;
  const Tensor& cb = b;
#if defined(__wasm_simd128__)
  // c = a b as matmul_ab maps it: c^T (n x n) = b^T (column-major b) a^T; b is the operand packed once.
  simd::PackedA packed_b(int(n), int(n), cb.data(), int(n));
#endif
  const auto product = [&] {
#if defined(__wasm_simd128__)
    simd::gemm_nn_prepacked(packed_b, int(n), ca.data(), 1, int(n), c.data(), int(n), false);
#else
    c.mat().noalias() = ca.mat() * cb.mat();
#endif
  };
  product();  // warm-up: caches and Eigen's blocking
  const auto start = std::chrono::steady_clock::now();
  for (int64_t r = 0; r < reps; ++r) {
    product();
    a[0] = c[0] * 1e-9f;  // a dependency, so no product can be skipped
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace rnnlab::bench
