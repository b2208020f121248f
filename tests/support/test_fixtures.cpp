// The fixture helpers themselves: they read what the PyTorch scripts wrote, and check_close can fail.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "support/fixtures.h"

using namespace rnnlab;
using namespace rnnlab::testing;

TEST_CASE("fixtures: a fixture file loads and its tensors read back") {
  const json::Value doc = load_fixture("layers/cells.json");
  const json::Value& c = doc.as_object().front().value.as_array().front();
  const Tensor w = fixture_tensor(json::require(c, "params", "cases[0]"), "weight_ih", "cases[0].params");
  CHECK(w.shape() == Shape{4, 3});
  CHECK_FALSE(fixture_optional_tensor(c, "h0", "cases[0]").has_value());
  CHECK(fixture_optional_tensor(c, "input", "cases[0]").has_value());
  CHECK_THROWS_WITH_AS(fixture_tensor(c, "h0", "cases[0]"),
                       "cases[0].h0: expected an object {\"shape\": [..], \"data\": [..]}, got null", json::SchemaError);
}

TEST_CASE("fixtures: a missing file names the file") {
  CHECK_THROWS_WITH_AS(load_fixture("layers/no_such.json"),
                       doctest::Contains("tests/fixtures/layers/no_such.json (the fixtures are written by"),
                       std::runtime_error);
}

TEST_CASE("fixtures: check_close passes within atol and returns the largest difference") {
  Tensor a(Shape{2, 2}, {1.0f, 2.0f, 3.0f, 4.0f});
  Tensor b(Shape{2, 2}, {1.0f, 2.0f, 3.0f, 4.0f + 0.5e-5f});
  CHECK(check_close(a, b, 1e-5f, "a vs b") == doctest::Approx(0.5e-5f).epsilon(0.01));
  CHECK(check_close(a, a, 0.0f, "a vs a") == 0.0f);
}

// A helper that cannot fail proves nothing: each of these must be reported, with what, where and both values.
TEST_CASE("fixtures: compare_close fails on a shape mismatch, a large difference and a NaN") {
  Tensor a(Shape{2, 2}, {1.0f, 2.0f, 3.0f, 4.0f});
  Tensor b(Shape{2, 2}, {1.0f, 2.0f, 3.5f, 4.0f});
  Tensor nan(Shape{2, 2}, {1.0f, std::numeric_limits<float>::quiet_NaN(), 3.0f, 4.0f});

  CloseReport shape = compare_close(a, Tensor(Shape{4}), 1e-5f, "h_n");
  CHECK_FALSE(shape.ok);
  CHECK(std::isinf(shape.max_abs_diff));
  CHECK(shape.message == "h_n: shape [2, 2], expected [4]");

  CloseReport far = compare_close(b, a, 1e-5f, "grad weight_ih");
  CHECK_FALSE(far.ok);
  CHECK(far.max_abs_diff == 0.5f);
  CHECK(far.message == "grad weight_ih: max |actual - expected| = 0.5 > atol 1e-05 at [1, 0] (actual 3.5, expected 3)");

  CloseReport with_nan = compare_close(nan, a, 1e-5f, "output");
  CHECK_FALSE(with_nan.ok);
  CHECK(with_nan.message == "output: max |actual - expected| = inf > atol 1e-05 at [0, 1] (actual nan, expected 2)");

  CHECK(compare_close(Tensor(Shape{2, 2}), Tensor(Shape{2, 2}), 0.0f, "zeros").ok);
}
