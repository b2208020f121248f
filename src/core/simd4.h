// Four float lanes under one spelling: WebAssembly SIMD (wasm_simd128.h) under em++ -msimd128, SSE2 natively,
// plain scalar otherwise. The product uses the hand kernels built on it only in the wasm build (simd_gemm.h,
// simd_lstm_gates.h); natively they compile with SSE2 so the native suite tests the same code against Eigen.
// Why four hand lanes and not Eigen in wasm: docs/wasm-simd.md.
//
// - min/max are the "pseudo" forms pmin(a, b) = b < a ? b : a and pmax(a, b) = a < b ? b : a: one x86
//   minps/maxps in V8, and a NaN value passes through (pmin(NaN, hi) = NaN).
// - no fused multiply-add: relaxed SIMD does not work on Emscripten 3.1.6 + Node 20, and plain SIMD has no fma.
//   madd(a, b, c) = a * b + c is two instructions and two roundings.
#pragma once

#include <cstdint>
#include <cstring>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#define SIMD4_BACKEND "wasm_simd128"
#elif defined(__SSE2__)
#include <emmintrin.h>
#define SIMD4_BACKEND "sse2"
#else
#define SIMD4_BACKEND "scalar"
#endif

// Loop hints for the size budget of the .wasm (clang: Emscripten); other compilers (GCC natively, where these
// kernels run in the tests) take the loops as they are.
#if defined(__clang__)
#define SIMD4_NO_UNROLL _Pragma("clang loop unroll(disable)")
#define SIMD4_PLAIN_LOOP _Pragma("clang loop vectorize(disable) unroll(disable)")
#else
#define SIMD4_NO_UNROLL
#define SIMD4_PLAIN_LOOP
#endif

