// The digits task's MLP and CNN (nn/image_classifiers.h) against torch.nn.Sequential with the same weights: logits,
// the mean cross-entropy and every parameter's gradient (fixture tests/fixtures/gen_image_classifiers.py); torch's
// state_dict names; Conv2d's torch initialization; the parameterless layers and Sequential by hand.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/ops_shape.h"
#include "io/tensor_json.h"
#include "nn/conv2d.h"
#include "nn/image_classifiers.h"
#include "nn/linear.h"
#include "nn/parameterless_layers.h"
#include "support/fixtures.h"
#include "support/test_tensors.h"
#include "train/cross_entropy.h"

using namespace rnnlab;
using rnnlab::testing::check_close;
using rnnlab::testing::fixture_tensor;

namespace {

// The fixture's weight formula (gen_image_classifiers.py): parameter k, element i, in double, then float32.
void set_formula_weights(Sequential& net) {
  const std::vector<NamedParameter> params = net.named_parameters();
  for (size_t k = 0; k < params.size(); ++k) {
    Tensor& t = params[k].param->value;
    // fan_in: the weight's elements per output (in_features, or in_channels * kernel^2); a bias uses its weight's.
    const Tensor& weight = params[k].name.ends_with(".bias") ? params[k - 1].param->value : t;
    const int64_t fan_in = weight.numel() / weight.dim(0);
    const double bound = 1.0 / std::sqrt(static_cast<double>(fan_in));
    for (int64_t i = 0; i < t.numel(); ++i) {
      const uint64_t h = (static_cast<uint64_t>(i) * 2654435761ull + 40503ull * (k + 1)) % (uint64_t{1} << 32);
      t[i] = static_cast<float>((static_cast<double>(h) / 4294967296.0 * 2.0 - 1.0) * bound);
    }
  }
}

// Compares a gradient with the fixture's: in full, or through its summary (row and column sums, a strided sample).
void check_grad(const Tensor& g, const json::Value& expected, const std::string& name, float atol, double sum_atol) {
  CAPTURE(name);
  if (expected.find("data")) {
    check_close(g, tensor_from_json(expected, name), atol, name);
    return;
  }
  const auto& shape = expected.find("shape")->as_array("shape");
  REQUIRE(shape.size() == 2);
  const int64_t rows = g.dim(0), cols = g.numel() / rows;
  REQUIRE(g.shape() == Shape{shape[0].as_int("shape[0]", 1, 1 << 20), shape[1].as_int("shape[1]", 1, 1 << 20)});
  const auto& row_sums = expected.find("row_sums")->as_array("row_sums");
  const auto& col_sums = expected.find("col_sums")->as_array("col_sums");
  REQUIRE(static_cast<int64_t>(row_sums.size()) == rows);
  REQUIRE(static_cast<int64_t>(col_sums.size()) == cols);
  double worst_row = 0, worst_col = 0, worst_sample = 0;
  std::vector<double> col_acc(static_cast<size_t>(cols), 0.0);
  for (int64_t r = 0; r < rows; ++r) {
    double s = 0;
    for (int64_t c = 0; c < cols; ++c) {
      s += g[r * cols + c];
      col_acc[static_cast<size_t>(c)] += g[r * cols + c];
    }
    worst_row = std::max(worst_row, std::abs(s - row_sums[static_cast<size_t>(r)].as_number()));
  }
  for (int64_t c = 0; c < cols; ++c)
    worst_col = std::max(worst_col, std::abs(col_acc[static_cast<size_t>(c)] - col_sums[static_cast<size_t>(c)].as_number()));
  const int64_t stride = expected.find("stride")->as_int("stride", 1, 1 << 20);
  const auto& sample = expected.find("sample")->as_array("sample");
  REQUIRE(static_cast<int64_t>(sample.size()) == (g.numel() + stride - 1) / stride);
  for (size_t j = 0; j < sample.size(); ++j)
    worst_sample = std::max(worst_sample, std::abs(g[static_cast<int64_t>(j) * stride] - sample[j].as_number()));
  INFO(name, ": worst row sum ", worst_row, ", column sum ", worst_col, ", sample ", worst_sample);
  CHECK(worst_row <= sum_atol);
  CHECK(worst_col <= sum_atol);
  CHECK(worst_sample <= atol);
}

// Tolerances measured against torch: logits differ by <= 1.2e-7, gradient elements by <= 6e-8, and the sums of a
// large gradient's rows (784 or 4320 elements, in double over float32 values summed in another order) by <= 2.4e-6.
void check_against_torch(Sequential& net, const json::Value& f, const char* model) {
  const float logit_atol = 5e-7f, grad_atol = 2e-7f;
  const double sum_atol = 1e-5;
  const json::Value& expected = *f.find(model);
  set_formula_weights(net);
  std::vector<int32_t> targets;
  for (const json::Value& t : f.find("targets")->as_array("targets"))
    targets.push_back(static_cast<int32_t>(t.as_int("targets[]", 0, 9)));
  Tape tape;
  Var logits = net.forward(tape, tape.constant(fixture_tensor(f, "input")));
  check_close(logits.value(), fixture_tensor(expected, "logits"), logit_atol, std::string(model) + " logits");
  Var loss = cross_entropy(logits, targets);
  CHECK(loss.value().item() == doctest::Approx(expected.find("loss")->as_number()).epsilon(1e-6));
  net.zero_grad();
  tape.backward(loss);
  const json::Value::Object& grads = expected.find("grads")->as_object("grads");
  const std::vector<NamedParameter> params = net.named_parameters();
  REQUIRE(grads.size() == params.size());
  for (size_t i = 0; i < params.size(); ++i) {
    CHECK(params[i].name == grads[i].key);  // torch's state_dict names, in torch's order
    check_grad(params[i].param->grad, grads[i].value, grads[i].key, grad_atol, sum_atol);
  }
}

}  // namespace

