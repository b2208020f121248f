// conv2d and max_pool2d: torch's values and gradients from a fixture (tests/fixtures/gen_conv.py), finite-difference
// checks of every input, values by hand for the smallest cases, and bad shapes refused with the limit named.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>

#include "core/gradcheck.h"
#include "core/ops_conv.h"
#include "core/ops_pool.h"
#include "core/ops_shape.h"
#include "support/fixtures.h"
#include "support/test_tensors.h"

using namespace rnnlab;
using rnnlab::testing::Args;
using rnnlab::testing::check_close;
using rnnlab::testing::fixture_tensor;
using rnnlab::testing::ramp;

namespace {

// Largest magnitudes in the fixture: outputs ~10 (a sum of up to 75 products of N(0, 1) and N(0, 0.25)), and
// gradients sums of as many terms; float32 sums in another order than torch's differ by a few ulps of those.
constexpr float kValueTol = 2e-5f;
constexpr float kGradTol = 2e-5f;

}  // namespace

TEST_CASE("conv2d: values and gradients of x, weight and bias match torch (fixture conv.json)") {
  const json::Value f = rnnlab::testing::load_fixture("conv.json");
  const auto& cases = f.find("conv2d")->as_array("conv2d");
  REQUIRE(cases.size() == 5);
  for (size_t k = 0; k < cases.size(); ++k) {
    const json::Value& c = cases[k];
    const std::string name = c.find("name")->as_string("name");
    CAPTURE(name);
    const Conv2dOptions options{.stride = c.find("stride")->as_int("stride", 1, 10),
                                .padding = c.find("padding")->as_int("padding", 0, 10)};
    const bool has_bias = !c.find("bias")->is_null();
    Tape tape;
    Var x = tape.input(fixture_tensor(c, "x"), true);
    Var w = tape.input(fixture_tensor(c, "weight"), true);
    Var b = has_bias ? tape.input(fixture_tensor(c, "bias"), true) : Var{};
    Var y = conv2d(x, w, b, options);
    check_close(y.value(), fixture_tensor(c, "output"), kValueTol, name + " output");
    tape.backward(y, fixture_tensor(c, "w"));
    check_close(x.grad(), fixture_tensor(c, "grad_x"), kGradTol, name + " grad_x");
    check_close(w.grad(), fixture_tensor(c, "grad_weight"), kGradTol, name + " grad_weight");
    if (has_bias) check_close(b.grad(), fixture_tensor(c, "grad_bias"), kGradTol, name + " grad_bias");
  }
}

TEST_CASE("max_pool2d: values and the gradient routed to each window's argmax match torch, ties included") {
  const json::Value f = rnnlab::testing::load_fixture("conv.json");
  const auto& cases = f.find("max_pool2d")->as_array("max_pool2d");
  REQUIRE(cases.size() == 6);
  for (const json::Value& c : cases) {
    const std::string name = c.find("name")->as_string("name");
    CAPTURE(name);
    const MaxPool2dOptions options{.kernel = c.find("kernel")->as_int("kernel", 1, 10),
                                   .stride = c.find("stride")->as_int("stride", 0, 10),
                                   .padding = c.find("padding")->as_int("padding", 0, 10)};
    Tape tape;
    Var x = tape.input(fixture_tensor(c, "x"), true);
    Var y = max_pool2d(x, options);
    check_close(y.value(), fixture_tensor(c, "output"), 0.0f, name + " output");  // a copy: exact
    tape.backward(y, fixture_tensor(c, "w"));
    // Each dx element is one dy, or the sum of a few where overlapping windows pick the same element.
    check_close(x.grad(), fixture_tensor(c, "grad_x"), 1e-6f, name + " grad_x");
  }
}

