#include <doctest/doctest.h>

#include "core/gradcheck.h"
#include "nn/linear.h"
#include "support/fixtures.h"

using namespace rnnlab;
using rnnlab::testing::check_close;

TEST_CASE("linear: y = x W^T + b by hand, over leading dimensions") {
  Rng rng(1);
  Linear layer(2, 3, rng);
  layer.weight().value = Tensor(Shape{3, 2}, {1, 2, 3, 4, 5, 6});
  layer.bias()->value = Tensor(Shape{3}, {0.5f, -1, 0});
  Tape tape;
  Var x = tape.input(Tensor(Shape{2, 1, 2}, {1, -1, 0.5f, 2}), true);
  Var y = layer.forward(tape, x);
  // row (1, -1): (1-2, 3-4, 5-6) + b = (-0.5, -2, -1); row (0.5, 2): (4.5, 9.5, 14.5) + b = (5, 8.5, 14.5)
  check_close(y.value(), Tensor(Shape{2, 1, 3}, {-0.5f, -2, -1, 5, 8.5f, 14.5f}), 0.0f, "y");

  tape.backward(y, Tensor::full(Shape{2, 1, 3}, 1.0f));
  // dW[o][i] = sum over rows of x[i]; db = number of rows; dx[i] = sum_o W[o][i]
  check_close(layer.weight().grad, Tensor(Shape{3, 2}, {1.5f, 1, 1.5f, 1, 1.5f, 1}), 0.0f, "dW");
  check_close(layer.bias()->grad, Tensor(Shape{3}, {2, 2, 2}), 0.0f, "db");
  check_close(x.grad(), Tensor(Shape{2, 1, 2}, {9, 12, 9, 12}), 0.0f, "dx");
}

TEST_CASE("linear: gradient check of x, weight and bias") {
  Rng rng(3);
  Tensor x(Shape{2, 3, 4}), w(Shape{5, 4}), b(Shape{5});
  rng.fill_uniform(x, -1, 1);
  rng.fill_uniform(w, -1, 1);
  rng.fill_uniform(b, -1, 1);
  auto with_bias = gradcheck([](Tape&, const std::vector<Var>& v) { return linear(v[0], v[1], v[2]); }, {x, w, b},
                             {.eps = 1e-3f, .atol = 1e-3f, .rtol = 1e-2f});
  CHECK_MESSAGE(with_bias.ok, with_bias.worst);
  auto no_bias = gradcheck([](Tape&, const std::vector<Var>& v) { return linear(v[0], v[1]); }, {x, w},
                           {.eps = 1e-3f, .atol = 1e-3f, .rtol = 1e-2f});
  CHECK_MESSAGE(no_bias.ok, no_bias.worst);
}

TEST_CASE("linear: state_dict names, shapes and torch's init bound") {
  Rng rng(4);
  Linear layer(9, 50, rng);
  auto params = layer.named_parameters();
  REQUIRE(params.size() == 2);
  CHECK(params[0].name == "weight");
  CHECK(params[0].param->value.shape() == Shape{50, 9});
  CHECK(params[1].name == "bias");
  CHECK(params[1].param->value.shape() == Shape{50});
  float largest = 0.0f;
  for (const auto& np : params)
    for (int64_t i = 0; i < np.param->value.numel(); ++i) largest = std::max(largest, std::fabs(np.param->value[i]));
  CHECK(largest <= 1.0f / 3.0f);  // 1/sqrt(in_features)
  CHECK(largest > 0.3f);

  Linear no_bias(9, 50, false, rng);
  CHECK(no_bias.named_parameters().size() == 1);
  CHECK(no_bias.bias() == nullptr);
}

TEST_CASE("linear: bad sizes are refused with their values") {
  Rng rng(1);
  CHECK_THROWS_WITH_AS(Linear(0, 3, rng), "Linear: in_features is 0, expected >= 1", Error);
  CHECK_THROWS_WITH_AS(Linear(3, -1, rng), "Linear: out_features is -1, expected >= 1", Error);
  Linear layer(4, 2, rng);
  Tape tape;
  CHECK_THROWS_WITH_AS(layer.forward(tape, tape.constant(Tensor(Shape{2, 5}))),
                       "Linear: input has 5 features (shape [2, 5]), expected in_features 4", Error);
  CHECK_THROWS_WITH_AS(linear(tape.constant(Tensor(Shape{2, 4})), tape.constant(Tensor(Shape{3, 4})),
                              tape.constant(Tensor(Shape{4}))),
                       "linear: bias is [4], expected [3] for weight [3, 4]", Error);
}
