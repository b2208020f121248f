#include <doctest/doctest.h>

#include "core/gradcheck.h"
#include "core/ops_shape.h"

using namespace rnnlab;

TEST_CASE("gradcheck: reshape, concat, slice, chunk, stack, select, transpose01, gather_rows") {
  Tensor a(Shape{2, 3, 2}, {0.1f, -0.2f, 0.3f, 0.4f, -0.5f, 0.6f, 0.7f, 0.2f, -0.9f, 1.1f, 0.5f, -0.3f});
  Tensor b(Shape{2, 1, 2}, {1.0f, 2.0f, 3.0f, 4.0f});
  const GradCheckOptions tol{.eps = 1e-3f, .atol = 1e-3f, .rtol = 1e-2f};
  auto r = gradcheck([](Tape&, const std::vector<Var>& v) { return reshape(v[0], Shape{3, 4}); }, {a}, tol);
  CHECK_MESSAGE(r.ok, r.worst);
  r = gradcheck([](Tape&, const std::vector<Var>& v) { return concat(std::vector<Var>{v[0], v[1]}, 1); }, {a, b}, tol);
  CHECK_MESSAGE(r.ok, r.worst);
  r = gradcheck([](Tape&, const std::vector<Var>& v) { return slice(v[0], 1, 1, 3); }, {a}, tol);
  CHECK_MESSAGE(r.ok, r.worst);
  r = gradcheck([](Tape&, const std::vector<Var>& v) { return chunk(v[0], 3, 1)[2]; }, {a}, tol);
  CHECK_MESSAGE(r.ok, r.worst);
  r = gradcheck([](Tape&, const std::vector<Var>& v) { return stack(std::vector<Var>{v[0], v[0]}); }, {a}, tol);
  CHECK_MESSAGE(r.ok, r.worst);
  r = gradcheck([](Tape&, const std::vector<Var>& v) { return select(v[0], 1); }, {a}, tol);
  CHECK_MESSAGE(r.ok, r.worst);
  r = gradcheck([](Tape&, const std::vector<Var>& v) { return transpose01(v[0]); }, {a}, tol);
  CHECK_MESSAGE(r.ok, r.worst);
  const int32_t rows[] = {2, 0, 2};
  r = gradcheck([&](Tape&, const std::vector<Var>& v) { return gather_rows(reshape(v[0], Shape{3, 4}), rows); }, {a}, tol);
  CHECK_MESSAGE(r.ok, r.worst);
}
