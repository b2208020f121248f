#include "gemm_ceiling.h"

#include <Eigen/Core>
#include <chrono>

namespace rnnlab::bench {

double gemm_seconds(int64_t n, int64_t reps) {
  using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  Matrix a = Matrix::Random(n, n), b = Matrix::Random(n, n), c(n, n);
  c.noalias() = a * b;  // warm-up: caches and Eigen's blocking
  const auto start = std::chrono::steady_clock::now();
  for (int64_t r = 0; r < reps; ++r) {
    c.noalias() = a * b;
    a(0, 0) = c(0, 0) * 1e-9f;  // a dependency, so no product can be skipped
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace rnnlab::bench
