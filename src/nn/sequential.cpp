#include "nn/sequential.h"

namespace rnnlab {

Var Sequential::forward(Tape& tape, Var x) const {
  for (const auto& f : forwards_) x = f(tape, x);
  return x;
}

Module& Sequential::layer(size_t i) const {
  check(i < layers_.size(), "Sequential: layer ", i, " of ", layers_.size());
  return *layers_[i];
}

}  // namespace rnnlab
