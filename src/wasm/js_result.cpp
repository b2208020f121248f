#include "wasm/js_result.h"

#include "wasm/js_config.h"

namespace rnnlab::wasm {

emscripten::val js_error(const std::string& message) {
  std::string key;
  const std::string text = message_with_js_keys(message, key);
  emscripten::val error = emscripten::val::global("Error").new_(text);
  error.set("rnnlab", true);
  if (!key.empty()) error.set("key", key);
  return error;
}

}  // namespace rnnlab::wasm
