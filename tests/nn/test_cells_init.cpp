#include <doctest/doctest.h>

#include <cmath>

#include "nn/init.h"

using namespace rnnlab;

namespace {

// Every value within [-bound, bound], the draws reach near both ends (so the bound is the one in use) and
// centre on zero.
void check_spans(const Tensor& t, float bound) {
  float lo = bound, hi = -bound;
  double sum = 0.0;
  for (int64_t i = 0; i < t.numel(); ++i) {
    lo = std::min(lo, t[i]);
    hi = std::max(hi, t[i]);
    sum += t[i];
  }
  CHECK(lo >= -bound);
  CHECK(hi <= bound);
  CHECK(lo < -0.95f * bound);
  CHECK(hi > 0.95f * bound);
  // The mean of n draws of U(-b, b) has standard deviation b / sqrt(3n): allow four of them.
  CHECK(std::fabs(sum / double(t.numel())) < 4.0 * bound / std::sqrt(3.0 * double(t.numel())));
}

}  // namespace

TEST_CASE("init: recurrent weights are U(-1/sqrt(hidden), 1/sqrt(hidden))") {
  CHECK(recurrent_init_bound(4) == 0.5f);
  CHECK(recurrent_init_bound(100) == doctest::Approx(0.1f).epsilon(1e-7));
  Rng rng(1);
  Tensor w(Shape{4 * 16, 16});
  init_recurrent(w, 16, rng);
  check_spans(w, 0.25f);
}

TEST_CASE("init: Linear's kaiming_uniform(a=sqrt(5)) reduces to U(-1/sqrt(in), 1/sqrt(in))") {
  // torch: gain = sqrt(2 / (1 + a^2)), bound = gain * sqrt(3 / fan_in).
  const double a = std::sqrt(5.0);
  for (int64_t fan_in : {1, 3, 9, 64, 1000}) {
    const double kaiming = std::sqrt(2.0 / (1.0 + a * a)) * std::sqrt(3.0 / double(fan_in));
    CHECK(linear_init_bound(fan_in) == doctest::Approx(kaiming).epsilon(1e-7));
  }
  Rng rng(2);
  Tensor w(Shape{50, 9}), b(Shape{50});
  init_linear(w, &b, rng);
  check_spans(w, 1.0f / 3.0f);
  for (int64_t i = 0; i < b.numel(); ++i) CHECK(std::fabs(b[i]) <= 1.0f / 3.0f);
}

TEST_CASE("init: the same seed gives the same numbers") {
  Rng r1(5), r2(5);
  Tensor a(Shape{3, 4}), b(Shape{3, 4});
  init_recurrent(a, 4, r1);
  init_recurrent(b, 4, r2);
  CHECK(max_abs_diff(a, b) == 0.0f);
}

TEST_CASE("init: bad sizes are refused") {
  Rng rng(1);
  Tensor t(Shape{2});
  CHECK_THROWS_WITH_AS(init_recurrent(t, 0, rng), "init: hidden_size is 0, expected >= 1", Error);
  CHECK_THROWS_WITH_AS(linear_init_bound(-2), "init: in_features is -2, expected >= 1", Error);
  Tensor w(Shape{3, 2}), b(Shape{2});
  CHECK_THROWS_WITH_AS(init_linear(w, &b, rng), "init_linear: bias has shape [2], expected [3] to match weight [3, 2]",
                       Error);
}
