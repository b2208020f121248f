#include "train/sgd.h"

namespace rnnlab {

SGD::SGD(std::vector<Parameter*> params, const SGDOptions& options)
    : Optimizer(std::move(params), options.lr), options_(options) {
  check_finite_nonnegative("momentum", options.momentum);
  check_at_most("momentum", options.momentum, 0.0f, kMaxMomentum);
  check_finite("dampening", options.dampening);
  check_at_most("dampening", options.dampening, -kMaxDampening, kMaxDampening);
  check_finite_nonnegative("weight_decay", options.weight_decay);
  check_at_most("weight_decay", options.weight_decay, 0.0f, kMaxWeightDecay);
  // torch's rule: "Nesterov momentum requires a momentum and zero dampening".
  check(!options.nesterov || (options.momentum > 0.0f && options.dampening == 0.0f),
        "nesterov: got true with momentum ", format_option(options.momentum), " and dampening ",
        format_option(options.dampening), ", expected momentum > 0 and dampening 0");
  if (options.momentum > 0.0f)
    for (Parameter* p : params_) momentum_buffers_.emplace_back(p->value.shape());
}

SGDOptions SGD::options() const {
  SGDOptions o = options_;
  o.lr = lr_;
  return o;
}

// torch.optim.SGD (1.13, _single_tensor_sgd), per element:
//   d_p = grad + weight_decay * param
//   if momentum != 0:
//     buf = d_p                                             on the first step (no dampening then)
//     buf = momentum * buf + (1 - dampening) * d_p          afterwards
//     d_p = nesterov ? d_p + momentum * buf : buf
//   param -= lr * d_p
void SGD::step() {
  check_shapes("SGD");
  const float lr = lr_;
  const float momentum = options_.momentum;
  const float keep = 1.0f - options_.dampening;
  const float decay = options_.weight_decay;
  const bool first = steps_ == 0;
  for (size_t i = 0; i < params_.size(); ++i) {
    float* param = params_[i]->value.data();
    const float* grad = params_[i]->grad.data();
    const int64_t n = params_[i]->value.numel();
    if (momentum == 0.0f) {
      for (int64_t k = 0; k < n; ++k) param[k] -= lr * (grad[k] + decay * param[k]);
      continue;
    }
    float* buf = momentum_buffers_[i].data();
    for (int64_t k = 0; k < n; ++k) {
      const float d_p = grad[k] + decay * param[k];
      buf[k] = first ? d_p : momentum * buf[k] + keep * d_p;
      param[k] -= lr * (options_.nesterov ? d_p + momentum * buf[k] : buf[k]);
    }
  }
  ++steps_;
}

}  // namespace rnnlab
