#include "io/json_fields.h"

#include <cmath>

#include "io/float_format.h"

namespace rnnlab::json {

std::string member_path(std::string_view path, std::string_view key) {
  std::string s(path);
  if (!s.empty()) s += '.';
  s += key;
  return s;
}

std::string element_path(std::string_view path, std::size_t index) {
  std::string s(path);
  s += '[';
  s += std::to_string(index);
  s += ']';
  return s;
}

const Value& require(const Value& obj, std::string_view key, std::string_view path) {
  if (!obj.is_object()) throw_type_error(path, Value::Type::object, obj.type());
  const Value* value = obj.find(key);
  if (value == nullptr) throw SchemaError(path_prefix(path) + "missing field \"" + std::string(key) + "\"");
  return *value;
}

namespace {
const Value& require_type(const Value& obj, std::string_view key, std::string_view path, Value::Type type) {
  const Value& value = require(obj, key, path);
  if (value.type() != type) throw_type_error(member_path(path, key), type, value.type());
  return value;
}
}  // namespace

const Value& require_object(const Value& obj, std::string_view key, std::string_view path) {
  return require_type(obj, key, path, Value::Type::object);
}

const Value& require_array(const Value& obj, std::string_view key, std::string_view path) {
  return require_type(obj, key, path, Value::Type::array);
}

double require_number(const Value& obj, std::string_view key, std::string_view path) {
  return require_type(obj, key, path, Value::Type::number).as_number();
}

std::int64_t require_int(const Value& obj, std::string_view key, std::string_view path, std::int64_t lo,
                         std::int64_t hi) {
  return require_type(obj, key, path, Value::Type::number).as_int(member_path(path, key), lo, hi);
}

bool require_bool(const Value& obj, std::string_view key, std::string_view path) {
  return require_type(obj, key, path, Value::Type::boolean).as_bool();
}

std::string_view require_string(const Value& obj, std::string_view key, std::string_view path) {
  return require_type(obj, key, path, Value::Type::string).as_string();
}

void read_float_array(const Value& arr, std::string_view path, std::vector<float>& out) {
  // Halfway between FLT_MAX and the next power of two: from here on, double -> float rounds to infinity.
  constexpr double kFloatOverflow = 0x1.ffffffp127;
  const Value::Array& elements = arr.as_array(path);
  // Check everything before touching `out`, so a bad file leaves the caller's data as it was.
  for (std::size_t i = 0; i < elements.size(); ++i) {
    const Value& element = elements[i];
    if (!element.is_number()) throw_type_error(element_path(path, i), Value::Type::number, element.type());
    const double x = element.as_number();
    if (!(std::fabs(x) < kFloatOverflow))
      throw SchemaError(element_path(path, i) + ": value " + io::shortest_text(x) + " is not a finite float32");
  }
  out.resize(elements.size());
  for (std::size_t i = 0; i < elements.size(); ++i) out[i] = static_cast<float>(elements[i].as_number());
}

}  // namespace rnnlab::json
