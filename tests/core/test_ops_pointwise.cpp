#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "core/gradcheck.h"
#include "core/ops_pointwise.h"
#include "support/test_tensors.h"

using namespace rnnlab;
using rnnlab::testing::Args;
using rnnlab::testing::ramp;

TEST_CASE("add/sub: a bias broadcast over rows, by hand; its gradient sums the rows") {
  Tape tape;
  Var a = tape.input(Tensor(Shape{2, 3}, {1, 2, 3, 4, 5, 6}), true);
  Var bias = tape.input(Tensor(Shape{3}, {10, 20, 30}), true);
  Var y = add(a, bias);
  CHECK(y.shape() == Shape{2, 3});
  CHECK(y.value().to_vector() == std::vector<float>{11, 22, 33, 14, 25, 36});
  tape.backward(y, Tensor(Shape{2, 3}, {1, 2, 3, 4, 5, 6}));
  CHECK(a.grad().to_vector() == std::vector<float>{1, 2, 3, 4, 5, 6});
  CHECK(bias.grad().to_vector() == std::vector<float>{5, 7, 9});

  tape.clear();
  a = tape.input(Tensor(Shape{2, 3}, {1, 2, 3, 4, 5, 6}), true);
  bias = tape.input(Tensor(Shape{3}, {10, 20, 30}), true);
  y = sub(a, bias);
  CHECK(y.value().to_vector() == std::vector<float>{-9, -18, -27, -6, -15, -24});
  tape.backward(y, Tensor(Shape{2, 3}, {1, 2, 3, 4, 5, 6}));
  CHECK(a.grad().to_vector() == std::vector<float>{1, 2, 3, 4, 5, 6});
  CHECK(bias.grad().to_vector() == std::vector<float>{-5, -7, -9});
}

TEST_CASE("add: a rank-0 right-hand side broadcasts to every element") {
  Tape tape;
  Var a = tape.input(Tensor(Shape{3}, {1, 2, 3}), true);
  Var s = tape.input(Tensor(Shape{}, {0.5f}), true);
  Var y = add(a, s);
  CHECK(y.value().to_vector() == std::vector<float>{1.5f, 2.5f, 3.5f});
  tape.backward(y, Tensor(Shape{3}, {1, 2, 4}));
  CHECK(s.grad().item() == 7.0f);
}

TEST_CASE("gradcheck: add and sub, equal shapes and every broadcast form") {
  // Central differences in float32 with eps 1e-3 are good to about 1e-3 on values of order 1.
  const GradCheckOptions tol{.eps = 1e-3f, .atol = 1e-3f, .rtol = 1e-2f};
  const Tensor a = ramp(Shape{2, 3, 4}, -1.1f, 0.1f);
  const Tensor same = ramp(Shape{2, 3, 4}, 0.7f, -0.05f);
  const Tensor bias1 = ramp(Shape{4}, 0.3f, 0.2f);
  const Tensor bias2 = ramp(Shape{3, 4}, -0.4f, 0.07f);
  const Tensor scalar(Shape{}, {0.25f});
  for (const Tensor* b : {&same, &bias1, &bias2, &scalar}) {
    CAPTURE(b->shape());
    auto r = gradcheck([](Tape&, Args v) { return add(v[0], v[1]); }, {a, *b}, tol);
    CHECK_MESSAGE(r.ok, r.worst);
    r = gradcheck([](Tape&, Args v) { return sub(v[0], v[1]); }, {a, *b}, tol);
    CHECK_MESSAGE(r.ok, r.worst);
  }
  // Equal element counts but different ranks: (1, 4) - (4) is a broadcast over a single row.
  auto r = gradcheck([](Tape&, Args v) { return sub(v[0], v[1]); }, {ramp(Shape{1, 4}, 0.1f, 0.3f), bias1}, tol);
  CHECK_MESSAGE(r.ok, r.worst);
  // The same variable on both sides: both contributions land in one gradient.
  r = gradcheck([](Tape&, Args v) { return add(v[0], v[0]); }, {a}, tol);
  CHECK_MESSAGE(r.ok, r.worst);
}

TEST_CASE("add: a constant operand gets no gradient and does not stop the other's") {
  Tape tape;
  Var a = tape.input(Tensor(Shape{2, 2}, {1, 2, 3, 4}), true);
  Var c = tape.constant(Tensor(Shape{2}, {1, 1}));
  Var y = mul(sub(add(a, c), c), a);  // (a + c - c) * a = a^2
  tape.backward(y, Tensor::full(Shape{2, 2}, 1.0f));
  CHECK(a.grad().to_vector() == std::vector<float>{2, 4, 6, 8});
}

