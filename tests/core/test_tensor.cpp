#include <doctest/doctest.h>

#include "core/tensor.h"

using namespace rnnlab;

TEST_CASE("tensor: row-major layout matches PyTorch flattening") {
  Tensor t(Shape{2, 3}, {1, 2, 3, 4, 5, 6});
  CHECK(t.mat()(0, 2) == 3.0f);
  CHECK(t.mat()(1, 0) == 4.0f);
  Tensor u(Shape{2, 2, 3}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
  CHECK(u.shape().rows() == 4);
  CHECK(u.mat()(3, 1) == 10.0f);  // element [1][1][1]
}

TEST_CASE("tensor: resize keeps the allocation and zero-fills") {
  Tensor t(Shape{4, 4});
  t.fill(3.0f);
  const float* before = t.data();
  t.resize(Shape{2, 8});
  CHECK(t.data() == before);
  CHECK(t.arr().abs().sum() == 0.0f);
}

TEST_CASE("tensor: bad shapes and sizes are refused with the numbers") {
  CHECK_THROWS_WITH_AS(Tensor(Shape{2, 2}, {1, 2, 3}), "Tensor: shape [2, 2] needs 4 values, got 3", Error);
  CHECK_THROWS_WITH_AS(Shape({2, -1}), "Shape: dimension 1 is -1, expected >= 0", Error);
  CHECK_THROWS_AS(Shape({1 << 20, 1 << 20}), Error);
  Tensor t(Shape{2, 3});
  CHECK_THROWS_WITH_AS(t.reshape(Shape{4, 2}), "reshape: cannot view [2, 3] (6 elements) as [4, 2] (8 elements)",
                       Error);
  CHECK_THROWS_AS(t.item(), Error);
}

TEST_CASE("tensor: max_abs_diff") {
  Tensor a(Shape{3}, {1, 2, 3});
  Tensor b(Shape{3}, {1, 2.5f, 2});
  CHECK(max_abs_diff(a, b) == doctest::Approx(1.0f));
  CHECK_THROWS_AS(max_abs_diff(a, Tensor(Shape{1, 3})), Error);
}
