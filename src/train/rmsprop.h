// RMSprop, as torch.optim.RMSprop (torch 1.13, maximize=False): eps is added outside the square root.
#pragma once
#include "train/optimizer.h"

namespace rnnlab {

struct RMSpropOptions {
  float lr = 1e-2f;
  float alpha = 0.99f;  // decay of the squared gradient's running mean
  float eps = 1e-8f;
  float weight_decay = 0.0f;
  float momentum = 0.0f;
  bool centered = false;  // divide by an estimate of the gradient's variance instead of its second moment
};

class RMSprop : public Optimizer {
 public:
  RMSprop(std::vector<Parameter*> params, const RMSpropOptions& options = {});
  void step() override;
  RMSpropOptions options() const;

 private:
  RMSpropOptions options_;
  std::vector<Tensor> square_avg_;       // one per parameter
  std::vector<Tensor> grad_avg_;         // allocated when centered
  std::vector<Tensor> momentum_buffer_;  // allocated when momentum > 0
};

}  // namespace rnnlab