TEST_CASE("gradcheck: mul, scale, sigmoid, exp, tanh") {
  const GradCheckOptions tol{.eps = 1e-3f, .atol = 1e-3f, .rtol = 1e-2f};
  const Tensor a = ramp(Shape{2, 3, 4}, -2.3f, 0.2f);
  const Tensor b = ramp(Shape{2, 3, 4}, 1.5f, -0.13f);
  auto r = gradcheck([](Tape&, Args v) { return mul(v[0], v[1]); }, {a, b}, tol);
  CHECK_MESSAGE(r.ok, r.worst);
  r = gradcheck([](Tape&, Args v) { return mul(v[0], v[0]); }, {a}, tol);
  CHECK_MESSAGE(r.ok, r.worst);
  r = gradcheck([](Tape&, Args v) { return scale(v[0], -1.5f); }, {a}, tol);
  CHECK_MESSAGE(r.ok, r.worst);
  r = gradcheck([](Tape&, Args v) { return sigmoid(v[0]); }, {a}, tol);
  CHECK_MESSAGE(r.ok, r.worst);
  r = gradcheck([](Tape&, Args v) { return exp(v[0]); }, {a}, tol);
  CHECK_MESSAGE(r.ok, r.worst);
  r = gradcheck([](Tape&, Args v) { return tanh(v[0]); }, {a}, tol);
  CHECK_MESSAGE(r.ok, r.worst);
}

TEST_CASE("gradcheck: relu away from its kink, log on positive inputs") {
  const GradCheckOptions tol{.eps = 1e-3f, .atol = 1e-3f, .rtol = 1e-2f};
  // Every |x| >= 0.05, far beyond eps, so no finite difference straddles 0.
  const Tensor x(Shape{2, 4}, {-1.5f, -0.05f, 0.05f, 2.0f, 0.3f, -0.7f, 1.1f, -2.2f});
  auto r = gradcheck([](Tape&, Args v) { return relu(v[0]); }, {x}, tol);
  CHECK_MESSAGE(r.ok, r.worst);
  // 1/x grows fast near 0: stay above 0.2 where the central difference's error, ~eps^2/x^3, is below 1e-4.
  const Tensor positive = ramp(Shape{2, 4}, 0.2f, 0.4f);
  r = gradcheck([](Tape&, Args v) { return log(v[0]); }, {positive}, tol);
  CHECK_MESSAGE(r.ok, r.worst);
}

TEST_CASE("pointwise values by hand, torch's edge cases included") {
  Tape tape;
  Var x = tape.constant(Tensor(Shape{4}, {-100.0f, 0.0f, 2.0f, 100.0f}));
  const std::vector<float> s = sigmoid(x).value().to_vector();
  CHECK(s[0] == doctest::Approx(0.0f).epsilon(1e-6));  // saturates without overflow
  CHECK(s[1] == 0.5f);
  CHECK(s[2] == doctest::Approx(0.8807970285f).epsilon(1e-6));
  CHECK(s[3] == 1.0f);
  CHECK(relu(x).value().to_vector() == std::vector<float>{0, 0, 2, 100});
  CHECK(scale(x, -0.5f).value().to_vector() == std::vector<float>{50, -0, -1, -50});

  Var e = exp(tape.constant(Tensor(Shape{3}, {0.0f, 1.0f, -1.0f})));
  CHECK(e.value()[0] == 1.0f);
  CHECK(e.value()[1] == doctest::Approx(2.7182817459f).epsilon(1e-6));
  CHECK(e.value()[2] == doctest::Approx(0.3678794503f).epsilon(1e-6));

  // As torch: log(0) = -inf and log(-1) = nan, no error.
  Var l = log(tape.constant(Tensor(Shape{3}, {0.0f, -1.0f, 1.0f})));
  CHECK(l.value()[0] == -std::numeric_limits<float>::infinity());
  CHECK(std::isnan(l.value()[1]));
  CHECK(l.value()[2] == 0.0f);

  Var m = mul(tape.constant(Tensor(Shape{2}, {3, -2})), tape.constant(Tensor(Shape{2}, {0.5f, 4})));
  CHECK(m.value().to_vector() == std::vector<float>{1.5f, -8});
}

TEST_CASE("relu: the gradient at exactly 0 is 0, as in torch") {
  Tape tape;
  Var x = tape.input(Tensor(Shape{3}, {-1.0f, 0.0f, 1.0f}), true);
  tape.backward(relu(x), Tensor::full(Shape{3}, 1.0f));
  CHECK(x.grad().to_vector() == std::vector<float>{0, 0, 1});
}

TEST_CASE("add/sub/mul: shape errors name the op and both shapes") {
  Tape tape;
  Var a = tape.constant(Tensor(Shape{2, 3}));
  Var b = tape.constant(Tensor(Shape{2}));
  Var c = tape.constant(Tensor(Shape{3}));
  CHECK_THROWS_WITH_AS(add(a, b),
                       "add: a is [2, 3] and b is [2]; expected b's shape to equal a's or a's trailing dimensions",
                       Error);
  CHECK_THROWS_WITH_AS(sub(c, a),
                       "sub: a is [3] and b is [2, 3]; expected b's shape to equal a's or a's trailing dimensions",
                       Error);
  CHECK_THROWS_WITH_AS(mul(a, c), "mul: a is [2, 3] and b is [3]; expected equal shapes", Error);
}
