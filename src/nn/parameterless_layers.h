// The layers that only apply an op and hold no parameters, as torch.nn.MaxPool2d, nn.Flatten and nn.ReLU: modules
// so that a Sequential counts them (torch's state_dict names skip their indices: "0.weight", "4.weight").
#pragma once
#include "core/ops_pointwise.h"
#include "core/ops_pool.h"
#include "core/ops_shape.h"
#include "core/tape.h"
#include "nn/module.h"

namespace rnnlab {

// (N, C, H, W) -> (N, C, OH, OW), the largest value of each window (max_pool2d).
class MaxPool2d : public Module {
 public:
  explicit MaxPool2d(MaxPool2dOptions options) : options_(options) {
    // Checked here too, so that a bad model is refused when it is built rather than on its first batch.
    check(options.kernel >= 1, "MaxPool2d: kernel is ", options.kernel, ", expected >= 1");
    check(options.stride >= 0, "MaxPool2d: stride is ", options.stride, ", expected >= 1 (or 0 for the kernel size)");
    check(options.padding >= 0 && 2 * options.padding <= options.kernel, "MaxPool2d: padding is ", options.padding,
          ", expected between 0 and half the kernel (", options.kernel / 2, ")");
  }
  Var forward(Tape&, Var x) const { return max_pool2d(x, options_); }
  const MaxPool2dOptions& options() const { return options_; }

 private:
  MaxPool2dOptions options_;
};

// (N, d1, d2, ...) -> (N, d1 * d2 * ...), torch.nn.Flatten's default start_dim 1.
class Flatten : public Module {
 public:
  Var forward(Tape&, Var x) const { return flatten(x, 1); }
};

// max(x, 0) element-wise.
class ReLU : public Module {
 public:
  Var forward(Tape&, Var x) const { return relu(x); }
};

}  // namespace rnnlab
