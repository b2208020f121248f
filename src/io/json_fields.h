// Reading fields of a parsed document, with errors that name the field path.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "io/json_value.h"

namespace rnnlab::json {

// `path` is the path of `obj` ("tensors.rnn.weight_ih_l0"); members are named path + "." + key.

// The path of member `key` of the value at `path`: "path.key", or "key" alone when `path` is empty.
std::string member_path(std::string_view path, std::string_view key);
// The path of element `index` of the array at `path`: "path[index]".
std::string element_path(std::string_view path, std::size_t index);

// The member `key` of `obj`; SchemaError "<path>: missing field \"key\"" if absent, TypeError if `obj` is
// not an object.
const Value& require(const Value& obj, std::string_view key, std::string_view path);
const Value& require_object(const Value& obj, std::string_view key, std::string_view path);
const Value& require_array(const Value& obj, std::string_view key, std::string_view path);
double require_number(const Value& obj, std::string_view key, std::string_view path);
// A whole number in [lo, hi]: "<path>.key: value 2.5 is not an integer", "...: value 9 is outside [0, 4]".
std::int64_t require_int(const Value& obj, std::string_view key, std::string_view path, std::int64_t lo,
                         std::int64_t hi);
bool require_bool(const Value& obj, std::string_view key, std::string_view path);
// A view into `obj`: valid while `obj` lives.
std::string_view require_string(const Value& obj, std::string_view key, std::string_view path);

// Replaces `out` with the numbers of the array `arr` as float32. Every element must be a number that is
// finite as a float32 ("<path>[17]: value 1e39 is not a finite float32"); on error `out` is untouched.
void read_float_array(const Value& arr, std::string_view path, std::vector<float>& out);

}  // namespace rnnlab::json