namespace rnnlab::simd4 {

#if defined(__wasm_simd128__)

using f32x4 = v128_t;
inline f32x4 load(const float* p) { return wasm_v128_load(p); }
inline void store(float* p, f32x4 v) { wasm_v128_store(p, v); }
inline f32x4 splat(float x) { return wasm_f32x4_splat(x); }
// splat(*p) as one v128.load32_splat (a broadcast load in V8, no shuffle).
inline f32x4 splat_load(const float* p) { return wasm_v128_load32_splat(p); }
inline f32x4 add(f32x4 a, f32x4 b) { return wasm_f32x4_add(a, b); }
inline f32x4 sub(f32x4 a, f32x4 b) { return wasm_f32x4_sub(a, b); }
inline f32x4 mul(f32x4 a, f32x4 b) { return wasm_f32x4_mul(a, b); }
inline f32x4 div(f32x4 a, f32x4 b) { return wasm_f32x4_div(a, b); }
inline f32x4 pmin(f32x4 a, f32x4 b) { return wasm_f32x4_pmin(a, b); }
inline f32x4 pmax(f32x4 a, f32x4 b) { return wasm_f32x4_pmax(a, b); }
// Round to nearest integer (ties to even), as a float. Exact for |x| < 2^23.
inline f32x4 round_nearest(f32x4 x) { return wasm_f32x4_nearest(x); }
// 2^n for integral n in [-126, 127] given as floats: build the exponent bits directly.
inline f32x4 exp2_int(f32x4 n) {
  return wasm_i32x4_shl(wasm_i32x4_add(wasm_i32x4_trunc_sat_f32x4(n), wasm_i32x4_splat(127)), 23);
}
// Lane masks: less(a, b) is all ones where a < b (false for NaN); select(mask, a, b) = mask ? a : b per lane.
inline f32x4 less(f32x4 a, f32x4 b) { return wasm_f32x4_lt(a, b); }
inline f32x4 select(f32x4 mask, f32x4 a, f32x4 b) { return wasm_v128_bitselect(a, b, mask); }
inline f32x4 abs(f32x4 a) { return wasm_f32x4_abs(a); }
inline float lane0(f32x4 v) { return wasm_f32x4_extract_lane(v, 0); }
// {sum(a), sum(b), sum(c), sum(d)}: four horizontal sums with one transpose.
inline f32x4 hsum4(f32x4 a, f32x4 b, f32x4 c, f32x4 d) {
  f32x4 ab = wasm_f32x4_add(wasm_i32x4_shuffle(a, b, 0, 4, 1, 5), wasm_i32x4_shuffle(a, b, 2, 6, 3, 7));
  f32x4 cd = wasm_f32x4_add(wasm_i32x4_shuffle(c, d, 0, 4, 1, 5), wasm_i32x4_shuffle(c, d, 2, 6, 3, 7));
  return wasm_f32x4_add(wasm_i32x4_shuffle(ab, cd, 0, 1, 4, 5), wasm_i32x4_shuffle(ab, cd, 2, 3, 6, 7));
}
// Stores the 4 x 4 block with rows a, b, c, d transposed: p[0..3] = {a0, b0, c0, d0}, p[4..7] = {a1, b1, c1, d1}, ...
inline void transpose4_store(float* p, f32x4 a, f32x4 b, f32x4 c, f32x4 d) {
  const f32x4 ab_lo = wasm_i32x4_shuffle(a, b, 0, 4, 1, 5), cd_lo = wasm_i32x4_shuffle(c, d, 0, 4, 1, 5);
  const f32x4 ab_hi = wasm_i32x4_shuffle(a, b, 2, 6, 3, 7), cd_hi = wasm_i32x4_shuffle(c, d, 2, 6, 3, 7);
  wasm_v128_store(p, wasm_i32x4_shuffle(ab_lo, cd_lo, 0, 1, 4, 5));
  wasm_v128_store(p + 4, wasm_i32x4_shuffle(ab_lo, cd_lo, 2, 3, 6, 7));
  wasm_v128_store(p + 8, wasm_i32x4_shuffle(ab_hi, cd_hi, 0, 1, 4, 5));
  wasm_v128_store(p + 12, wasm_i32x4_shuffle(ab_hi, cd_hi, 2, 3, 6, 7));
}
inline float hsum(f32x4 a) {
  f32x4 s = wasm_f32x4_add(a, wasm_i32x4_shuffle(a, a, 2, 3, 0, 1));
  s = wasm_f32x4_add(s, wasm_i32x4_shuffle(s, s, 1, 0, 3, 2));
  return wasm_f32x4_extract_lane(s, 0);
}

#elif defined(__SSE2__)

using f32x4 = __m128;
inline f32x4 load(const float* p) { return _mm_loadu_ps(p); }
inline void store(float* p, f32x4 v) { _mm_storeu_ps(p, v); }
inline f32x4 splat(float x) { return _mm_set1_ps(x); }
inline f32x4 splat_load(const float* p) { return _mm_load1_ps(p); }
inline f32x4 add(f32x4 a, f32x4 b) { return _mm_add_ps(a, b); }
inline f32x4 sub(f32x4 a, f32x4 b) { return _mm_sub_ps(a, b); }
inline f32x4 mul(f32x4 a, f32x4 b) { return _mm_mul_ps(a, b); }
inline f32x4 div(f32x4 a, f32x4 b) { return _mm_div_ps(a, b); }
// minps(x, y) = x < y ? x : y, so pmin(a, b) = b < a ? b : a = minps(b, a); likewise for max.
inline f32x4 pmin(f32x4 a, f32x4 b) { return _mm_min_ps(b, a); }
inline f32x4 pmax(f32x4 a, f32x4 b) { return _mm_max_ps(b, a); }
inline f32x4 round_nearest(f32x4 x) { return _mm_cvtepi32_ps(_mm_cvtps_epi32(x)); }
inline f32x4 exp2_int(f32x4 n) {
  return _mm_castsi128_ps(_mm_slli_epi32(_mm_add_epi32(_mm_cvttps_epi32(n), _mm_set1_epi32(127)), 23));
}
inline f32x4 less(f32x4 a, f32x4 b) { return _mm_cmplt_ps(a, b); }
inline f32x4 select(f32x4 mask, f32x4 a, f32x4 b) { return _mm_or_ps(_mm_and_ps(mask, a), _mm_andnot_ps(mask, b)); }
inline f32x4 abs(f32x4 a) { return _mm_andnot_ps(_mm_set1_ps(-0.0f), a); }
inline float lane0(f32x4 v) { return _mm_cvtss_f32(v); }
inline f32x4 hsum4(f32x4 a, f32x4 b, f32x4 c, f32x4 d) {
  f32x4 ab = _mm_add_ps(_mm_unpacklo_ps(a, b), _mm_unpackhi_ps(a, b));
  f32x4 cd = _mm_add_ps(_mm_unpacklo_ps(c, d), _mm_unpackhi_ps(c, d));
  return _mm_add_ps(_mm_movelh_ps(ab, cd), _mm_movehl_ps(cd, ab));
}
inline void transpose4_store(float* p, f32x4 a, f32x4 b, f32x4 c, f32x4 d) {
  _MM_TRANSPOSE4_PS(a, b, c, d);
  _mm_storeu_ps(p, a); _mm_storeu_ps(p + 4, b); _mm_storeu_ps(p + 8, c); _mm_storeu_ps(p + 12, d);
}
inline float hsum(f32x4 a) {
  f32x4 s = _mm_add_ps(a, _mm_movehl_ps(a, a));
  s = _mm_add_ss(s, _mm_shuffle_ps(s, s, 1));
  return _mm_cvtss_f32(s);
}

#else

struct f32x4 {
  float v[4];
};
inline f32x4 load(const float* p) { f32x4 r; std::memcpy(r.v, p, sizeof r.v); return r; }
inline void store(float* p, f32x4 a) { std::memcpy(p, a.v, sizeof a.v); }
inline f32x4 splat(float x) { return {{x, x, x, x}}; }
inline f32x4 splat_load(const float* p) { return splat(*p); }
#define SIMD4_LANEWISE(name, expr)                                   \
  inline f32x4 name(f32x4 a, f32x4 b) {                              \
    f32x4 r;                                                         \
    for (int i = 0; i < 4; ++i) { float x = a.v[i], y = b.v[i]; r.v[i] = (expr); } \
    return r;                                                        \
  }
SIMD4_LANEWISE(add, x + y)
SIMD4_LANEWISE(sub, x - y)
SIMD4_LANEWISE(mul, x * y)
SIMD4_LANEWISE(div, x / y)
SIMD4_LANEWISE(pmin, y < x ? y : x)
SIMD4_LANEWISE(pmax, x < y ? y : x)
#undef SIMD4_LANEWISE
inline f32x4 round_nearest(f32x4 a) {
  f32x4 r;
  for (int i = 0; i < 4; ++i) r.v[i] = __builtin_nearbyintf(a.v[i]);
  return r;
}
inline f32x4 exp2_int(f32x4 n) {
  f32x4 r;
  for (int i = 0; i < 4; ++i) {
    std::uint32_t bits = static_cast<std::uint32_t>(static_cast<std::int32_t>(n.v[i]) + 127) << 23;
    std::memcpy(&r.v[i], &bits, sizeof bits);
  }
  return r;
}
inline f32x4 less(f32x4 a, f32x4 b) {
  f32x4 r;
  for (int i = 0; i < 4; ++i) {
    const std::uint32_t bits = a.v[i] < b.v[i] ? 0xffffffffu : 0u;
    std::memcpy(&r.v[i], &bits, sizeof bits);
  }
  return r;
}
inline f32x4 select(f32x4 mask, f32x4 a, f32x4 b) {
  f32x4 r;
  for (int i = 0; i < 4; ++i) {
    std::uint32_t m, x, y;
    std::memcpy(&m, &mask.v[i], 4); std::memcpy(&x, &a.v[i], 4); std::memcpy(&y, &b.v[i], 4);
    const std::uint32_t bits = (m & x) | (~m & y);
    std::memcpy(&r.v[i], &bits, 4);
  }
  return r;
}
inline f32x4 abs(f32x4 a) {
  f32x4 r;
  for (int i = 0; i < 4; ++i) r.v[i] = __builtin_fabsf(a.v[i]);
  return r;
}
inline float lane0(f32x4 v) { return v.v[0]; }
inline float hsum(f32x4 a) { return (a.v[0] + a.v[2]) + (a.v[1] + a.v[3]); }
inline f32x4 hsum4(f32x4 a, f32x4 b, f32x4 c, f32x4 d) { return {{hsum(a), hsum(b), hsum(c), hsum(d)}}; }
inline void transpose4_store(float* p, f32x4 a, f32x4 b, f32x4 c, f32x4 d) {
  for (int i = 0; i < 4; ++i) {
    p[4 * i] = a.v[i]; p[4 * i + 1] = b.v[i]; p[4 * i + 2] = c.v[i]; p[4 * i + 3] = d.v[i];
  }
}

#endif

inline f32x4 madd(f32x4 a, f32x4 b, f32x4 c) { return add(mul(a, b), c); }

}  // namespace rnnlab::simd4
