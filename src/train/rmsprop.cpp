#include "train/rmsprop.h"

#include <cmath>

namespace rnnlab {

RMSprop::RMSprop(std::vector<Parameter*> params, const RMSpropOptions& options)
    : Optimizer(std::move(params), options.lr), options_(options) {
  check_finite_nonnegative("alpha", options.alpha);
  check_finite_nonnegative("eps", options.eps);
  check_positive_eps(options.eps, "rmsprop");
  check_finite_nonnegative("weight_decay", options.weight_decay);
  check_at_most("weight_decay", options.weight_decay, 0.0f, kMaxWeightDecay);
  check_finite_nonnegative("momentum", options.momentum);
  check_at_most("momentum", options.momentum, 0.0f, kMaxMomentum);
  for (Parameter* p : params_) {
    square_avg_.emplace_back(p->value.shape());
    if (options.centered) grad_avg_.emplace_back(p->value.shape());
    if (options.momentum > 0.0f) momentum_buffer_.emplace_back(p->value.shape());
  }
}

RMSpropOptions RMSprop::options() const {
  RMSpropOptions o = options_;
  o.lr = lr_;
  return o;
}

// torch.optim.RMSprop (1.13, _single_tensor_rmsprop), per element, every buffer starting at zero:
//   g = grad + weight_decay * param
//   square_avg = alpha * square_avg + (1 - alpha) * g^2
//   centered:  grad_avg = alpha * grad_avg + (1 - alpha) * g;  avg = sqrt(square_avg - grad_avg^2) + eps
//   otherwise: avg = sqrt(square_avg) + eps
//   momentum > 0: buf = momentum * buf + g / avg;  param -= lr * buf
//   otherwise:    param -= lr * g / avg
void RMSprop::step() {
  check_shapes("RMSprop");
  const float lr = lr_;
  const float alpha = options_.alpha;
  const float eps = options_.eps;
  const float decay = options_.weight_decay;
  const float momentum = options_.momentum;
  for (size_t i = 0; i < params_.size(); ++i) {
    float* param = params_[i]->value.data();
    const float* grad = params_[i]->grad.data();
    float* square_avg = square_avg_[i].data();
    float* grad_avg = options_.centered ? grad_avg_[i].data() : nullptr;
    float* buf = momentum > 0.0f ? momentum_buffer_[i].data() : nullptr;
    const int64_t n = params_[i]->value.numel();
    for (int64_t k = 0; k < n; ++k) {
      const float g = grad[k] + decay * param[k];
      square_avg[k] = alpha * square_avg[k] + (1.0f - alpha) * g * g;
      float avg;
      if (grad_avg) {
        grad_avg[k] = alpha * grad_avg[k] + (1.0f - alpha) * g;
        avg = std::sqrt(square_avg[k] - grad_avg[k] * grad_avg[k]) + eps;
      } else {
        avg = std::sqrt(square_avg[k]) + eps;
      }
      if (buf) {
        buf[k] = momentum * buf[k] + g / avg;
        param[k] -= lr * buf[k];
      } else {
        param[k] -= lr * (g / avg);
      }
    }
  }
  ++steps_;
}

}  // namespace rnnlab
