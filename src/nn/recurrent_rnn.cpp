// Elman RNN steps, forward and backward:  h_t = act(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh),  act = tanh | relu.
#include "nn/recurrent_kernels.h"

namespace rnnlab::recurrent {

void rnn_steps_forward(const LayerBuffers& b, bool relu) {
  const int64_t B = b.batch, H = b.hidden;
  const ConstMatrixMap w_hh(b.w_hh, H, H);  // (H, H)
  for (int64_t s = 0; s < b.steps; ++s) {
    const int64_t t = b.forward_time(s);
    const ConstMatrixMap h_prev(b.states + (t + prev_offset(b.reverse)) * B * H, B, H);  // (B, H)
    MatrixMap h(b.states + (t + next_offset(b.reverse)) * B * H, B, H);  // (B, H), holds the input projection
    h.noalias() += h_prev * w_hh.transpose();                             // (B, H) x (H, H)
    if (relu)
      h.array() = h.array().max(0.0f);
    else
      h.array() = h.array().tanh();
  }
}

// dL/dpre_t = dh_t * act'(h_t), with act' read from the output: tanh' = 1 - h^2, relu' = [h > 0].
void rnn_steps_backward(const LayerBuffers& b, bool relu) {
  const int64_t B = b.batch, H = b.hidden;
  const ConstMatrixMap w_hh(b.w_hh, H, H);     // (H, H)
  MatrixMap dh_carry(b.dh_carry, B, H);        // (B, H) dL/dh_t arriving from step t+1 (or from h_n)
  for (int64_t s = 0; s < b.steps; ++s) {
    const int64_t t = b.backward_time(s);
    const ConstMatrixMap h(b.states + (t + next_offset(b.reverse)) * B * H, B, H);  // (B, H)
    const ConstMatrixMap d_out(b.d_output + t * B * H, B, H);                    // (B, H)
    MatrixMap dh(b.dh + t * B * H, B, H);                                        // (B, H)
    MatrixMap d_pre(b.d_gates + t * B * H, B, H);                                // (B, H)
    dh = d_out + dh_carry;
    if (relu)
      d_pre.array() = (h.array() > 0.0f).select(dh.array(), 0.0f);
    else
      d_pre.array() = dh.array() * (1.0f - h.array().square());
    dh_carry.noalias() = d_pre * w_hh;  // (B, H) x (H, H)
  }
}

}  // namespace rnnlab::recurrent
