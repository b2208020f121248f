#include "nn/gru_cell.h"

#include "core/ops_pointwise.h"
#include "core/ops_shape.h"

namespace rnnlab {

GRUCell::GRUCell(int64_t input_size, int64_t hidden_size, bool bias, Rng& rng)
    : RecurrentCell("GRUCell", CellKind::Gru, input_size, hidden_size, bias, rng) {}

Var GRUCell::step(const CellParams& p, Var x, Var h) const {
  const int64_t batch = check_input(x);
  h = state_or_zeros(h, x, batch, "hidden state");
  // The projections stay apart: r multiplies only the hidden part of n.
  std::vector<Var> x_rzn = chunk(input_projection(p, x), 3, 1);   // 3 x (B, H)
  std::vector<Var> h_rzn = chunk(hidden_projection(p, h), 3, 1);  // 3 x (B, H)
  Var r = sigmoid(add(x_rzn[0], h_rzn[0]));
  Var z = sigmoid(add(x_rzn[1], h_rzn[1]));
  Var n = tanh(add(x_rzn[2], mul(r, h_rzn[2])));
  // (1 - z) * n + z * h, written n + z * (h - n) so that no constant ones are needed
  return add(n, mul(z, sub(h, n)));
}

}  // namespace rnnlab
