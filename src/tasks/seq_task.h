// The seq task: a text mapped to a text of the same length, one prediction per character (the hello -> ohlol
// seed and any typed pair). The vocabulary is the sorted set of characters of both texts; inputs are one-hot;
// the loss is the cross-entropy summed over the steps, as the seed.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "tasks/task.h"
#include "tasks/vocabulary.h"

namespace rnnlab {

class SeqTask : public Task {
 public:
  explicit SeqTask(const TrainerConfig& config);

  ModelConfig model_config(const TrainerConfig& config) const override;
  int64_t steps() const override { return static_cast<int64_t>(input_.size()); }
  TaskStep forward_loss(Tape& tape, SequenceModel& model, Rng& data_rng, Rng* dropout_rng) override;
  void forget() override { logits_ = {}; }
  ViewData prediction(SequenceModel& model) override;
  void trace_output(ViewData& out) const override;
  json::Value describe() const override;
  void check_loaded(const ModelConfig& model, const json::Value& task) const override;
  const Vocabulary* input_vocabulary() const override { return &vocabulary_; }
  std::u32string inspection_text(int64_t max) const override {
    return vocabulary_.decode(input_).substr(0, static_cast<size_t>(max));
  }

  const Vocabulary& vocabulary() const { return vocabulary_; }
  const std::vector<int32_t>& input_indices() const { return input_; }
  const std::vector<int32_t>& target_indices() const { return target_; }
  const Tensor& input_tensor() const { return x_; }  // (T, 1, V) one-hot
  // The last step's prediction per position (argmax of its logits) and as text; empty before the first step.
  std::vector<int32_t> predicted_indices() const;
  std::string predicted_text() const;
  // Softmax of the last step's logits, (T, V); empty before the first step.
  Tensor probabilities() const;

 private:
  std::string input_text_, target_text_;
  Vocabulary vocabulary_;
  std::vector<int32_t> input_, target_;
  Tensor x_;     // (T, 1, V) one-hot
  Var logits_;   // (T, 1, V), the last step's, on the training tape
};

}  // namespace rnnlab
