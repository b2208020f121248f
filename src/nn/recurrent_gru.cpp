// GRU steps, forward and backward (torch's gate order r, z, n):
//   r = sigmoid(x W_ir^T + b_ir + h W_hr^T + b_hr)      z = sigmoid(x W_iz^T + b_iz + h W_hz^T + b_hz)
//   n = tanh(x W_in^T + b_in + r * (h W_hn^T + b_hn))    h_t = (1 - z) * n + z * h_{t-1}
// b_hn stays inside r * (...), which is why GRU keeps b_hh out of the input projection and adds it per step.
#include <algorithm>

#include "nn/recurrent_activations.h"
#include "nn/recurrent_kernels.h"

namespace rnnlab::recurrent {

namespace {

// One batch row of a forward step. `g` enters holding the input projection and leaves holding r, z, n;
// `part` is h_{t-1} W_hh^T + b_hh. Separate restrict pointers let the compiler vectorize the loop.
void gru_row_forward(float* __restrict r, float* __restrict z, float* __restrict n, const float* __restrict part_r,
                     const float* __restrict part_z, const float* __restrict part_n, const float* __restrict h_prev,
                     float* __restrict hidden_n, float* __restrict h, int64_t H) {
  for (int64_t j = 0; j < H; ++j) {
    r[j] = rational_sigmoid(r[j] + part_r[j]);
    z[j] = rational_sigmoid(z[j] + part_z[j]);
    n[j] = rational_tanh(n[j] + r[j] * part_n[j]);
    hidden_n[j] = part_n[j];
    h[j] = n[j] + z[j] * (h_prev[j] - n[j]);
  }
}

}  // namespace

void gru_steps_forward(const LayerBuffers& b) {
  const int64_t B = b.batch, H = b.hidden;
  StepProducts products(b, 3 * H, false);
  float* hidden_part = b.step_scratch;  // (B, 3H) h_{t-1} W_hh^T + b_hh
  for (int64_t s = 0; s < b.steps; ++s) {
    const int64_t t = b.forward_time(s);
    const float* h_prev = b.states + (t + prev_offset(b.reverse)) * B * H;  // (B, H)
    float* h = b.states + (t + next_offset(b.reverse)) * B * H;             // (B, H)
    for (int64_t row = 0; row < B; ++row) {
      float* part = hidden_part + row * 3 * H;
      if (b.b_hh)
        std::copy_n(b.b_hh, 3 * H, part);
      else
        std::fill_n(part, 3 * H, 0.0f);
    }
    products.add_hidden_projection(h_prev, hidden_part);  // += (B, H) x (H, 3H)
    for (int64_t row = 0; row < B; ++row) {
      const int64_t k0 = row * H;
      float* g = b.gates + t * B * 3 * H + row * 3 * H;  // (3H) r | z | n
      const float* part = hidden_part + row * 3 * H;     // (3H)
      gru_row_forward(g, g + H, g + 2 * H, part, part + H, part + 2 * H, h_prev + k0, b.hidden_n + t * B * H + k0,
                      h + k0, H);
    }
  }
}

namespace {

// One batch row of a backward step, with dh = dL/dh_t:
//   dn = dh (1 - z)    dz = dh (h_{t-1} - n)    dh_{t-1} = dh z + (the hidden side's gradient) W_hh
//   dpre_n = dn (1 - n^2)    dpre_z = dz z (1 - z)    dr = dpre_n hidden_n    dpre_r = dr r (1 - r)
// The input side sees [dpre_r, dpre_z, dpre_n]; the hidden side [dpre_r, dpre_z, dpre_n * r]. dh_carry leaves
// holding dh z; the step adds the hidden side's gradient times W_hh once all rows are done.
void gru_row_backward(const float* __restrict r, const float* __restrict z, const float* __restrict n,
                      const float* __restrict h_prev, const float* __restrict hidden_n, const float* __restrict d_out,
                      float* __restrict dh, float* __restrict dh_carry, float* __restrict d_in_r,
                      float* __restrict d_in_z, float* __restrict d_in_n, float* __restrict d_hid_r,
                      float* __restrict d_hid_z, float* __restrict d_hid_n, int64_t H) {
  for (int64_t j = 0; j < H; ++j) {
    const float dh_t = d_out[j] + dh_carry[j];
    const float d_pre_n = dh_t * (1.0f - z[j]) * (1.0f - n[j] * n[j]);
    const float d_pre_z = dh_t * (h_prev[j] - n[j]) * z[j] * (1.0f - z[j]);
    const float d_pre_r = d_pre_n * hidden_n[j] * r[j] * (1.0f - r[j]);
    dh[j] = dh_t;
    d_in_r[j] = d_pre_r;
    d_in_z[j] = d_pre_z;
    d_in_n[j] = d_pre_n;
    d_hid_r[j] = d_pre_r;
    d_hid_z[j] = d_pre_z;
    d_hid_n[j] = d_pre_n * r[j];
    dh_carry[j] = dh_t * z[j];
  }
}

}  // namespace

void gru_steps_backward(const LayerBuffers& b) {
  const int64_t B = b.batch, H = b.hidden;
  StepProducts products(b, 3 * H, true);
  for (int64_t s = 0; s < b.steps; ++s) {
    const int64_t t = b.backward_time(s);
    float* d_hid_t = b.d_gates_hidden + t * B * 3 * H;  // (B, 3H)
    for (int64_t row = 0; row < B; ++row) {
      const int64_t k0 = row * H;
      const float* g = b.gates + t * B * 3 * H + row * 3 * H;  // (3H) r | z | n
      float* d_in = b.d_gates + t * B * 3 * H + row * 3 * H;   // (3H)
      float* d_hid = d_hid_t + row * 3 * H;                    // (3H)
      gru_row_backward(g, g + H, g + 2 * H, b.states + (t + prev_offset(b.reverse)) * B * H + k0,
                       b.hidden_n + t * B * H + k0, b.d_output + t * B * H + k0, b.dh + t * B * H + k0,
                       b.dh_carry + k0, d_in, d_in + H, d_in + 2 * H, d_hid, d_hid + H, d_hid + 2 * H, H);
    }
    products.add_hidden_gradient(d_hid_t, b.dh_carry);  // += (B, 3H) x (3H, H)
  }
}

}  // namespace rnnlab::recurrent
