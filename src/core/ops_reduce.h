// Reductions: over all elements to a rank-0 scalar, or over the last dimension (softmax and log-softmax).
#pragma once
#include "core/tape.h"

namespace rnnlab {

// Sum and mean of all elements -> rank-0 (one value). The mean of no elements is nan, as in torch.
Var sum(Var x);
Var mean(Var x);

// Over the last dimension, each row shifted by its maximum first so that large inputs do not overflow.
Var softmax(Var x);
Var log_softmax(Var x);

}  // namespace rnnlab
