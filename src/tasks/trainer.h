// Trainer: one task, its model and optimizer, stepped one iteration at a time, whatever the task (tasks/task.h).
// The CLI and the WebAssembly binding are thin layers over this class.
//
// A step: forward over the task's sequence, loss, backward, optional clipping, optimizer step. What backward
// needed stays on the tape and is the unrolled trace the inspector shows. A step whose loss or gradient norm is
// not finite changes nothing, restores the weights from before the previous step and stops training with a
// message that says what to change.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/rng.h"
#include "core/tape.h"
#include "io/json.h"
#include "nn/recurrent_trace.h"
#include "tasks/sequence_model.h"
#include "tasks/task.h"
#include "tasks/trainer_config.h"
#include "train/optimizer.h"

namespace rnnlab {

struct StepResult {
  int64_t iteration = 0;  // steps taken so far, this one included
  float loss = 0.0f;      // the loss of this step's forward (before its update)
  float grad_norm = 0.0f; // total 2-norm of the gradients before clipping
  bool stopped = false;   // the loss or a gradient was not finite: nothing was updated
  std::string message;    // why it stopped, and the remedy
};

class Trainer {
 public:
  // Validates the whole config (messages name the field and the limit) and builds task, model and optimizer.
  explicit Trainer(const TrainerConfig& config);
  // Every check the constructor makes (fields, limits, the memory budget), without building anything: a caller
  // that replaces a trainer can drop the old one first, so the two never hold memory at once.
  static void validate(const TrainerConfig& config);

  StepResult step();
  // One forward and backward pass on the current weights with no update: fills traces() and the task's view of
  // the last step (seq's predicted text) for a model that has not stepped yet (after configure, reset or load),
  // so the inspector shows the untrained or loaded network at once. The iteration, weights, optimizer state and
  // both generators stay as they were (the data comes from a copy of the data generator; no dropout), so the
  // next step() is the one it would have been. Returns the loss; a non-finite one leaves no trace.
  float inspect();
  bool stopped() const { return stopped_; }
  int64_t iteration() const { return iteration_; }
  // Continues the count from `iteration`: for a trainer rebuilt from the config of one that had to be dropped (the
  // wasm binding's recovery when the trainer meant to replace it ran out of memory), with the weights copied back
  // through model(). Nothing else changes: the optimizer starts afresh, as after load().
  void resume_at(int64_t iteration) { iteration_ = iteration; }
  const StepResult& last_step() const { return last_; }

  // The task being trained; task_as<SeqTask>() for what only one task has (its vocabulary, its view).
  Task& task() { return *task_; }
  const Task& task() const { return *task_; }
  template <class T>
  T& task_as() {
    T* t = dynamic_cast<T*>(task_.get());
    check(t != nullptr, "trainer: the task is \"", config_.task, "\"");
    return *t;
  }
  template <class T>
  const T& task_as() const {
    return const_cast<Trainer*>(this)->task_as<T>();
  }
  // The task's prediction view (an evaluation pass on its own tape: the trace stays the training step's).
  ViewData prediction() { return task_->prediction(*model_); }

  // The unrolled trace of the last step (forward and backward), layer by layer.
  const std::vector<LayerTrace>& traces() const { return traces_; }
  // How many updates the weights that recorded traces() had had: a step's trace ran before its update
  // (iteration - 1), inspect()'s on the current weights (iteration).
  int64_t trace_weights_after() const { return traces_inspected_ ? iteration_ : iteration_ - 1; }

  std::string save() const;
  // Loads a saved model that fits this task (input and output sizes, vocabulary); on any error nothing changes.
  // The optimizer restarts (its state belongs to the old weights) and training may continue.
  void load(std::string_view text);

  const TrainerConfig& config() const { return config_; }
  const SequenceModel& model() const { return *model_; }
  SequenceModel& model() { return *model_; }
  // The last training step's model output (seq: logits (T, 1, V); sine: predictions (1, N, 1)); nullptr before
  // the first step and after reset or load (until inspect()), like traces().
  const Tensor* last_output() const { return output_.defined() ? &output_.value() : nullptr; }

 private:
  void reset_state();
  void snapshot_weights();
  void restore_weights();
  bool weights_finite() const;
  // Rolls back to the weights before the last update, stops, and returns `r` with the message: what went wrong
  // ("the loss became NaN"), where, and the remedy.
  StepResult stop(StepResult r, const std::string& what);

  TrainerConfig config_;
  // The config of the run that made the weights, as save() records it (task.trainer): this trainer's, or after a
  // load the file's own record, so a model saved, loaded and saved again is the same file.
  json::Value run_record_;
  std::unique_ptr<Task> task_;
  Rng data_rng_, dropout_rng_;
  std::unique_ptr<SequenceModel> model_;
  std::unique_ptr<Optimizer> optimizer_;
  std::vector<Parameter*> params_;

  Tape tape_;       // the training step's graph; its nodes are the trace
  Var output_;      // the last step's model output on tape_
  std::vector<LayerTrace> traces_;
  bool traces_inspected_ = false;  // traces_ came from inspect(), not from a step
  std::vector<Tensor> good_weights_;  // the weights before the last update, to roll back to
  int64_t iteration_ = 0;
  bool stopped_ = false;
  StepResult last_;
};

}  // namespace rnnlab
