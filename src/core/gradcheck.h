// Gradient check: compares backward() with central finite differences of the same function.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "core/tape.h"

namespace rnnlab {

struct GradCheckOptions {
  float eps = 1e-3f;   // finite-difference step
  float atol = 1e-3f;  // an element passes when |analytic - numeric| <= atol + rtol * |numeric|
  float rtol = 1e-2f;
  uint64_t seed = 7;   // seeds the fixed random weights w that reduce the output: L = sum(output * w)
};

struct GradCheckResult {
  bool ok = true;
  float max_abs_error = 0.0f;  // over all inputs and elements
  std::string worst;           // where the largest error relative to its tolerance is, with both values
};

// `build` records a function of the given inputs (one tape leaf each, requiring grad) and returns its output.
using GradCheckFn = std::function<Var(Tape&, const std::vector<Var>&)>;
GradCheckResult gradcheck(const GradCheckFn& build, const std::vector<Tensor>& inputs,
                          const GradCheckOptions& options = {});

}  // namespace rnnlab
