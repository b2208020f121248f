// The remember task: one answer at the end. A sequence of T symbols over K (one-hot inputs) whose label is the
// symbol at a chosen place: the first, or D steps back from the end; the symbols around it are distractors. The
// model reads the whole sequence and answers once, from the last step (many_to_one.h: out[T-1] -> Linear ->
// cross-entropy, averaged over a batch of kRememberBatch random sequences from the data generator). The lesson:
// a tanh RNN's gradient through time vanishes over long distances and it stays at chance; an LSTM or a GRU
// carries the symbol to the end.
//
// Accuracy is measured on a fixed held-out set of kHeldOutSequences sequences drawn once from the seed (their own
// generator stream, so the training draws are unchanged by it), evaluated in eval mode on a tape of its own.
#pragma once
#include <cmath>
#include <cstdint>

#include "tasks/remember_data.h"
#include "tasks/task.h"

namespace rnnlab {

inline constexpr int64_t kRememberBatch = 32;       // sequences per training step
inline constexpr int64_t kHeldOutSequences = 256;   // the held-out set, evaluated kRememberBatch at a time
inline constexpr int64_t kHeldOutEvery = 25;        // prediction() re-evaluates after this many updates

class RememberTask : public Task {
 public:
  // Checks the settings (distance at most length; messages name the key) and draws the held-out set.
  explicit RememberTask(const TrainerConfig& config);

  ModelConfig model_config(const TrainerConfig& config) const override;
  int64_t steps() const override { return settings_.length; }
  int64_t batch() const override { return kRememberBatch; }
  TaskStep forward_loss(Tape& tape, SequenceModel& model, Rng& data_rng, Rng* dropout_rng) override;
  void after_update(const RecurrentOutput&, SequenceModel&) override { ++updates_; }
  void forget() override;
  // The last training batch's first sequence, its label and the model's answer, the batch's accuracy and the
  // held-out accuracy (re-evaluated when kHeldOutEvery updates or more have passed since the last evaluation).
  ViewData prediction(SequenceModel& model) override;
  // Nothing per step: the model answers only at the last one.
  void trace_output(ViewData&) const override {}
  json::Value describe() const override;
  void check_loaded(const ModelConfig& model, const json::Value& task) const override;
  // The symbols' letters (kRememberAlphabet's first K), and the first held-out sequence for the inspector.
  const Vocabulary* input_vocabulary() const override { return &vocabulary_; }
  std::u32string inspection_text(int64_t max) const override;

  // The share of the held-out set answered right, in [0, 1], evaluated now and recorded.
  double held_out_accuracy(SequenceModel& model);
  double latest_held_out_accuracy() const { return held_out_accuracy_; }  // NaN before the first evaluation
  // The last training step's batch accuracy (its forward, before its update); NaN before the first step.
  double batch_accuracy() const;
  const RememberSettings& settings() const { return settings_; }
  const RememberBatch& last_batch() const { return batch_; }
  const RememberBatch& held_out() const { return held_out_; }
  const Tensor* last_logits() const { return logits_.defined() ? &logits_.value() : nullptr; }  // (B, K)

 private:
  RememberSettings settings_;
  Vocabulary vocabulary_;
  RememberBatch batch_;     // the last step's
  RememberBatch held_out_;  // fixed
  Var logits_;              // (B, K), the last step's, on the training tape
  int64_t updates_ = 0;
  int64_t held_out_at_ = -1;  // updates_ at the last evaluation; -1: none since the weights were set
  double held_out_accuracy_ = NAN;
};

}  // namespace rnnlab
