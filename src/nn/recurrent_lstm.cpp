// LSTM steps, forward and backward (torch's gate order i, f, g, o):
//   [i f g o] = [sigmoid sigmoid tanh sigmoid](x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh)
//   c_t = f * c_{t-1} + i * g,   h_t = o * tanh(c_t)
#include "nn/recurrent_activations.h"
#include "nn/recurrent_kernels.h"

#if defined(__wasm_simd128__)
#include "nn/simd_lstm_gates.h"
#endif

namespace rnnlab::recurrent {

namespace {

#if !defined(__wasm_simd128__)  // the wasm build runs simd_lstm_gates.h's four-lane rows instead
// One batch row of a step: the gate blocks are activated in place, then c and h. Separate restrict pointers
// (rather than offsets into one row) let the compiler vectorize the loop.
void lstm_row_forward(float* __restrict i, float* __restrict f, float* __restrict g, float* __restrict o,
                      const float* __restrict c_prev, float* __restrict c, float* __restrict tanh_c,
                      float* __restrict h, int64_t H) {
  for (int64_t j = 0; j < H; ++j) {
    i[j] = rational_sigmoid(i[j]);
    f[j] = rational_sigmoid(f[j]);
    g[j] = rational_tanh(g[j]);
    o[j] = rational_sigmoid(o[j]);
    c[j] = f[j] * c_prev[j] + i[j] * g[j];
    tanh_c[j] = rational_tanh(c[j]);
    h[j] = o[j] * tanh_c[j];
  }
}
#endif

}  // namespace

void lstm_steps_forward(const LayerBuffers& b) {
  const int64_t B = b.batch, H = b.hidden;
  StepProducts products(b, 4 * H, false);
  for (int64_t s = 0; s < b.steps; ++s) {
    const int64_t t = b.forward_time(s);
    const int64_t prev = (t + prev_offset(b.reverse)) * B * H, next = (t + next_offset(b.reverse)) * B * H;
    float* gates = b.gates + t * B * 4 * H;                                // (B, 4H), holds the input projection
    products.add_hidden_projection(b.states + prev, gates);  // += (B, H) x (H, 4H)
    for (int64_t row = 0; row < B; ++row) {
      float* g = gates + row * 4 * H;  // (4H) one row: i | f | g | o
      const int64_t k0 = row * H;
#if defined(__wasm_simd128__)
      simd::lstm_row_forward(g, g + H, g + 2 * H, g + 3 * H, b.cells + prev + k0, b.cells + next + k0,
                             b.tanh_cell + t * B * H + k0, b.states + next + k0, H);
#else
      lstm_row_forward(g, g + H, g + 2 * H, g + 3 * H, b.cells + prev + k0, b.cells + next + k0,
                       b.tanh_cell + t * B * H + k0, b.states + next + k0, H);
#endif
    }
  }
}

namespace {

// One batch row of a backward step, with dh = dL/dh_t and dc arriving from step t+1:
//   do = dh tanh(c)    dc += dh o (1 - tanh(c)^2)    di = dc g    dg = dc i    df = dc c_{t-1}    dc_{t-1} = dc f
// then each gate's derivative through its activation (sigmoid' = s (1 - s), tanh' = 1 - g^2). The step adds
// dh_{t-1} = dgates W_hh once all rows are done.

void lstm_row_backward(const float* __restrict i, const float* __restrict f, const float* __restrict g,
                       const float* __restrict o, const float* __restrict c_prev, const float* __restrict tanh_c,
                       const float* __restrict d_out, float* __restrict dh, float* __restrict dh_carry,
                       float* __restrict dc_carry, float* __restrict di, float* __restrict df, float* __restrict dg,
                       float* __restrict d_o, int64_t H) {
  for (int64_t j = 0; j < H; ++j) {
    const float dh_t = d_out[j] + dh_carry[j];
    const float dc = dc_carry[j] + dh_t * o[j] * (1.0f - tanh_c[j] * tanh_c[j]);
    dh[j] = dh_t;
    di[j] = dc * g[j] * i[j] * (1.0f - i[j]);
    df[j] = dc * c_prev[j] * f[j] * (1.0f - f[j]);
    dg[j] = dc * i[j] * (1.0f - g[j] * g[j]);
    d_o[j] = dh_t * tanh_c[j] * o[j] * (1.0f - o[j]);
    dc_carry[j] = dc * f[j];
    dh_carry[j] = 0.0f;  // refilled with dgates W_hh after the row loop
  }
}

}  // namespace

void lstm_steps_backward(const LayerBuffers& b) {
  const int64_t B = b.batch, H = b.hidden;
  StepProducts products(b, 4 * H, true);
  for (int64_t s = 0; s < b.steps; ++s) {
    const int64_t t = b.backward_time(s);
    float* d_gates = b.d_gates + t * B * 4 * H;  // (B, 4H)
    for (int64_t row = 0; row < B; ++row) {
      const int64_t k0 = row * H;
      const float* g = b.gates + t * B * 4 * H + row * 4 * H;  // (4H) i | f | g | o
      float* dg = d_gates + row * 4 * H;                       // (4H)
      lstm_row_backward(g, g + H, g + 2 * H, g + 3 * H, b.cells + (t + prev_offset(b.reverse)) * B * H + k0,
                        b.tanh_cell + t * B * H + k0, b.d_output + t * B * H + k0, b.dh + t * B * H + k0,
                        b.dh_carry + k0, b.dc_carry + k0, dg, dg + H, dg + 2 * H, dg + 3 * H, H);
    }
    products.add_hidden_gradient(d_gates, b.dh_carry);  // (B, 4H) x (4H, H)
  }
}

}  // namespace rnnlab::recurrent
