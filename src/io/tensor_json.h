// Tensors as JSON: {"shape": [..], "data": [.. row-major float32 ..]}, the layout of every rnnlab fixture and
// model file (scripts/tensor_json.py writes the same on the torch side).
#pragma once
#include <string_view>

#include "core/tensor.h"
#include "io/json.h"

namespace rnnlab {

// Reads an object with exactly the keys "shape" and "data": rank <= 4, non-negative whole dimensions, as many
// numbers as the shape holds, each finite as a float32. Throws json::SchemaError whose message starts with the
// path of the offending value, e.g. "tensors.rnn.weight_ih_l0.shape[1]: value -1 is outside [0, 268435456]".
Tensor tensor_from_json(const json::Value& value, std::string_view path);

// Writes `t` as {"shape": [..], "data": [..]} with the shortest decimals that read back to the same floats.
void write_tensor_json(json::Writer& writer, const Tensor& t);

}  // namespace rnnlab
