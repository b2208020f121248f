// LSTM steps, forward and backward (torch's gate order i, f, g, o):
//   [i f g o] = [sigmoid sigmoid tanh sigmoid](x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh)
//   c_t = f * c_{t-1} + i * g,   h_t = o * tanh(c_t)
#include "nn/recurrent_kernels.h"

namespace rnnlab::recurrent {

void lstm_steps_forward(const LayerBuffers& b) {
  const int64_t B = b.batch, H = b.hidden;
  const ConstMatrixMap w_hh(b.w_hh, 4 * H, H);  // (4H, H)
  for (int64_t s = 0; s < b.steps; ++s) {
    const int64_t t = b.forward_time(s);
    const int64_t prev = (t + prev_offset(b.reverse)) * B * H, next = (t + next_offset(b.reverse)) * B * H;
    const ConstMatrixMap h_prev(b.states + prev, B, H);  // (B, H)
    const ConstMatrixMap c_prev(b.cells + prev, B, H);   // (B, H)
    MatrixMap h(b.states + next, B, H);                  // (B, H)
    MatrixMap c(b.cells + next, B, H);                   // (B, H)
    MatrixMap tanh_c(b.tanh_cell + t * B * H, B, H);     // (B, H)
    MatrixMap gates(b.gates + t * B * 4 * H, B, 4 * H);  // (B, 4H), holds the input projection
    gates.noalias() += h_prev * w_hh.transpose();        // (B, H) x (H, 4H)
    auto i = gates.middleCols(0, H).array();
    auto f = gates.middleCols(H, H).array();
    auto g = gates.middleCols(2 * H, H).array();
    auto o = gates.middleCols(3 * H, H).array();
    gates.leftCols(2 * H).array() = gates.leftCols(2 * H).array().logistic();  // i, f
    g = g.tanh();
    o = o.logistic();
    c.array() = f * c_prev.array() + i * g;
    tanh_c.array() = c.array().tanh();
    h.array() = o * tanh_c.array();
  }
}

// Per step, with dh = dL/dh_t and dc arriving from step t+1:
//   do = dh tanh(c)    dc += dh o (1 - tanh(c)^2)    di = dc g    dg = dc i    df = dc c_{t-1}    dc_{t-1} = dc f
// and each gate's derivative through its activation: sigmoid' = s (1 - s), tanh' = 1 - g^2.
void lstm_steps_backward(const LayerBuffers& b) {
  const int64_t B = b.batch, H = b.hidden;
  const ConstMatrixMap w_hh(b.w_hh, 4 * H, H);  // (4H, H)
  MatrixMap dh_carry(b.dh_carry, B, H);         // (B, H)
  MatrixMap dc(b.dc_carry, B, H);               // (B, H) dL/dc_t, then dL/dc_{t-1}
  for (int64_t s = 0; s < b.steps; ++s) {
    const int64_t t = b.backward_time(s);
    const ConstMatrixMap c_prev(b.cells + (t + prev_offset(b.reverse)) * B * H, B, H);  // (B, H)
    const ConstMatrixMap tanh_c(b.tanh_cell + t * B * H, B, H);                        // (B, H)
    const ConstMatrixMap gates(b.gates + t * B * 4 * H, B, 4 * H);                     // (B, 4H)
    const ConstMatrixMap d_out(b.d_output + t * B * H, B, H);                          // (B, H)
    MatrixMap dh(b.dh + t * B * H, B, H);                                              // (B, H)
    MatrixMap d_gates(b.d_gates + t * B * 4 * H, B, 4 * H);                            // (B, 4H)
    const auto i = gates.middleCols(0, H).array();
    const auto f = gates.middleCols(H, H).array();
    const auto g = gates.middleCols(2 * H, H).array();
    const auto o = gates.middleCols(3 * H, H).array();
    dh = d_out + dh_carry;
    dc.array() += dh.array() * o * (1.0f - tanh_c.array().square());
    d_gates.middleCols(0, H).array() = dc.array() * g * i * (1.0f - i);
    d_gates.middleCols(H, H).array() = dc.array() * c_prev.array() * f * (1.0f - f);
    d_gates.middleCols(2 * H, H).array() = dc.array() * i * (1.0f - g.square());
    d_gates.middleCols(3 * H, H).array() = dh.array() * tanh_c.array() * o * (1.0f - o);
    dc.array() *= f;
    dh_carry.noalias() = d_gates * w_hh;  // (B, 4H) x (4H, H)
  }
}

}  // namespace rnnlab::recurrent
