// Elman RNN steps, forward and backward:  h_t = act(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh),  act = tanh | relu.
#include "nn/recurrent_activations.h"
#include "nn/recurrent_kernels.h"

namespace rnnlab::recurrent {

void rnn_steps_forward(const LayerBuffers& b, bool relu) {
  const int64_t B = b.batch, H = b.hidden;
  StepProducts products(b, H, false);
  for (int64_t s = 0; s < b.steps; ++s) {
    const int64_t t = b.forward_time(s);
    const float* h_prev = b.states + (t + prev_offset(b.reverse)) * B * H;  // (B, H)
    float* h = b.states + (t + next_offset(b.reverse)) * B * H;             // (B, H), holds the input projection
    products.add_hidden_projection(h_prev, h);  // += (B, H) x (H, H)
    if (relu)
      for (int64_t k = 0; k < B * H; ++k) h[k] = h[k] > 0.0f ? h[k] : 0.0f;
    else
      for (int64_t k = 0; k < B * H; ++k) h[k] = rational_tanh(h[k]);
  }
}

// dpre_t = dh_t * act'(h_t), with act' read from the output: tanh' = 1 - h^2, relu' = [h > 0];
// dh_{t-1} = dpre_t W_hh.
void rnn_steps_backward(const LayerBuffers& b, bool relu) {
  const int64_t B = b.batch, H = b.hidden;
  StepProducts products(b, H, true);
  float* dh_carry = b.dh_carry;  // (B, H) dL/dh_t arriving from step t+1 (or from h_n)
  for (int64_t s = 0; s < b.steps; ++s) {
    const int64_t t = b.backward_time(s);
    const float* h = b.states + (t + next_offset(b.reverse)) * B * H;  // (B, H)
    const float* d_out = b.d_output + t * B * H;                       // (B, H)
    float* dh = b.dh + t * B * H;                                      // (B, H)
    float* d_pre = b.d_gates + t * B * H;                              // (B, H)
    for (int64_t k = 0; k < B * H; ++k) {
      dh[k] = d_out[k] + dh_carry[k];
      d_pre[k] = relu ? (h[k] > 0.0f ? dh[k] : 0.0f) : dh[k] * (1.0f - h[k] * h[k]);
      dh_carry[k] = 0.0f;
    }
    products.add_hidden_gradient(d_pre, dh_carry);  // (B, H) x (H, H)
  }
}

}  // namespace rnnlab::recurrent