TEST_CASE("MLP classifier: logits, loss and every gradient match torch.nn.Sequential (image_classifiers.json)") {
  const json::Value f = rnnlab::testing::load_fixture("image_classifiers.json");
  Rng rng(1);
  auto net = make_mlp_classifier({}, rng);
  CHECK(net->size() == 4);
  CHECK(net->num_parameters() == 784 * 256 + 256 + 256 * 10 + 10);
  check_against_torch(*net, f, "mlp");
}

TEST_CASE("CNN classifier: logits, loss and every gradient match torch.nn.Sequential (image_classifiers.json)") {
  const json::Value f = rnnlab::testing::load_fixture("image_classifiers.json");
  Rng rng(1);
  auto net = make_cnn_classifier({}, rng);
  CHECK(net->size() == 7);
  CHECK(net->num_parameters() == 30 * 25 + 30 + 4320 * 100 + 100 + 100 * 10 + 10);
  check_against_torch(*net, f, "cnn");
}

TEST_CASE("Conv2d: torch's names and shapes, U(-1/sqrt(fan_in), 1/sqrt(fan_in)) from the explicit generator") {
  Rng a(5), b(5);
  Conv2d c1(3, 16, 5, a), c2(3, 16, 5, b);
  const auto params = c1.named_parameters();
  REQUIRE(params.size() == 2);
  CHECK(params[0].name == "weight");
  CHECK(params[1].name == "bias");
  CHECK(c1.weight().value.shape() == Shape{16, 3, 5, 5});
  CHECK(c1.bias()->value.shape() == Shape{16});
  CHECK(c1.weight().value.to_vector() == c2.weight().value.to_vector());
  const float bound = 1.0f / std::sqrt(75.0f);  // fan_in = 3 * 5 * 5
  for (const Tensor* t : {&c1.weight().value, &c1.bias()->value}) {
    CHECK(t->arr().abs().maxCoeff() <= bound);
    CHECK(t->arr().abs().maxCoeff() > 0.9f * bound);  // 1,200 and 16 draws reach near the bound
  }
  // U(-b, b) has variance b^2 / 3: 1,200 draws put the sample variance within about 5% of it.
  const double var = c1.weight().value.arr().square().cast<double>().mean();
  CHECK(var == doctest::Approx(bound * bound / 3.0).epsilon(0.15));
  Rng rng(0);
  Conv2d no_bias(1, 2, 3, {.stride = 2, .padding = 1}, false, rng);
  CHECK(no_bias.named_parameters().size() == 1);
  CHECK(no_bias.bias() == nullptr);
  CHECK_THROWS_WITH(Conv2d(0, 2, 3, rng), doctest::Contains("in_channels is 0, expected >= 1"));
  CHECK_THROWS_WITH(Conv2d(1, 2, 0, rng), doctest::Contains("kernel is 0, expected >= 1"));
  Tape tape;
  CHECK_THROWS_WITH(c1.forward(tape, tape.constant(Tensor(Shape{1, 2, 8, 8}))),
                    doctest::Contains("expected (N, 3, H, W)"));
}

TEST_CASE("Sequential: layers named by index; parameterless layers take an index and add no key") {
  Rng rng(2);
  Sequential net;
  net.emplace<Flatten>();
  net.emplace<Linear>(6, 4, rng);
  net.emplace<ReLU>();
  net.emplace<Linear>(4, 2, rng);
  std::vector<std::string> names;
  for (const NamedParameter& np : net.named_parameters()) names.push_back(np.name);
  CHECK(names == std::vector<std::string>{"1.weight", "1.bias", "3.weight", "3.bias"});
  // By hand: the same as calling each layer in turn.
  const Tensor x = rnnlab::testing::random_tensor(Shape{3, 1, 2, 3}, rng);
  Tape tape;
  Var y = net.forward(tape, tape.constant(x));
  Tape by_hand;
  auto& l1 = static_cast<Linear&>(net.layer(1));
  auto& l3 = static_cast<Linear&>(net.layer(3));
  Var z = l3.forward(by_hand, relu(l1.forward(by_hand, flatten(by_hand.constant(x)))));
  check_close(y.value(), z.value(), 0.0f, "sequential vs by hand");
  CHECK_THROWS_WITH(net.layer(4), doctest::Contains("layer 4 of 4"));
  CHECK_THROWS_WITH(MaxPool2d(MaxPool2dOptions{.kernel = 2, .padding = 2}), doctest::Contains("half the kernel (1)"));
  CHECK_THROWS_WITH(make_cnn_classifier({.side = 5, .kernel = 5}, rng), doctest::Contains("side is 5 for a kernel of 5"));
}
