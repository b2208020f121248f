// Conv2d: torch.nn.Conv2d with a square kernel, dilation 1 and groups 1; weight (out, in, k, k), bias (out).
#pragma once
#include <cstdint>

#include "core/ops_conv.h"
#include "core/rng.h"
#include "core/tape.h"
#include "nn/module.h"

namespace rnnlab {

class Conv2d : public Module {
 public:
  // Parameters "weight" (out_channels, in_channels, kernel, kernel) and, with bias, "bias" (out_channels), drawn as
  // torch draws them: kaiming_uniform_(a = sqrt(5)) gives U(-1/sqrt(fan_in), 1/sqrt(fan_in)) with
  // fan_in = in_channels * kernel * kernel, and the bias uses the same bound.
  Conv2d(int64_t in_channels, int64_t out_channels, int64_t kernel, Conv2dOptions options, bool bias, Rng& rng);
  Conv2d(int64_t in_channels, int64_t out_channels, int64_t kernel, Rng& rng)
      : Conv2d(in_channels, out_channels, kernel, {}, true, rng) {}

  // x (N, in_channels, H, W) -> (N, out_channels, OH, OW). Registers the parameters on `tape` on every call.
  Var forward(Tape& tape, Var x) const;

  int64_t in_channels() const { return in_channels_; }
  int64_t out_channels() const { return out_channels_; }
  int64_t kernel() const { return kernel_; }
  const Conv2dOptions& options() const { return options_; }
  Parameter& weight() const { return *weight_; }
  Parameter* bias() const { return bias_; }  // nullptr without bias

 private:
  int64_t in_channels_, out_channels_, kernel_;
  Conv2dOptions options_;
  Parameter* weight_;
  Parameter* bias_ = nullptr;
};

}  // namespace rnnlab
