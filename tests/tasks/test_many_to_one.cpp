// Many-to-one (tasks/many_to_one.h): fc(out[-1]) and nn.CrossEntropyLoss against torch
// (tests/fixtures/gradient_through_time.json, gen_gradient_through_time.py): logits, loss, every parameter's
// gradient, and dL/dh_t at every step of every layer and direction (the trace's dh), for RNN tanh and relu, LSTM
// and GRU, one layer and two bidirectional layers.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "support/fixtures.h"
#include "tasks/many_to_one.h"

using namespace rnnlab;
using namespace rnnlab::testing;

TEST_CASE("many-to-one: logits, loss, gradients and dL/dh_t equal torch's") {
  const json::Value fixture = load_fixture("gradient_through_time.json");
  const json::Value::Array& cases = fixture.find("many_to_one_cases")->as_array();
  REQUIRE(cases.size() == 8);
  for (const json::Value& c : cases) {
    const std::string name = c.find("name")->as_string();
    CAPTURE(name);
    ModelConfig m;
    m.kind = c.find("kind")->as_string();
    m.nonlinearity = c.find("nonlinearity")->as_string();
    m.input_size = static_cast<int64_t>(c.find("symbols")->as_number());
    m.hidden_size = static_cast<int64_t>(c.find("hidden_size")->as_number());
    m.num_layers = static_cast<int64_t>(c.find("num_layers")->as_number());
    m.bidirectional = c.find("bidirectional")->as_bool();
    m.head_out = m.input_size;
    Rng rng(0);
    SequenceModel model(m, rng);
    load_fixture_params(model, *c.find("params"));
    std::vector<int32_t> tokens, labels;
    for (const json::Value& v : c.find("tokens")->as_array()) tokens.push_back(static_cast<int32_t>(v.as_number()));
    for (const json::Value& v : c.find("labels")->as_array()) labels.push_back(static_cast<int32_t>(v.as_number()));
    const int64_t T = static_cast<int64_t>(c.find("steps")->as_number());
    const int64_t B = static_cast<int64_t>(c.find("batch")->as_number());

    Tape tape;
    const TaskStep s = many_to_one_loss(tape, model, tokens, T, B, labels, nullptr);
    check_close(s.out.output.value(), fixture_tensor(c, "logits", name), 1e-6f, name + " logits");
    CHECK(s.loss.value().item() == doctest::Approx(c.find("loss")->as_number()).epsilon(1e-6));
    tape.backward(s.loss);
    for (const NamedParameter& p : model.named_parameters())
      check_close(p.param->grad, fixture_tensor(*c.find("grads"), p.name, name), 1e-6f, name + " d" + p.name);
    std::vector<LayerTrace> traces;
    model.traces(traces);
    const json::Value::Array& dh = c.find("dh")->as_array();
    REQUIRE(dh.size() == traces.size());
    for (size_t k = 0; k < traces.size(); ++k) {
      REQUIRE(traces[k].dh != nullptr);
      check_close(*traces[k].dh, fixture_tensor(dh[k], "dh", name), 1e-6f, name + " dL/dh_t #" + std::to_string(k));
    }
  }
}

TEST_CASE("many-to-one: argmax, softmax and accuracy of a batch of logits") {
  Tensor logits(Shape{3, 3});
  const float values[] = {0.0f, 2.0f, 1.0f, 5.0f, 1.0f, 1.0f, 0.0f, 0.0f, 3.0f};
  std::copy(values, values + 9, logits.data());
  CHECK(argmax_rows(logits) == std::vector<int32_t>{1, 0, 2});
  const std::vector<int32_t> labels{1, 1, 2};
  CHECK(accuracy(logits, labels) == doctest::Approx(2.0 / 3.0));
  const std::vector<float> p = softmax_row(logits, 0);
  const double z = 1.0 + std::exp(2.0) + std::exp(1.0);
  CHECK(p[1] == doctest::Approx(std::exp(2.0) / z));
  CHECK(p[0] + p[1] + p[2] == doctest::Approx(1.0));
}
