#include <doctest/doctest.h>

#include <cfloat>
#include <cmath>

#include "io/tensor_json.h"

using namespace rnnlab;

namespace {

Tensor read(std::string_view text, std::string_view path = "t") { return tensor_from_json(json::parse(text), path); }

std::string write(const Tensor& t) {
  json::Writer w;
  write_tensor_json(w, t);
  return w.take();
}

}  // namespace

TEST_CASE("tensor json: reads the fixtures' layout") {
  Tensor t = read(R"({"shape": [2, 3], "data": [1.0, -2.5, 3, 0.1, 1e-3, -0.0]})");
  CHECK(t.shape() == Shape{2, 3});
  CHECK(t[1] == -2.5f);
  CHECK(t[2] == 3.0f);
  CHECK(t[3] == 0.1f);
  CHECK(t[4] == 1e-3f);
  CHECK(read(R"({"data": [7.0], "shape": []})").shape() == Shape{});  // a scalar; key order is free
  CHECK(read(R"({"shape": [0, 4], "data": []})").shape() == Shape{0, 4});
}

TEST_CASE("tensor json: write then read gives the same floats bit for bit") {
  Tensor t(Shape{2, 1, 2, 3}, {0.1f, -1.0f / 3.0f, FLT_MAX, -FLT_MIN, FLT_TRUE_MIN, 123456.789f, 1e-30f, 2.0f, -0.0f,
                               3.14159274f, 1e30f, 0.333333343f});
  const std::string text = write(t);
  Tensor back = read(text);
  CHECK(back.shape() == t.shape());
  for (int64_t i = 0; i < t.numel(); ++i) {
    CHECK(back[i] == t[i]);
    CHECK(std::signbit(back[i]) == std::signbit(t[i]));
  }
  CHECK(write(Tensor(Shape{2}, {1.5f, -2.0f})) == R"({"shape":[2],"data":[1.5,-2]})");
  CHECK(write(Tensor(Shape{}, {4.0f})) == R"({"shape":[],"data":[4]})");
}

TEST_CASE("tensor json: bad tensors are refused with the path of the bad value") {
  using json::SchemaError;
  CHECK_THROWS_WITH_AS(read("[1, 2]", "params.w"),
                       "params.w: expected an object {\"shape\": [..], \"data\": [..]}, got an array", SchemaError);
  CHECK_THROWS_WITH_AS(read(R"({"shape": [1], "data": [1.0], "dtype": "f32"})"),
                       "t: unexpected field \"dtype\", a tensor has only \"shape\" and \"data\"", SchemaError);
  CHECK_THROWS_WITH_AS(read(R"({"data": [1.0]})"), "t: missing field \"shape\"", SchemaError);
  CHECK_THROWS_WITH_AS(read(R"({"shape": [1]})"), "t: missing field \"data\"", SchemaError);
  CHECK_THROWS_WITH_AS(read(R"({"shape": [1, 1, 1, 1, 1], "data": [1.0]})"), "t.shape: rank 5 exceeds the maximum 4",
                       SchemaError);
  CHECK_THROWS_WITH_AS(read(R"({"shape": [2, -1], "data": []})", "tensors.rnn.weight_ih_l0"),
                       "tensors.rnn.weight_ih_l0.shape[1]: value -1 is outside [0, 268435456]", SchemaError);
  CHECK_THROWS_WITH_AS(read(R"({"shape": [2.5], "data": [1, 2]})"), "t.shape[0]: value 2.5 is not an integer",
                       SchemaError);
  CHECK_THROWS_WITH_AS(read(R"({"shape": [65536, 65536], "data": []})"), "t.shape: more than 268435456 elements",
                       SchemaError);
  CHECK_THROWS_WITH_AS(read(R"({"shape": [2, 3], "data": [1, 2, 3, 4, 5]})"),
                       "t.data: got 5 numbers, expected 6 for shape [2, 3]", SchemaError);
  CHECK_THROWS_WITH_AS(read(R"({"shape": [2], "data": [1, 1e39]})"), "t.data[1]: value 1e39 is not a finite float32",
                       SchemaError);
  CHECK_THROWS_AS(read(R"({"shape": [2], "data": [1, "2"]})"), json::TypeError);
  CHECK_THROWS_AS(read(R"({"shape": "2", "data": [1, 2]})"), json::TypeError);
}
