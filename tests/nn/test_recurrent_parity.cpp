// The fused sequence layers against torch.nn.RNN / LSTM / GRU, and CellSequence against torch's cells unrolled
// (tests/fixtures/layers/*.json, written by tests/fixtures/gen_layers.py): outputs, final states and the gradient
// of loss = sum(output * W_out) + sum(h_n * W_h) [+ sum(c_n * W_c)] with respect to every parameter, the input
// and the given initial states. Layers, directions, batch_first, batch 1 and 3, with and without initial states
// and biases, and an unbatched input.
#include <doctest/doctest.h>

#include <string>

#include "nn/cell_sequence.h"
#include "nn/recurrent_module.h"
#include "support/fixtures.h"
#include "support/layer_fixture_case.h"

using namespace rnnlab;
using namespace rnnlab::testing;

namespace {

// Every value and gradient agrees within this, in every case (no case needs more).
constexpr float kAtol = 1e-5f;

// The module's forward as the fixture case runs it.
template <typename RecurrentModule>
RunLayer forward_of(RecurrentModule& module) {
  return [&module](Tape& tape, Var x, Var h0, Var c0) {
    RecurrentOutput r = module.forward(tape, x, h0, c0);
    return LayerOutputs{r.output, r.h_n, r.c_n};
  };
}

void check_sequence_file(const std::string& file) {
  const float worst = check_layer_fixture_file(file, 35, [](const json::Value& c, const std::string& path) {
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
    return check_layer_case(c, path, layer, config.kind == CellKind::Lstm, kAtol, forward_of(layer));
  });
  MESSAGE(file, ": largest difference over 35 cases (values and gradients) = ", worst);
}

}  // namespace

TEST_CASE("recurrent parity: nn.RNN tanh") { check_sequence_file("rnn_tanh.json"); }
TEST_CASE("recurrent parity: nn.RNN relu") { check_sequence_file("rnn_relu.json"); }
TEST_CASE("recurrent parity: nn.LSTM") { check_sequence_file("lstm.json"); }
TEST_CASE("recurrent parity: nn.GRU") { check_sequence_file("gru.json"); }

TEST_CASE("recurrent parity: CellSequence against torch's cells unrolled") {
  const float worst = check_layer_fixture_file("cells.json", 16, [](const json::Value& c, const std::string& path) {
    std::string kind(json::require_string(c, "kind", path));  // "rnn_cell", "lstm_cell", "gru_cell"
    kind.resize(kind.size() - std::string("_cell").size());
    CellSequenceConfig config;
    config.kind = parse_cell_kind(kind, json::require_string(c, "nonlinearity", path));
    config.input_size = json::require_int(c, "input_size", path, 1, 1 << 20);
    config.hidden_size = json::require_int(c, "hidden_size", path, 1, 1 << 20);
    Rng rng(1);
    CellSequence cell(config, rng);
    return check_layer_case(c, path, cell, config.kind == CellKind::Lstm, kAtol, forward_of(cell));
  });
  MESSAGE("cells.json: largest difference over 16 cases (values and gradients) = ", worst);
}
