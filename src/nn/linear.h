// Linear: y = x W^T + b, torch.nn.Linear's layout (weight (out, in), bias (out)).
#pragma once
#include <cstdint>

#include "core/rng.h"
#include "core/tape.h"
#include "nn/module.h"

namespace rnnlab {

// The function behind the module, for callers that hold the weights as tape values (gradient checks, custom
// layers): x (..., in), weight (out, in), bias (out) or undefined -> (..., out).
Var linear(Var x, Var weight, Var bias = {});

class Linear : public Module {
 public:
  // Parameters "weight" (out, in) and, with bias, "bias" (out), initialized as torch does (init_linear).
  Linear(int64_t in_features, int64_t out_features, bool bias, Rng& rng);
  Linear(int64_t in_features, int64_t out_features, Rng& rng) : Linear(in_features, out_features, true, rng) {}

  // x (..., in) -> (..., out). Registers the parameters on `tape` on every call.
  Var forward(Tape& tape, Var x) const;

  int64_t in_features() const { return in_features_; }
  int64_t out_features() const { return out_features_; }
  Parameter& weight() const { return *weight_; }
  Parameter* bias() const { return bias_; }  // nullptr without bias

 private:
  int64_t in_features_;
  int64_t out_features_;
  Parameter* weight_;
  Parameter* bias_ = nullptr;
};

}  // namespace rnnlab
