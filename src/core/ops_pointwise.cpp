#include "core/ops_pointwise.h"

#include <utility>

namespace rnnlab {
namespace {

// Checks that b's shape equals a's, or a's trailing dimensions (a bias broadcast over rows), and returns the
// number of columns of the (rows, cols) view of a in which b is one row: cols = numel(b).
int64_t broadcast_cols(const char* op, const Shape& sa, const Shape& sb) {
  bool trailing = sb.rank() <= sa.rank();
  for (int i = 0; trailing && i < sb.rank(); ++i) trailing = sb[i] == sa[sa.rank() - sb.rank() + i];
  check(trailing, op, ": a is ", sa, " and b is ", sb, "; expected b's shape to equal a's or a's trailing dimensions");
  return sb.numel();
}

// y = a + sign * b, b broadcast over the rows of a's (rows, cols) view when it is smaller.
Var add_signed(const char* op, Var a, Var b, float sign) {
  const Shape out_shape = a.shape();
  const int64_t cols = broadcast_cols(op, out_shape, b.shape());
  auto [out, node] = a.tape->record({a, b});
  node.floats[0] = sign;
  node.value.resize(out_shape);
  const Tensor& av = a.value();  // (R, C)
  const Tensor& bv = b.value();  // (R, C) or (C)
  if (bv.numel() == av.numel()) {
    node.value.arr() = av.arr() + sign * bv.arr();
  } else {
    // rowwise() +/- a plain row map; a scaled row (sign * b) would be evaluated into a heap temporary.
    const int64_t rows = av.numel() / cols;
    if (sign > 0)
      node.value.mat(rows, cols) = av.mat(rows, cols).rowwise() + bv.mat(1, cols).row(0);
    else
      node.value.mat(rows, cols) = av.mat(rows, cols).rowwise() - bv.mat(1, cols).row(0);
  }
  node.backward = [](Tape& tape, Node& n) {
    if (Tensor* da = tape.grad_if(n.inputs[0])) da->arr() += n.grad.arr();
    if (Tensor* db = tape.grad_if(n.inputs[1])) {
      const float s = n.floats[0];
      if (db->numel() == n.grad.numel()) {
        db->arr() += s * n.grad.arr();
      } else {
        const int64_t cols = db->numel();
        const int64_t rows = n.grad.numel() / cols;
        // (R, C) -> (C), row after row in place: `db += colwise().sum()` sums the columns before db's first aligned
        // packet in another order, so the result depended on db's address. s is +-1: the products are exact.
        const ConstMatrixMap g = std::as_const(n.grad).mat(rows, cols);
        for (int64_t r = 0; r < rows; ++r) db->mat(1, cols).row(0) += s * g.row(r);
      }
    }
  };
  return out;
}

}  // namespace

// y = a + b; da += dy, db += dy (summed over broadcast rows)
Var add(Var a, Var b) { return add_signed("add", a, b, 1.0f); }

// y = a - b; da += dy, db -= dy (summed over broadcast rows)
Var sub(Var a, Var b) { return add_signed("sub", a, b, -1.0f); }

// y = a * b; da += dy * b, db += dy * a
Var mul(Var a, Var b) {
  check(a.shape() == b.shape(), "mul: a is ", a.shape(), " and b is ", b.shape(), "; expected equal shapes");
  auto [out, node] = a.tape->record({a, b});
  const Tensor& av = a.value();
  node.value.resize(av.shape());
  node.value.arr() = av.arr() * b.value().arr();
  node.backward = [](Tape& tape, Node& n) {
    if (Tensor* da = tape.grad_if(n.inputs[0])) da->arr() += n.grad.arr() * tape.value(n.inputs[1]).arr();
    if (Tensor* db = tape.grad_if(n.inputs[1])) db->arr() += n.grad.arr() * tape.value(n.inputs[0]).arr();
  };
  return out;
}

// y = s * a; da += s * dy
Var scale(Var a, float s) {
  auto [out, node] = a.tape->record({a});
  node.floats[0] = s;
  const Tensor& av = a.value();
  node.value.resize(av.shape());
  node.value.arr() = s * av.arr();
  node.backward = [](Tape& tape, Node& n) {
    if (Tensor* da = tape.grad_if(n.inputs[0])) da->arr() += n.floats[0] * n.grad.arr();
  };
  return out;
}

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

// y = 1 / (1 + exp(-x)); dx += dy * y * (1 - y)
Var sigmoid(Var x) {
  auto [out, node] = x.tape->record({x});
  const Tensor& xv = x.value();
  node.value.resize(xv.shape());
  node.value.arr() = xv.arr().logistic();  // saturates to 0 / 1 without overflow
  node.backward = [](Tape& tape, Node& n) {
    if (Tensor* dx = tape.grad_if(n.inputs[0]))
      dx->arr() += n.grad.arr() * n.value.arr() * (1.0f - n.value.arr());
  };
  return out;
}

// y = max(x, 0); dx += dy where x > 0 (torch's choice: the gradient at exactly 0 is 0)
Var relu(Var x) {
  auto [out, node] = x.tape->record({x});
  const Tensor& xv = x.value();
  node.value.resize(xv.shape());
  node.value.arr() = xv.arr().max(0.0f);
  node.backward = [](Tape& tape, Node& n) {
    if (Tensor* dx = tape.grad_if(n.inputs[0]))
      dx->arr() += (n.value.arr() > 0.0f).select(n.grad.arr(), 0.0f);
  };
  return out;
}

// y = exp(x); dx += dy * y
Var exp(Var x) {
  auto [out, node] = x.tape->record({x});
  const Tensor& xv = x.value();
  node.value.resize(xv.shape());
  node.value.arr() = xv.arr().exp();
  node.backward = [](Tape& tape, Node& n) {
    if (Tensor* dx = tape.grad_if(n.inputs[0])) dx->arr() += n.grad.arr() * n.value.arr();
  };
  return out;
}

// y = log(x); dx += dy / x. As in torch, log(0) = -inf and log(x < 0) = nan: no error.
Var log(Var x) {
  auto [out, node] = x.tape->record({x});
  const Tensor& xv = x.value();
  node.value.resize(xv.shape());
  node.value.arr() = xv.arr().log();
  node.backward = [](Tape& tape, Node& n) {
    if (Tensor* dx = tape.grad_if(n.inputs[0])) dx->arr() += n.grad.arr() / tape.value(n.inputs[0]).arr();
  };
  return out;
}

}  // namespace rnnlab
