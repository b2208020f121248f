// Dropout: zeroes each element with probability p while training and scales the kept ones by 1/(1-p), so the
// expected value is unchanged and evaluation needs no rescaling (torch's "inverted" dropout).
#pragma once
#include "core/rng.h"
#include "core/tape.h"
#include "nn/module.h"

namespace rnnlab {

// The identity (x itself, nothing recorded) when !training or p == 0; otherwise x * mask with one fresh draw
// from `rng` per element, mask in {0, 1/(1-p)}. p must be in [0, 1).
Var dropout(Var x, float p, Rng& rng, bool training);

class Dropout : public Module {
 public:
  explicit Dropout(float p);

  // Drops while the module is in training mode (Module::train / eval).
  Var forward(Var x, Rng& rng) const { return dropout(x, p_, rng, is_training()); }

  float p() const { return p_; }

 private:
  float p_;
};

}  // namespace rnnlab
