#include <doctest/doctest.h>

#include "core/gradcheck.h"
#include "core/ops_shape.h"
#include "support/test_tensors.h"

using namespace rnnlab;
using rnnlab::testing::Args;
using rnnlab::testing::ramp;

namespace {

// These ops only move values, so the analytic gradient is exact; the tolerance covers the numeric side's
// float32 rounding of sum(y * w) (about 1e-4 here).
constexpr GradCheckOptions kMoveTol{.eps = 1e-2f, .atol = 1e-3f, .rtol = 1e-3f};

}  // namespace

TEST_CASE("reshape: same values in row-major order; gradcheck") {
  Tape tape;
  Var y = reshape(tape.constant(ramp(Shape{2, 3}, 0, 1)), Shape{3, 1, 2});
  CHECK(y.shape() == Shape{3, 1, 2});
  CHECK(y.value().to_vector() == std::vector<float>{0, 1, 2, 3, 4, 5});
  auto r = gradcheck([](Tape&, Args v) { return reshape(v[0], Shape{4, 6}); }, {ramp(Shape{2, 3, 4}, -1, 0.1f)},
                     kMoveTol);
  CHECK_MESSAGE(r.ok, r.worst);
}

TEST_CASE("concat: values along each dim, by hand") {
  Tape tape;
  Var a = tape.constant(Tensor(Shape{2, 2}, {1, 2, 3, 4}));
  Var b = tape.constant(Tensor(Shape{2, 1}, {5, 6}));
  Var c = tape.constant(Tensor(Shape{1, 2}, {7, 8}));
  const Var ab[] = {a, b};
  const Var ac[] = {a, c};
  CHECK(concat(ab, 1).value().to_vector() == std::vector<float>{1, 2, 5, 3, 4, 6});
  CHECK(concat(ab, -1).shape() == Shape{2, 3});
  CHECK(concat(ac, 0).value().to_vector() == std::vector<float>{1, 2, 3, 4, 7, 8});
}

TEST_CASE("gradcheck: concat along every dim of a rank-3 tensor, three inputs") {
  for (int dim = -3; dim < 3; ++dim) {
    CAPTURE(dim);
    const int d = dim < 0 ? dim + 3 : dim;
    Shape s1{2, 3, 4}, s2{2, 3, 4}, s3{2, 3, 4};
    s2.set(d, 1);
    s3.set(d, 2);
    auto r = gradcheck(
        [dim](Tape&, Args v) {
          const Var xs[] = {v[0], v[1], v[2]};
          return concat(xs, dim);
        },
        {ramp(s1, -1, 0.1f), ramp(s2, 0.5f, -0.2f), ramp(s3, 2, -0.3f)}, kMoveTol);
    CHECK_MESSAGE(r.ok, r.worst);
  }
}

TEST_CASE("slice: values by hand; gradcheck along every dim, including empty and full ranges") {
  Tape tape;
  Var x = tape.constant(ramp(Shape{2, 3}, 0, 1));  // [[0 1 2] [3 4 5]]
  CHECK(slice(x, 1, 1, 3).value().to_vector() == std::vector<float>{1, 2, 4, 5});
  CHECK(slice(x, 0, 1, 2).value().to_vector() == std::vector<float>{3, 4, 5});
  CHECK(slice(x, -1, 2, 2).shape() == Shape{2, 0});

  const Tensor t = ramp(Shape{3, 4, 5}, -1, 0.1f);
  for (int dim = 0; dim < 3; ++dim) {
    for (const auto& range : {std::pair<int64_t, int64_t>{1, 3}, {0, 1}, {0, 3}, {2, 2}}) {
      // Plain variables, not a structured binding: clang 14 cannot capture a binding in a lambda.
      const int64_t start = range.first, end = range.second;
      CAPTURE(dim);
      CAPTURE(start);
      CAPTURE(end);
      auto r = gradcheck([dim, start, end](Tape&, Args v) { return slice(v[0], dim, start, end); }, {t}, kMoveTol);
      CHECK_MESSAGE(r.ok, r.worst);
    }
  }
}

TEST_CASE("chunk: values by hand; gradcheck of every part along every dim") {
  Tape tape;
  const std::vector<Var> parts = chunk(tape.constant(ramp(Shape{2, 4}, 0, 1)), 2, -1);
  REQUIRE(parts.size() == 2);
  CHECK(parts[0].value().to_vector() == std::vector<float>{0, 1, 4, 5});
  CHECK(parts[1].value().to_vector() == std::vector<float>{2, 3, 6, 7});

  const Tensor t = ramp(Shape{2, 4, 6}, -1, 0.05f);
  for (int dim = 0; dim < 3; ++dim) {
    CAPTURE(dim);
    // Every part goes into the output (weighted differently by gradcheck), so each part's backward is checked.
    auto r = gradcheck(
        [dim](Tape&, Args v) {
          const std::vector<Var> p = chunk(v[0], 2, dim);
          return concat(std::vector<Var>{p[1], p[0]}, dim);
        },
        {t}, kMoveTol);
    CHECK_MESSAGE(r.ok, r.worst);
  }
}

