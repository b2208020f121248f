#include <doctest/doctest.h>

#include <cmath>

#include "core/gradcheck.h"
#include "core/ops_reduce.h"
#include "support/test_tensors.h"

using namespace rnnlab;
using rnnlab::testing::Args;
using rnnlab::testing::ramp;

TEST_CASE("sum and mean: rank-0 results by hand, gradient spread evenly") {
  Tape tape;
  Var x = tape.input(Tensor(Shape{2, 2}, {1, 2, 3, 4.5f}), true);
  Var s = sum(x);
  CHECK(s.shape() == Shape{});
  CHECK(s.value().item() == 10.5f);
  Var m = mean(x);
  CHECK(m.shape() == Shape{});
  CHECK(m.value().item() == doctest::Approx(2.625f).epsilon(1e-7));
  tape.backward(m);
  CHECK(x.grad().to_vector() == std::vector<float>{0.25f, 0.25f, 0.25f, 0.25f});
  tape.backward(s);
  CHECK(x.grad().to_vector() == std::vector<float>{1, 1, 1, 1});  // intermediate grads restart at 0

  // As in torch: the mean of nothing is nan, the sum of nothing is 0.
  CHECK(std::isnan(mean(tape.constant(Tensor(Shape{0, 3}))).value().item()));
  CHECK(sum(tape.constant(Tensor(Shape{0, 3}))).value().item() == 0.0f);
}

TEST_CASE("softmax and log_softmax of [1, 2, 3], against torch") {
  Tape tape;
  Var x = tape.constant(Tensor(Shape{3}, {1, 2, 3}));
  const Tensor& p = softmax(x).value();
  CHECK(p[0] == doctest::Approx(0.0900305733f).epsilon(1e-6));
  CHECK(p[1] == doctest::Approx(0.2447284758f).epsilon(1e-6));
  CHECK(p[2] == doctest::Approx(0.6652409434f).epsilon(1e-6));
  const Tensor& lp = log_softmax(x).value();
  CHECK(lp[0] == doctest::Approx(-2.4076058865f).epsilon(1e-6));
  CHECK(lp[1] == doctest::Approx(-1.4076058865f).epsilon(1e-6));
  CHECK(lp[2] == doctest::Approx(-0.4076059461f).epsilon(1e-6));
}

TEST_CASE("softmax: each row on its own; the vector-Jacobian product against torch") {
  Tape tape;
  Var x = tape.input(Tensor(Shape{2, 3}, {1, 2, 3, 0, 0, 0}), true);
  Var y = softmax(x);
  CHECK(y.value()[3] == doctest::Approx(1.0f / 3.0f).epsilon(1e-6));
  tape.backward(y, Tensor(Shape{2, 3}, {1, 0, 0, 0, 0, 1}));
  // torch.softmax(x, -1).backward(seed); x.grad
  const float expected[] = {0.0819250718f, -0.0220330451f, -0.0598920248f, -0.1111111194f, -0.1111111194f,
                            0.2222222090f};
  for (int i = 0; i < 6; ++i) CHECK(x.grad()[i] == doctest::Approx(expected[i]).epsilon(1e-5));
}

TEST_CASE("softmax and log_softmax: large logits do not overflow (the row max is subtracted)") {
  Tape tape;
  Var x = tape.constant(Tensor(Shape{2, 3}, {1000, 1001, 1002, -1000, -1001, -1002}));
  const Tensor& p = softmax(x).value();
  CHECK(p[0] == doctest::Approx(0.0900305733f).epsilon(1e-6));
  CHECK(p[2] == doctest::Approx(0.6652409434f).epsilon(1e-6));
  CHECK(p[3] == doctest::Approx(0.6652409434f).epsilon(1e-6));
  const Tensor& lp = log_softmax(x).value();
  CHECK(lp[0] == doctest::Approx(-2.4076058865f).epsilon(1e-6));
  CHECK(lp[5] == doctest::Approx(-2.4076058865f).epsilon(1e-6));
}

TEST_CASE("gradcheck: sum, mean, softmax, log_softmax over rank 1 to 3") {
  const GradCheckOptions tol{.eps = 1e-3f, .atol = 1e-3f, .rtol = 1e-2f};
  for (const Shape& s : {Shape{5}, Shape{3, 4}, Shape{2, 3, 4}}) {
    CAPTURE(s);
    const Tensor x = ramp(s, -1.3f, 0.17f);
    auto r = gradcheck([](Tape&, Args v) { return sum(v[0]); }, {x}, tol);
    CHECK_MESSAGE(r.ok, r.worst);
    r = gradcheck([](Tape&, Args v) { return mean(v[0]); }, {x}, tol);
    CHECK_MESSAGE(r.ok, r.worst);
    r = gradcheck([](Tape&, Args v) { return softmax(v[0]); }, {x}, tol);
    CHECK_MESSAGE(r.ok, r.worst);
    r = gradcheck([](Tape&, Args v) { return log_softmax(v[0]); }, {x}, tol);
    CHECK_MESSAGE(r.ok, r.worst);
  }
}
