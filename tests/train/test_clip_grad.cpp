#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "train/clip_grad.h"

using namespace rnnlab;

namespace {

// Two parameters with gradients (3, -4) and (12): 2-norm 13, 1-norm 19, inf-norm 12.
struct TwoParams {
  Parameter a{Shape{2}};
  Parameter b{Shape{1}};
  TwoParams() {
    a.grad[0] = 3.0f;
    a.grad[1] = -4.0f;
    b.grad[0] = 12.0f;
  }
  std::vector<Parameter*> list() { return {&a, &b}; }
};

}  // namespace

TEST_CASE("clip_grad_norm_: scales by max_norm / (total_norm + 1e-6) and returns the norm before") {
  TwoParams t;
  const float norm = clip_grad_norm_(t.list(), 6.5f);
  CHECK(norm == doctest::Approx(13.0f).epsilon(1e-7));
  const float coef = 6.5f / (13.0f + 1e-6f);  // just under 0.5
  CHECK(t.a.grad[0] == doctest::Approx(3.0f * coef).epsilon(1e-7));
  CHECK(t.a.grad[1] == doctest::Approx(-4.0f * coef).epsilon(1e-7));
  CHECK(t.b.grad[0] == doctest::Approx(12.0f * coef).epsilon(1e-7));
  // Afterwards the joint norm is max_norm (less the 1e-6 guard).
  CHECK(clip_grad_norm_(t.list(), 100.0f) == doctest::Approx(6.5f).epsilon(1e-6));
}

TEST_CASE("clip_grad_norm_: no change when the norm is within max_norm") {
  TwoParams t;
  CHECK(clip_grad_norm_(t.list(), 13.5f) == doctest::Approx(13.0f));
  CHECK(t.a.grad[0] == 3.0f);
  CHECK(t.b.grad[0] == 12.0f);
  CHECK(clip_grad_norm_(t.list(), kInfNorm) == doctest::Approx(13.0f));
  CHECK(t.b.grad[0] == 12.0f);
  // max_norm equal to the norm still scales, by 13 / (13 + 1e-6) in float: torch 1.13 leaves 11.999999 too.
  CHECK(clip_grad_norm_(t.list(), 13.0f) == doctest::Approx(13.0f));
  CHECK(t.b.grad[0] == 12.0f * (13.0f / (13.0f + 1e-6f)));
  CHECK(t.b.grad[0] < 12.0f);
}

TEST_CASE("clip_grad_norm_: other norm types") {
  TwoParams one;
  CHECK(clip_grad_norm_(one.list(), 1.9f, 1.0f) == doctest::Approx(19.0f));
  CHECK(one.b.grad[0] == doctest::Approx(12.0f * 1.9f / 19.0f).epsilon(1e-6));
  TwoParams inf;
  CHECK(clip_grad_norm_(inf.list(), 6.0f, kInfNorm) == doctest::Approx(12.0f));
  CHECK(inf.b.grad[0] == doctest::Approx(6.0f).epsilon(1e-6));
  TwoParams three;  // (27 + 64 + 1728)^(1/3)
  CHECK(clip_grad_norm_(three.list(), 100.0f, 3.0f) == doctest::Approx(std::cbrt(1819.0)).epsilon(1e-6));
  CHECK(clip_grad_norm_(std::vector<Parameter*>{}, 1.0f) == 0.0f);
}

TEST_CASE("clip_grad_norm_: a non-finite norm is returned and the gradients are left alone") {
  TwoParams t;
  t.a.grad[1] = std::numeric_limits<float>::quiet_NaN();
  CHECK(std::isnan(clip_grad_norm_(t.list(), 1.0f)));
  CHECK(t.a.grad[0] == 3.0f);
  CHECK(t.b.grad[0] == 12.0f);
  TwoParams u;
  u.a.grad[1] = std::numeric_limits<float>::infinity();
  CHECK(std::isinf(clip_grad_norm_(u.list(), 1.0f)));
  CHECK(u.b.grad[0] == 12.0f);
  TwoParams v;
  v.a.grad[1] = std::numeric_limits<float>::quiet_NaN();
  CHECK(std::isnan(clip_grad_norm_(v.list(), 1.0f, kInfNorm)));
  TwoParams w;  // finite gradients whose norm overflows float
  w.b.grad[0] = 3e38f;
  w.a.grad[0] = 3e38f;
  CHECK(std::isinf(clip_grad_norm_(w.list(), 1.0f)));
  CHECK(w.b.grad[0] == 3e38f);
}

TEST_CASE("clip_grad_norm_ and clip_grad_value_: bad arguments are refused") {
  TwoParams t;
  CHECK_THROWS_WITH_AS(clip_grad_norm_(t.list(), -1.0f), "max_norm: got -1, expected a number >= 0", Error);
  CHECK_THROWS_WITH_AS(clip_grad_norm_(t.list(), std::nanf("")), "max_norm: got nan, expected a number >= 0", Error);
  CHECK_THROWS_WITH_AS(clip_grad_norm_(t.list(), 1.0f, 0.0f), "norm_type: got 0, expected a number > 0 or infinity",
                       Error);
  CHECK_THROWS_WITH_AS(clip_grad_value_(t.list(), -0.1f), "clip_value: got -0.1, expected a finite number >= 0",
                       Error);
  CHECK_THROWS_WITH_AS(clip_grad_value_(t.list(), std::nanf("")), "clip_value: got nan, expected a finite number >= 0",
                       Error);
  CHECK(t.b.grad[0] == 12.0f);
}

TEST_CASE("clip_grad_value_: clamps each element into [-clip_value, clip_value]") {
  TwoParams t;
  t.a.grad[0] = 0.25f;
  clip_grad_value_(t.list(), 3.5f);
  CHECK(t.a.grad[0] == 0.25f);
  CHECK(t.a.grad[1] == -3.5f);
  CHECK(t.b.grad[0] == 3.5f);
  clip_grad_value_(t.list(), 0.0f);
  CHECK(t.a.grad[0] == 0.0f);
  CHECK(t.b.grad[0] == 0.0f);
}
