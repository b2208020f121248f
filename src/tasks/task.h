// A task: its data, the model it trains by default, its loss, and what it shows. The Trainer steps any task
// through this interface without knowing which it is; adding a task is one file that implements it, one entry in
// task_registry.cpp and its maker in its family's (task_families.cpp) (docs/architecture.md, "How to add a task").
#pragma once
#include <string_view>

#include "core/rng.h"
#include "core/tape.h"
#include "io/json.h"
#include "nn/recurrent_trace.h"
#include "tasks/model_config.h"
#include "tasks/sequence_model.h"
#include "tasks/trainer_config.h"
#include "tasks/view_data.h"
#include "tasks/vocabulary.h"

namespace rnnlab {

// One training example's loss and the model's output (the trace and after_update read it).
struct TaskStep {
  Var loss;
  RecurrentOutput out;
};

class Task {
 public:
  virtual ~Task() = default;

  // The model this task trains for the config (sizes that depend on the data resolved). Throws a ConfigError
  // naming the key for a setting the task cannot use.
  virtual ModelConfig model_config(const TrainerConfig& config) const = 0;
  // Time steps of one training example (the memory budget's T), sequences in a step's batch (its B), and the bytes
  // the task holds of its data beyond the budget's fixed 1 MB (a corpus).
  virtual int64_t steps() const = 0;
  virtual int64_t batch() const { return 1; }
  virtual int64_t data_bytes() const { return 0; }

  // One training example's forward pass and loss on `tape`; draws what it needs from `data_rng`. The task keeps
  // what it needs for its view (the output Var lives on `tape` until the next call or forget()).
  virtual TaskStep forward_loss(Tape& tape, SequenceModel& model, Rng& data_rng, Rng* dropout_rng) = 0;
  // Called after a successful update with the output of that step's forward and the updated model (a task that
  // carries the hidden state across examples keeps it here; one that validates now and then runs it here).
  virtual void after_update(const RecurrentOutput&, SequenceModel&) {}
  // Drops what refers to the training tape and any carried state (reset, load).
  virtual void forget() = 0;

  // The prediction view's data, computed from the last step (and, if the task wants, an evaluation pass of
  // `model` on a tape of its own, so the training step's trace stays). Always carries "view" and "task".
  virtual ViewData prediction(SequenceModel& model) = 0;
  // The trace's "output" and "target" (the last step's, in the task's terms), added to `out`; nothing before the
  // first step.
  virtual void trace_output(ViewData& out) const = 0;

  // What a saved model records about the task ({"kind": ..., ...}), and the check that a loaded model fits this
  // task (messages name the file's field); `task` is null when the file has none.
  virtual json::Value describe() const = 0;
  virtual void check_loaded(const ModelConfig& model, const json::Value& task) const = 0;

  // The characters the model reads (class i is symbols()[i]), for the inspector's text; nullptr for a task whose
  // input is not characters (sine's values, digits' rows of pixels).
  virtual const Vocabulary* input_vocabulary() const { return nullptr; }
  // A text of the task's own for the inspector to read, at most `max` characters: the text task's validation part
  // from its start, seq's input text; empty for a task without one.
  virtual std::u32string inspection_text(int64_t /*max*/) const { return {}; }
  // For a model that reads a value per step (sine): a series of the task's own, at most `max` values; empty else.
  virtual std::vector<float> inspection_values(int64_t /*max*/) const { return {}; }
};

}  // namespace rnnlab
