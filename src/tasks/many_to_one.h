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

// Sequences of different lengths in one batch, padded at the end to T = the longest: the readout takes each
// sequence's own last step, logits[b] = head(out[lengths[b] - 1, b]), as torch's
//   out, _ = rnn(x);  logits = fc(out)[lengths - 1, torch.arange(B)]
// A forward direction's out[l - 1] has read the first l steps only, so the padding after it changes nothing (its
// tokens may be any class); a reverse direction would read the padding first, so the model must be
// unidirectional. The head runs on every step and the B rows are gathered (the same numbers as the head on
// the B rows alone); the gradient reaches out only at each sequence's last step. out.output is (B, K).
TaskStep many_to_one_padded_loss(Tape& tape, SequenceModel& model, std::span<const int32_t> tokens, int64_t steps,
                                 int64_t batch, std::span<const int64_t> lengths, std::span<const int32_t> labels,
                                 Rng* dropout_rng);
// The logits (B, K) of a padded batch as above, without the loss (evaluation).
Var padded_last_step_logits(Tape& tape, SequenceModel& model, std::span<const int32_t> tokens, int64_t steps,
                            int64_t batch, std::span<const int64_t> lengths, Rng* dropout_rng, RecurrentOutput* out);

// argmax of each row of logits (B, K).
std::vector<int32_t> argmax_rows(const Tensor& logits);
// Softmax of row b of logits (B, K): (K).
std::vector<float> softmax_row(const Tensor& logits, int64_t b);
// The share of rows whose argmax is the label, in [0, 1]; 0 for no rows.
double accuracy(const Tensor& logits, std::span<const int32_t> labels);

}  // namespace rnnlab
