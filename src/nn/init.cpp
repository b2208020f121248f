#include "nn/init.h"

#include <cmath>

namespace rnnlab {

void init_uniform(Tensor& t, float bound, Rng& rng) {
  check(std::isfinite(bound) && bound >= 0.0f, "init_uniform: bound is ", bound, ", expected a finite value >= 0");
  rng.fill_uniform(t, -bound, bound);
}

float recurrent_init_bound(int64_t hidden_size) {
  check(hidden_size >= 1, "init: hidden_size is ", hidden_size, ", expected >= 1");
  return static_cast<float>(1.0 / std::sqrt(static_cast<double>(hidden_size)));
}

void init_recurrent(Tensor& t, int64_t hidden_size, Rng& rng) { init_uniform(t, recurrent_init_bound(hidden_size), rng); }

float linear_init_bound(int64_t in_features) {
  check(in_features >= 1, "init: in_features is ", in_features, ", expected >= 1");
  return static_cast<float>(1.0 / std::sqrt(static_cast<double>(in_features)));
}

void init_linear(Tensor& weight, Tensor* bias, Rng& rng) {
  check(weight.rank() == 2, "init_linear: weight has shape ", weight.shape(), ", expected (out_features, in_features)");
  const float bound = linear_init_bound(weight.dim(1));
  init_uniform(weight, bound, rng);
  if (bias) {
    check(bias->rank() == 1 && bias->dim(0) == weight.dim(0), "init_linear: bias has shape ", bias->shape(),
          ", expected [", weight.dim(0), "] to match weight ", weight.shape());
    init_uniform(*bias, bound, rng);
  }
}

}  // namespace rnnlab
