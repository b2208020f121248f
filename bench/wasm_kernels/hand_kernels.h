// hand_kernels.h: the kernels of a fused recurrent layer written with simd4.h (four float lanes).
//
// Two small matrix products cover every product of the layer (all matrices column-major, leading dimensions
// explicit; a row-major (R x C) buffer is the same memory as a column-major (C x R) one):
//   gemm_nn: C (M x N) (+)= A (M x K) * B, A column-major, B(k, n) = b[k * b_k + n * b_n]
//            vectorised along M ("axpy form": a column of A times a broadcast scalar of B)
//   gemm_tn: C (M x N) (+)= A^T B with A (K x M), B (K x N) column-major: C(m, n) = dot(A col m, B col n)
//            vectorised along K ("dot form", four horizontal sums share one transpose)
// and the element-wise gate math of LSTM and tanh-RNN, forward and backward.
//
// Register budget: V8 on x86-64 has 16 vector registers; blocks are sized to stay below that (8 accumulators).
#pragma once

#include <algorithm>
#include <cstddef>

#include "core/simd_gemm.h"
#include "fast_math.h"
#include "simd4.h"

namespace hand {

using simd4::f32x4;

// The two products and their helpers are the product's own (src/core/simd_gemm.h, which started here): the
// experiments time exactly the code the wasm build ships.
using rnnlab::simd::dot;
using rnnlab::simd::gemm_nn;
using rnnlab::simd::gemm_nn_panel;
using rnnlab::simd::gemm_tn;
using rnnlab::simd::gemv_nn_streaming;

// out = x + y over n floats.
inline void add_vectors(int n, const float* x, const float* y, float* out) {
  using namespace simd4;
  int k = 0;
  for (; k + 4 <= n; k += 4) store(out + k, add(load(x + k), load(y + k)));
  for (; k < n; ++k) out[k] = x[k] + y[k];
}

// Input projection of one-hot inputs: a column gather instead of a product.
// W (G x V, col-major), bias (G), token (TB) -> out (G x TB, col-major) = W[:, token[t]] + bias.
inline void gather_columns_plus_bias(int G, int TB, const float* W, const float* bias, const int* token, float* out) {
  for (int t = 0; t < TB; ++t) add_vectors(G, W + std::ptrdiff_t(token[t]) * G, bias, out + std::ptrdiff_t(t) * G);
}

// y = f(x) over n floats (y may alias x), the tail padded into a full vector so that it gets the same values
// as the body.
template <class F>
inline void map(int n, const float* x, float* y, F f) {
  using namespace simd4;
  int k = 0;
  for (; k + 4 <= n; k += 4) store(y + k, f(load(x + k)));
  if (k < n) {
    alignas(16) float t[4] = {0, 0, 0, 0};
    for (int j = 0; j < 4 && k + j < n; ++j) t[j] = x[k + j];
    store(t, f(load(t)));
    for (int j = 0; j < 4 && k + j < n; ++j) y[k + j] = t[j];
  }
}

// LSTM gate math for one step, PyTorch gate order i, f, g, o. Outputs may alias inputs element for element
// (pre == act is fine: the activations overwrite the pre-activations).
//   pre     (B, 4H) pre-activations x W_ih^T + h W_hh^T + biases
//   act     (B, 4H) out: activations i, f, g, o (kept for backward)
//   c_prev  (B, H), c (B, H) out, tanh_c (B, H) out (kept for backward), h (B, H) out
inline void lstm_gates_forward(int B, int H, const float* pre, float* act, const float* c_prev, float* c,
                               float* tanh_c, float* h) {
  using namespace simd4;
  for (int b = 0; b < B; ++b) {
    const float* pi = pre + std::ptrdiff_t(b) * 4 * H;
    const float* pf = pi + H;
    const float* pg = pf + H;
    const float* po = pg + H;
    float* i_ = act + std::ptrdiff_t(b) * 4 * H;
    float* f_ = i_ + H;
    float* g_ = f_ + H;
    float* o_ = g_ + H;
    const std::ptrdiff_t r = std::ptrdiff_t(b) * H;
    int j = 0;
    for (; j + 4 <= H; j += 4) {
      const f32x4 i = fast_math::sigmoid(load(pi + j)), f = fast_math::sigmoid(load(pf + j));
      const f32x4 g = fast_math::tanh(load(pg + j)), o = fast_math::sigmoid(load(po + j));
      const f32x4 cn = madd(f, load(c_prev + r + j), mul(i, g));
      const f32x4 tc = fast_math::tanh(cn);
      store(i_ + j, i); store(f_ + j, f); store(g_ + j, g); store(o_ + j, o);
      store(c + r + j, cn); store(tanh_c + r + j, tc); store(h + r + j, mul(o, tc));
    }
    for (; j < H; ++j) {
      const float i = fast_math::sigmoid(pi[j]), f = fast_math::sigmoid(pf[j]);
      const float g = fast_math::tanh(pg[j]), o = fast_math::sigmoid(po[j]);
      const float cn = f * c_prev[r + j] + i * g;
      const float tc = fast_math::tanh(cn);
      i_[j] = i; f_[j] = f; g_[j] = g; o_[j] = o;
      c[r + j] = cn; tanh_c[r + j] = tc; h[r + j] = o * tc;
    }
  }
}

// Backward of lstm_gates_forward for one step (dc_prev may alias dc_next).
//   gates (B, 4H) activations i, f, g, o from forward; c_prev, tanh_c (B, H) from forward
//   dh (B, H): dL/dh_t (from the layer above plus the recurrence)
//   dc_next (B, H): dL/dc_t arriving from step t+1;  dc_prev (B, H) out: dL/dc_{t-1}
//   dgates (B, 4H) out: dL/d pre-activations
inline void lstm_gates_backward(int B, int H, const float* gates, const float* c_prev, const float* tanh_c,
                                const float* dh, const float* dc_next, float* dc_prev, float* dgates) {
  using namespace simd4;
  const f32x4 one = splat(1.0f);
  for (int b = 0; b < B; ++b) {
    const float* i_ = gates + std::ptrdiff_t(b) * 4 * H;
    const float* f_ = i_ + H;
    const float* g_ = f_ + H;
    const float* o_ = g_ + H;
    float* di_ = dgates + std::ptrdiff_t(b) * 4 * H;
    float* df_ = di_ + H;
    float* dg_ = df_ + H;
    float* do_ = dg_ + H;
    const std::ptrdiff_t r = std::ptrdiff_t(b) * H;
    int j = 0;
    for (; j + 4 <= H; j += 4) {
      const f32x4 i = load(i_ + j), f = load(f_ + j), g = load(g_ + j), o = load(o_ + j);
      const f32x4 tc = load(tanh_c + r + j), d_h = load(dh + r + j);
      const f32x4 d_c = madd(mul(d_h, o), sub(one, mul(tc, tc)), load(dc_next + r + j));
      store(dc_prev + r + j, mul(d_c, f));
      store(di_ + j, mul(mul(d_c, g), mul(i, sub(one, i))));
      store(df_ + j, mul(mul(d_c, load(c_prev + r + j)), mul(f, sub(one, f))));
      store(dg_ + j, mul(mul(d_c, i), sub(one, mul(g, g))));
      store(do_ + j, mul(mul(d_h, tc), mul(o, sub(one, o))));
    }
    for (; j < H; ++j) {
      const float i = i_[j], f = f_[j], g = g_[j], o = o_[j], tc = tanh_c[r + j], d_h = dh[r + j];
      const float d_c = d_h * o * (1 - tc * tc) + dc_next[r + j];
      dc_prev[r + j] = d_c * f;
      di_[j] = d_c * g * (i * (1 - i));
      df_[j] = d_c * c_prev[r + j] * (f * (1 - f));
      dg_[j] = d_c * i * (1 - g * g);
      do_[j] = d_h * tc * (o * (1 - o));
    }
  }
}

// tanh-RNN step over n = B * H floats: h = tanh(pre) (h may alias pre); backward dpre = dh * (1 - h^2).
inline void rnn_tanh_forward(int n, const float* pre, float* h) {
  map(n, pre, h, [](f32x4 v) { return fast_math::tanh(v); });
}

inline void rnn_tanh_backward(int n, const float* h, const float* dh, float* dpre) {
  using namespace simd4;
  const f32x4 one = splat(1.0f);
  int k = 0;
  for (; k + 4 <= n; k += 4) {
    const f32x4 hv = load(h + k);
    store(dpre + k, mul(load(dh + k), sub(one, mul(hv, hv))));
  }
  for (; k < n; ++k) dpre[k] = dh[k] * (1 - h[k] * h[k]);
}

}  // namespace hand
