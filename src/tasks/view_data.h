// What a task shows of itself: named values (numbers, text, arrays, tensors) that the binding turns into a JS
// object without knowing the task. "view" names the page's view that draws it (web/src/views/prediction-views.js).
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/tensor.h"

namespace rnnlab {

struct ViewData {
  // Tensor: {data: Float32Array, shape}; vector<float>: a plain Float32Array.
  using Value = std::variant<double, bool, std::string, std::vector<float>, std::vector<int32_t>,
                             std::vector<uint8_t>, Tensor>;
  std::vector<std::pair<std::string, Value>> fields;

  ViewData& set(std::string name, Value value) {
    fields.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

}  // namespace rnnlab
