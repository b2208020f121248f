// Errors a user can read: every check names the argument, the value given and what was expected.
#pragma once
#include <cmath>
#include <concepts>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>

namespace rnnlab {

// Thrown for bad arguments and bad input; the message is meant for the person who gave them.
class Error : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// Message parts are appended as text the way an ostream would print them, without iostreams: in the
// WebAssembly build, libc++'s stream and locale machinery would be a quarter of the module.
inline void append_part(std::string& out, std::string_view part) { out += part; }
inline void append_part(std::string& out, const char* part) { out += part; }
inline void append_part(std::string& out, char part) { out += part; }
template <std::integral T>
  requires(!std::same_as<T, char> && !std::same_as<T, bool>)
void append_part(std::string& out, T part) {
  out += std::to_string(part);
}
inline void append_part(std::string& out, bool part) { out += part ? '1' : '0'; }
// As operator<< prints it (%g, six significant digits); a NaN reads "nan" whatever its sign bit.
inline void append_part(std::string& out, double part) {
  if (std::isnan(part)) {
    out += "nan";
    return;
  }
  char text[32];
  std::snprintf(text, sizeof text, "%g", part);
  out += text;
}
inline void append_part(std::string& out, float part) { append_part(out, static_cast<double>(part)); }

// Joins parts into one string: message("got ", 3, ", expected ", shape).
template <typename... Parts>
std::string message(const Parts&... parts) {
  std::string out;
  (append_part(out, parts), ...);
  return out;
}

// Throws an Error built from the parts: fail("matmul: a is ", a.shape(), ", expected ...").
template <typename... Parts>
[[noreturn]] void fail(const Parts&... parts) {
  throw Error(message(parts...));
}

template <typename... Parts>
void check(bool ok, const Parts&... parts) {
  if (!ok) fail(parts...);
}

}  // namespace rnnlab
