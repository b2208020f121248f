#include "train/mse_loss.h"

namespace rnnlab {

Var mse_loss(Var pred, Var target, Reduction reduction) {
  check(pred.defined(), "mse_loss: pred is undefined");
  check(target.defined(), "mse_loss: target is undefined");
  check(pred.shape() == target.shape(), "mse_loss: pred is ", pred.shape(), " and target is ", target.shape(),
        "; expected equal shapes");
  const int64_t count = pred.shape().numel();
  check(count >= 1, "mse_loss: pred is ", pred.shape(), ", expected at least one element");

  auto [out, node] = pred.tape->record({pred, target});
  node.floats[0] = reduction == Reduction::Mean ? 1.0f / static_cast<float>(count) : 1.0f;
  node.saved.resize(1);
  Tensor& diff = node.saved[0];  // (shape of pred) pred - target, kept for backward
  diff.resize(pred.shape());
  diff.arr() = pred.value().arr() - target.value().arr();
  node.value.resize(Shape{});
  node.value[0] = static_cast<float>(diff.arr().cast<double>().square().sum() * node.floats[0]);

  node.backward = [](Tape& tape, Node& n) {
    const float g = 2.0f * n.grad[0] * n.floats[0];  // d/dpred of (pred - target)^2, times dL/dloss and 1/numel
    const Tensor& diff = n.saved[0];
    if (Tensor* dpred = tape.grad_if(n.inputs[0])) dpred->arr() += g * diff.arr();
    if (Tensor* dtarget = tape.grad_if(n.inputs[1])) dtarget->arr() -= g * diff.arr();
  };
  return out;
}

}  // namespace rnnlab
