// Reading the PyTorch fixtures in tests/fixtures and comparing tensors against them.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "core/tensor.h"
#include "io/json.h"
#include "nn/module.h"

namespace rnnlab::testing {

// Parses RNNLAB_SOURCE_DIR "/tests/fixtures/" + relative_path. A missing or malformed file throws an error
// naming the file (and how the fixtures are made).
json::Value load_fixture(std::string_view relative_path);

// The tensor in obj[key]; `path` names obj in error messages ("cases[3]"). A null or missing tensor is an error.
Tensor fixture_tensor(const json::Value& obj, std::string_view key, std::string_view path = {});
// The same for a nullable field (h0, c0 and their gradients): null gives an empty optional.
std::optional<Tensor> fixture_optional_tensor(const json::Value& obj, std::string_view key,
                                              std::string_view path = {});

// Copies every tensor of `params` (an object keyed by state_dict name, as the fixtures write it) into the
// module's parameter of that name. The names, their order and the shapes must match the module's exactly.
void load_fixture_params(Module& module, const json::Value& params, std::string_view path = "params");

// The comparison behind check_close, without asserting: ok when the shapes are equal and
// max |actual - expected| <= atol (a NaN is never ok). `message` says what differs, where, and both values.
struct CloseReport {
  bool ok = true;
  float max_abs_diff = 0.0f;  // infinity for a shape mismatch or a NaN
  std::string message;        // empty when ok
};
CloseReport compare_close(const Tensor& actual, const Tensor& expected, float atol, std::string_view what);

// Asserts (a doctest CHECK, reported at the caller's file and line) that the shapes are equal and that
// max |actual - expected| <= atol. A failure prints `what`, the largest difference, where it is and both values.
// Returns the largest difference (infinity for a shape mismatch or a NaN).
// (file and line default to the caller's: __builtin_FILE/LINE, which GCC and Clang 14 have, where
// std::source_location needs Clang 15 with libstdc++.)
float check_close(const Tensor& actual, const Tensor& expected, float atol, std::string_view what,
                  const char* file = __builtin_FILE(), int line = __builtin_LINE());

}  // namespace rnnlab::testing
