#include "io/tensor_json.h"

#include <string>
#include <vector>

namespace rnnlab {
Tensor tensor_from_json(const json::Value& value, std::string_view path) {
  const std::string where = path.empty() ? std::string("tensor") : std::string(path);
  if (!value.is_object())
    throw json::TypeError(where + ": expected an object {\"shape\": [..], \"data\": [..]}, got " +
                          json::type_name(value.type()));
  for (const json::Value::Member& m : value.as_object())
    if (m.key != "shape" && m.key != "data")
      throw json::SchemaError(where + ": unexpected field \"" + m.key + "\", a tensor has only \"shape\" and \"data\"");

  const std::string shape_path = json::member_path(where, "shape");
  const json::Value::Array& dims = json::require_array(value, "shape", where).as_array();
  if (dims.size() > static_cast<size_t>(Shape::kMaxRank))
    throw json::SchemaError(shape_path + ": rank " + std::to_string(dims.size()) + " exceeds the maximum " +
                            std::to_string(Shape::kMaxRank));
  Shape shape;
  int64_t count = 1;
  for (size_t i = 0; i < dims.size(); ++i) {
    const int64_t d = dims[i].as_int(json::element_path(shape_path, i), 0, Shape::kMaxElements);
    count *= d;  // each factor <= 2^28 and the running product is checked below, so this cannot overflow
    if (count > Shape::kMaxElements)
      throw json::SchemaError(shape_path + ": more than " + std::to_string(Shape::kMaxElements) + " elements");
    shape.push(d);
  }

  const std::string data_path = json::member_path(where, "data");
  const json::Value& data = json::require_array(value, "data", where);
  if (static_cast<int64_t>(data.size()) != count) {
    throw json::SchemaError(
        message(data_path, ": got ", data.size(), " numbers, expected ", count, " for shape ", shape));
  }
  std::vector<float> values;
  json::read_float_array(data, data_path, values);
  return Tensor(shape, std::move(values));
}

void write_tensor_json(json::Writer& writer, const Tensor& t) {
  writer.begin_object().key("shape").begin_array();
  for (int i = 0; i < t.rank(); ++i) writer.number(static_cast<double>(t.dim(i)));
  writer.end_array().key("data").float32_array(t.data(), static_cast<size_t>(t.numel())).end_object();
}

}  // namespace rnnlab