TEST_CASE("conv2d: a 3x3 image and a 2x2 kernel by hand, with padding 1 and stride 2") {
  Tape tape;
  Var x = tape.constant(ramp(Shape{1, 1, 3, 3}, 1, 1));  // [[1 2 3] [4 5 6] [7 8 9]]
  Var w = tape.constant(Tensor(Shape{1, 1, 2, 2}, {1, 10, 100, 1000}));
  Var b = tape.constant(Tensor(Shape{1}, {0.5f}));
  // No padding, stride 1: windows [[1 2][4 5]], [[2 3][5 6]], ...
  CHECK(conv2d(x, w, b).value().to_vector() ==
        std::vector<float>{1 + 20 + 400 + 5000.5f, 2 + 30 + 500 + 6000.5f, 4 + 50 + 700 + 8000.5f,
                           5 + 60 + 800 + 9000.5f});
  // Padding 1, stride 2: output 2x2 at padded rows/cols 0 and 2: the window at (0, 0) sees only x[0, 0] (under
  // the kernel's 1000), the one at (0, 2) sees x[0, 1] and x[0, 2] (100, 1000).
  Var y = conv2d(x, w, {}, Conv2dOptions{.stride = 2, .padding = 1});
  CHECK(y.shape() == Shape{1, 1, 2, 2});
  CHECK(y.value().to_vector() == std::vector<float>{1000, 200 + 3000, 40 + 7000, 5 + 60 + 800 + 9000});
}

TEST_CASE("gradcheck: conv2d's x, weight and bias, with stride and padding") {
  Rng rng(3);
  for (const Conv2dOptions options : {Conv2dOptions{1, 0}, Conv2dOptions{2, 1}, Conv2dOptions{1, 2}}) {
    CAPTURE(options.stride);
    CAPTURE(options.padding);
    const Tensor x = rnnlab::testing::random_tensor(Shape{2, 2, 5, 6}, rng);
    const Tensor w = rnnlab::testing::random_tensor(Shape{3, 2, 3, 2}, rng);
    const Tensor b = rnnlab::testing::random_tensor(Shape{3}, rng);
    auto r = gradcheck([options](Tape&, Args v) { return conv2d(v[0], v[1], v[2], options); }, {x, w, b},
                       GradCheckOptions{.eps = 1e-2f, .atol = 2e-3f, .rtol = 1e-3f});
    CHECK_MESSAGE(r.ok, r.worst);
  }
}

TEST_CASE("gradcheck: max_pool2d with distinct values (no ties within a step)") {
  // A permutation of 0..N-1 scaled by 0.1: neighbours differ by >= 0.1, far beyond the step 1e-2.
  Tensor x(Shape{2, 2, 6, 5});
  for (int64_t i = 0; i < x.numel(); ++i) x[i] = 0.1f * static_cast<float>((i * 37) % x.numel());
  for (const MaxPool2dOptions options : {MaxPool2dOptions{2, 0, 0}, MaxPool2dOptions{3, 2, 1}, MaxPool2dOptions{2, 1, 0}}) {
    CAPTURE(options.kernel);
    auto r = gradcheck([options](Tape&, Args v) { return max_pool2d(v[0], options); }, {x},
                       GradCheckOptions{.eps = 1e-2f, .atol = 1e-3f, .rtol = 1e-3f});
    CHECK_MESSAGE(r.ok, r.worst);
  }
}

TEST_CASE("max_pool2d: ties go to the first element of the window, NaN wins (the last NaN), both paths") {
  Tape tape;
  const float nan = std::numeric_limits<float>::quiet_NaN();
  Var x = tape.input(Tensor(Shape{1, 2, 2, 2}, {3, 3, 3, 1, 1, nan, 7, 2}), true);
  Var y = max_pool2d(x, MaxPool2dOptions{.kernel = 2});
  CHECK(y.value()[0] == 3.0f);
  CHECK(std::isnan(y.value()[1]));
  tape.backward(y, Tensor(Shape{1, 2, 1, 1}, {1, 1}));
  CHECK(x.grad().to_vector() == std::vector<float>{1, 0, 0, 0, 0, 1, 0, 0});

  // The general path (3x3, stride 1): a NaN stays against a later larger number; a later NaN takes over; ties to the
  // first. Windows over a 3x4 plane: columns 0-2 and 1-3.
  Tape t2;
  Var x2 = t2.input(Tensor(Shape{1, 1, 3, 4}, {0, 5, 5, 1, nan, 2, 9, 5, 1, 1, 1, nan}), true);
  Var y2 = max_pool2d(x2, MaxPool2dOptions{.kernel = 3, .stride = 1});
  REQUIRE(y2.shape() == Shape{1, 1, 1, 2});
  CHECK(std::isnan(y2.value()[0]));
  CHECK(std::isnan(y2.value()[1]));
  t2.backward(y2, Tensor(Shape{1, 1, 1, 2}, {1, 10}));
  CHECK(x2.grad().to_vector() == std::vector<float>{0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 10});
  // 2x2 windows in a row, one with a NaN: its row is redone by the sequential rule, the others keep their argmax.
  Tape t3;
  Var x3 = t3.input(Tensor(Shape{1, 1, 2, 6}, {1, 2, nan, 3, 4, 4, 0, 7, 8, nan, 4, 1}), true);
  Var y3 = max_pool2d(x3, MaxPool2dOptions{.kernel = 2});
  CHECK(y3.value()[0] == 7.0f);
  CHECK(std::isnan(y3.value()[1]));
  CHECK(y3.value()[2] == 4.0f);
  t3.backward(y3, Tensor(Shape{1, 1, 1, 3}, {1, 2, 3}));
  CHECK(x3.grad().to_vector() == std::vector<float>{0, 0, 0, 0, 3, 0, 0, 1, 0, 2, 0, 0});
}

