// Writing JSON text, from a Value (dump) or streamed (Writer). Numbers are the shortest decimals that read back
// to the same number (io::format_shortest, float_format.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "io/json_value.h"

namespace rnnlab::json {

// JSON text for a value. indent < 0: compact, no whitespace; indent >= 0: one element per line, nested
// elements indented by `indent` more spaces (the layout of Python's json.dumps(indent=n)). Numbers are
// the shortest decimal that reads back to the same double. Throws std::invalid_argument for a NaN or
// infinite number or a string that is not valid UTF-8 (both have no JSON spelling).
std::string dump(const Value& value, int indent = -1);

// Streams JSON text into a string without building a Value: the way to write large float arrays.
//   Writer w;  w.begin_object().key("shape").begin_array().number(2).number(3).end_array()
//               .key("data").float32_array(data, 6).end_object();  std::string text = w.take();
// Misuse (a value in an object without a key, an unbalanced end_*, a second top-level value) throws
// std::logic_error; a NaN/infinite number or invalid UTF-8 throws std::invalid_argument.
class Writer {
 public:
  explicit Writer(int indent = -1) : indent_(indent) {}

  Writer& begin_object();
  Writer& end_object();
  Writer& begin_array();
  Writer& end_array();
  Writer& key(std::string_view name);

  Writer& null();
  Writer& boolean(bool b);
  Writer& number(double x);   // shortest decimal that reads back to the same double
  Writer& float32(float x);   // shortest decimal that reads back (via double) to the same float
  Writer& string(std::string_view s);
  Writer& float32_array(const float* data, std::size_t count);  // a whole array of float32 numbers
  Writer& value(const Value& v);

  // True once one complete top-level value has been written.
  bool complete() const noexcept { return complete_; }
  const std::string& str() const noexcept { return out_; }
  // The text so far, leaving the writer empty; throws std::logic_error unless complete().
  std::string take();

 private:
  template <class Real>
  Writer& shortest(Real x);
  void before_value();
  void after_value() noexcept;
  void open(char bracket, std::uint8_t kind);
  void close(char bracket, std::uint8_t kind);
  void newline_and_indent();

  std::string out_;
  std::vector<std::uint8_t> open_;  // per open container: kind bit | has-elements bit
  int indent_;
  bool after_key_ = false;
  bool complete_ = false;
};

}  // namespace rnnlab::json
