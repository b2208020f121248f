// The digits task: 28 x 28 images (MNIST's handwritten digits or Fashion-MNIST's clothes) into 10 classes, with the
// models the seed tutorials compare:
//   rnn / lstm / gru   a recurrent layer (1 or 2 layers, optionally bidirectional) that reads one row of 28 pixels
//                      per step, 28 steps; its last step's output -> Linear(D*H, 10) (many_to_one.h)
//   mlp                Flatten -> Linear(784, 256) -> ReLU -> Linear(256, 10)                (d2l)
//   cnn                Conv2d(1, 30, 5) -> ReLU -> MaxPool2d(2) -> Flatten -> Linear(4320, 100) -> ReLU
//                      -> Linear(100, 10)                                                   (SimpleConvNet)
// Inputs are the pixels over 255, in [0, 1] (torch's ToTensor, no normalization); the loss is the cross-entropy
// averaged over a batch. The first 80% of the images train (8,000 of 10,000), in batches of `batch` drawn in an
// order shuffled afresh at the start of every epoch from the data generator (torch's DataLoader(shuffle=True):
// the last batch of an epoch may be smaller); the rest are held out and evaluated after every epoch (accuracy,
// confusion matrix, the images it gets wrong).
#pragma once
#include <cmath>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "io/labelled_images.h"
#include "tasks/task.h"

namespace rnnlab {

inline constexpr int64_t kDigitsMisclassifiedKept = 200;  // held-out mistakes listed in the view
inline constexpr int64_t kDigitsEpochsKept = 1000;        // accuracy and loss per epoch kept for the view

// One image through the model (DigitsTask::classify).
struct DigitClassification {
  std::vector<float> probabilities;  // (10) softmax of the logits
  int32_t predicted = -1;            // argmax
  Tensor per_row;                    // rnn/lstm/gru: (28, 10) the head's softmax on each step's output; else empty
  std::vector<LayerTrace> layers;    // rnn/lstm/gru: the forward's trace (views into the caller's tape); else empty
};

// One image (784 values in [0, 1], row-major, 1 = ink) through a digits model (a recurrent layer over rows with a
// head of 10, or an mlp / cnn) in eval mode on `tape` (cleared first; the trace's views live until it records
// again). Throws naming "pixels" for a wrong length or a value outside [0, 1]. DigitsTask::classify and
// `rnnlab predict --image` both call it.
DigitClassification classify_digit(SequenceModel& model, std::span<const float> pixels, Tape& tape);

// The held-out evaluation (DigitsTask::evaluate).
struct DigitsEvaluation {
  double accuracy = NAN;                 // share right, in [0, 1]
  std::vector<int32_t> confusion;        // (10 * 10) [true * 10 + predicted]
  std::vector<int32_t> misclassified;    // dataset indices of wrong answers (the first kDigitsMisclassifiedKept)
  std::vector<int32_t> misclassified_predicted;  // the class given to each
  int64_t at = -1;                       // the update count of the weights evaluated
};

class DigitsTask : public Task {
 public:
  // Checks the settings (model, layers, batch; messages name the key) and the images (config.digits_images, which
  // must be set: natively load_digits_images, in JS the bytes configure takes).
  explicit DigitsTask(const TrainerConfig& config);

  ModelConfig model_config(const TrainerConfig& config) const override;
  int64_t steps() const override { return recurrent() ? kDigitSideSteps : 1; }
  int64_t batch() const override { return batch_; }
  int64_t data_bytes() const override;
  TaskStep forward_loss(Tape& tape, SequenceModel& model, Rng& data_rng, Rng* dropout_rng) override;
  // Moves on by one batch; at the end of an epoch records its mean loss and evaluates the held-out images.
  void after_update(const RecurrentOutput&, SequenceModel& model) override;
  void forget() override;
  ViewData prediction(SequenceModel& model) override;
  void trace_output(ViewData&) const override {}
  json::Value describe() const override;
  void check_loaded(const ModelConfig& model, const json::Value& task) const override;

  // The held-out images through `model` (eval mode, `batch` at a time on tapes of their own); recorded as latest().
  const DigitsEvaluation& evaluate(SequenceModel& model);
  const DigitsEvaluation& latest() const { return eval_; }
  // classify_digit of the trainer's model.
  DigitClassification classify(SequenceModel& model, std::span<const float> pixels, Tape& tape) const {
    return classify_digit(model, pixels, tape);
  }

  bool recurrent() const { return model_ != "mlp" && model_ != "cnn"; }
  int64_t train_count() const { return train_; }
  int64_t held_out_count() const { return images_->count - train_; }
  int64_t steps_per_epoch() const { return (train_ + batch_ - 1) / batch_; }
  int64_t epoch() const { return epoch_; }  // whole epochs completed
  const std::vector<float>& accuracy_per_epoch() const { return accuracy_per_epoch_; }
  const std::vector<float>& loss_per_epoch() const { return loss_per_epoch_; }
  const std::vector<float>& seconds_per_epoch() const { return seconds_per_epoch_; }
  const LabelledImages& images() const { return *images_; }
  // The last training batch's dataset indices and its batch accuracy (NaN before the first step).
  const std::vector<int64_t>& last_batch() const { return batch_indices_; }
  double batch_accuracy() const;

 private:
  static constexpr int64_t kDigitSideSteps = 28;
  // The model's input for dataset images `indices`: (28, B, 28) rows as steps for the recurrent models,
  // (B, 1, 28, 28) for the others; pixels / 255.
  Tensor input_of(std::span<const int64_t> indices) const;

  std::string model_, data_;
  int64_t batch_ = 64, train_ = 0;
  std::shared_ptr<const LabelledImages> images_;

  std::vector<int64_t> order_;          // (train) this epoch's order of the training images
  int64_t cursor_ = 0;                  // the next batch starts at order_[cursor_]
  std::vector<int64_t> batch_indices_;  // the last step's images
  std::vector<int32_t> batch_labels_;
  Var logits_;                          // (B, 10), the last step's, on the training tape
  float last_loss_ = NAN;
  double epoch_loss_sum_ = 0;
  int64_t epoch_steps_ = 0, epoch_ = 0, updates_ = 0;
  std::vector<float> accuracy_per_epoch_, loss_per_epoch_;
  // Each epoch's seconds: its training steps (from forward_loss to after_update: forward, backward, the optimizer)
  // and its held-out evaluation, not the pauses between them, so a page that pauses and resumes measures the same.
  double step_start_ = 0;  // monotonic_seconds() at the step's forward_loss
  double epoch_seconds_ = 0;
  std::vector<float> seconds_per_epoch_;
  DigitsEvaluation eval_;
};

}  // namespace rnnlab
