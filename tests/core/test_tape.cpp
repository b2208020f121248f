#include <doctest/doctest.h>

#include "core/gradcheck.h"
#include "core/ops_linalg.h"
#include "core/ops_pointwise.h"

using namespace rnnlab;

TEST_CASE("tape: backward of tanh(x W^T) by hand") {
  Tape tape;
  Parameter w(Shape{1, 2});
  w.value[0] = 0.5f;
  w.value[1] = -1.0f;
  Var x = tape.constant(Tensor(Shape{1, 2}, {2.0f, 1.0f}));
  Var y = tanh(matmul(x, tape.param(w), true));  // tanh(0.5*2 - 1*1) = tanh(0) = 0
  CHECK(y.value().item() == doctest::Approx(0.0f));
  tape.backward(y);
  // dy/dw = (1 - tanh^2) * x = x
  CHECK(w.grad[0] == doctest::Approx(2.0f));
  CHECK(w.grad[1] == doctest::Approx(1.0f));
  // Parameter gradients accumulate across backward calls, as in torch.
  tape.backward(y);
  CHECK(w.grad[0] == doctest::Approx(4.0f));
}

TEST_CASE("tape: a steady loop reuses node buffers") {
  Tape tape;
  Parameter w(Shape{8, 8});
  Tensor x(Shape{4, 8});
  x.fill(0.1f);
  const float* first = nullptr;
  for (int step = 0; step < 3; ++step) {
    tape.clear();
    Var y = tanh(matmul(tape.constant(x), tape.param(w)));
    if (step == 0) first = y.value().data();
    CHECK(y.value().data() == first);
  }
}

TEST_CASE("tape: backward from a non-scalar or a foreign variable is refused") {
  Tape tape, other;
  Parameter w(Shape{2, 2});
  Var y = tanh(tape.param(w));
  CHECK_THROWS_WITH_AS(tape.backward(y),
                       "backward: loss has shape [2, 2], expected a single value (pass a seed gradient for a "
                       "non-scalar output)",
                       Error);
  CHECK_THROWS_AS(other.backward(y), Error);
  CHECK_THROWS_AS(tape.backward(y, Tensor(Shape{3})), Error);
  Var c = tape.constant(Tensor(Shape{1}, {1.0f}));
  CHECK_THROWS_AS(tape.backward(c), Error);
}

TEST_CASE("gradcheck: matmul, matmul with b^T, transpose, tanh") {
  Tensor a(Shape{3, 4}, {0.1f, -0.2f, 0.3f, 0.4f, -0.5f, 0.6f, 0.7f, -0.8f, 0.9f, 1.0f, -1.1f, 1.2f});
  Tensor b(Shape{4, 2}, {0.5f, -0.4f, 0.3f, 0.2f, -0.1f, 0.6f, 0.7f, -0.9f});
  Tensor bt(Shape{2, 4}, {0.5f, -0.4f, 0.3f, 0.2f, -0.1f, 0.6f, 0.7f, -0.9f});
  auto r1 = gradcheck([](Tape&, const std::vector<Var>& v) { return matmul(v[0], v[1]); }, {a, b});
  CHECK_MESSAGE(r1.ok, r1.worst);
  auto r2 = gradcheck([](Tape&, const std::vector<Var>& v) { return matmul(v[0], v[1], true); }, {a, bt});
  CHECK_MESSAGE(r2.ok, r2.worst);
  auto r3 = gradcheck([](Tape&, const std::vector<Var>& v) { return transpose(v[0]); }, {a});
  CHECK_MESSAGE(r3.ok, r3.worst);
  auto r4 = gradcheck([](Tape&, const std::vector<Var>& v) { return tanh(v[0]); }, {a});
  CHECK_MESSAGE(r4.ok, r4.worst);
  CHECK(r4.max_abs_error < 1e-3f);
}

TEST_CASE("gradcheck: catches a wrong gradient") {
  // A deliberately wrong op (backward off by a factor 2) must fail the check: the helper can fail.
  auto wrong = [](Tape& tape, const std::vector<Var>& v) {
    auto [out, node] = tape.record({v[0]});
    node.value.assign(v[0].value());
    node.backward = [](Tape& t, Node& n) {
      if (Tensor* dx = t.grad_if(n.inputs[0])) dx->arr() += 2.0f * n.grad.arr();
    };
    return out;
  };
  auto r = gradcheck(wrong, {Tensor(Shape{3}, {1, 2, 3})});
  CHECK_FALSE(r.ok);
  CHECK(r.max_abs_error > 0.1f);
}

TEST_CASE("matmul: shape errors name both shapes") {
  Tape tape;
  Var a = tape.constant(Tensor(Shape{2, 3}));
  Var b = tape.constant(Tensor(Shape{4, 5}));
  CHECK_THROWS_WITH_AS(matmul(a, b),
                       "matmul: a is [2, 3] and b is [4, 5]; expected a's last dimension to equal b's first (4)",
                       Error);
}

TEST_CASE("tape: constant() of a value on the same tape survives the node vector growing") {
  Tape tape(1);  // room for one node: the second record grows the vector
  Var a = tape.constant(Tensor(Shape{3}, {1, 2, 3}));
  Var b = tape.constant(a.value());
  CHECK(max_abs_diff(b.value(), Tensor(Shape{3}, {1, 2, 3})) == 0.0f);
}

TEST_CASE("tensor: a default tensor is empty, and item() on it is refused") {
  Tensor t;
  CHECK(t.numel() == 0);
  CHECK(t.shape() == Shape{0});
  CHECK_THROWS_AS(t.item(), Error);
}
