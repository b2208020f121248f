#include "nn/linear.h"

#include "core/ops_linalg.h"
#include "core/ops_pointwise.h"
#include "nn/init.h"

namespace rnnlab {

// (..., in) x (out, in)^T -> (..., out), plus bias (out) on every row
Var linear(Var x, Var weight, Var bias) {
  const Shape& sw = weight.shape();
  check(sw.rank() == 2, "linear: weight is ", sw, ", expected (out_features, in_features)");
  check(x.shape().rank() >= 1 && x.shape().back() == sw[1], "linear: input is ", x.shape(),
        ", expected a last dimension of in_features ", sw[1]);
  check(!bias.defined() || (bias.shape().rank() == 1 && bias.shape()[0] == sw[0]), "linear: bias is ",
        bias.defined() ? bias.shape() : Shape{}, ", expected [", sw[0], "] for weight ", sw);
  Var y = matmul(x, weight, /*transpose_b=*/true);
  return bias.defined() ? add(y, bias) : y;
}

Linear::Linear(int64_t in_features, int64_t out_features, bool bias, Rng& rng)
    : in_features_(in_features), out_features_(out_features) {
  check(in_features >= 1, "Linear: in_features is ", in_features, ", expected >= 1");
  check(out_features >= 1, "Linear: out_features is ", out_features, ", expected >= 1");
  weight_ = &register_parameter("weight", Shape{out_features, in_features});
  if (bias) bias_ = &register_parameter("bias", Shape{out_features});
  init_linear(weight_->value, bias_ ? &bias_->value : nullptr, rng);
}

Var Linear::forward(Tape& tape, Var x) const {
  check(x.defined(), "Linear: input is undefined");
  const Shape& sx = x.shape();
  check(sx.rank() >= 1 && sx.back() == in_features_, "Linear: input has ", sx.rank() ? sx.back() : 0,
        " features (shape ", sx, "), expected in_features ", in_features_);
  return linear(x, tape.param(*weight_), bias_ ? tape.param(*bias_) : Var{});
}

}  // namespace rnnlab
