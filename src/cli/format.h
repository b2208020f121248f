// printf into a std::string: the CLI's numbers are printf's ("%.4f" as the seed prints them, "%.9g" to read back
// a float32 exactly), and the compiler checks each pattern against its arguments.
#pragma once
#include <string>

namespace rnnlab::cli {

[[gnu::format(printf, 1, 2)]] std::string format(const char* pattern, ...);

}  // namespace rnnlab::cli
