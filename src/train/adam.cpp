#include "train/adam.h"

#include <algorithm>
#include <cmath>

#include <Eigen/Core>

namespace rnnlab {

Adam::Adam(std::vector<Parameter*> params, const AdamOptions& options)
    : Optimizer(std::move(params), options.lr), options_(options) {
  check_unit_interval("betas[0]", options.beta1);
  check_unit_interval("betas[1]", options.beta2);
  check_finite_nonnegative("eps", options.eps);
  check_positive_eps(options.eps, "adam");
  check_finite_nonnegative("weight_decay", options.weight_decay);
  check_at_most("weight_decay", options.weight_decay, 0.0f, kMaxWeightDecay);
  for (Parameter* p : params_) {
    exp_avg_.emplace_back(p->value.shape());
    exp_avg_sq_.emplace_back(p->value.shape());
    if (options.amsgrad) max_exp_avg_sq_.emplace_back(p->value.shape());
  }
}

AdamOptions Adam::options() const {
  AdamOptions o = options_;
  o.lr = lr_;
  return o;
}

// torch.optim.Adam (1.13, _single_tensor_adam), with t the step number from 1, per element:
//   g = grad + weight_decay * param
//   m = beta1 * m + (1 - beta1) * g
//   v = beta2 * v + (1 - beta2) * g^2
//   v_max = max(v_max, v), used instead of v with amsgrad
//   bias_correction1 = 1 - beta1^t,  bias_correction2 = 1 - beta2^t   (in double, as Python computes them)
//   step_size = lr / bias_correction1
//   denom = sqrt(v) / sqrt(bias_correction2) + eps
//   param -= step_size * m / denom
void Adam::step() {
  check_shapes("Adam");
  const float beta1 = options_.beta1;
  const float beta2 = options_.beta2;
  const float eps = options_.eps;
  const float decay = options_.weight_decay;
  const double t = static_cast<double>(steps_ + 1);
  const double bias_correction1 = 1.0 - std::pow(static_cast<double>(beta1), t);
  const double bias_correction2 = 1.0 - std::pow(static_cast<double>(beta2), t);
  const auto step_size = static_cast<float>(lr_ / bias_correction1);
  const auto bias_correction2_sqrt = static_cast<float>(std::sqrt(bias_correction2));
  for (size_t i = 0; i < params_.size(); ++i) {
    float* __restrict param = params_[i]->value.data();
    const float* __restrict grad = params_[i]->grad.data();
    float* __restrict m = exp_avg_[i].data();
    float* __restrict v = exp_avg_sq_[i].data();
    const int64_t n = params_[i]->value.numel();
    if (options_.amsgrad) {
      float* __restrict v_max = max_exp_avg_sq_[i].data();
      for (int64_t k = 0; k < n; ++k) {
        const float g = grad[k] + decay * param[k];
        m[k] = beta1 * m[k] + (1.0f - beta1) * g;
        v[k] = beta2 * v[k] + (1.0f - beta2) * g * g;
        const float second = v_max[k] = std::max(v_max[k], v[k]);
        const float denom = std::sqrt(second) / bias_correction2_sqrt + eps;
        param[k] -= step_size * (m[k] / denom);
      }
    } else {
      // As Eigen array expressions: their sqrt is the packet instruction, which a plain std::sqrt loop only
      // becomes with -fno-math-errno. Same operations per element as the loop above.
      Eigen::Map<Eigen::ArrayXf> p(param, n), mm(m, n), vv(v, n);
      const Eigen::Map<const Eigen::ArrayXf> gr(grad, n);
      mm = beta1 * mm + (1.0f - beta1) * (gr + decay * p);
      vv = beta2 * vv + ((1.0f - beta2) * (gr + decay * p)) * (gr + decay * p);
      p -= step_size * (mm / (vv.sqrt() / bias_correction2_sqrt + eps));
    }
  }
  ++steps_;
}

}  // namespace rnnlab
