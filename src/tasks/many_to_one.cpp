#include "tasks/many_to_one.h"

#include <algorithm>
#include <cmath>

#include "core/ops_shape.h"
#include "train/cross_entropy.h"

namespace rnnlab {

TaskStep many_to_one_loss(Tape& tape, SequenceModel& model, std::span<const int32_t> tokens, int64_t steps,
                          int64_t batch, std::span<const int32_t> labels, Rng* dropout_rng) {
  check(static_cast<int64_t>(labels.size()) == batch, "many_to_one_loss: ", labels.size(), " labels for ", batch,
        " sequences");
  TaskStep s;
  s.out = model.forward_tokens(tape, tokens, steps, batch, {}, {}, dropout_rng, Readout::LastStep);  // (B, K)
  s.loss = cross_entropy(s.out.output, labels, Reduction::Mean);
  return s;
}

Var padded_last_step_logits(Tape& tape, SequenceModel& model, std::span<const int32_t> tokens, int64_t steps,
                            int64_t batch, std::span<const int64_t> lengths, Rng* dropout_rng, RecurrentOutput* out) {
  check(static_cast<int64_t>(lengths.size()) == batch, "padded_last_step_logits: ", lengths.size(), " lengths for ",
        batch, " sequences");
  check(!model.config().bidirectional, "padded_last_step_logits: a reverse direction would read the padding first");
  RecurrentOutput o = model.forward_tokens(tape, tokens, steps, batch, {}, {}, dropout_rng, Readout::EveryStep);
  const Shape s = o.output.shape();  // (T, B, K)
  std::vector<int32_t> rows(static_cast<size_t>(batch));  // row (l_b - 1) * B + b of the (T * B, K) view
  for (int64_t b = 0; b < batch; ++b) {
    const int64_t l = lengths[static_cast<size_t>(b)];
    check(l >= 1 && l <= steps, "padded_last_step_logits: lengths[", b, "] is ", l, ", expected 1 to ", steps);
    rows[static_cast<size_t>(b)] = static_cast<int32_t>((l - 1) * batch + b);
  }
  Var logits = gather_rows(reshape(o.output, Shape{s[0] * s[1], s[2]}), rows);  // (B, K)
  if (out) *out = std::move(o);
  return logits;
}

TaskStep many_to_one_padded_loss(Tape& tape, SequenceModel& model, std::span<const int32_t> tokens, int64_t steps,
                                 int64_t batch, std::span<const int64_t> lengths, std::span<const int32_t> labels,
                                 Rng* dropout_rng) {
  check(static_cast<int64_t>(labels.size()) == batch, "many_to_one_padded_loss: ", labels.size(), " labels for ",
        batch, " sequences");
  TaskStep s;
  const Var logits = padded_last_step_logits(tape, model, tokens, steps, batch, lengths, dropout_rng, &s.out);
  s.out.output = logits;  // (B, K)
  s.loss = cross_entropy(logits, labels, Reduction::Mean);
  return s;
}

std::vector<int32_t> argmax_rows(const Tensor& logits) {
  const int64_t B = logits.dim(0), K = logits.dim(1);
  std::vector<int32_t> out(static_cast<size_t>(B));
  for (int64_t b = 0; b < B; ++b) {
    const float* row = logits.data() + b * K;
    out[static_cast<size_t>(b)] = static_cast<int32_t>(std::max_element(row, row + K) - row);
  }
  return out;
}

std::vector<float> softmax_row(const Tensor& logits, int64_t b) {
  const int64_t K = logits.dim(1);
  const float* row = logits.data() + b * K;
  const float top = *std::max_element(row, row + K);
  std::vector<float> p(static_cast<size_t>(K));
  float total = 0;
  for (int64_t k = 0; k < K; ++k) total += p[static_cast<size_t>(k)] = std::exp(row[k] - top);
  for (float& v : p) v /= total;
  return p;
}

double accuracy(const Tensor& logits, std::span<const int32_t> labels) {
  const std::vector<int32_t> predicted = argmax_rows(logits);
  if (predicted.empty()) return 0.0;
  int64_t hits = 0;
  for (size_t b = 0; b < predicted.size(); ++b) hits += predicted[b] == labels[b];
  return double(hits) / double(predicted.size());
}

}  // namespace rnnlab
