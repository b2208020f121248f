#include "nn/cells.h"

#include "core/ops_linalg.h"
#include "core/ops_pointwise.h"
#include "nn/init.h"

namespace rnnlab {

RecurrentCell::RecurrentCell(const char* name, CellKind kind, int64_t input_size, int64_t hidden_size, bool bias,
                             Rng& rng)
    : name_(name), kind_(kind), input_size_(input_size), hidden_size_(hidden_size) {
  check(input_size >= 1, name, ": input_size is ", input_size, ", expected >= 1");
  check(hidden_size >= 1, name, ": hidden_size is ", hidden_size, ", expected >= 1");
  const int64_t gates = gate_count(kind) * hidden_size;
  weight_ih_ = &register_parameter("weight_ih", Shape{gates, input_size});
  weight_hh_ = &register_parameter("weight_hh", Shape{gates, hidden_size});
  if (bias) {
    bias_ih_ = &register_parameter("bias_ih", Shape{gates});
    bias_hh_ = &register_parameter("bias_hh", Shape{gates});
  }
  for (Parameter* p : parameters()) init_recurrent(p->value, hidden_size, rng);
}

int64_t RecurrentCell::check_input(Var x) const {
  check(x.defined(), name_, ": input is undefined");
  const Shape& sx = x.shape();
  check(sx.rank() == 2, name_, ": input has shape ", sx, ", expected (batch, input_size) = (B, ", input_size_, ")");
  check(sx[1] == input_size_, name_, ": input has ", sx[1], " features, expected input_size ", input_size_);
  return sx[0];
}

Var RecurrentCell::state_or_zeros(Var state, Var x, int64_t batch, const char* what) const {
  if (!state.defined()) return x.tape->constant(Tensor(Shape{batch, hidden_size_}));
  const Shape& s = state.shape();
  check(s == Shape{batch, hidden_size_}, name_, ": ", what, " has shape ", s, ", expected (batch, hidden_size) = [",
        batch, ", ", hidden_size_, "]");
  return state;
}

// (B, I) x (G*H, I)^T + (G*H) -> (B, G*H)
Var RecurrentCell::input_projection(const CellParams& p, Var x) const {
  Var y = matmul(x, p.weight_ih, /*transpose_b=*/true);
  return p.bias_ih.defined() ? add(y, p.bias_ih) : y;
}

// (B, H) x (G*H, H)^T + (G*H) -> (B, G*H)
Var RecurrentCell::hidden_projection(const CellParams& p, Var h) const {
  Var y = matmul(h, p.weight_hh, /*transpose_b=*/true);
  return p.bias_hh.defined() ? add(y, p.bias_hh) : y;
}

CellParams bind_params(Tape& tape, const RecurrentCell& cell) {
  CellParams p;
  p.weight_ih = tape.param(cell.weight_ih());
  p.weight_hh = tape.param(cell.weight_hh());
  if (cell.has_bias()) {
    p.bias_ih = tape.param(*cell.bias_ih());
    p.bias_hh = tape.param(*cell.bias_hh());
  }
  return p;
}

}  // namespace rnnlab
