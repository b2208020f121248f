#include "nn/lstm_cell.h"

#include "core/ops_pointwise.h"
#include "core/ops_shape.h"

namespace rnnlab {

LSTMCell::LSTMCell(int64_t input_size, int64_t hidden_size, bool bias, Rng& rng)
    : RecurrentCell("LSTMCell", CellKind::Lstm, input_size, hidden_size, bias, rng) {}

LstmState LSTMCell::step(const CellParams& p, Var x, Var h, Var c) const {
  const int64_t batch = check_input(x);
  // torch takes the state as one optional pair: half a state is a caller's mistake, not a request for zeros.
  check(h.defined() == c.defined(), "LSTMCell: h is ", h.defined() ? "given" : "undefined", " and c is ",
        c.defined() ? "given" : "undefined", ", expected both or neither");
  h = state_or_zeros(h, x, batch, "hidden state h");
  c = state_or_zeros(c, x, batch, "cell state c");

  Var gates = add(input_projection(p, x), hidden_projection(p, h));  // (B, 4H)
  std::vector<Var> ifgo = chunk(gates, 4, 1);                        // 4 x (B, H)
  Var i = sigmoid(ifgo[0]);
  Var f = sigmoid(ifgo[1]);
  Var g = tanh(ifgo[2]);
  Var o = sigmoid(ifgo[3]);
  Var c_next = add(mul(f, c), mul(i, g));  // (B, H)
  Var h_next = mul(o, tanh(c_next));       // (B, H)
  return {h_next, c_next};
}

}  // namespace rnnlab
