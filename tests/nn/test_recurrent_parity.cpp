// The fused sequence layers against torch.nn.RNN / LSTM / GRU, and CellSequence against torch's cells unrolled
// (tests/fixtures/layers/*.json, written by tests/fixtures/gen_layers.py): outputs, final states and the gradient
// of loss = sum(output * W_out) + sum(h_n * W_h) [+ sum(c_n * W_c)] with respect to every parameter, the input
// and the given initial states. Layers, directions, batch_first, batch 1 and 3, with and without initial states
// and biases, and an unbatched input.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <string>

#include "core/ops.h"
#include "nn/cell_sequence.h"
#include "nn/recurrent_module.h"
#include "support/fixtures.h"

using namespace rnnlab;
using namespace rnnlab::testing;

namespace {

// Every value and gradient agrees within this, in every case (no case needs more).
constexpr float kAtol = 1e-5f;

Var weighted_sum(Tape& tape, Var value, const Tensor& weights) { return sum(mul(value, tape.constant(weights))); }

struct Outputs {
  Var output, h_n, c_n;
};

// Loads the case's inputs on `tape`, runs `run`, backpropagates the fixture's loss and compares everything.
// Returns the largest difference.
template <typename Run>
float check_case(const json::Value& c, const std::string& path, Module& module, bool is_lstm, Run run) {
  const std::string name(json::require_string(c, "name", path));
  CAPTURE(name);
  load_fixture_params(module, json::require(c, "params", path), path + ".params");
  Tape tape;
  Var x = tape.input(fixture_tensor(c, "input", path), true);
  const std::optional<Tensor> h0 = fixture_optional_tensor(c, "h0", path);
  const std::optional<Tensor> c0 = fixture_optional_tensor(c, "c0", path);
  Var h0_var = h0 ? tape.input(*h0, true) : Var{};
  Var c0_var = c0 ? tape.input(*c0, true) : Var{};
  const Outputs out = run(tape, x, h0_var, c0_var);

  const json::Value& weights = json::require(c, "loss_weights", path);
  const std::string weights_path = path + ".loss_weights";
  Var loss = add(weighted_sum(tape, out.output, fixture_tensor(weights, "output", weights_path)),
                 weighted_sum(tape, out.h_n, fixture_tensor(weights, "h_n", weights_path)));
  if (is_lstm) loss = add(loss, weighted_sum(tape, out.c_n, fixture_tensor(weights, "c_n", weights_path)));
  module.zero_grad();
  tape.backward(loss);

  float worst = 0.0f;
  auto close = [&](const Tensor& actual, const Tensor& expected, const std::string& what) {
    worst = std::max(worst, check_close(actual, expected, kAtol, name + " " + what));
  };
  close(out.output.value(), fixture_tensor(c, "output", path), "output");
  close(out.h_n.value(), fixture_tensor(c, "h_n", path), "h_n");
  if (is_lstm)
    close(out.c_n.value(), fixture_tensor(c, "c_n", path), "c_n");
  else
    CHECK(json::require(c, "c_n", path).is_null());

  const json::Value& grads = json::require(c, "grads", path);
  const std::string grads_path = path + ".grads";
  for (const NamedParameter& np : module.named_parameters())
    close(np.param->grad, fixture_tensor(grads, np.name, grads_path), "grad " + np.name);
  close(x.grad(), fixture_tensor(grads, "input", grads_path), "grad input");
  const std::optional<Tensor> dh0 = fixture_optional_tensor(grads, "h0", grads_path);
  const std::optional<Tensor> dc0 = fixture_optional_tensor(grads, "c0", grads_path);
  CHECK(dh0.has_value() == h0.has_value());
  CHECK(dc0.has_value() == c0.has_value());
  if (dh0) close(h0_var.grad(), *dh0, "grad h0");
  if (dc0) close(c0_var.grad(), *dc0, "grad c0");
  return worst;
}

void check_sequence_file(const char* file) {
  const json::Value doc = load_fixture(std::string("layers/") + file);
  const json::Value::Array& cases = json::require_array(doc, "cases", file).as_array();
  REQUIRE(cases.size() == 35);
  float worst = 0.0f;
  for (size_t k = 0; k < cases.size(); ++k) {
    const json::Value& c = cases[k];
    const std::string path = std::string(file) + " cases[" + std::to_string(k) + "]";
    RecurrentConfig config;
    config.kind = parse_cell_kind(json::require_string(c, "kind", path), json::require_string(c, "nonlinearity", path));
    config.input_size = json::require_int(c, "input_size", path, 1, 1 << 20);
    config.hidden_size = json::require_int(c, "hidden_size", path, 1, 1 << 20);
    config.num_layers = json::require_int(c, "num_layers", path, 1, 64);
    config.bias = json::require_bool(c, "bias", path);
    config.batch_first = json::require_bool(c, "batch_first", path);
    config.bidirectional = json::require_bool(c, "bidirectional", path);
    Rng rng(1);
    Recurrent layer(config, rng);
    worst = std::max(worst, check_case(c, path, layer, config.kind == CellKind::Lstm,
                                       [&](Tape& tape, Var x, Var h0, Var c0) {
                                         RecurrentOutput r = layer.forward(tape, x, h0, c0);
                                         return Outputs{r.output, r.h_n, r.c_n};
                                       }));
  }
  MESSAGE(std::string(file), ": largest difference over 35 cases (values and gradients) = ", worst);
}

}  // namespace

TEST_CASE("recurrent parity: nn.RNN tanh") { check_sequence_file("rnn_tanh.json"); }
TEST_CASE("recurrent parity: nn.RNN relu") { check_sequence_file("rnn_relu.json"); }
TEST_CASE("recurrent parity: nn.LSTM") { check_sequence_file("lstm.json"); }
TEST_CASE("recurrent parity: nn.GRU") { check_sequence_file("gru.json"); }

TEST_CASE("recurrent parity: CellSequence against torch's cells unrolled") {
  const json::Value doc = load_fixture("layers/cells.json");
  const json::Value::Array& cases = json::require_array(doc, "cases", "cells.json").as_array();
  REQUIRE(cases.size() == 16);
  float worst = 0.0f;
  for (size_t k = 0; k < cases.size(); ++k) {
    const json::Value& c = cases[k];
    const std::string path = "cells.json cases[" + std::to_string(k) + "]";
    std::string kind(json::require_string(c, "kind", path));  // "rnn_cell", "lstm_cell", "gru_cell"
    kind.resize(kind.size() - std::string("_cell").size());
    CellSequenceConfig config;
    config.kind = parse_cell_kind(kind, json::require_string(c, "nonlinearity", path));
    config.input_size = json::require_int(c, "input_size", path, 1, 1 << 20);
    config.hidden_size = json::require_int(c, "hidden_size", path, 1, 1 << 20);
    Rng rng(1);
    CellSequence cell(config, rng);
    worst = std::max(worst, check_case(c, path, cell, config.kind == CellKind::Lstm,
                                       [&](Tape& tape, Var x, Var h0, Var c0) {
                                         RecurrentOutput r = cell.forward(tape, x, h0, c0);
                                         return Outputs{r.output, r.h_n, r.c_n};
                                       }));
  }
  MESSAGE("cells.json: largest difference over 16 cases (values and gradients) = ", worst);
}
