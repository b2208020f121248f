// The classify task: "classify what you type". A few classes (2 to 16), each defined by typed example strings
// (tasks/classify_examples.h; by default surnames by language). The model reads a string one character at a time
// (one-hot) and answers once, from the string's own last step (many_to_one.h, many_to_one_padded_loss): a batch
// of kClassifyBatch examples, each drawn as a class uniformly at random, then one of its training examples;
// padded at the end to the batch's longest. Because of that padding the layer must be unidirectional.
//
// Accuracy is measured on the held-out examples (a fifth of each class, fixed by the seed), in eval mode on a
// tape of its own; classify(text) gives the class probabilities of any typed string.
#pragma once
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "tasks/classify_examples.h"
#include "tasks/task.h"

namespace rnnlab {

inline constexpr int64_t kClassifyBatch = 32;
inline constexpr int64_t kClassifyHeldOutEvery = 25;  // prediction() re-evaluates after this many updates

// A padded batch: B sequences, time-major, padded with index 0 after each one's end.
struct PaddedBatch {
  int64_t steps = 0, batch = 0;
  std::vector<int32_t> tokens;   // (T * B)
  std::vector<int64_t> lengths;  // (B)
  std::vector<int32_t> labels;   // (B)
};
// Fills `out` with the examples at `picks`, padded to the longest.
void pad_examples(const std::vector<ClassifyExample>& examples, std::span<const int64_t> picks, PaddedBatch& out);

class ClassifyTask : public Task {
 public:
  // Parses and checks the examples (ConfigErrors of key "examples") and splits them by the seed.
  explicit ClassifyTask(const TrainerConfig& config);

  ModelConfig model_config(const TrainerConfig& config) const override;
  int64_t steps() const override { return kMaxExampleLength; }
  int64_t batch() const override { return kClassifyBatch; }
  TaskStep forward_loss(Tape& tape, SequenceModel& model, Rng& data_rng, Rng* dropout_rng) override;
  void after_update(const RecurrentOutput&, SequenceModel&) override { ++updates_; }
  void forget() override;
  // The last batch's first example, its class and the model's probabilities, the class names, the batch's and
  // the held-out accuracy.
  ViewData prediction(SequenceModel& model) override;
  void trace_output(ViewData&) const override {}
  json::Value describe() const override;
  void check_loaded(const ModelConfig& model, const json::Value& task) const override;
  // The examples' characters, and the first held-out example for the inspector.
  const Vocabulary* input_vocabulary() const override { return &data_.vocabulary; }
  std::u32string inspection_text(int64_t max) const override;

  // The share of held-out examples answered right, in [0, 1], evaluated now and recorded.
  double held_out_accuracy(SequenceModel& model);
  double latest_held_out_accuracy() const { return held_out_accuracy_; }
  // The class probabilities (C) of a typed string (eval mode, a tape of its own); errors name `text`.
  std::vector<float> classify(SequenceModel& model, std::string_view text);
  const ClassExamples& examples() const { return data_; }
  const PaddedBatch& last_batch() const { return batch_; }

 private:
  ClassExamples data_;
  PaddedBatch batch_;
  Var logits_;  // (B, C), the last step's, on the training tape
  int64_t updates_ = 0;
  int64_t held_out_at_ = -1;
  double held_out_accuracy_ = NAN;
};

}  // namespace rnnlab
