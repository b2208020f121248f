#include "core/rng.h"

#include <cmath>

namespace rnnlab {

Rng::Rng(uint64_t seed, uint64_t stream) : inc_((stream << 1u) | 1u) {
  next_u32();
  state_ += seed;
  next_u32();
}

uint32_t Rng::next_u32() {
  const uint64_t old = state_;
  state_ = old * 6364136223846793005ULL + inc_;
  const auto xorshifted = static_cast<uint32_t>(((old >> 18u) ^ old) >> 27u);
  const auto rot = static_cast<uint32_t>(old >> 59u);
  return (xorshifted >> rot) | (xorshifted << ((32u - rot) & 31u));
}

float Rng::uniform() { return static_cast<float>(next_u32() >> 8) * 0x1.0p-24f; }

float Rng::uniform(float lo, float hi) { return lo + (hi - lo) * uniform(); }

int64_t Rng::integer(int64_t lo, int64_t hi) {
  check(hi > lo, "Rng::integer: empty range [", lo, ", ", hi, ")");
  const uint64_t range = static_cast<uint64_t>(hi - lo);
  check(range <= 0xFFFFFFFFull, "Rng::integer: range ", range, " exceeds 2^32");
  // Rejection sampling: drop the top partial copy of the range so every value is equally likely.
  const uint64_t limit = (uint64_t{1} << 32) - ((uint64_t{1} << 32) % range);
  uint64_t x;
  do x = next_u32();
  while (x >= limit);
  return lo + static_cast<int64_t>(x % range);
}

float Rng::normal(float mean, float stddev) {
  if (has_spare_) {
    has_spare_ = false;
    return mean + stddev * static_cast<float>(spare_);
  }
  double u, v, s;
  do {
    u = 2.0 * (next_u32() * 0x1.0p-32) - 1.0;
    v = 2.0 * (next_u32() * 0x1.0p-32) - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  const double f = std::sqrt(-2.0 * std::log(s) / s);
  spare_ = v * f;
  has_spare_ = true;
  return mean + stddev * static_cast<float>(u * f);
}

void Rng::fill_uniform(Tensor& t, float lo, float hi) {
  for (int64_t i = 0; i < t.numel(); ++i) t[i] = uniform(lo, hi);
}

}  // namespace rnnlab
