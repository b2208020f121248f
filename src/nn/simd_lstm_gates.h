// The LSTM step's forward element-wise math (recurrent_lstm.cpp's lstm_row_forward) on four lanes (simd4.h), for
// the wasm build: 1.11-1.15x the autovectorized scalar row at W3-W5. (The backward row on four lanes tied with
// the scalar one, 0.96-1.02x, so the product keeps the scalar backward.) The same operations in the same order as the scalar rows, with the same rational
// tanh (recurrent_activations.h), so under WebAssembly (no fused multiply-add, IEEE division) every lane gets
// the scalar code's bits; only the speed differs (docs/wasm-simd.md, "What each kernel runs").
#pragma once
#include <cstdint>

#include "nn/recurrent_activations.h"
#include "core/simd4.h"

namespace rnnlab::simd {

using simd4::f32x4;

// rational_tanh on four lanes, comparisons and selects included (a NaN takes the scalar code's branches). The clamps
// are the scalar code's `x < clamp ? x : clamp` and `y > -clamp ? y : -clamp` as pmin / pmax (one instruction
// each in V8, where less + select is four: 1.35 -> 1.11 ns per element, the same bits for every input, NaN too).
inline f32x4 rational_tanh4(f32x4 x) {
  using namespace simd4;
  const f32x4 clamp = splat(7.99881172180175781f), neg_clamp = splat(-7.99881172180175781f);
  f32x4 y = pmin(clamp, x);      // x < clamp ? x : clamp
  y = pmax(neg_clamp, y);        // -clamp < y ? y : -clamp
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

// An activation of n floats in place, four lanes at a time and the scalar code on the tail. Not inlined: one copy
// per activation serves every gate block.
template <f32x4 (*Lanes)(f32x4), float (*Scalar)(float)>
[[gnu::noinline]] void activate_span(float* p, int64_t n) {
  using namespace simd4;
  int64_t j = 0;
SIMD4_NO_UNROLL
  for (; j + 4 <= n; j += 4) store(p + j, Lanes(load(p + j)));
  for (; j < n; ++j) p[j] = Scalar(p[j]);
}
inline void sigmoid_span(float* p, int64_t n) { activate_span<rational_sigmoid4, recurrent::rational_sigmoid>(p, n); }
inline void tanh_span(float* p, int64_t n) { activate_span<rational_tanh4, recurrent::rational_tanh>(p, n); }

// One batch row of an LSTM step forward: gate blocks activated in place, then c and h (see recurrent_lstm.cpp).
// Each gate block in a pass of its own, then c, tanh(c) and h in one: 1.15x one pass doing all of a unit's five
// activations at once in Chromium (9.4 -> 8.2 ns per unit), whose V8 spilled that loop's registers.
inline void lstm_row_forward(float* i, float* f, float* g, float* o, const float* c_prev, float* c, float* tanh_c,
                             float* h, int64_t H) {
  using namespace simd4;
  sigmoid_span(i, H);
  sigmoid_span(f, H);
  tanh_span(g, H);
  sigmoid_span(o, H);
  int64_t j = 0;
SIMD4_NO_UNROLL
  for (; j + 4 <= H; j += 4) {
    const f32x4 cv = add(mul(load(f + j), load(c_prev + j)), mul(load(i + j), load(g + j)));
    const f32x4 tc = rational_tanh4(cv);
    store(c + j, cv);
    store(tanh_c + j, tc);
    store(h + j, mul(load(o + j), tc));
  }
  for (; j < H; ++j) {
    c[j] = f[j] * c_prev[j] + i[j] * g[j];
    tanh_c[j] = recurrent::rational_tanh(c[j]);
    h[j] = o[j] * tanh_c[j];
  }
}

}  // namespace rnnlab::simd
