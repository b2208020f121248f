#include <doctest/doctest.h>

#include "core/gradcheck.h"
#include "core/ops_pointwise.h"

using namespace rnnlab;

TEST_CASE("gradcheck: add, sub, mul, scale, sigmoid, relu, exp, log") {
  Tensor a(Shape{2, 3}, {0.1f, -0.2f, 0.3f, 0.4f, -0.5f, 0.6f});
  Tensor b(Shape{2, 3}, {0.7f, 0.2f, -0.9f, 1.1f, 0.5f, -0.3f});
  Tensor bias(Shape{3}, {0.5f, -1.0f, 2.0f});
  const GradCheckOptions tol{.eps = 1e-3f, .atol = 1e-3f, .rtol = 1e-2f};
  auto r = gradcheck([](Tape&, const std::vector<Var>& v) { return add(v[0], v[1]); }, {a, b}, tol);
  CHECK_MESSAGE(r.ok, r.worst);
  r = gradcheck([](Tape&, const std::vector<Var>& v) { return sub(v[0], v[1]); }, {a, bias}, tol);
  CHECK_MESSAGE(r.ok, r.worst);
  r = gradcheck([](Tape&, const std::vector<Var>& v) { return mul(v[0], v[1]); }, {a, b}, tol);
  CHECK_MESSAGE(r.ok, r.worst);
  r = gradcheck([](Tape&, const std::vector<Var>& v) { return sigmoid(v[0]); }, {a}, tol);
  CHECK_MESSAGE(r.ok, r.worst);
  r = gradcheck([](Tape&, const std::vector<Var>& v) { return relu(v[0]); }, {a}, tol);
  CHECK_MESSAGE(r.ok, r.worst);
  r = gradcheck([](Tape&, const std::vector<Var>& v) { return log(exp(scale(v[0], 2.0f))); }, {a}, tol);
  CHECK_MESSAGE(r.ok, r.worst);
}
