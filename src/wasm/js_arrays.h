// Copies out of wasm memory into JS-owned typed arrays. Nothing here returns a view of the heap: views turn
// into zero-length arrays once the memory grows (-sALLOW_MEMORY_GROWTH), so every array is a fresh copy.
#pragma once
#include <emscripten/val.h>

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string_view>
#include <vector>

#include "core/tensor.h"

namespace rnnlab::wasm {

emscripten::val float32_copy(std::span<const float> values);
emscripten::val float64_copy(std::span<const double> values);
emscripten::val int32_copy(std::span<const int32_t> values);
emscripten::val uint8_copy(std::span<const uint8_t> values);

// Copies into wasm memory: a JS Uint8Array / Float32Array of at most `max` elements (type and length checked
// first, so nothing is allocated for a wrong argument); messages name `what` and the limit.
std::vector<uint8_t> uint8_from_js(const emscripten::val& array, std::string_view what, size_t max);
std::vector<float> float32_from_js(const emscripten::val& array, std::string_view what, size_t max);

// [d0, d1, ...] as a JS array of numbers.
emscripten::val shape_array(std::initializer_list<int64_t> dims);
emscripten::val shape_array(const Shape& shape);

// {data: Float32Array, shape: number[]}: `values` read as a row-major tensor of `dims`.
emscripten::val tensor_copy(std::span<const float> values, std::initializer_list<int64_t> dims);
emscripten::val tensor_copy(const Tensor& tensor);

}  // namespace rnnlab::wasm
