// Made-up inputs for tests: deterministic ramps and seeded uniform draws.
#pragma once
#include <vector>

#include "core/rng.h"
#include "core/tape.h"
#include "core/tensor.h"

namespace rnnlab::testing {

// The parameter of a gradcheck lambda: the tape's variables for the checked inputs, in order.
using Args = const std::vector<Var>&;

// start, start + step, start + 2 step, ... in row-major order: distinct values that make a wrong index visible.
inline Tensor ramp(const Shape& shape, float start, float step) {
  Tensor t(shape);
  for (int64_t i = 0; i < t.numel(); ++i) t[i] = start + step * static_cast<float>(i);
  return t;
}

// Uniform in [-bound, bound), drawn from `rng`.
inline Tensor random_tensor(const Shape& shape, Rng& rng, float bound = 1.0f) {
  Tensor t(shape);
  rng.fill_uniform(t, -bound, bound);
  return t;
}

}  // namespace rnnlab::testing
