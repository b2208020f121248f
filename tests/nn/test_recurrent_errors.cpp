// Bad configs and bad inputs are refused with messages that name the argument, the value and what was expected.
#include <doctest/doctest.h>

#include <limits>

#include "nn/cell_sequence.h"
#include "nn/recurrent_layer.h"
#include "nn/recurrent_module.h"

using namespace rnnlab;

namespace {

RecurrentConfig config_of(CellKind kind, int64_t input_size = 3, int64_t hidden_size = 4, int64_t num_layers = 2,
                          bool bidirectional = false) {
  RecurrentConfig config;
  config.kind = kind;
  config.input_size = input_size;
  config.hidden_size = hidden_size;
  config.num_layers = num_layers;
  config.bidirectional = bidirectional;
  return config;
}

}  // namespace

TEST_CASE("recurrent errors: config") {
  Rng rng(1);
  CHECK_THROWS_WITH_AS(Recurrent(config_of(CellKind::Lstm, 3, 4, 0), rng), "num_layers: got 0, expected >= 1", Error);
  CHECK_THROWS_WITH_AS(Recurrent(config_of(CellKind::Lstm, 0, 4), rng), "input_size: got 0, expected >= 1", Error);
  CHECK_THROWS_WITH_AS(Recurrent(config_of(CellKind::Gru, 3, -2), rng), "hidden_size: got -2, expected >= 1", Error);
  RecurrentConfig drop = config_of(CellKind::RnnTanh);
  drop.dropout = 1.0f;
  CHECK_THROWS_WITH_AS(Recurrent(drop, rng), "dropout: got 1, expected a probability in [0, 1)", Error);
  drop.dropout = -0.1f;
  CHECK_THROWS_WITH_AS(Recurrent(drop, rng), "dropout: got -0.1, expected a probability in [0, 1)", Error);
  drop.dropout = std::numeric_limits<float>::quiet_NaN();
  CHECK_THROWS_AS(Recurrent(drop, rng), Error);
  CellSequenceConfig cell;
  cell.hidden_size = 0;
  CHECK_THROWS_WITH_AS(CellSequence(cell, rng), "hidden_size: got 0, expected >= 1", Error);
}

TEST_CASE("recurrent errors: inputs and initial states") {
  Rng rng(1);
  Recurrent lstm(config_of(CellKind::Lstm, 3, 4, 2, true), rng);
  Tape tape;
  Var good = tape.constant(Tensor(Shape{5, 2, 3}));
  CHECK_THROWS_WITH_AS(lstm.forward(tape, tape.constant(Tensor(Shape{5, 2, 4}))),
                       "LSTM: input has shape [5, 2, 4], expected its last dimension to be input_size 3", Error);
  CHECK_THROWS_WITH_AS(lstm.forward(tape, tape.constant(Tensor(Shape{1, 5, 2, 3}))),
                       "LSTM: input has shape [1, 5, 2, 3], expected rank 3 (T, B, input_size) or rank 2 (T, "
                       "input_size) for one unbatched sequence",
                       Error);
  CHECK_THROWS_WITH_AS(lstm.forward(tape, tape.constant(Tensor(Shape{0, 2, 3}))),
                       "LSTM: input has shape [0, 2, 3], expected at least one step", Error);
  CHECK_THROWS_WITH_AS(lstm.forward(tape, good, tape.constant(Tensor(Shape{2, 2, 4})), tape.constant(Tensor(Shape{4, 2, 4}))),
                       "LSTM: h0 has shape [2, 2, 4], expected [4, 2, 4] (num_layers * directions, batch, hidden_size)",
                       Error);
  CHECK_THROWS_WITH_AS(lstm.forward(tape, good, tape.constant(Tensor(Shape{4, 2, 4})), tape.constant(Tensor(Shape{4, 3, 4}))),
                       "LSTM: c0 has shape [4, 3, 4], expected [4, 2, 4] (num_layers * directions, batch, hidden_size)",
                       Error);
  CHECK_THROWS_WITH_AS(lstm.forward(tape, good, tape.constant(Tensor(Shape{4, 2, 4}))),
                       "LSTM: h0 and c0 go together; got h0 without c0", Error);
  CHECK_THROWS_WITH_AS(lstm.forward(tape, tape.constant(Tensor(Shape{5, 3})), tape.constant(Tensor(Shape{4, 1, 4})),
                                    tape.constant(Tensor(Shape{4, 1, 4}))),
                       "LSTM: h0 has shape [4, 1, 4], expected [4, 4] (num_layers * directions, hidden_size)", Error);
  CHECK_THROWS_WITH_AS(lstm.forward(tape, Var{}), "LSTM: input is undefined", Error);

  Recurrent gru(config_of(CellKind::Gru), rng);
  CHECK_THROWS_WITH_AS(gru.forward(tape, good, {}, tape.constant(Tensor(Shape{2, 2, 4}))),
                       "GRU: c0 given, but only an LSTM has a cell state", Error);
  RecurrentConfig batch_first = config_of(CellKind::RnnRelu);
  batch_first.batch_first = true;
  Recurrent rnn(batch_first, rng);
  CHECK_THROWS_WITH_AS(rnn.forward(tape, tape.constant(Tensor(Shape{2, 5}))),
                       "RNN: input has shape [2, 5], expected its last dimension to be input_size 3", Error);
  CHECK_THROWS_WITH_AS(rnn.forward(tape, tape.constant(Tensor(Shape{2, 5, 3, 1}))),
                       "RNN: input has shape [2, 5, 3, 1], expected rank 3 (B, T, input_size) or rank 2 (T, "
                       "input_size) for one unbatched sequence",
                       Error);

  CellSequenceConfig cell_config;
  cell_config.kind = CellKind::Lstm;
  cell_config.input_size = 3;
  cell_config.hidden_size = 4;
  CellSequence cell(cell_config, rng);
  CHECK_THROWS_WITH_AS(cell.forward(tape, good, tape.constant(Tensor(Shape{3, 4})), tape.constant(Tensor(Shape{2, 4}))),
                       "LSTMCell: h0 has shape [3, 4], expected [2, 4] (batch, hidden_size)", Error);
  CHECK_THROWS_WITH_AS(cell.forward(tape, good, {}, tape.constant(Tensor(Shape{2, 4}))),
                       "LSTMCell: h0 and c0 go together; got c0 without h0", Error);
}

