// A tiny LCG (Knuth's MMIX constants) so that a test draws the same numbers everywhere.
#pragma once
#include <cstdint>

namespace rnnlab::testing {

struct Lcg {
  std::uint64_t state;
  std::uint32_t next() {
    state = state * 6364136223846793005u + 1442695040888963407u;
    return static_cast<std::uint32_t>(state >> 32);
  }
  std::uint64_t next64() { return (std::uint64_t{next()} << 32) | next(); }
};

}  // namespace rnnlab::testing
