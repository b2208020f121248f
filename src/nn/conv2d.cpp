#include "nn/conv2d.h"

#include "nn/init.h"

namespace rnnlab {

Conv2d::Conv2d(int64_t in_channels, int64_t out_channels, int64_t kernel, Conv2dOptions options, bool bias, Rng& rng)
    : in_channels_(in_channels), out_channels_(out_channels), kernel_(kernel), options_(options) {
  check(in_channels >= 1, "Conv2d: in_channels is ", in_channels, ", expected >= 1");
  check(out_channels >= 1, "Conv2d: out_channels is ", out_channels, ", expected >= 1");
  check(kernel >= 1, "Conv2d: kernel is ", kernel, ", expected >= 1");
  check(options.stride >= 1, "Conv2d: stride is ", options.stride, ", expected >= 1");
  check(options.padding >= 0, "Conv2d: padding is ", options.padding, ", expected >= 0");
  weight_ = &register_parameter("weight", Shape{out_channels, in_channels, kernel, kernel});
  if (bias) bias_ = &register_parameter("bias", Shape{out_channels});
  // torch: kaiming_uniform_(w, a=sqrt(5)) -> bound = gain * sqrt(3 / fan_in) = 1/sqrt(fan_in), as for Linear.
  const float bound = linear_init_bound(in_channels * kernel * kernel);
  init_uniform(weight_->value, bound, rng);
  if (bias_) init_uniform(bias_->value, bound, rng);
}

Var Conv2d::forward(Tape& tape, Var x) const {
  check(x.defined(), "Conv2d: input is undefined");
  const Shape& sx = x.shape();
  check(sx.rank() == 4 && sx[1] == in_channels_, "Conv2d: input is ", sx, ", expected (N, ", in_channels_,
        ", H, W)");
  return conv2d(x, tape.param(*weight_), bias_ ? tape.param(*bias_) : Var{}, options_);
}

}  // namespace rnnlab
