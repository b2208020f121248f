// Stochastic gradient descent with momentum, as torch.optim.SGD (torch 1.13, maximize=False).
#pragma once
#include "train/optimizer.h"

namespace rnnlab {

struct SGDOptions {
  float lr = 0.01f;  // torch requires lr; 0.01 is only a starting point
  float momentum = 0.0f;
  float dampening = 0.0f;
  float weight_decay = 0.0f;  // L2: weight_decay * param added to the gradient
  bool nesterov = false;      // needs momentum > 0 and dampening 0
};

class SGD : public Optimizer {
 public:
  SGD(std::vector<Parameter*> params, const SGDOptions& options = {});
  void step() override;
  // The options in use, lr included (it may have changed since construction).
  SGDOptions options() const;

 private:
  SGDOptions options_;
  std::vector<Tensor> momentum_buffers_;  // one per parameter, allocated when momentum > 0
};

}  // namespace rnnlab
