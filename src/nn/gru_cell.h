// GRUCell (torch.nn.GRUCell). Gates stacked r, z, n in the rows of weight_ih / weight_hh:
//   r = sigmoid(W_ir x + b_ir + W_hr h + b_hr)
//   z = sigmoid(W_iz x + b_iz + W_hz h + b_hz)
//   n = tanh(W_in x + b_in + r * (W_hn h + b_hn))     (r gates the hidden projection, bias included)
//   h' = (1 - z) * n + z * h
#pragma once
#include "nn/cells.h"

namespace rnnlab {

class GRUCell : public RecurrentCell {
 public:
  GRUCell(int64_t input_size, int64_t hidden_size, bool bias, Rng& rng);
  GRUCell(int64_t input_size, int64_t hidden_size, Rng& rng) : GRUCell(input_size, hidden_size, true, rng) {}

  // x (B, I), h (B, H) or undefined for zeros -> h' (B, H).
  Var forward(Tape& tape, Var x, Var h = {}) const { return step(bind_params(tape, *this), x, h); }
  Var step(const CellParams& p, Var x, Var h) const;
};

}  // namespace rnnlab
