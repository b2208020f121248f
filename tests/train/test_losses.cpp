#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "core/gradcheck.h"
#include "train/cross_entropy.h"
#include "train/mse_loss.h"

using namespace rnnlab;

namespace {

void check_values(const Tensor& got, const std::vector<float>& want, float tol) {
  REQUIRE(got.numel() == static_cast<int64_t>(want.size()));
  for (size_t i = 0; i < want.size(); ++i) CHECK(got[static_cast<int64_t>(i)] == doctest::Approx(want[i]).epsilon(tol));
}

}  // namespace

TEST_CASE("cross_entropy: values and gradients against hand-computed numbers") {
  // Row 0: logsumexp(1, 2, 3) - 3 = log(1 + e^-1 + e^-2) = 0.40760596; row 1: log 3 = 1.09861229.
  // dlogits = (softmax - onehot) / N; torch 1.13 gives the same numbers (printed to 9 digits below).
  Tape tape;
  Var x = tape.input(Tensor(Shape{2, 3}, {1, 2, 3, 0, 0, 0}), true);
  const std::vector<int32_t> targets{2, 1};
  Var mean = cross_entropy(x, targets, Reduction::Mean);
  CHECK(mean.shape().rank() == 0);
  CHECK(mean.value().item() == doctest::Approx(0.7531090975).epsilon(1e-6));
  tape.backward(mean);
  check_values(x.grad(), {0.045015290f, 0.122364245f, -0.167379498f, 0.166666657f, -0.333333343f, 0.166666657f},
               1e-5f);

  Tape tape2;
  Var x2 = tape2.input(Tensor(Shape{2, 3}, {1, 2, 3, 0, 0, 0}), true);
  Var sum = cross_entropy(x2, targets, Reduction::Sum);
  CHECK(sum.value().item() == doctest::Approx(1.5062181950).epsilon(1e-6));
  tape2.backward(sum);
  check_values(x2.grad(), {0.09003058f, 0.24472849f, -0.33475900f, 0.33333331f, -0.66666669f, 0.33333331f}, 1e-5f);
}

TEST_CASE("cross_entropy: unbatched logits (C) with one target, as torch") {
  // torch: F.cross_entropy(tensor([0.5, -1, 2, 0]), tensor(3)) = 2.3423495, a 0-d tensor.
  Tape tape;
  Var x = tape.input(Tensor(Shape{4}, {0.5f, -1.0f, 2.0f, 0.0f}), true);
  const int32_t target = 3;
  Var loss = cross_entropy(x, std::span<const int32_t>(&target, 1));
  CHECK(loss.shape().rank() == 0);
  CHECK(loss.value().item() == doctest::Approx(2.3423495).epsilon(1e-6));
  tape.backward(loss);
  check_values(x.grad(), {0.158444703f, 0.035353795f, 0.710099876f, -0.903898418f}, 1e-5f);
}

TEST_CASE("cross_entropy: large logits stay finite (log-softmax is shifted by the row max)") {
  Tape tape;
  Var x = tape.input(Tensor(Shape{2, 2}, {1000, 0, -1000, 1000}), true);
  const std::vector<int32_t> targets{1, 1};
  Var loss = cross_entropy(x, targets, Reduction::Sum);
  CHECK(loss.value().item() == doctest::Approx(1000.0f));  // 1000 for row 0, 0 for row 1
  tape.backward(loss);
  check_values(x.grad(), {1, -1, 0, 0}, 1e-6f);
}

TEST_CASE("cross_entropy: gradcheck, both reductions, batched and unbatched") {
  const Tensor logits(Shape{3, 4}, {0.3f, -1.2f, 0.8f, 0.1f, 2.0f, 0.5f, -0.7f, 1.1f, -0.2f, 0.0f, 0.9f, -1.5f});
  const std::vector<int32_t> targets{2, 0, 3};
  for (Reduction r : {Reduction::Mean, Reduction::Sum}) {
    auto result = gradcheck([&](Tape&, const std::vector<Var>& v) { return cross_entropy(v[0], targets, r); },
                            {logits});
    CHECK_MESSAGE(result.ok, result.worst);
    CHECK(result.max_abs_error < 1e-3f);
    const int32_t one = 1;
    auto unbatched = gradcheck(
        [&](Tape&, const std::vector<Var>& v) { return cross_entropy(v[0], std::span<const int32_t>(&one, 1), r); },
        {Tensor(Shape{4}, {0.3f, -1.2f, 0.8f, 0.1f})});
    CHECK_MESSAGE(unbatched.ok, unbatched.worst);
  }
}

