#include "core/ops_shape.h"

#include <utility>

namespace rnnlab {
namespace {

// Maps torch's dim in [-rank, rank) to [0, rank).
int normalize_dim(const char* op, int dim, const Shape& shape) {
  const int rank = shape.rank();
  check(dim >= -rank && dim < rank, op, ": dim is ", dim, " for a tensor of shape ", shape,
        "; expected a dimension in [", -rank, ", ", rank, ")");
  return dim < 0 ? dim + rank : dim;
}

// Product of the dimensions before and after `dim`: the tensor is an (outer, size * inner) matrix in which a
// range [start, end) of `dim` is the column block [start * inner, end * inner).
int64_t outer_size(const Shape& s, int dim) {
  int64_t n = 1;
  for (int i = 0; i < dim; ++i) n *= s[i];
  return n;
}
int64_t inner_size(const Shape& s, int dim) {
  int64_t n = 1;
  for (int i = dim + 1; i < s.rank(); ++i) n *= s[i];
  return n;
}

}  // namespace

// (...) -> shape; dx += dy, read in the same row-major order
Var reshape(Var x, const Shape& shape) {
  const Shape& sx = x.shape();
  check(sx.numel() == shape.numel(), "reshape: x is ", sx, " (", sx.numel(), " elements); expected a shape of ",
        sx.numel(), " elements, got ", shape, " (", shape.numel(), " elements)");
  auto [out, node] = x.tape->record({x});
  node.value.assign(x.value());
  node.value.reshape(shape);
  node.backward = [](Tape& tape, Node& n) {
    if (Tensor* dx = tape.grad_if(n.inputs[0])) dx->arr() += n.grad.arr();
  };
  return out;
}

// A reshape that keeps dimensions [0, start_dim) and multiplies the rest into one; backward is reshape's.
Var flatten(Var x, int start_dim) {
  const Shape& sx = x.shape();
  const int d = start_dim < 0 ? start_dim + sx.rank() : start_dim;
  check(d >= 0 && d < sx.rank(), "flatten: start_dim is ", start_dim, " for a rank-", sx.rank(), " input ", sx);
  Shape out;
  for (int i = 0; i < d; ++i) out.push(sx[i]);
  int64_t rest = 1;
  for (int i = d; i < sx.rank(); ++i) rest *= sx[i];
  out.push(rest);
  return reshape(x, out);
}

// k x (outer, size_k, inner) -> (outer, sum size_k, inner); dx_k += its column block of dy
Var concat(std::span<const Var> xs, int dim) {
  check(!xs.empty(), "concat: xs is empty; expected at least one tensor");
  const Shape first = xs[0].shape();
  const int d = normalize_dim("concat", dim, first);
  Shape out_shape = first;
  int64_t total = 0;
  for (size_t k = 0; k < xs.size(); ++k) {
    const Shape& s = xs[k].shape();
    bool same = s.rank() == first.rank();
    for (int i = 0; same && i < s.rank(); ++i) same = i == d || s[i] == first[i];
    check(same, "concat: xs[", k, "] is ", s, " and xs[0] is ", first, "; expected equal shapes except along dim ", d);
    total += s[d];
  }
  out_shape.set(d, total);
  auto [out, node] = xs[0].tape->record(xs);
  node.ints[0] = d;
  node.value.resize(out_shape);
  const int64_t outer = outer_size(out_shape, d), inner = inner_size(out_shape, d);
  MatrixMap y = node.value.mat(outer, total * inner);
  int64_t offset = 0;
  for (const Var& x : xs) {
    const Tensor& xv = x.value();
    const int64_t cols = xv.dim(d) * inner;
    y.middleCols(offset, cols) = xv.mat(outer, cols);
    offset += cols;
  }
  node.backward = [](Tape& tape, Node& n) {
    const int d = static_cast<int>(n.ints[0]);
    const int64_t outer = outer_size(n.grad.shape(), d), inner = inner_size(n.grad.shape(), d);
    ConstMatrixMap dy = std::as_const(n.grad).mat(outer, n.grad.dim(d) * inner);
    int64_t offset = 0;
    for (int id : n.inputs) {
      const int64_t cols = tape.value(id).dim(d) * inner;
      if (Tensor* dx = tape.grad_if(id)) dx->mat(outer, cols) += dy.middleCols(offset, cols);
      offset += cols;
    }
  };
  return out;
}

// (outer, size, inner) -> (outer, end - start, inner); dx's column block += dy
Var slice(Var x, int dim, int64_t start, int64_t end) {
  const Shape sx = x.shape();
  const int d = normalize_dim("slice", dim, sx);
  check(0 <= start && start <= end && end <= sx[d], "slice: [start, end) is [", start, ", ", end, ") along dim ", d,
        " of x with shape ", sx, "; expected 0 <= start <= end <= ", sx[d]);
  Shape out_shape = sx;
  out_shape.set(d, end - start);
  auto [out, node] = x.tape->record({x});
  node.ints[0] = d;
  node.ints[1] = start;
  node.value.resize(out_shape);
  const int64_t outer = outer_size(sx, d), inner = inner_size(sx, d), cols = (end - start) * inner;
  node.value.mat(outer, cols) = x.value().mat(outer, sx[d] * inner).middleCols(start * inner, cols);
  node.backward = [](Tape& tape, Node& n) {
    if (Tensor* dx = tape.grad_if(n.inputs[0])) {
      const int d = static_cast<int>(n.ints[0]);
      const int64_t outer = outer_size(dx->shape(), d), inner = inner_size(dx->shape(), d);
      const int64_t cols = n.grad.dim(d) * inner;
      dx->mat(outer, dx->dim(d) * inner).middleCols(n.ints[1] * inner, cols) += std::as_const(n.grad).mat(outer, cols);
    }
  };
  return out;
}

// (..., n * m, ...) -> n x (..., m, ...), each a slice
std::vector<Var> chunk(Var x, int n, int dim) {
  const Shape sx = x.shape();
  const int d = normalize_dim("chunk", dim, sx);
  check(n > 0 && sx[d] % n == 0, "chunk: n is ", n, " and dim ", d, " of x with shape ", sx, " has size ", sx[d],
        "; expected a positive n that divides ", sx[d]);
  const int64_t m = sx[d] / n;
  std::vector<Var> parts;
  parts.reserve(static_cast<size_t>(n));
  for (int k = 0; k < n; ++k) parts.push_back(slice(x, d, k * m, (k + 1) * m));
  return parts;
}

// n x (...) -> (n, ...); dx_k += dy[k]
Var stack(std::span<const Var> xs) {
  check(!xs.empty(), "stack: xs is empty; expected at least one tensor");
  const Shape first = xs[0].shape();
  check(first.rank() < Shape::kMaxRank, "stack: xs[0] is ", first, "; expected rank < ", Shape::kMaxRank,
        " (the result gains a dimension)");
  for (size_t k = 1; k < xs.size(); ++k)
    check(xs[k].shape() == first, "stack: xs[", k, "] is ", xs[k].shape(), " and xs[0] is ", first,
          "; expected equal shapes");
  Shape out_shape{static_cast<int64_t>(xs.size())};
  for (int i = 0; i < first.rank(); ++i) out_shape.push(first[i]);
  auto [out, node] = xs[0].tape->record(xs);
  node.value.resize(out_shape);
  const int64_t m = first.numel();
  for (size_t k = 0; k < xs.size(); ++k) node.value.arr().segment(static_cast<int64_t>(k) * m, m) = xs[k].value().arr();
  node.backward = [](Tape& tape, Node& n) {
    const int64_t m = n.grad.numel() / n.grad.dim(0);
    for (size_t k = 0; k < n.inputs.size(); ++k)
      if (Tensor* dx = tape.grad_if(n.inputs[k])) dx->arr() += n.grad.arr().segment(static_cast<int64_t>(k) * m, m);
  };
  return out;
}

// (N, ...) -> (...); dx[i] += dy
Var select(Var x, int64_t i) {
  const Shape sx = x.shape();
  check(sx.rank() >= 1, "select: x is ", sx, "; expected rank >= 1");
  check(0 <= i && i < sx[0], "select: i is ", i, " for x with shape ", sx, "; expected an index in [0, ", sx[0], ")");
  Shape out_shape;
  for (int k = 1; k < sx.rank(); ++k) out_shape.push(sx[k]);
  auto [out, node] = x.tape->record({x});
  node.ints[0] = i;
  node.value.resize(out_shape);
  const int64_t m = out_shape.numel();
  node.value.arr() = x.value().arr().segment(i * m, m);
  node.backward = [](Tape& tape, Node& n) {
    if (Tensor* dx = tape.grad_if(n.inputs[0])) {
      const int64_t m = n.grad.numel();
      dx->arr().segment(n.ints[0] * m, m) += n.grad.arr();
    }
  };
  return out;
}

// (A, B, inner) -> (B, A, inner): block a of x, a (B, inner) matrix, becomes column block a of y's (B, A * inner)
Var transpose01(Var x) {
  const Shape sx = x.shape();
  check(sx.rank() >= 2, "transpose01: x is ", sx, "; expected rank >= 2");
  Shape out_shape = sx;
  out_shape.set(0, sx[1]);
  out_shape.set(1, sx[0]);
  auto [out, node] = x.tape->record({x});
  node.value.resize(out_shape);
  const int64_t a_size = sx[0], b_size = sx[1], inner = inner_size(sx, 1);
  const Tensor& xv = x.value();
  MatrixMap y = node.value.mat(b_size, a_size * inner);
  for (int64_t a = 0; a < a_size; ++a)
    y.middleCols(a * inner, inner) = ConstMatrixMap(xv.data() + a * b_size * inner, b_size, inner);
  node.backward = [](Tape& tape, Node& n) {
    if (Tensor* dx = tape.grad_if(n.inputs[0])) {
      const int64_t a_size = dx->dim(0), b_size = dx->dim(1), inner = inner_size(dx->shape(), 1);
      ConstMatrixMap dy = std::as_const(n.grad).mat(b_size, a_size * inner);  // (B, A * inner)
      for (int64_t a = 0; a < a_size; ++a)
        MatrixMap(dx->data() + a * b_size * inner, b_size, inner) += dy.middleCols(a * inner, inner);
    }
  };
  return out;
}

// (V, H), n indices -> (n, H); dtable[rows[i]] += dy[i]
Var gather_rows(Var table, std::span<const int32_t> rows) {
  const Shape st = table.shape();
  check(st.rank() == 2, "gather_rows: table is ", st, "; expected a 2-D (V, H) table");
  for (size_t i = 0; i < rows.size(); ++i)
    check(0 <= rows[i] && rows[i] < st[0], "gather_rows: rows[", i, "] is ", rows[i], "; expected an index in [0, ",
          st[0], ") for a table of ", st[0], " rows");
  auto [out, node] = table.tape->record({table});
  node.indices.assign(rows.begin(), rows.end());
  node.value.resize(Shape{static_cast<int64_t>(rows.size()), st[1]});
  ConstMatrixMap t = table.value().mat();
  MatrixMap y = node.value.mat();
  for (size_t i = 0; i < rows.size(); ++i) y.row(static_cast<int64_t>(i)) = t.row(rows[i]);
  node.backward = [](Tape& tape, Node& n) {
    if (Tensor* dt = tape.grad_if(n.inputs[0])) {
      MatrixMap g = dt->mat();
      ConstMatrixMap dy = std::as_const(n.grad).mat();
      for (size_t i = 0; i < n.indices.size(); ++i) g.row(n.indices[i]) += dy.row(static_cast<int64_t>(i));
    }
  };
  return out;
}

// A constant leaf holding a copy of x's value. Recorded by hand rather than through tape.constant(x.value()):
// that would pass a reference into the node vector, which recording may reallocate.
Var detach(Var x) {
  check(x.defined(), "detach: x is undefined; expected a variable on a tape");
  auto [out, node] = x.tape->record({});
  node.value.assign(x.value());
  return out;
}

}  // namespace rnnlab
