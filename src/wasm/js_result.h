// How C++ errors reach JS: every entry point of the binding returns either its value or a JS Error object
// (not thrown) carrying the C++ message; web/src/api/rnnlab.js throws it as an RnnlabError.
//
// Why not throw through emscripten::val: a JS exception unwinds the wasm frames between the throw and the JS
// caller without running their destructors, so every failed call would leak what those frames owned (embind's
// copy of a string argument, the message itself). Returning keeps the heap flat however many calls fail.
#pragma once
#include <emscripten/val.h>

#include <exception>
#include <new>
#include <string>

#include "tasks/config_schema.h"

namespace rnnlab::wasm {

using rnnlab::ConfigError;

// A JS Error with `message` (and `key`, the config key at fault, when there is one). `error.rnnlab = true` tells
// it apart from a value that happens to be an Error.
emscripten::val js_error(const std::string& message, const std::string& key = {});

inline constexpr const char* kOutOfMemoryMessage =
    "out of memory: the wasm memory (256 MB, the page's budget) is full; dispose of trainers no longer needed "
    "or use smaller models";

// Runs `body` (which returns an emscripten::val) and returns its value, or js_error(what()) if it threw.
template <class Body>
emscripten::val value_or_error(Body&& body) {
  std::string message;
  try {
    return body();
  } catch (const ConfigError& e) {
    // Named as the JS object, the URL and the widget spell it.
    return js_error(e.named(e.key().key), std::string(e.key().key));
  } catch (const std::bad_alloc&) {
    // Each config and model file is checked against the budget up front, so this means several trainers
    // together (or a pass the estimate misses) filled the capped wasm memory; the call changed nothing usable.
    message = kOutOfMemoryMessage;
  } catch (const std::exception& e) {
    message = e.what();
  } catch (...) {
    message = "rnnlab: an unexpected C++ exception (not a std::exception)";
  }
  return js_error(message);
}

}  // namespace rnnlab::wasm
