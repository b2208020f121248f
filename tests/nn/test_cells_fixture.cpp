// The reference cells unrolled over T steps against torch.nn.RNNCell / LSTMCell / GRUCell
// (tests/fixtures/layers/cells.json, written by tests/fixtures/gen_layers.py): outputs, final states and the
// gradient of loss = sum(output * W_out) + sum(h_n * W_h) [+ sum(c_n * W_c)] with respect to every parameter,
// the input and the given initial states.
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "core/ops.h"
#include "nn/gru_cell.h"
#include "nn/lstm_cell.h"
#include "nn/rnn_cell.h"
#include "support/fixtures.h"

using namespace rnnlab;
using namespace rnnlab::testing;

namespace {

constexpr float kAtol = 1e-5f;

std::unique_ptr<RecurrentCell> make_cell(std::string_view kind, std::string_view nonlinearity, int64_t input_size,
                                         int64_t hidden_size, Rng& rng) {
  if (kind == "rnn_cell") return std::make_unique<RNNCell>(input_size, hidden_size, true, nonlinearity, rng);
  if (kind == "lstm_cell") return std::make_unique<LSTMCell>(input_size, hidden_size, rng);
  REQUIRE(kind == "gru_cell");
  return std::make_unique<GRUCell>(input_size, hidden_size, rng);
}

struct Unrolled {
  Var output;  // (T, B, H): h_1 .. h_T stacked
  Var h_n;     // (B, H)
  Var c_n;     // (B, H), LSTM only
};

// h_t = cell(x_t, h_{t-1}) for t = 1..T, as the fixture script runs torch's cell.
Unrolled unroll(Tape& tape, const RecurrentCell& cell, Var x, Var h, Var c) {
  const CellParams p = bind_params(tape, cell);
  std::vector<Var> hs;
  for (int64_t t = 0; t < x.shape()[0]; ++t) {
    Var x_t = select(x, t);  // (B, I)
    if (auto* lstm = dynamic_cast<const LSTMCell*>(&cell)) {
      LstmState s = lstm->step(p, x_t, h, c);
      h = s.h;
      c = s.c;
    } else if (auto* gru = dynamic_cast<const GRUCell*>(&cell)) {
      h = gru->step(p, x_t, h);
    } else {
      h = dynamic_cast<const RNNCell&>(cell).step(p, x_t, h);
    }
    hs.push_back(h);
  }
  return {stack(hs), h, c};
}

// sum(value * weights) with the weights as a constant.
Var weighted_sum(Tape& tape, Var value, const Tensor& weights) { return sum(mul(value, tape.constant(weights))); }

}  // namespace

TEST_CASE("cells fixture: unrolled cells match torch's values and gradients") {
  const json::Value doc = load_fixture("layers/cells.json");
  const json::Value::Array& cases = json::require_array(doc, "cases", "cells.json").as_array();
  REQUIRE(cases.size() == 16);
  float worst = 0.0f;
  for (size_t k = 0; k < cases.size(); ++k) {
    const json::Value& c = cases[k];
    const std::string path = "cases[" + std::to_string(k) + "]";
    const std::string name(json::require_string(c, "name", path));
    CAPTURE(name);
    Rng rng(1);
    auto cell = make_cell(json::require_string(c, "kind", path), json::require_string(c, "nonlinearity", path),
                          json::require_int(c, "input_size", path, 1, 1 << 20),
                          json::require_int(c, "hidden_size", path, 1, 1 << 20), rng);
    load_fixture_params(*cell, json::require(c, "params", path), path + ".params");
    const bool is_lstm = cell->kind() == CellKind::Lstm;

    Tape tape;
    Var x = tape.input(fixture_tensor(c, "input", path), true);
    const std::optional<Tensor> h0 = fixture_optional_tensor(c, "h0", path);
    const std::optional<Tensor> c0 = fixture_optional_tensor(c, "c0", path);
    Var h0_var = h0 ? tape.input(*h0, true) : Var{};
    Var c0_var = c0 ? tape.input(*c0, true) : Var{};
    Unrolled out = unroll(tape, *cell, x, h0_var, c0_var);

    const json::Value& weights = json::require(c, "loss_weights", path);
    const std::string weights_path = path + ".loss_weights";
    Var loss = add(weighted_sum(tape, out.output, fixture_tensor(weights, "output", weights_path)),
                   weighted_sum(tape, out.h_n, fixture_tensor(weights, "h_n", weights_path)));
    if (is_lstm) loss = add(loss, weighted_sum(tape, out.c_n, fixture_tensor(weights, "c_n", weights_path)));
    tape.backward(loss);

    auto close = [&](const Tensor& actual, const Tensor& expected, const std::string& what) {
      worst = std::max(worst, check_close(actual, expected, kAtol, name + " " + what));
    };
    close(out.output.value(), fixture_tensor(c, "output", path), "output");
    close(out.h_n.value(), fixture_tensor(c, "h_n", path), "h_n");
    if (is_lstm) close(out.c_n.value(), fixture_tensor(c, "c_n", path), "c_n");
    else CHECK(json::require(c, "c_n", path).is_null());

    const json::Value& grads = json::require(c, "grads", path);
    const std::string grads_path = path + ".grads";
    for (const NamedParameter& np : cell->named_parameters())
      close(np.param->grad, fixture_tensor(grads, np.name, grads_path), "grad " + np.name);
    close(x.grad(), fixture_tensor(grads, "input", grads_path), "grad input");
    const std::optional<Tensor> dh0 = fixture_optional_tensor(grads, "h0", grads_path);
    const std::optional<Tensor> dc0 = fixture_optional_tensor(grads, "c0", grads_path);
    CHECK(dh0.has_value() == h0.has_value());
    CHECK(dc0.has_value() == c0.has_value());
    if (dh0) close(h0_var.grad(), *dh0, "grad h0");
    if (dc0) close(c0_var.grad(), *dc0, "grad c0");
  }
  MESSAGE("cells vs torch: largest difference over 16 cases (values and gradients) = ", worst);
}
