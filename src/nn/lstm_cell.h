// LSTMCell (torch.nn.LSTMCell). Gates stacked i, f, g, o in the rows of weight_ih / weight_hh:
//   i = sigmoid(.), f = sigmoid(.), g = tanh(.), o = sigmoid(.)   from x W_ih^T + b_ih + h W_hh^T + b_hh
//   c' = f * c + i * g,   h' = o * tanh(c')
#pragma once
#include "nn/cells.h"

namespace rnnlab {

struct LstmState {
  Var h;  // (B, H)
  Var c;  // (B, H)
};

class LSTMCell : public RecurrentCell {
 public:
  LSTMCell(int64_t input_size, int64_t hidden_size, bool bias, Rng& rng);
  LSTMCell(int64_t input_size, int64_t hidden_size, Rng& rng) : LSTMCell(input_size, hidden_size, true, rng) {}

  // x (B, I); h, c (B, H), both given or both undefined (zeros) -> {h', c'}.
  LstmState forward(Tape& tape, Var x, Var h = {}, Var c = {}) const { return step(bind_params(tape, *this), x, h, c); }
  LstmState step(const CellParams& p, Var x, Var h, Var c) const;
};

}  // namespace rnnlab
