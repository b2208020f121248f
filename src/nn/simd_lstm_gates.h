// The LSTM step's element-wise math (recurrent_lstm.cpp's lstm_row_forward / lstm_row_backward) on four lanes
// (simd4.h), for the wasm build. The same operations in the same order as the scalar rows, with the same rational
// tanh (recurrent_activations.h), so under WebAssembly (no fused multiply-add, IEEE division) every lane gets
// the scalar code's bits; only the speed differs (docs/wasm-simd.md, "kept per kernel").
#pragma once
#include <cstdint>

#include "nn/recurrent_activations.h"
#include "nn/simd4.h"

namespace rnnlab::simd {

using simd4::f32x4;

// rational_tanh on four lanes, comparisons and selects included (a NaN takes the scalar code's branches).
inline f32x4 rational_tanh4(f32x4 x) {
  using namespace simd4;
  const f32x4 clamp = splat(7.99881172180175781f), neg_clamp = splat(-7.99881172180175781f);
  f32x4 y = select(less(x, clamp), x, clamp);
  y = select(less(neg_clamp, y), y, neg_clamp);
  const f32x4 y2 = mul(y, y);
  f32x4 p = add(mul(y2, splat(-2.76076847742355e-16f)), splat(2.00018790482477e-13f));
  p = add(mul(y2, p), splat(-8.60467152213735e-11f));
  p = add(mul(y2, p), splat(5.12229709037114e-08f));
  p = add(mul(y2, p), splat(1.48572235717979e-05f));
  p = add(mul(y2, p), splat(6.37261928875436e-04f));
  p = add(mul(y2, p), splat(4.89352455891786e-03f));
  p = mul(y, p);
  f32x4 q = add(mul(y2, splat(1.19825839466702e-06f)), splat(1.18534705686654e-04f));
  q = add(mul(y2, q), splat(2.26843463243900e-03f));
  q = add(mul(y2, q), splat(4.89352518554385e-03f));
  return select(less(abs(x), splat(0.0004f)), x, div(p, q));
}

inline f32x4 rational_sigmoid4(f32x4 x) {
  using namespace simd4;
  const f32x4 half = splat(0.5f);
  return add(half, mul(half, rational_tanh4(mul(half, x))));
}

// One batch row of an LSTM step forward: gate blocks activated in place, then c and h (see recurrent_lstm.cpp).
inline void lstm_row_forward(float* i, float* f, float* g, float* o, const float* c_prev, float* c, float* tanh_c,
                             float* h, int64_t H) {
  using namespace simd4;
  int64_t j = 0;
  for (; j + 4 <= H; j += 4) {
    const f32x4 iv = rational_sigmoid4(load(i + j)), fv = rational_sigmoid4(load(f + j));
    const f32x4 gv = rational_tanh4(load(g + j)), ov = rational_sigmoid4(load(o + j));
    const f32x4 cv = add(mul(fv, load(c_prev + j)), mul(iv, gv));
    const f32x4 tc = rational_tanh4(cv);
    store(i + j, iv); store(f + j, fv); store(g + j, gv); store(o + j, ov);
    store(c + j, cv); store(tanh_c + j, tc); store(h + j, mul(ov, tc));
  }
  for (; j < H; ++j) {
    i[j] = recurrent::rational_sigmoid(i[j]);
    f[j] = recurrent::rational_sigmoid(f[j]);
    g[j] = recurrent::rational_tanh(g[j]);
    o[j] = recurrent::rational_sigmoid(o[j]);
    c[j] = f[j] * c_prev[j] + i[j] * g[j];
    tanh_c[j] = recurrent::rational_tanh(c[j]);
    h[j] = o[j] * tanh_c[j];
  }
}

// One batch row of an LSTM step backward (see recurrent_lstm.cpp for the formulas).
inline void lstm_row_backward(const float* i, const float* f, const float* g, const float* o, const float* c_prev,
                              const float* tanh_c, const float* d_out, float* dh, float* dh_carry, float* dc_carry,
                              float* di, float* df, float* dg, float* d_o, int64_t H) {
  using namespace simd4;
  const f32x4 one = splat(1.0f), zero = splat(0.0f);
  int64_t j = 0;
  for (; j + 4 <= H; j += 4) {
    const f32x4 iv = load(i + j), fv = load(f + j), gv = load(g + j), ov = load(o + j), tc = load(tanh_c + j);
    const f32x4 dh_t = add(load(d_out + j), load(dh_carry + j));
    const f32x4 dc = add(load(dc_carry + j), mul(mul(dh_t, ov), sub(one, mul(tc, tc))));
    store(dh + j, dh_t);
    store(di + j, mul(mul(mul(dc, gv), iv), sub(one, iv)));
    store(df + j, mul(mul(mul(dc, load(c_prev + j)), fv), sub(one, fv)));
    store(dg + j, mul(mul(dc, iv), sub(one, mul(gv, gv))));
    store(d_o + j, mul(mul(mul(dh_t, tc), ov), sub(one, ov)));
    store(dc_carry + j, mul(dc, fv));
    store(dh_carry + j, zero);
  }
  for (; j < H; ++j) {
    const float dh_t = d_out[j] + dh_carry[j];
    const float dc = dc_carry[j] + dh_t * o[j] * (1.0f - tanh_c[j] * tanh_c[j]);
    dh[j] = dh_t;
    di[j] = dc * g[j] * i[j] * (1.0f - i[j]);
    df[j] = dc * c_prev[j] * f[j] * (1.0f - f[j]);
    dg[j] = dc * i[j] * (1.0f - g[j] * g[j]);
    d_o[j] = dh_t * tanh_c[j] * o[j] * (1.0f - o[j]);
    dc_carry[j] = dc * f[j];
    dh_carry[j] = 0.0f;
  }
}

}  // namespace rnnlab::simd
