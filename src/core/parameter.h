// A trainable tensor and the gradient that backward() accumulates into it.
#pragma once
#include "core/tensor.h"

namespace rnnlab {

struct Parameter {
  explicit Parameter(const Shape& shape) : value(shape), grad(shape) {}
  Tensor value;
  Tensor grad;  // accumulates across backward() calls until zeroed, like torch's .grad
};

}  // namespace rnnlab
