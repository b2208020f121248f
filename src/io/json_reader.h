// Reading JSON text: RFC 8259 to the letter: no comments, no trailing commas, no NaN/Infinity, no leading
// zeros, valid UTF-8 only, duplicate keys rejected. Any input either parses or throws ParseError; nothing
// recurses deeper than ParseLimits::max_depth or reads outside the given text (the reader is fuzzed).
// Number text is converted by io::decimal_to_double (float_format.h).
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string_view>

#include "io/json_value.h"

namespace rnnlab::json {

// The text is not JSON. what() is "JSON parse error at line L, column C: <what was expected>".
// Lines and columns count from 1; a column counts bytes, a line ends at '\n'.
class ParseError : public std::runtime_error {
 public:
  ParseError(std::size_t line, std::size_t column, std::string_view reason);
  std::size_t line() const noexcept { return line_; }
  std::size_t column() const noexcept { return column_; }

 private:
  std::size_t line_;
  std::size_t column_;
};

struct ParseLimits {
  // Arrays and objects nested deeper than this are an error. The reader, dump and ~Value recurse once per
  // level (about 130 bytes of stack per level in a wasm -O2 build), so parse() refuses limits above
  // kMaxDepth: that keeps even a 64 KB wasm stack safe.
  int max_depth = 64;
  std::size_t max_input_bytes = std::size_t{64} << 20;

  static constexpr int kMaxDepth = 256;
};

// Parses one JSON document; whitespace may surround it, nothing else. Throws ParseError.
// Throws std::invalid_argument if limits.max_depth is outside [0, ParseLimits::kMaxDepth].
Value parse(std::string_view text, const ParseLimits& limits = {});

}  // namespace rnnlab::json
