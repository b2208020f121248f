// Cross-entropy of logits against class indices, as torch.nn.functional.cross_entropy (no class weights, no
// ignore_index, no label smoothing): one fused op, log-softmax inside, so large logits stay finite.
#pragma once
#include <cstdint>
#include <span>

#include "core/tape.h"
#include "train/reduction.h"

namespace rnnlab {

// logits (N, C) with targets (N) in [0, C), or logits (C) with one target, as torch accepts an unbatched input.
// Returns a rank-0 scalar: sum_i loss_i, or its mean over the N rows.
//   loss_i = logsumexp(logits_i) - logits_i[target_i]
//   dlogits_i = (softmax(logits_i) - onehot(target_i)) * dL/dloss (/ N for Mean)
Var cross_entropy(Var logits, std::span<const int32_t> targets, Reduction reduction = Reduction::Mean);

}  // namespace rnnlab
