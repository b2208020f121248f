#include "wasm/js_result.h"

namespace rnnlab::wasm {

emscripten::val js_error(const std::string& message, const std::string& key) {
  emscripten::val error = emscripten::val::global("Error").new_(message);
  error.set("rnnlab", true);
  if (!key.empty()) error.set("key", key);
  return error;
}

}  // namespace rnnlab::wasm
