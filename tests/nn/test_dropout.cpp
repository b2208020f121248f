#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "core/gradcheck.h"
#include "nn/dropout.h"

using namespace rnnlab;

TEST_CASE("dropout: identity in eval mode and for p = 0") {
  Rng rng(1);
  Tape tape;
  Var x = tape.input(Tensor::full(Shape{3, 4}, 2.0f), true);
  const size_t recorded = tape.size();
  CHECK(dropout(x, 0.5f, rng, /*training=*/false).id == x.id);
  CHECK(dropout(x, 0.0f, rng, /*training=*/true).id == x.id);
  CHECK(tape.size() == recorded);
  CHECK(rng.next_u32() == Rng(1).next_u32());  // nothing was drawn
}

TEST_CASE("dropout: keeps each element with probability 1-p and scales it by 1/(1-p)") {
  const float p = 0.3f;
  const int64_t n = 20000;
  Rng rng(2);
  Tape tape;
  Var x = tape.input(Tensor::full(Shape{n}, 1.5f), true);
  Var y = dropout(x, p, rng, true);
  const float keep_scale = 1.0f / (1.0f - p);
  int64_t dropped = 0, wrong = 0;
  for (int64_t i = 0; i < n; ++i) {
    const float v = y.value()[i];
    if (v == 0.0f)
      ++dropped;
    else
      wrong += v != 1.5f * keep_scale;
  }
  CHECK(wrong == 0);
  // Binomial(n, p): standard deviation sqrt(n p (1-p)) ~ 65; allow four.
  CHECK(std::abs(double(dropped) - double(n) * p) < 4.0 * std::sqrt(double(n) * p * (1 - p)));

  // The gradient is the mask itself: dx = dy * mask.
  tape.backward(y, Tensor::full(Shape{n}, 1.0f));
  int64_t wrong_grad = 0;
  for (int64_t i = 0; i < n; ++i) wrong_grad += x.grad()[i] != (y.value()[i] == 0.0f ? 0.0f : keep_scale);
  CHECK(wrong_grad == 0);
}

TEST_CASE("dropout: the seed fixes the mask") {
  Tape tape;
  Var x = tape.constant(Tensor::full(Shape{64}, 1.0f));
  Rng a(9), b(9), c(10);
  const Tensor ya = dropout(x, 0.5f, a, true).value();
  CHECK(max_abs_diff(ya, dropout(x, 0.5f, b, true).value()) == 0.0f);
  CHECK(max_abs_diff(ya, dropout(x, 0.5f, c, true).value()) > 0.0f);
}

TEST_CASE("dropout: gradient check with a fixed mask") {
  Tensor x(Shape{4, 5});
  Rng(3).fill_uniform(x, -1, 1);
  // A fresh generator with the same seed on every evaluation: the same mask for every finite difference.
  auto r = gradcheck(
      [](Tape&, const std::vector<Var>& v) {
        Rng rng(11);
        return dropout(v[0], 0.4f, rng, true);
      },
      {x}, {.eps = 1e-3f, .atol = 1e-3f, .rtol = 1e-2f});
  CHECK_MESSAGE(r.ok, r.worst);
}

TEST_CASE("dropout: the module follows train() and eval()") {
  Dropout drop(0.5f);
  Rng rng(5);
  Tape tape;
  Var x = tape.constant(Tensor::full(Shape{100}, 1.0f));
  CHECK(drop.is_training());
  CHECK(drop.forward(x, rng).id != x.id);
  drop.eval();
  CHECK(drop.forward(x, rng).id == x.id);
  CHECK(drop.num_parameters() == 0);
}

TEST_CASE("dropout: p outside [0, 1) is refused naming p") {
  Rng rng(1);
  Tape tape;
  Var x = tape.constant(Tensor(Shape{2}));
  CHECK_THROWS_WITH_AS(dropout(x, 1.0f, rng, true), "dropout: p is 1, expected 0 <= p < 1", Error);
  CHECK_THROWS_WITH_AS(dropout(x, -0.1f, rng, false), "dropout: p is -0.1, expected 0 <= p < 1", Error);
  CHECK_THROWS_WITH_AS(dropout(x, std::numeric_limits<float>::quiet_NaN(), rng, true),
                       "dropout: p is nan, expected 0 <= p < 1", Error);
  CHECK_THROWS_WITH_AS(Dropout(1.5f), "Dropout: p is 1.5, expected 0 <= p < 1", Error);
}