TEST_CASE("stack and select: values by hand; gradcheck") {
  Tape tape;
  Var a = tape.constant(Tensor(Shape{2}, {1, 2}));
  Var b = tape.constant(Tensor(Shape{2}, {3, 4}));
  const Var ab[] = {a, b};
  Var s = stack(ab);
  CHECK(s.shape() == Shape{2, 2});
  CHECK(s.value().to_vector() == std::vector<float>{1, 2, 3, 4});
  CHECK(select(s, 1).value().to_vector() == std::vector<float>{3, 4});
  CHECK(select(a, 0).shape() == Shape{});
  CHECK(select(a, 0).value().item() == 1.0f);

  auto r = gradcheck(
      [](Tape&, Args v) {
        const Var xs[] = {v[0], v[1], v[0]};  // v[0] twice: its gradient accumulates from both slots
        return stack(xs);
      },
      {ramp(Shape{2, 3}, -1, 0.2f), ramp(Shape{2, 3}, 1, -0.15f)}, kMoveTol);
  CHECK_MESSAGE(r.ok, r.worst);
  for (int64_t i = 0; i < 3; ++i) {
    CAPTURE(i);
    r = gradcheck([i](Tape&, Args v) { return select(v[0], i); }, {ramp(Shape{3, 2, 2}, -1, 0.2f)}, kMoveTol);
    CHECK_MESSAGE(r.ok, r.worst);
  }
}

TEST_CASE("transpose01: (B, T, H) -> (T, B, H) by hand, rank 2 and 4; gradcheck") {
  Tape tape;
  Var x = tape.constant(ramp(Shape{2, 3, 2}, 0, 1));  // x[b][t][h] = 6b + 2t + h
  Var y = transpose01(x);
  CHECK(y.shape() == Shape{3, 2, 2});
  CHECK(y.value().to_vector() == std::vector<float>{0, 1, 6, 7, 2, 3, 8, 9, 4, 5, 10, 11});
  CHECK(transpose01(tape.constant(ramp(Shape{2, 3}, 0, 1))).value().to_vector() ==
        std::vector<float>{0, 3, 1, 4, 2, 5});
  CHECK(transpose01(y).value().to_vector() == x.value().to_vector());

  for (const Shape& s : {Shape{3, 4}, Shape{2, 3, 4}, Shape{2, 3, 2, 2}}) {
    CAPTURE(s);
    auto r = gradcheck([](Tape&, Args v) { return transpose01(v[0]); }, {ramp(s, -1, 0.1f)}, kMoveTol);
    CHECK_MESSAGE(r.ok, r.worst);
  }
}

TEST_CASE("gather_rows: values by hand; repeated rows accumulate their gradients") {
  Tape tape;
  Var table = tape.input(ramp(Shape{3, 2}, 0, 1), true);  // rows [0 1] [2 3] [4 5]
  const int32_t rows[] = {2, 0, 2, 2};
  Var y = gather_rows(table, rows);
  CHECK(y.shape() == Shape{4, 2});
  CHECK(y.value().to_vector() == std::vector<float>{4, 5, 0, 1, 4, 5, 4, 5});
  tape.backward(y, Tensor(Shape{4, 2}, {1, 2, 3, 4, 5, 6, 7, 8}));
  CHECK(table.grad().to_vector() == std::vector<float>{3, 4, 0, 0, 13, 16});

  auto r = gradcheck([&rows](Tape&, Args v) { return gather_rows(v[0], rows); }, {ramp(Shape{3, 4}, -1, 0.1f)},
                     kMoveTol);
  CHECK_MESSAGE(r.ok, r.worst);
  CHECK(gather_rows(table, std::span<const int32_t>{}).shape() == Shape{0, 2});
}

TEST_CASE("detach: copies the value and stops the gradient") {
  Tape tape;
  Var x = tape.input(Tensor(Shape{2}, {3, 4}), true);
  Var d = detach(x);
  CHECK_FALSE(d.requires_grad());
  CHECK(d.value().to_vector() == std::vector<float>{3, 4});
  CHECK(d.value().data() != x.value().data());
}

TEST_CASE("detach: safe when recording reallocates the tape's node vector") {
  Tape tape(1);  // room for one node: detach's own record() moves every node
  Var x = tape.input(Tensor(Shape{3}, {1, 2, 3}), true);
  CHECK(detach(x).value().to_vector() == std::vector<float>{1, 2, 3});
}

