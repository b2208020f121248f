#include "core/ops_pointwise.h"

namespace rnnlab {

// y = tanh(x); dx += dy * (1 - y^2)
Var tanh(Var x) {
  auto [out, node] = x.tape->record({x});
  const Tensor& xv = x.value();
  node.value.resize(xv.shape());
  node.value.arr() = xv.arr().tanh();
  node.backward = [](Tape& tape, Node& n) {
    if (Tensor* dx = tape.grad_if(n.inputs[0])) dx->arr() += n.grad.arr() * (1.0f - n.value.arr().square());
  };
  return out;
}

}  // namespace rnnlab