TEST_CASE("flatten: (N, C, H, W) -> (N, C*H*W) from start_dim 1, other start dims; gradcheck") {
  Tape tape;
  Var x = tape.constant(ramp(Shape{2, 3, 4, 5}, 0, 1));
  CHECK(flatten(x).shape() == Shape{2, 60});
  CHECK(flatten(x, 0).shape() == Shape{120});
  CHECK(flatten(x, 2).shape() == Shape{2, 3, 20});
  CHECK(flatten(x, -1).shape() == Shape{2, 3, 4, 5});
  CHECK(flatten(x).value().to_vector() == x.value().to_vector());
  CHECK_THROWS_WITH(flatten(x, 4), doctest::Contains("start_dim is 4 for a rank-4 input"));
  auto r = gradcheck([](Tape&, Args v) { return flatten(v[0]); }, {ramp(Shape{2, 3, 2, 2}, -1, 0.1f)},
                     GradCheckOptions{.eps = 1e-2f, .atol = 1e-3f, .rtol = 1e-3f});
  CHECK_MESSAGE(r.ok, r.worst);
}

TEST_CASE("conv2d and max_pool2d: bad shapes and options are refused, naming what and the limit") {
  Tape tape;
  Var x = tape.constant(Tensor(Shape{1, 2, 5, 5}));
  Var w = tape.constant(Tensor(Shape{3, 2, 3, 3}));
  CHECK_THROWS_WITH(conv2d(tape.constant(Tensor(Shape{2, 5, 5})), w), doctest::Contains("expected (N, C, H, W)"));
  CHECK_THROWS_WITH(conv2d(x, tape.constant(Tensor(Shape{3, 1, 3, 3}))),
                    doctest::Contains("input has 2 channels"));
  CHECK_THROWS_WITH(conv2d(x, w, tape.constant(Tensor(Shape{2}))), doctest::Contains("bias is [2], expected [3]"));
  CHECK_THROWS_WITH(conv2d(x, w, {}, {.stride = 0}), doctest::Contains("stride is 0, expected >= 1"));
  CHECK_THROWS_WITH(conv2d(x, w, {}, {.padding = -1}), doctest::Contains("padding is -1, expected >= 0"));
  CHECK_THROWS_WITH(conv2d(tape.constant(Tensor(Shape{1, 2, 2, 5})), w), doctest::Contains("smaller than the kernel 3x3"));
  CHECK_THROWS_WITH(max_pool2d(x, {.kernel = 0}), doctest::Contains("kernel is 0, expected >= 1"));
  CHECK_THROWS_WITH(max_pool2d(x, {.kernel = 2, .stride = -1}), doctest::Contains("stride is -1"));
  CHECK_THROWS_WITH(max_pool2d(x, {.kernel = 2, .padding = 2}), doctest::Contains("half the kernel (1)"));
  CHECK_THROWS_WITH(max_pool2d(x, {.kernel = 6}), doctest::Contains("smaller than the kernel 6x6"));
  CHECK(conv_output_size(28, 5, 1, 0) == 24);
  CHECK(conv_output_size(24, 2, 2, 0) == 12);
  CHECK(conv_output_size(7, 3, 2, 1) == 4);
}