TEST_CASE("shape ops: errors name the op, the argument, the shapes and what was expected") {
  Tape tape;
  Var a = tape.constant(Tensor(Shape{2, 3}));
  Var b = tape.constant(Tensor(Shape{2, 4}));
  Var v = tape.constant(Tensor(Shape{5}));
  const Var ab[] = {a, b};
  const Var av[] = {a, v};
  CHECK_THROWS_WITH_AS(concat(ab, 0),
                       "concat: xs[1] is [2, 4] and xs[0] is [2, 3]; expected equal shapes except along dim 0", Error);
  CHECK_THROWS_WITH_AS(concat(av, 1),
                       "concat: xs[1] is [5] and xs[0] is [2, 3]; expected equal shapes except along dim 1", Error);
  CHECK_THROWS_WITH_AS(concat(ab, 2),
                       "concat: dim is 2 for a tensor of shape [2, 3]; expected a dimension in [-2, 2)", Error);
  CHECK_THROWS_WITH_AS(concat(std::span<const Var>{}, 0), "concat: xs is empty; expected at least one tensor", Error);

  CHECK_THROWS_WITH_AS(slice(a, 1, 1, 4),
                       "slice: [start, end) is [1, 4) along dim 1 of x with shape [2, 3]; expected 0 <= start <= end "
                       "<= 3",
                       Error);
  CHECK_THROWS_WITH_AS(slice(a, 0, 2, 1),
                       "slice: [start, end) is [2, 1) along dim 0 of x with shape [2, 3]; expected 0 <= start <= end "
                       "<= 2",
                       Error);
  CHECK_THROWS_WITH_AS(slice(a, 0, -1, 1),
                       "slice: [start, end) is [-1, 1) along dim 0 of x with shape [2, 3]; expected 0 <= start <= end "
                       "<= 2",
                       Error);
  CHECK_THROWS_WITH_AS(slice(a, -3, 0, 1),
                       "slice: dim is -3 for a tensor of shape [2, 3]; expected a dimension in [-2, 2)", Error);

  CHECK_THROWS_WITH_AS(chunk(b, 3, 1),
                       "chunk: n is 3 and dim 1 of x with shape [2, 4] has size 4; expected a positive n that "
                       "divides 4",
                       Error);
  CHECK_THROWS_WITH_AS(chunk(b, 0, 1),
                       "chunk: n is 0 and dim 1 of x with shape [2, 4] has size 4; expected a positive n that "
                       "divides 4",
                       Error);

  CHECK_THROWS_WITH_AS(stack(ab), "stack: xs[1] is [2, 4] and xs[0] is [2, 3]; expected equal shapes", Error);
  Var rank4 = tape.constant(Tensor(Shape{1, 1, 1, 1}));
  const Var r4[] = {rank4};
  CHECK_THROWS_WITH_AS(stack(r4), "stack: xs[0] is [1, 1, 1, 1]; expected rank < 4 (the result gains a dimension)",
                       Error);
  CHECK_THROWS_WITH_AS(stack(std::span<const Var>{}), "stack: xs is empty; expected at least one tensor", Error);

  CHECK_THROWS_WITH_AS(select(a, 2), "select: i is 2 for x with shape [2, 3]; expected an index in [0, 2)", Error);
  CHECK_THROWS_WITH_AS(select(a, -1), "select: i is -1 for x with shape [2, 3]; expected an index in [0, 2)", Error);
  Var scalar = tape.constant(Tensor(Shape{}, {1.0f}));
  CHECK_THROWS_WITH_AS(select(scalar, 0), "select: x is []; expected rank >= 1", Error);

  CHECK_THROWS_WITH_AS(transpose01(v), "transpose01: x is [5]; expected rank >= 2", Error);

  CHECK_THROWS_WITH_AS(reshape(a, Shape{4, 2}),
                       "reshape: x is [2, 3] (6 elements); expected a shape of 6 elements, got [4, 2] (8 elements)",
                       Error);

  const int32_t bad[] = {0, 5};
  CHECK_THROWS_WITH_AS(gather_rows(tape.constant(Tensor(Shape{5, 3})), bad),
                       "gather_rows: rows[1] is 5; expected an index in [0, 5) for a table of 5 rows", Error);
  const int32_t negative[] = {-1};
  CHECK_THROWS_WITH_AS(gather_rows(tape.constant(Tensor(Shape{5, 3})), negative),
                       "gather_rows: rows[0] is -1; expected an index in [0, 5) for a table of 5 rows", Error);
  const int32_t zero[] = {0};
  CHECK_THROWS_WITH_AS(gather_rows(v, zero), "gather_rows: table is [5]; expected a 2-D (V, H) table", Error);

  CHECK_THROWS_WITH_AS(detach(Var{}), "detach: x is undefined; expected a variable on a tape", Error);
}
