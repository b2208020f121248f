#include "train/cross_entropy.h"

#include <cmath>
#include <utility>

namespace rnnlab {

Var cross_entropy(Var logits, std::span<const int32_t> targets, Reduction reduction) {
  check(logits.defined(), "cross_entropy: logits is undefined");
  const Shape& shape = logits.shape();
  check(shape.rank() == 1 || shape.rank() == 2, "cross_entropy: logits is ", shape,
        ", expected (N, C) or (C)");
  const int64_t rows = shape.rank() == 2 ? shape[0] : 1;
  const int64_t classes = shape.back();
  check(rows >= 1 && classes >= 1, "cross_entropy: logits is ", shape, ", expected at least one row and one class");
  check(static_cast<int64_t>(targets.size()) == rows, "cross_entropy: logits is ", shape, " (", rows,
        shape.rank() == 2 ? " rows" : " row, unbatched", ") and targets has ", targets.size(),
        " entries; expected one target per row");
  for (size_t i = 0; i < targets.size(); ++i)
    check(targets[i] >= 0 && targets[i] < classes, "cross_entropy: targets[", i, "] is ", targets[i],
          ", expected a class index in [0, ", classes, ")");

  auto [out, node] = logits.tape->record({logits});
  node.ints[0] = rows;
  node.floats[0] = reduction == Reduction::Mean ? 1.0f / static_cast<float>(rows) : 1.0f;
  node.indices.assign(targets.begin(), targets.end());
  node.saved.resize(1);
  const ConstMatrixMap x = logits.value().mat(rows, classes);  // (N, C)
  Tensor& probs = node.saved[0];                                // (N, C) softmax, kept for backward
  probs.resize(Shape{rows, classes});
  MatrixMap p = probs.mat();
  double total = 0.0;
  for (int64_t i = 0; i < rows; ++i) {
    // Shift by the row's max so exp never overflows: logsumexp(x) = m + log(sum exp(x - m)).
    const float m = x.row(i).maxCoeff();
    p.row(i) = (x.row(i).array() - m).exp().matrix();
    const float sum = p.row(i).sum();
    p.row(i) /= sum;
    total += static_cast<double>(m + std::log(sum) - x(i, node.indices[static_cast<size_t>(i)]));
  }
  node.value.resize(Shape{});
  node.value[0] = static_cast<float>(total * node.floats[0]);

  node.backward = [](Tape& tape, Node& n) {
    Tensor* dlogits = tape.grad_if(n.inputs[0]);
    if (!dlogits) return;
    const int64_t rows = n.ints[0];
    const float g = n.grad[0] * n.floats[0];  // dL/dloss, divided by N for Mean
    const ConstMatrixMap p = std::as_const(n.saved[0]).mat();  // (N, C)
    MatrixMap dx = dlogits->mat(rows, p.cols());                // (N, C)
    dx += g * p;
    for (int64_t i = 0; i < rows; ++i) dx(i, n.indices[static_cast<size_t>(i)]) -= g;
  };
  return out;
}

}  // namespace rnnlab
