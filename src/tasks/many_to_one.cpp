#include "tasks/many_to_one.h"

#include <algorithm>
#include <cmath>

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
