#include <doctest/doctest.h>

#include "core/gradcheck.h"
#include "core/ops_reduce.h"

using namespace rnnlab;

TEST_CASE("gradcheck: sum, mean, softmax, log_softmax") {
  Tensor a(Shape{2, 3}, {0.1f, -0.2f, 0.3f, 0.4f, -0.5f, 0.6f});
  const GradCheckOptions tol{.eps = 1e-3f, .atol = 1e-3f, .rtol = 1e-2f};
  auto r = gradcheck([](Tape&, const std::vector<Var>& v) { return sum(v[0]); }, {a}, tol);
  CHECK_MESSAGE(r.ok, r.worst);
  r = gradcheck([](Tape&, const std::vector<Var>& v) { return mean(v[0]); }, {a}, tol);
  CHECK_MESSAGE(r.ok, r.worst);
  r = gradcheck([](Tape&, const std::vector<Var>& v) { return softmax(v[0]); }, {a}, tol);
  CHECK_MESSAGE(r.ok, r.worst);
  r = gradcheck([](Tape&, const std::vector<Var>& v) { return log_softmax(v[0]); }, {a}, tol);
  CHECK_MESSAGE(r.ok, r.worst);
}
