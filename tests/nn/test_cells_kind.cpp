#include <doctest/doctest.h>

#include "nn/cell_kind.h"

using namespace rnnlab;

TEST_CASE("cell kind: gate counts follow torch's stacked weights") {
  CHECK(gate_count(CellKind::RnnTanh) == 1);
  CHECK(gate_count(CellKind::RnnRelu) == 1);
  CHECK(gate_count(CellKind::Lstm) == 4);
  CHECK(gate_count(CellKind::Gru) == 3);
}

TEST_CASE("cell kind: parsing torch's (kind, nonlinearity) and the names round-trip") {
  CHECK(parse_cell_kind("rnn") == CellKind::RnnTanh);
  CHECK(parse_cell_kind("rnn", "tanh") == CellKind::RnnTanh);
  CHECK(parse_cell_kind("rnn", "relu") == CellKind::RnnRelu);
  CHECK(parse_cell_kind("lstm") == CellKind::Lstm);
  CHECK(parse_cell_kind("gru", "tanh") == CellKind::Gru);
  for (CellKind kind : {CellKind::RnnTanh, CellKind::RnnRelu, CellKind::Lstm, CellKind::Gru})
    CHECK(parse_cell_kind_name(cell_kind_name(kind)) == kind);
}

TEST_CASE("cell kind: bad names say what was expected") {
  CHECK_THROWS_WITH_AS(parse_cell_kind("lstmm"), "cell kind: \"lstmm\", expected \"rnn\", \"lstm\" or \"gru\"", Error);
  CHECK_THROWS_WITH_AS(parse_cell_kind("rnn", "sigmoid"),
                       "cell kind: nonlinearity \"sigmoid\" for an rnn, expected \"tanh\" or \"relu\"", Error);
  CHECK_THROWS_WITH_AS(parse_cell_kind("gru", "relu"),
                       "cell kind: nonlinearity \"relu\" for gru, expected \"tanh\" (only an rnn can use \"relu\")",
                       Error);
  CHECK_THROWS_WITH_AS(parse_cell_kind_name("RNN_TANH"),
                       "cell kind: \"RNN_TANH\", expected \"rnn_tanh\", \"rnn_relu\", \"lstm\" or \"gru\"", Error);
}