TEST_CASE("cross_entropy: bad targets and shapes are refused with the numbers") {
  Tape tape;
  Var x = tape.input(Tensor(Shape{2, 3}), true);
  const std::vector<int32_t> out_of_range{0, 3};
  CHECK_THROWS_WITH_AS(cross_entropy(x, out_of_range), "cross_entropy: targets[1] is 3, expected a class index in [0, 3)",
                       Error);
  const std::vector<int32_t> negative{-1, 0};
  CHECK_THROWS_WITH_AS(cross_entropy(x, negative), "cross_entropy: targets[0] is -1, expected a class index in [0, 3)",
                       Error);
  const std::vector<int32_t> three{0, 1, 2};
  CHECK_THROWS_WITH_AS(cross_entropy(x, three),
                       "cross_entropy: logits is [2, 3] (2 rows) and targets has 3 entries; expected one target per row",
                       Error);
  Var unbatched = tape.input(Tensor(Shape{3}), true);
  CHECK_THROWS_WITH_AS(cross_entropy(unbatched, three),
                       "cross_entropy: logits is [3] (1 row, unbatched) and targets has 3 entries; expected one "
                       "target per row",
                       Error);
  Var cube = tape.input(Tensor(Shape{2, 2, 3}), true);
  CHECK_THROWS_WITH_AS(cross_entropy(cube, three), "cross_entropy: logits is [2, 2, 3], expected (N, C) or (C)", Error);
  Var empty = tape.input(Tensor(Shape{0, 3}), true);
  CHECK_THROWS_WITH_AS(cross_entropy(empty, std::span<const int32_t>()),
                       "cross_entropy: logits is [0, 3], expected at least one row and one class", Error);
  const size_t before = tape.size();
  CHECK_THROWS_AS(cross_entropy(x, out_of_range), Error);
  CHECK(tape.size() == before);  // a refused call records nothing
}

TEST_CASE("mse_loss: values and gradients against hand-computed numbers") {
  // pred - target = (0.5, 0, 2, -1): sum of squares 5.25, mean 1.3125; dpred = 2 (pred - target) / 4.
  Tape tape;
  Var pred = tape.input(Tensor(Shape{2, 2}, {1, 2, 3, 4}), true);
  Var target = tape.constant(Tensor(Shape{2, 2}, {0.5f, 2, 1, 5}));
  Var mean = mse_loss(pred, target);
  CHECK(mean.shape().rank() == 0);
  CHECK(mean.value().item() == doctest::Approx(1.3125f));
  tape.backward(mean);
  check_values(pred.grad(), {0.25f, 0.0f, 1.0f, -0.5f}, 1e-6f);

  Tape tape2;
  Var pred2 = tape2.input(Tensor(Shape{2, 2}, {1, 2, 3, 4}), true);
  Var target2 = tape2.input(Tensor(Shape{2, 2}, {0.5f, 2, 1, 5}), true);
  Var sum = mse_loss(pred2, target2, Reduction::Sum);
  CHECK(sum.value().item() == doctest::Approx(5.25f));
  tape2.backward(sum);
  check_values(pred2.grad(), {1.0f, 0.0f, 4.0f, -2.0f}, 1e-6f);
  check_values(target2.grad(), {-1.0f, 0.0f, -4.0f, 2.0f}, 1e-6f);
}

TEST_CASE("mse_loss: gradcheck, both reductions, with and without a target that needs grad") {
  const Tensor pred(Shape{2, 3}, {0.3f, -1.2f, 0.8f, 0.1f, 2.0f, 0.5f});
  const Tensor target(Shape{2, 3}, {-0.7f, 1.1f, -0.2f, 0.0f, 0.9f, -1.5f});
  for (Reduction r : {Reduction::Mean, Reduction::Sum}) {
    auto both = gradcheck([&](Tape&, const std::vector<Var>& v) { return mse_loss(v[0], v[1], r); }, {pred, target});
    CHECK_MESSAGE(both.ok, both.worst);
    auto constant_target = gradcheck(
        [&](Tape& tape, const std::vector<Var>& v) { return mse_loss(v[0], tape.constant(target), r); }, {pred});
    CHECK_MESSAGE(constant_target.ok, constant_target.worst);
  }
}

TEST_CASE("mse_loss: mismatched shapes are refused, naming both") {
  Tape tape;
  Var pred = tape.input(Tensor(Shape{2, 3}), true);
  Var target = tape.constant(Tensor(Shape{3, 2}));
  CHECK_THROWS_WITH_AS(mse_loss(pred, target),
                       "mse_loss: pred is [2, 3] and target is [3, 2]; expected equal shapes", Error);
  CHECK_THROWS_WITH_AS(mse_loss(pred, Var{}), "mse_loss: target is undefined", Error);
  Var empty = tape.input(Tensor(Shape{0}), true);
  CHECK_THROWS_WITH_AS(mse_loss(empty, tape.constant(Tensor(Shape{0}))),
                       "mse_loss: pred is [0], expected at least one element", Error);
}
