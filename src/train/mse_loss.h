// Mean squared error, as torch.nn.functional.mse_loss: one fused op.
#pragma once
#include "core/tape.h"
#include "train/reduction.h"

namespace rnnlab {

// pred and target of equal shapes (target is usually a constant; a target that requires grad gets one too).
// Returns a rank-0 scalar: sum_k (pred_k - target_k)^2, or its mean over all elements.
//   dpred = 2 (pred - target) * dL/dloss (/ numel for Mean);  dtarget = -dpred
Var mse_loss(Var pred, Var target, Reduction reduction = Reduction::Mean);

}  // namespace rnnlab
