#include "wasm/js_arrays.h"

#include <emscripten/val.h>

#include "core/error.h"

namespace rnnlab::wasm {
namespace {

using emscripten::val;

// `new Type(n)`, then one memcpy-like set() from a view taken right before it: nothing can allocate (and so
// grow the heap) between taking the view and using it.
template <class T>
val typed_copy(const char* type, std::span<const T> values) {
  val out = val::global(type).new_(values.size());
  if (!values.empty()) out.call<void>("set", val(emscripten::typed_memory_view(values.size(), values.data())));
  return out;
}

template <class T>
std::vector<T> typed_from_js(const val& array, const char* type, std::string_view what, size_t max) {
  check(array.instanceof(val::global(type)), what, ": expected a ", type);
  const auto n = array["length"].as<size_t>();
  check(n <= max, what, ": ", n, " elements, expected at most ", max);
  std::vector<T> out(n);
  if (n > 0) val(emscripten::typed_memory_view(n, out.data())).call<void>("set", array);
  return out;
}

}  // namespace

std::vector<uint8_t> uint8_from_js(const val& array, std::string_view what, size_t max) {
  return typed_from_js<uint8_t>(array, "Uint8Array", what, max);
}
std::vector<float> float32_from_js(const val& array, std::string_view what, size_t max) {
  return typed_from_js<float>(array, "Float32Array", what, max);
}

val float32_copy(std::span<const float> values) { return typed_copy("Float32Array", values); }
val float64_copy(std::span<const double> values) { return typed_copy("Float64Array", values); }
val int32_copy(std::span<const int32_t> values) { return typed_copy("Int32Array", values); }
val uint8_copy(std::span<const uint8_t> values) { return typed_copy("Uint8Array", values); }

val shape_array(std::initializer_list<int64_t> dims) {
  val out = val::array();
  for (int64_t d : dims) out.call<void>("push", static_cast<double>(d));
  return out;
}

val shape_array(const Shape& shape) {
  val out = val::array();
  for (int i = 0; i < shape.rank(); ++i) out.call<void>("push", static_cast<double>(shape[i]));
  return out;
}

val tensor_copy(std::span<const float> values, std::initializer_list<int64_t> dims) {
  int64_t n = 1;
  for (int64_t d : dims) n *= d;
  check(n == static_cast<int64_t>(values.size()), "tensor_copy: ", values.size(), " values for ", n, " elements");
  val out = val::object();
  out.set("data", float32_copy(values));
  out.set("shape", shape_array(dims));
  return out;
}

val tensor_copy(const Tensor& tensor) {
  val out = val::object();
  out.set("data", float32_copy({tensor.data(), static_cast<size_t>(tensor.numel())}));
  out.set("shape", shape_array(tensor.shape()));
  return out;
}

}  // namespace rnnlab::wasm
