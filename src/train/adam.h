// Adam, as torch.optim.Adam (torch 1.13, maximize=False): weight_decay is L2 added to the gradient (not AdamW).
#pragma once
#include "train/optimizer.h"

namespace rnnlab {

struct AdamOptions {
  float lr = 1e-3f;
  float beta1 = 0.9f;  // torch's betas[0]: decay of the gradient's running mean
  float beta2 = 0.999f;  // torch's betas[1]: decay of the squared gradient's running mean
  float eps = 1e-8f;
  float weight_decay = 0.0f;
  bool amsgrad = false;
};

class Adam : public Optimizer {
 public:
  Adam(std::vector<Parameter*> params, const AdamOptions& options = {});
  void step() override;
  AdamOptions options() const;

 private:
  AdamOptions options_;
  std::vector<Tensor> exp_avg_;      // m, one per parameter
  std::vector<Tensor> exp_avg_sq_;   // v
  std::vector<Tensor> max_exp_avg_sq_;  // max of v so far, allocated with amsgrad
};

}  // namespace rnnlab
