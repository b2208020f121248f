// Gradient clipping, as torch.nn.utils.clip_grad_norm_ and clip_grad_value_ (torch 1.13), applied to the
// gradients now in the parameters, between backward() and the optimizer's step().
#pragma once
#include <limits>
#include <span>

#include "core/parameter.h"

namespace rnnlab {

constexpr float kInfNorm = std::numeric_limits<float>::infinity();

// Scales all gradients together so that their joint norm is at most max_norm, and returns the norm they had
// before: total_norm = (sum over every gradient element of |g|^p)^(1/p) (p = norm_type; kInfNorm: max |g|),
// clip_coef = max_norm / (total_norm + 1e-6), and the gradients are multiplied by clip_coef only if it is < 1.
// A NaN or infinite total norm is returned with the gradients left as they were (torch would multiply them by
// NaN or 0): the caller sees it and stops before stepping. No parameters: returns 0.
// max_norm must be >= 0 (infinity means never clip); norm_type must be > 0 or kInfNorm.
float clip_grad_norm_(std::span<Parameter* const> params, float max_norm, float norm_type = 2.0f);

// Clamps every gradient element into [-clip_value, clip_value]; clip_value must be finite and >= 0.
void clip_grad_value_(std::span<Parameter* const> params, float clip_value);

}  // namespace rnnlab
