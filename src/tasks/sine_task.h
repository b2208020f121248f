// The sine task: the seed's sine-wave predictor. Each example is `points` samples of sin over [s, s + span]
// with s drawn from {0, .., starts - 1}; the model sees points 0..N-1 and predicts 1..N (MSE), batch-first
// (1, N, 1), and the hidden state is carried, detached, from one example to the next, as the seed does.
#pragma once
#include "tasks/sine_data.h"
#include "tasks/task.h"

namespace rnnlab {

struct SineView {
  double start = 0.0;
  Tensor truth;       // (N) the true next points of the last training sequence
  Tensor one_step;    // (N) the last training step's predictions, each from the true previous point
  Tensor generation;  // (N) autoregressive: the first point, then each prediction fed back
  float generation_mse = 0.0f;
};

// How many values of the wave the inspector reads by default: a few periods, each step still a readable cell.
inline constexpr int64_t kSineInspectValues = 120;

class SineTask : public Task {
 public:
  explicit SineTask(const TrainerConfig& config);

  ModelConfig model_config(const TrainerConfig& config) const override;
  int64_t steps() const override { return settings_.points - 1; }
  TaskStep forward_loss(Tape& tape, SequenceModel& model, Rng& data_rng, Rng* dropout_rng) override;
  void after_update(const RecurrentOutput& out, SequenceModel& model) override;
  void forget() override;
  ViewData prediction(SequenceModel& model) override;
  void trace_output(ViewData& out) const override;
  json::Value describe() const override;
  void check_loaded(const ModelConfig& model, const json::Value& task) const override;
  // For the inspector: sin from 0, sampled as densely as a training sequence (span / (points - 1) apart),
  // min(max, kSineInspectValues) values.
  std::vector<float> inspection_values(int64_t max) const override;

  // The last training sequence, its one-step predictions and a generation from the current weights, evaluated
  // on the task's own tape.
  SineView view(SequenceModel& model);
  const Tensor& input_tensor() const { return sample_.input; }  // (1, N, 1) the last step's input
  // The last step's output and the target it was scored against, (1, N, 1); nullptr before the first step.
  const Tensor* last_output() const { return output_.defined() ? &output_.value() : nullptr; }
  const Tensor* last_target() const { return output_.defined() ? &sample_.target : nullptr; }

 private:
  SineSettings settings_;
  SineSample sample_;
  bool lstm_ = false;         // carries c as well as h
  Tensor h_state_, c_state_;  // the hidden state carried (detached) between iterations, (L, 1, H)
  Var output_;                // (1, N, 1), the last step's, on the training tape
  Tape eval_tape_;            // generation and one-step predictions
};

}  // namespace rnnlab