TEST_CASE("recurrent errors: traces and dropout") {
  Rng rng(1);
  RecurrentConfig config = config_of(CellKind::RnnTanh);
  config.dropout = 0.5f;
  Recurrent rnn(config, rng);
  CHECK_THROWS_WITH_AS(rnn.trace(0), "RNN: no trace before the first forward", Error);
  CHECK_THROWS_WITH_AS(rnn.trace(2), "RNN: layer 2 out of range [0, 2)", Error);
  CHECK_THROWS_WITH_AS(rnn.trace(0, 1), "RNN: direction 1 out of range [0, 1)", Error);
  Tape tape;
  Var x = tape.constant(Tensor(Shape{5, 2, 3}));
  CHECK_THROWS_WITH_AS(rnn.forward(tape, x),
                       "RNN: dropout 0.5 in training mode needs a random generator (pass dropout_rng to forward)",
                       Error);
  rnn.eval();
  CHECK_NOTHROW(rnn.forward(tape, x));  // no dropout in evaluation mode, so no generator needed
  CHECK_THROWS_WITH_AS(layer_trace(x),
                       "layer_trace: the variable is not the output of a recurrent layer (recurrent_layer(...).output)",
                       Error);
}

TEST_CASE("recurrent errors: the fused op's arguments") {
  Tape tape;
  Var x = tape.constant(Tensor(Shape{5, 2, 3}));
  Var w_ih = tape.constant(Tensor(Shape{16, 3}));
  Var w_hh = tape.constant(Tensor(Shape{16, 4}));
  CHECK_THROWS_WITH_AS(recurrent_layer(tape, CellKind::Gru, x, w_ih, w_hh, {}, {}, {}, {}, false),
                       "recurrent_layer: w_hh has shape [16, 4], expected (3 * hidden_size, hidden_size) for gru",
                       Error);
  CHECK_THROWS_WITH_AS(recurrent_layer(tape, CellKind::Lstm, x, tape.constant(Tensor(Shape{16, 2})), w_hh, {}, {}, {},
                                       {}, false),
                       "recurrent_layer: w_ih has shape [16, 2], expected [16, 3] for lstm", Error);
  CHECK_THROWS_WITH_AS(recurrent_layer(tape, CellKind::Lstm, x, w_ih, w_hh, tape.constant(Tensor(Shape{12})), {}, {},
                                       {}, false),
                       "recurrent_layer: b_ih has shape [12], expected [16] for lstm", Error);
  CHECK_THROWS_WITH_AS(recurrent_layer(tape, CellKind::Lstm, x, w_ih, w_hh, {}, {}, tape.constant(Tensor(Shape{4})),
                                       {}, false),
                       "recurrent_layer: h0 has shape [4], expected [2, 4] for lstm", Error);
  CHECK_THROWS_WITH_AS(recurrent_layer(tape, CellKind::RnnTanh, x, tape.constant(Tensor(Shape{4, 3})),
                                       tape.constant(Tensor(Shape{4, 4})), {}, {}, {},
                                       tape.constant(Tensor(Shape{2, 4})), false),
                       "recurrent_layer: c0 given for rnn_tanh, which has no cell state (only lstm does)", Error);
  CHECK_THROWS_WITH_AS(recurrent_layer(tape, CellKind::Lstm, tape.constant(Tensor(Shape{5, 3})), w_ih, w_hh, {}, {},
                                       {}, {}, false),
                       "recurrent_layer: x has shape [5, 3], expected rank 3 (T, B, I)", Error);
}
