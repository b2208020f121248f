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
#include "support/layer_fixture_case.h"

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

// h_t = cell(x_t, h_{t-1}) for t = 1..T, as the fixture script runs torch's cell. The output (T, B, H) stacks
// h_1 .. h_T; h_n and (LSTM only) c_n are (B, H).
LayerOutputs unroll(Tape& tape, const RecurrentCell& cell, Var x, Var h, Var c) {
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

}  // namespace

TEST_CASE("cells fixture: unrolled cells match torch's values and gradients") {
  const float worst = check_layer_fixture_file("cells.json", 16, [](const json::Value& c, const std::string& path) {
    Rng rng(1);
    auto cell = make_cell(json::require_string(c, "kind", path), json::require_string(c, "nonlinearity", path),
                          json::require_int(c, "input_size", path, 1, 1 << 20),
                          json::require_int(c, "hidden_size", path, 1, 1 << 20), rng);
    const bool is_lstm = cell->kind() == CellKind::Lstm;
    return check_layer_case(c, path, *cell, is_lstm, kAtol, [&](Tape& tape, Var x, Var h0, Var c0) {
      return unroll(tape, *cell, x, h0, c0);
    });
  });
  MESSAGE("cells vs torch: largest difference over 16 cases (values and gradients) = ", worst);
}
