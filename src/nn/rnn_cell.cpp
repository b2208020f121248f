#include "nn/rnn_cell.h"

#include "core/ops_pointwise.h"

namespace rnnlab {
namespace {

CellKind rnn_kind(std::string_view nonlinearity) {
  check(nonlinearity == "tanh" || nonlinearity == "relu", "RNNCell: nonlinearity is \"", nonlinearity,
        "\", expected \"tanh\" or \"relu\"");
  return parse_cell_kind("rnn", nonlinearity);
}

}  // namespace

RNNCell::RNNCell(int64_t input_size, int64_t hidden_size, bool bias, std::string_view nonlinearity, Rng& rng)
    : RecurrentCell("RNNCell", rnn_kind(nonlinearity), input_size, hidden_size, bias, rng) {}

Var RNNCell::step(const CellParams& p, Var x, Var h) const {
  const int64_t batch = check_input(x);
  h = state_or_zeros(h, x, batch, "hidden state");
  Var pre = add(input_projection(p, x), hidden_projection(p, h));  // (B, H)
  return kind() == CellKind::RnnRelu ? relu(pre) : tanh(pre);
}

}  // namespace rnnlab
