// fast_math.h: tanh, sigmoid and exp on four float lanes (simd4.h), for the recurrent gates.
//
// Why our own: Eigen 3.4.0 has no wasm packet math; its SSE path mapped onto wasm SIMD turns the float->int
// conversion in pexp into lane-by-lane scalar code (Emscripten 3.1.6 emulates _mm_cvtps_epi32), and the scalar
// std::tanh / std::exp of musl are slow. The accuracy of these functions is measured by kernels.cpp
// (section "accuracy") against double-precision std::tanh / std::exp over [-20, 20].
//
// NaN in -> NaN out for all three (the clamps use pmin/pmax with the value first, see simd4.h).
#pragma once

#include "simd4.h"

namespace fast_math {

using simd4::f32x4;

// tanh(x) as an odd rational function p(x) / q(x) (degree 13 / 6) on the clamp [-7.9053, 7.9053], beyond which
// tanh rounds to +-1 in float. Coefficients: Eigen 3.4 generic_fast_tanh_float (MPL2), same as XLA's.
inline f32x4 tanh(f32x4 x) {
  using namespace simd4;
  const f32x4 bound = splat(7.90531110763549805f);
  x = pmax(pmin(x, bound), splat(-7.90531110763549805f));
  const f32x4 x2 = mul(x, x);
  f32x4 p = splat(-2.76076847742355e-16f);
  p = madd(p, x2, splat(2.00018790482477e-13f));
  p = madd(p, x2, splat(-8.60467152213735e-11f));
  p = madd(p, x2, splat(5.12229709037114e-08f));
  p = madd(p, x2, splat(1.48572235717979e-05f));
  p = madd(p, x2, splat(6.37261928875436e-04f));
  p = madd(p, x2, splat(4.89352455891786e-03f));
  p = mul(p, x);
  f32x4 q = splat(1.19825839466702e-06f);
  q = madd(q, x2, splat(1.18534705686654e-04f));
  q = madd(q, x2, splat(2.26843463243900e-03f));
  q = madd(q, x2, splat(4.89352518554385e-03f));
  return div(p, q);
}

// exp(x) by range reduction x = n ln2 + r, |r| <= ln2 / 2, a degree-6 polynomial for exp(r) (Cephes expf) and
// 2^n built in the exponent bits. The clamp keeps 2^n a normal float: results saturate near 1e-38 / 1.65e38.
inline f32x4 exp(f32x4 x) {
  using namespace simd4;
  x = pmax(pmin(x, splat(88.0f)), splat(-87.3f));
  const f32x4 n = round_nearest(mul(x, splat(1.44269504088896341f)));
  // ln2 split into a part exact in float and a correction, so r = x - n ln2 loses no bits.
  f32x4 r = sub(x, mul(n, splat(0.693359375f)));
  r = sub(r, mul(n, splat(-2.12194440e-4f)));
  f32x4 p = splat(1.9875691500e-4f);
  p = madd(p, r, splat(1.3981999507e-3f));
  p = madd(p, r, splat(8.3334519073e-3f));
  p = madd(p, r, splat(4.1665795894e-2f));
  p = madd(p, r, splat(1.6666665459e-1f));
  p = madd(p, r, splat(5.0000001201e-1f));
  p = madd(p, mul(r, r), add(r, splat(1.0f)));
  return mul(p, exp2_int(n));
}

// sigmoid(x) = 1 / (1 + exp(-x)): keeps a small relative error also where sigmoid is tiny (x << 0).
inline f32x4 sigmoid(f32x4 x) {
  using namespace simd4;
  const f32x4 one = splat(1.0f);
  return div(one, add(one, exp(sub(splat(0.0f), x))));
}

// sigmoid(x) = 0.5 + 0.5 tanh(x / 2): one division fewer, but only a small *absolute* error (about 3e-8);
// kept for the accuracy/speed comparison in kernels.cpp.
inline f32x4 sigmoid_via_tanh(f32x4 x) {
  using namespace simd4;
  const f32x4 half = splat(0.5f);
  return madd(half, fast_math::tanh(mul(half, x)), half);
}

// Scalar forms of the same approximations, for loop tails: a tail element gets exactly the value it would get
// in a full vector.
inline float tanh(float x) { return simd4::lane0(fast_math::tanh(simd4::splat(x))); }
inline float sigmoid(float x) { return simd4::lane0(fast_math::sigmoid(simd4::splat(x))); }

}  // namespace fast_math
