// A monotonic clock in seconds, for the times a task reports (the digits task's seconds per epoch). In the wasm
// build it is the host's performance.now() (emscripten_get_now): std::chrono's steady_clock there links libc's
// clock_gettime and its glue, 2 KB of gzip'd wasm for the same number.
#pragma once

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>
#else
#include <chrono>
#endif

namespace rnnlab {

// Seconds since an arbitrary start; only differences mean anything.
inline double monotonic_seconds() {
#ifdef __EMSCRIPTEN__
  return emscripten_get_now() / 1000.0;
#else
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
#endif
}

}  // namespace rnnlab
