#include "core/ops_reduce.h"

#include <cmath>
#include <utility>

namespace rnnlab {

// (...) -> (); dx += dy
Var sum(Var x) {
  auto [out, node] = x.tape->record({x});
  node.value.resize(Shape{});
  node.value[0] = x.value().arr().sum();
  node.backward = [](Tape& tape, Node& n) {
    if (Tensor* dx = tape.grad_if(n.inputs[0])) dx->arr() += n.grad[0];
  };
  return out;
}

// (...) -> (); dx += dy / numel
Var mean(Var x) {
  auto [out, node] = x.tape->record({x});
  const Tensor& xv = x.value();
  node.value.resize(Shape{});
  node.value[0] = xv.arr().sum() / static_cast<float>(xv.numel());
  node.backward = [](Tape& tape, Node& n) {
    if (Tensor* dx = tape.grad_if(n.inputs[0])) dx->arr() += n.grad[0] / static_cast<float>(dx->numel());
  };
  return out;
}

// (R, C) -> (R, C), y = exp(x - max) / sum(exp(x - max)) per row; dx += y * (dy - sum(dy * y)) per row
Var softmax(Var x) {
  auto [out, node] = x.tape->record({x});
  const Tensor& xv = x.value();
  node.value.resize(xv.shape());
  if (xv.empty()) return out;  // no rows, or rows of no elements (maxCoeff needs one)
  ConstMatrixMap xm = xv.mat();
  MatrixMap y = node.value.mat();
  for (int64_t r = 0; r < y.rows(); ++r) {
    y.row(r).array() = (xm.row(r).array() - xm.row(r).maxCoeff()).exp();
    y.row(r) /= y.row(r).sum();
  }
  node.backward = [](Tape& tape, Node& n) {
    if (Tensor* dx = tape.grad_if(n.inputs[0])) {
      ConstMatrixMap y = std::as_const(n.value).mat(), dy = std::as_const(n.grad).mat();
      MatrixMap g = dx->mat();
      for (int64_t r = 0; r < y.rows(); ++r)
        g.row(r).array() += y.row(r).array() * (dy.row(r).array() - dy.row(r).dot(y.row(r)));
    }
  };
  return out;
}

// (R, C) -> (R, C), y = x - max - log(sum(exp(x - max))) per row; dx += dy - exp(y) * sum(dy) per row
Var log_softmax(Var x) {
  auto [out, node] = x.tape->record({x});
  const Tensor& xv = x.value();
  node.value.resize(xv.shape());
  if (xv.empty()) return out;
  ConstMatrixMap xm = xv.mat();
  MatrixMap y = node.value.mat();
  for (int64_t r = 0; r < y.rows(); ++r) {
    const float max = xm.row(r).maxCoeff();
    const float log_sum = std::log((xm.row(r).array() - max).exp().sum());
    y.row(r).array() = (xm.row(r).array() - max) - log_sum;
  }
  node.backward = [](Tape& tape, Node& n) {
    if (Tensor* dx = tape.grad_if(n.inputs[0])) {
      ConstMatrixMap y = std::as_const(n.value).mat(), dy = std::as_const(n.grad).mat();
      MatrixMap g = dx->mat();
      for (int64_t r = 0; r < y.rows(); ++r)
        g.row(r).array() += dy.row(r).array() - y.row(r).array().exp() * dy.row(r).sum();
    }
  };
  return out;
}

}  // namespace rnnlab
