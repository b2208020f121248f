#include "train/clip_grad.h"

#include <algorithm>
#include <cmath>

#include "train/optimizer.h"

namespace rnnlab {
namespace {

// The joint norm of all gradients, accumulated in double (torch reduces a float tensor in a wider type too).
double total_grad_norm(std::span<Parameter* const> params, double p) {
  double acc = 0.0;
  for (size_t i = 0; i < params.size(); ++i) {
    check(params[i] != nullptr, "clip_grad_norm_: parameter ", i, " is null");
    const Tensor& g = params[i]->grad;
    if (p == 2.0) {  // four partial sums: the loop vectorizes
      double part[4] = {0, 0, 0, 0};
      const float* x = g.data();
      int64_t k = 0;
      for (; k + 4 <= g.numel(); k += 4)
        for (int j = 0; j < 4; ++j) part[j] += static_cast<double>(x[k + j]) * static_cast<double>(x[k + j]);
      for (; k < g.numel(); ++k) part[0] += static_cast<double>(x[k]) * static_cast<double>(x[k]);
      acc += (part[0] + part[1]) + (part[2] + part[3]);
      continue;
    }
    for (int64_t k = 0; k < g.numel(); ++k) {
      const double a = std::fabs(static_cast<double>(g[k]));
      if (std::isinf(p))
        acc = std::isnan(a) ? a : std::max(acc, a);
      else
        acc += std::pow(a, p);
    }
  }
  if (std::isinf(p)) return acc;
  return p == 2.0 ? std::sqrt(acc) : std::pow(acc, 1.0 / p);
}

}  // namespace

float clip_grad_norm_(std::span<Parameter* const> params, float max_norm, float norm_type) {
  // fail() rather than check(): check's arguments, format_option's string and snprintf, would be built every step.
  if (!(max_norm >= 0.0f)) fail("max_norm: got ", format_option(max_norm), ", expected a number >= 0");
  if (!(norm_type > 0.0f)) fail("norm_type: got ", format_option(norm_type), ", expected a number > 0 or infinity");
  const auto total_norm = static_cast<float>(total_grad_norm(params, norm_type));
  if (!std::isfinite(total_norm)) return total_norm;
  // torch: clip_coef = max_norm / (total_norm + 1e-6), clamped to 1, in float32.
  const float clip_coef = max_norm / (total_norm + 1e-6f);
  if (clip_coef < 1.0f)
    for (Parameter* p : params) p->grad.arr() *= clip_coef;
  return total_norm;
}

void clip_grad_value_(std::span<Parameter* const> params, float clip_value) {
  check_finite_nonnegative("clip_value", clip_value);
  for (size_t i = 0; i < params.size(); ++i) check(params[i] != nullptr, "clip_grad_value_: parameter ", i, " is null");
  // torch: grad.clamp_(min=-clip_value, max=clip_value); a NaN stays NaN, as torch's clamp keeps it.
  for (Parameter* p : params) {
    float* g = p->grad.data();
    for (int64_t k = 0; k < p->grad.numel(); ++k) {
      if (g[k] < -clip_value) g[k] = -clip_value;
      else if (g[k] > clip_value) g[k] = clip_value;
    }
  }
}

}  // namespace rnnlab
