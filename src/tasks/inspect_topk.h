// The k most probable next classes at every position of a run (inspect_run.h): softmax of the step's logits,
// sorted by probability (ties: the lower class first).
#pragma once
#include <cstdint>
#include <vector>

#include "tasks/inspect_run.h"

namespace rnnlab {

struct TopK {
  int64_t steps = 0, k = 0;
  std::vector<int32_t> classes;      // (T, k)
  std::vector<float> probabilities;  // (T, k)
};

// k in [1, K]; a model that predicts values (sine) is an error.
TopK topk(const InspectRun& run, int64_t k);

// softmax of one step's logits (K) into probabilities (K), computed from the largest logit down.
void softmax_row(const float* logits, int64_t K, float* probabilities);

}  // namespace rnnlab
