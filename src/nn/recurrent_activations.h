// The activations of the fused recurrent steps, as plain inline arithmetic so that a step's whole element-wise
// loop (gates, cell update, output) compiles to one vectorized loop natively and under WebAssembly SIMD.
// (Eigen's packet tanh falls back to a function call per element for rows shorter than a packet, which made
// the activations of a 10-unit layer cost as much as its matrix product.)
#pragma once

namespace rnnlab::recurrent {

// tanh as Eigen 3.4's rational approximation (generic_fast_tanh_float): a 13th-order odd polynomial over a
// 6th-order even one on [-7.9988, 7.9988], where it reaches +-1 in float; within a few ulp everywhere.
inline float rational_tanh(float x) {
  constexpr float clamp = 7.99881172180175781f;
  const float small = x < 0.0f ? -x : x;
  float y = x < clamp ? x : clamp;
  y = y > -clamp ? y : -clamp;
  const float y2 = y * y;
  float p = y2 * -2.76076847742355e-16f + 2.00018790482477e-13f;
  p = y2 * p + -8.60467152213735e-11f;
  p = y2 * p + 5.12229709037114e-08f;
  p = y2 * p + 1.48572235717979e-05f;
  p = y2 * p + 6.37261928875436e-04f;
  p = y2 * p + 4.89352455891786e-03f;
  p = y * p;
  float q = y2 * 1.19825839466702e-06f + 1.18534705686654e-04f;
  q = y2 * q + 2.26843463243900e-03f;
  q = y2 * q + 4.89352518554385e-03f;
  return small < 0.0004f ? x : p / q;  // tanh(x) = x to float precision near 0
}

// sigmoid(x) = (1 + tanh(x / 2)) / 2: exact as an identity, so its error is half tanh's (absolute, < 1e-7).
inline float rational_sigmoid(float x) { return 0.5f + 0.5f * rational_tanh(0.5f * x); }

}  // namespace rnnlab::recurrent
