// A seeded random generator passed explicitly to whatever draws numbers.
//
// PCG32 (O'Neill, XSH-RR) with our own conversions: std:: distributions give different numbers under libstdc++
// and libc++, this gives the same numbers natively and in WebAssembly. uniform() and integer() are exact on every
// platform; normal() uses the polar method (log and sqrt only, no trigonometry), whose log is the same
// correctly-rounded routine in glibc and musl.
#pragma once
#include <cstdint>

#include "core/tensor.h"

namespace rnnlab {

class Rng {
 public:
  explicit Rng(uint64_t seed, uint64_t stream = 54u);

  uint32_t next_u32();
  float uniform();                              // [0, 1), 24 random bits
  float uniform(float lo, float hi);            // [lo, hi)
  int64_t integer(int64_t lo, int64_t hi);      // [lo, hi), unbiased
  float normal(float mean = 0.0f, float stddev = 1.0f);

  void fill_uniform(Tensor& t, float lo, float hi);

 private:
  uint64_t state_ = 0;
  uint64_t inc_ = 0;
  bool has_spare_ = false;
  double spare_ = 0.0;
};

}  // namespace rnnlab
