// Errors a user can read: every check names the argument, the value given and what was expected.
#pragma once
#include <sstream>
#include <stdexcept>
#include <string>

namespace rnnlab {

// Thrown for bad arguments and bad input; the message is meant for the person who gave them.
class Error : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// Builds a message from any streamable parts: fail("matmul: a is ", a.shape(), ", expected ...").
template <typename... Parts>
[[noreturn]] void fail(const Parts&... parts) {
  std::ostringstream out;
  (out << ... << parts);
  throw Error(out.str());
}

template <typename... Parts>
void check(bool ok, const Parts&... parts) {
  if (!ok) fail(parts...);
}

}  // namespace rnnlab
