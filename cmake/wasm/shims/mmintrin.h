/* Empty stand-in for <mmintrin.h> (MMX) in WebAssembly builds.
 *
 * Why: Eigen's SSE path includes <mmintrin.h>. Emscripten 3.1.6 ships SSE..SSE4.2 emulation headers
 * (xmmintrin.h, emmintrin.h, smmintrin.h, ... mapped onto wasm SIMD) but no mmintrin.h, so clang's own x86
 * header is found instead and fails to compile for wasm32. Eigen uses no MMX, so an empty header is enough.
 * This directory must come first on the include path (-I before the system dirs) and only in wasm builds.
 */
#pragma once
