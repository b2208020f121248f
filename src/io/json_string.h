// JSON string literals: UTF-8 validation, encoding a code point, quoting. Shared by the reader (which validates
// and decodes strings) and the writer (which quotes them).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace rnnlab::json {

// Bytes a string can hold as they are: printable ASCII other than '"' and '\\'.
inline bool is_plain(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x20 && u < 0x80 && c != '"' && c != '\\';
}

// Length (1..4) of the valid UTF-8 sequence at p, or 0 if the bytes there are not valid UTF-8
// (overlong forms, surrogates, code points above U+10FFFF and truncated sequences are invalid).
std::size_t utf8_sequence_length(const char* p, const char* end);

// Appends the UTF-8 bytes of a code point (at most U+10FFFF, not a surrogate).
void append_utf8(std::string& out, std::uint32_t code_point);

// Appends s as a JSON string literal. Throws std::invalid_argument if s is not valid UTF-8.
void append_quoted(std::string& out, std::string_view s);

}  // namespace rnnlab::json
