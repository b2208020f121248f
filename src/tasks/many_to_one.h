// Many-to-one: one answer per sequence, read off the last step, as the seed tutorials write it:
//   out, _ = rnn(x);  logits = fc(out[:, -1, :]);  loss = nn.CrossEntropyLoss()(logits, labels)
// i.e. SequenceModel with Readout::LastStep and the cross-entropy averaged over the B sequences. A task whose
// examples each have one class (remember, classify) builds on these.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "core/tensor.h"
#include "tasks/task.h"

namespace rnnlab {

// Forward over B sequences of T class indices (time-major, forward_tokens' layout) and the mean cross-entropy of
// the last step's logits against `labels` (B). out.output is the logits (B, K).
TaskStep many_to_one_loss(Tape& tape, SequenceModel& model, std::span<const int32_t> tokens, int64_t steps,
                          int64_t batch, std::span<const int32_t> labels, Rng* dropout_rng);

// argmax of each row of logits (B, K).
std::vector<int32_t> argmax_rows(const Tensor& logits);
// Softmax of row b of logits (B, K): (K).
std::vector<float> softmax_row(const Tensor& logits, int64_t b);
// The share of rows whose argmax is the label, in [0, 1]; 0 for no rows.
double accuracy(const Tensor& logits, std::span<const int32_t> labels);

}  // namespace rnnlab
