// GRU steps, forward and backward (torch's gate order r, z, n):
//   r = sigmoid(x W_ir^T + b_ir + h W_hr^T + b_hr)      z = sigmoid(x W_iz^T + b_iz + h W_hz^T + b_hz)
//   n = tanh(x W_in^T + b_in + r * (h W_hn^T + b_hn))    h_t = (1 - z) * n + z * h_{t-1}
// b_hn stays inside r * (...), which is why GRU keeps b_hh out of the input projection and adds it per step.
#include "nn/recurrent_kernels.h"

namespace rnnlab::recurrent {

void gru_steps_forward(const LayerBuffers& b) {
  const int64_t B = b.batch, H = b.hidden;
  const ConstMatrixMap w_hh(b.w_hh, 3 * H, H);           // (3H, H)
  MatrixMap hidden_part(b.step_scratch, B, 3 * H);       // (B, 3H) h_{t-1} W_hh^T + b_hh
  for (int64_t s = 0; s < b.steps; ++s) {
    const int64_t t = b.forward_time(s);
    const ConstMatrixMap h_prev(b.states + (t + prev_offset(b.reverse)) * B * H, B, H);  // (B, H)
    MatrixMap h(b.states + (t + next_offset(b.reverse)) * B * H, B, H);                  // (B, H)
    MatrixMap gates(b.gates + t * B * 3 * H, B, 3 * H);  // (B, 3H), holds the input projection
    MatrixMap hidden_n(b.hidden_n + t * B * H, B, H);    // (B, H)
    hidden_part.noalias() = h_prev * w_hh.transpose();   // (B, H) x (H, 3H)
    if (b.b_hh) hidden_part.rowwise() += ConstMatrixMap(b.b_hh, 1, 3 * H).row(0);
    auto rz = gates.leftCols(2 * H).array();
    auto r = gates.middleCols(0, H).array();
    auto z = gates.middleCols(H, H).array();
    auto n = gates.middleCols(2 * H, H).array();
    rz = (rz + hidden_part.leftCols(2 * H).array()).logistic();
    hidden_n = hidden_part.rightCols(H);
    n = (n + r * hidden_n.array()).tanh();
    h.array() = n + z * (h_prev.array() - n);
  }
}

// Per step, with dh = dL/dh_t:
//   dn = dh (1 - z)    dz = dh (h_{t-1} - n)    dh_{t-1} = dh z + (the hidden side's gradient) W_hh
//   dpre_n = dn (1 - n^2)    dpre_z = dz z (1 - z)    dr = dpre_n hidden_n    dpre_r = dr r (1 - r)
// The input side sees [dpre_r, dpre_z, dpre_n]; the hidden side [dpre_r, dpre_z, dpre_n * r].
void gru_steps_backward(const LayerBuffers& b) {
  const int64_t B = b.batch, H = b.hidden;
  const ConstMatrixMap w_hh(b.w_hh, 3 * H, H);  // (3H, H)
  MatrixMap dh_carry(b.dh_carry, B, H);         // (B, H)
  for (int64_t s = 0; s < b.steps; ++s) {
    const int64_t t = b.backward_time(s);
    const ConstMatrixMap h_prev(b.states + (t + prev_offset(b.reverse)) * B * H, B, H);  // (B, H)
    const ConstMatrixMap gates(b.gates + t * B * 3 * H, B, 3 * H);                      // (B, 3H)
    const ConstMatrixMap hidden_n(b.hidden_n + t * B * H, B, H);                        // (B, H)
    const ConstMatrixMap d_out(b.d_output + t * B * H, B, H);                           // (B, H)
    MatrixMap dh(b.dh + t * B * H, B, H);                                               // (B, H)
    MatrixMap d_in(b.d_gates + t * B * 3 * H, B, 3 * H);                                // (B, 3H)
    MatrixMap d_hid(b.d_gates_hidden + t * B * 3 * H, B, 3 * H);                        // (B, 3H)
    const auto r = gates.middleCols(0, H).array();
    const auto z = gates.middleCols(H, H).array();
    const auto n = gates.middleCols(2 * H, H).array();
    dh = d_out + dh_carry;
    auto d_pre_r = d_in.middleCols(0, H).array();
    auto d_pre_z = d_in.middleCols(H, H).array();
    auto d_pre_n = d_in.middleCols(2 * H, H).array();
    d_pre_n = dh.array() * (1.0f - z) * (1.0f - n.square());
    d_pre_z = dh.array() * (h_prev.array() - n) * z * (1.0f - z);
    d_pre_r = d_pre_n * hidden_n.array() * r * (1.0f - r);
    d_hid.leftCols(2 * H) = d_in.leftCols(2 * H);
    d_hid.rightCols(H).array() = d_pre_n * r;
    dh_carry.array() = dh.array() * z;
    dh_carry.noalias() += d_hid * w_hh;  // (B, 3H) x (3H, H)
  }
}

}  // namespace rnnlab::recurrent
