// One sequence run through a trained SequenceModel for the inspector: an evaluation forward (no dropout) over a
// batch of one on a tape of its own, kept so that activations, predictions and any number of saliency queries read
// the same pass. Nothing of the model changes (its train/eval mode is restored); the Trainer's own trace stays the
// training step's.
//
// Input: class indices (text, seq, remember: through the embedding or as one-hot rows, as forward_tokens), one
// real value per step (sine: an input of size 1) or a row of I real values per step (digits: 28 rows of 28 pixels,
// read by a classifier). Output: (T, K) per step, the head's (class logits, or sine's predicted value).
#pragma once
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "core/tape.h"
#include "nn/recurrent_trace.h"
#include "tasks/sequence_model.h"

namespace rnnlab {

// The longest text (or series of values) a run reads: 2,000 steps, the page's window of validation text.
inline constexpr int64_t kMaxInspectLength = 2000;
// What one run may hold in memory: its trace, the activations copied out of it and their copy in JS. W6's model
// (2 x LSTM 128) over 2,000 characters takes 51 MB; a wider model reads fewer characters (the message says how many).
inline constexpr int64_t kMaxInspectBytes = int64_t{64} << 20;
// Bytes a run of `steps` steps of `model` takes, by the estimate behind kMaxInspectBytes: per step, layer and
// direction, 4·G·H + 8·H + I floats (the trace's 2·G·H + 4·H + I, and twice the G·H + 2·H of the activations).
int64_t inspect_bytes(const ModelConfig& model, int64_t steps);

class InspectRun {
 public:
  // A text of 1 .. kMaxInspectLength steps that fits kMaxInspectBytes, else an error naming "text" and the limit.
  static InspectRun of_tokens(SequenceModel& model, std::span<const int32_t> tokens);
  static InspectRun of_values(SequenceModel& model, std::span<const float> values);
  // rows (T * I), I = the model's input_size, T = 1 .. kMaxInspectLength: a classifier of sequences of real rows
  // (digits: an image of 28 rows of 28 pixels), whose head's outputs are class logits after every row. A length
  // that is not a whole number of rows is an error naming "pixels".
  static InspectRun of_rows(SequenceModel& model, std::span<const float> rows);

  int64_t steps() const { return steps_; }
  int64_t outputs() const { return outputs_; }                       // K
  bool predicts_classes() const { return classes_; }                 // tokens or rows in, class logits out
  const std::vector<float>& output() const { return output_; }       // (T, K)
  const std::vector<int32_t>& tokens() const { return tokens_; }     // (T) for tokens in; empty otherwise
  int64_t input_size() const { return input_size_; }                 // I: values per step (tokens: 0)
  const std::vector<LayerTrace>& traces() const { return traces_; }  // [layer * D + direction]
  SequenceModel& model() const { return *model_; }

 private:
  InspectRun(SequenceModel& model, std::span<const int32_t> tokens, std::span<const float> values, bool rows);

  SequenceModel* model_;
  std::unique_ptr<Tape> tape_;  // holds the traces' buffers
  int64_t steps_ = 0, outputs_ = 0, input_size_ = 0;
  bool classes_ = false;
  std::vector<int32_t> tokens_;
  std::vector<float> output_;
  std::vector<LayerTrace> traces_;
};

}  // namespace rnnlab
