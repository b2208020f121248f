#include "gemm_ceiling.h"

#include <chrono>

#include "core/rng.h"
#include "core/tensor.h"

namespace rnnlab::bench {

double gemm_seconds(int64_t n, int64_t reps) {
  // The library's own product: row-major maps of Tensors, as ops_linalg's matmul forms them (so wasm links no
  // second copy of Eigen's kernel).
  Tensor a(Shape{n, n}), b(Shape{n, n}), c(Shape{n, n});
  Rng rng(0);
  rng.fill_uniform(a, -1.0f, 1.0f);
  rng.fill_uniform(b, -1.0f, 1.0f);
  const Tensor& ca = a;
  const Tensor& cb = b;
  c.mat().noalias() = ca.mat() * cb.mat();  // warm-up: caches and Eigen's blocking
  const auto start = std::chrono::steady_clock::now();
  for (int64_t r = 0; r < reps; ++r) {
    c.mat().noalias() = ca.mat() * cb.mat();
    a[0] = c[0] * 1e-9f;  // a dependency, so no product can be skipped
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace rnnlab::bench
