/* Force-included (-include eigen_wasm_sse.h) in WebAssembly builds that map Eigen's SSE path onto wasm SIMD.
 *
 * Why: clang reports itself as GCC 4.2 (__GNUC__ == 4, __GNUC_MINOR__ == 2), so Eigen 3.4.0 sets
 * EIGEN_COMP_GNUC to 42 and, in the SSE packet math (pmin/pmax), picks x86 inline asm written for old GCC, which
 * cannot be assembled for wasm32. Redefining EIGEN_COMP_GNUC to 63 (any value >= 63 works) after Eigen's
 * Macros.h has computed it makes Eigen take the intrinsic path (_mm_min_ps / _mm_max_ps), which Emscripten maps
 * onto wasm SIMD. Macros.h has an include guard, so Eigen's later includes of it keep our value.
 */
#pragma once
#if defined(__EMSCRIPTEN__) && defined(__cplusplus)
#include <Eigen/src/Core/util/Macros.h>
#undef EIGEN_COMP_GNUC
#define EIGEN_COMP_GNUC 63
#endif
