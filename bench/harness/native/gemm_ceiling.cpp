#include "gemm_ceiling.h"

#include <chrono>

#include "core/rng.h"
#include "core/simd_matmul.h"
#include "core/tensor.h"

namespace rnnlab::bench {

double gemm_seconds(int64_t n, int64_t reps) {
  // The library's own product, as ops_linalg's matmul picks it: the hand four-lane kernels in the wasm build
  // (where Eigen has no packet path and is 2-3x slower), Eigen on row-major maps of Tensors natively.
  Tensor a(Shape{n, n}), b(Shape{n, n}), c(Shape{n, n});
  Rng rng(0);
  rng.fill_uniform(a, -1.0f, 1.0f);
  rng.fill_uniform(b, -1.0f, 1.0f);
  const Tensor& ca = a;
  const Tensor& cb = b;
  const auto product = [&] {
#if defined(__wasm_simd128__)
    simd::matmul_ab(ca.data(), cb.data(), c.data(), n, n, n);
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
