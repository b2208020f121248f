// RNNCell (torch.nn.RNNCell): h' = act(x W_ih^T + b_ih + h W_hh^T + b_hh), act = tanh or relu.
#pragma once
#include <string_view>

#include "nn/cells.h"

namespace rnnlab {

class RNNCell : public RecurrentCell {
 public:
  // nonlinearity "tanh" or "relu".
  RNNCell(int64_t input_size, int64_t hidden_size, bool bias, std::string_view nonlinearity, Rng& rng);
  RNNCell(int64_t input_size, int64_t hidden_size, Rng& rng) : RNNCell(input_size, hidden_size, true, "tanh", rng) {}

  // x (B, I), h (B, H) or undefined for zeros -> h' (B, H). Binds the parameters on every call: over a
  // sequence, bind_params once and call step().
  Var forward(Tape& tape, Var x, Var h = {}) const { return step(bind_params(tape, *this), x, h); }
  Var step(const CellParams& p, Var x, Var h) const;
};

}  // namespace rnnlab
