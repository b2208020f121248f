// How a loss turns per-element losses into one number, as torch's `reduction` argument ("none" is not offered:
// every loss here is something to call backward() on).
#pragma once

namespace rnnlab {

enum class Reduction {
  Mean,  // average over the rows (cross_entropy) or elements (mse_loss); torch's default
  Sum,
};

}  // namespace rnnlab
