#include "tasks/digits_task.h"

#include <algorithm>
#include <numeric>

#include "core/clock.h"
#include "core/error.h"
#include "tasks/config_schema.h"
#include "tasks/digits_data.h"
#include "tasks/many_to_one.h"
#include "train/cross_entropy.h"

namespace rnnlab {

DigitsTask::DigitsTask(const TrainerConfig& c)
    : model_(c.digits.model), data_(c.digits.data), batch_(c.batch),
      images_(c.digits_images) {
  if (!images_)
    fail_key("data", "the digits task has no images: natively load_digits_images reads them (rnnlab train digits "
                     "does), in JS configure takes them as data.digits");
  check_digits_images(*images_);
  train_ = digits_train_count(images_->count);
  if (recurrent() && (c.num_layers < 1 || c.num_layers > 2))
    fail_key("layers", "got ", c.num_layers, ", expected 1 or 2 for the digits task's ", model_);
  order_.resize(static_cast<size_t>(train_));
}

ModelConfig DigitsTask::model_config(const TrainerConfig& c) const {
  ModelConfig m;
  m.kind = model_;
  m.head_out = kImageClasses;
  if (model_ == "mlp" || model_ == "cnn") {
    m.image_side = kDigitSide;
    m.input_size = kDigitPixels;
    m.hidden_size = model_ == "mlp" ? 256 : 100;
    if (model_ == "cnn") m.channels = 30, m.kernel = 5;
  } else {
    if (c.nonlinearity == "relu" && model_ != "rnn")
      fail_key("nonlinearity", "got \"relu\", expected tanh (relu exists for rnn only)");
    m.nonlinearity = c.nonlinearity;
    m.input_size = kDigitSide;  // one row of pixels per step
    m.hidden_size = c.hidden_size;
    m.num_layers = c.num_layers;
    m.bidirectional = c.bidirectional;
    m.dropout = c.dropout;
  }
  validate(m);
  return m;
}

int64_t DigitsTask::data_bytes() const {
  // The images and labels, one batch's input, and the order of the training images.
  return images_->count * (kDigitPixels + 1) + batch_ * kDigitPixels * 4 + train_ * 8;
}

Tensor DigitsTask::input_of(std::span<const int64_t> indices) const {
  const auto B = static_cast<int64_t>(indices.size());
  const int64_t S = kDigitSide;
  const bool by_rows = recurrent();  // once: it compares the model's name
  Tensor x(by_rows ? Shape{S, B, S} : Shape{B, 1, S, S});
  float* out = x.data();
  for (int64_t b = 0; b < B; ++b) {
    const uint8_t* image = images_->image(indices[static_cast<size_t>(b)]);
    for (int64_t r = 0; r < S; ++r) {
      float* row = by_rows ? out + (r * B + b) * S : out + (b * S + r) * S;  // (T = row, B, I = column) or (B, 1, row, column)
      for (int64_t col = 0; col < S; ++col) row[col] = float(image[r * S + col]) / 255.0f;
    }
  }
  return x;
}

TaskStep DigitsTask::forward_loss(Tape& tape, SequenceModel& model, Rng& data_rng, Rng* dropout_rng) {
  step_start_ = monotonic_seconds();
  if (cursor_ == 0) {  // a new epoch: a fresh order (inspect() draws it from a copy of the generator, step() again)
    std::iota(order_.begin(), order_.end(), int64_t{0});
    for (int64_t i = train_ - 1; i > 0; --i) std::swap(order_[size_t(i)], order_[size_t(data_rng.integer(0, i + 1))]);
  }
  const int64_t B = std::min(batch_, train_ - cursor_);
  batch_indices_.assign(order_.begin() + cursor_, order_.begin() + cursor_ + B);
  batch_labels_.resize(static_cast<size_t>(B));
  for (int64_t b = 0; b < B; ++b) batch_labels_[size_t(b)] = images_->labels[size_t(batch_indices_[size_t(b)])];
  const Var x = tape.constant(input_of(batch_indices_));
  TaskStep s;
  s.out = recurrent() ? model.forward(tape, x, {}, {}, dropout_rng, Readout::LastStep) : model.forward_images(tape, x);
  s.loss = cross_entropy(s.out.output, batch_labels_, Reduction::Mean);  // logits (B, 10)
  logits_ = s.out.output;
  last_loss_ = s.loss.value().item();
  return s;
}

void DigitsTask::after_update(const RecurrentOutput&, SequenceModel& model) {
  ++updates_;
  epoch_loss_sum_ += last_loss_;
  ++epoch_steps_;
  cursor_ += static_cast<int64_t>(batch_indices_.size());
  if (cursor_ < train_) {
    epoch_seconds_ += monotonic_seconds() - step_start_;
    return;
  }
  cursor_ = 0;
  ++epoch_;
  const DigitsEvaluation& e = evaluate(model);
  epoch_seconds_ += monotonic_seconds() - step_start_;
  if (static_cast<int64_t>(accuracy_per_epoch_.size()) < kDigitsEpochsKept) {
    accuracy_per_epoch_.push_back(static_cast<float>(e.accuracy));
    loss_per_epoch_.push_back(static_cast<float>(epoch_loss_sum_ / double(epoch_steps_)));
    seconds_per_epoch_.push_back(static_cast<float>(epoch_seconds_));
  }
  epoch_loss_sum_ = 0;
  epoch_steps_ = 0;
  epoch_seconds_ = 0;
}

void DigitsTask::forget() {
  // A new model (reset, load): the run starts over at the beginning of an epoch.
  logits_ = {};
  cursor_ = 0;
  epoch_ = 0;
  updates_ = 0;
  epoch_loss_sum_ = 0;
  epoch_steps_ = 0;
  batch_indices_.clear();
  accuracy_per_epoch_.clear();
  loss_per_epoch_.clear();
  seconds_per_epoch_.clear();
  epoch_seconds_ = 0;
  eval_ = {};
}

double DigitsTask::batch_accuracy() const {
  return logits_.defined() ? accuracy(logits_.value(), batch_labels_) : NAN;
}

const DigitsEvaluation& DigitsTask::evaluate(SequenceModel& model) {
  const bool was_training = model.is_training();
  model.eval();
  DigitsEvaluation e;
  e.confusion.assign(kImageClasses * kImageClasses, 0);
  int64_t hits = 0;
  std::vector<int64_t> indices;
  Tape tape;  // one tape for all batches: clear() keeps its buffers, so the batches after the first allocate nothing
  for (int64_t first = train_; first < images_->count; first += batch_) {  // a training batch at a time: its memory
    const int64_t B = std::min(batch_, images_->count - first);
    indices.resize(static_cast<size_t>(B));
    std::iota(indices.begin(), indices.end(), first);
    tape.clear();
    const Var x = tape.constant(input_of(indices));
    const RecurrentOutput out = recurrent() ? model.forward(tape, x, {}, {}, nullptr, Readout::LastStep)
                                            : model.forward_images(tape, x);
    const std::vector<int32_t> predicted = argmax_rows(out.output.value());  // (B)
    for (int64_t b = 0; b < B; ++b) {
      const int32_t label = images_->labels[size_t(first + b)], guess = predicted[size_t(b)];
      ++e.confusion[size_t(label * kImageClasses + guess)];
      if (label == guess) {
        ++hits;
      } else if (static_cast<int64_t>(e.misclassified.size()) < kDigitsMisclassifiedKept) {
        e.misclassified.push_back(static_cast<int32_t>(first + b));
        e.misclassified_predicted.push_back(guess);
      }
    }
  }
  model.train(was_training);
  e.accuracy = double(hits) / double(held_out_count());
  e.at = updates_;
  eval_ = std::move(e);
  return eval_;
}

DigitClassification classify_digit(SequenceModel& model, std::span<const float> pixels, Tape& tape) {
  const bool recurrent = !model.config().is_image();
  check(static_cast<int64_t>(pixels.size()) == kDigitPixels, "pixels: ", pixels.size(), " values, expected ",
        kDigitPixels, " (28 x 28, row-major)");
  for (size_t i = 0; i < pixels.size(); ++i)
    check(pixels[i] >= 0.0f && pixels[i] <= 1.0f, "pixels[", i, "]: got ", pixels[i],
          ", expected a number from 0 to 1");
  const int64_t S = kDigitSide;
  const bool was_training = model.is_training();
  model.eval();
  tape.clear();
  DigitClassification c;
  Tensor x(recurrent ? Shape{S, 1, S} : Shape{1, 1, S, S});  // (T = row, 1, column) or (1, 1, row, column)
  std::copy(pixels.begin(), pixels.end(), x.data());
  if (recurrent) {
    const RecurrentOutput out = model.forward(tape, tape.constant(x));  // (28, 1, 10): the head on every step
    const Tensor& logits = out.output.value();
    Tensor rows;
    rows.assign(logits);
    rows.reshape(Shape{S, kImageClasses});
    c.per_row = Tensor(Shape{S, kImageClasses});
    for (int64_t t = 0; t < S; ++t) {
      const std::vector<float> p = softmax_row(rows, t);
      std::copy(p.begin(), p.end(), c.per_row.data() + t * kImageClasses);
    }
    c.probabilities.assign(c.per_row.data() + (S - 1) * kImageClasses, c.per_row.data() + S * kImageClasses);
    model.traces(c.layers);
  } else {
    const RecurrentOutput out = model.forward_images(tape, tape.constant(x));  // (1, 10)
    c.probabilities = softmax_row(out.output.value(), 0);
  }
  model.train(was_training);
  c.predicted = static_cast<int32_t>(std::max_element(c.probabilities.begin(), c.probabilities.end()) -
                                     c.probabilities.begin());
  return c;
}

ViewData DigitsTask::prediction(SequenceModel& model) {
  if (eval_.at < 0) evaluate(model);  // the initial or loaded weights, once
  ViewData d;
  d.set("task", std::string("digits")).set("view", std::string("digits"));
  d.set("model", model_).set("data", data_);
  std::string classes;
  for (std::string_view name : digits_class_names(data_)) classes += (classes.empty() ? "" : "\n") + std::string(name);
  d.set("classes", classes);
  d.set("trainSize", double(train_)).set("heldOutSize", double(held_out_count()));
  d.set("stepsPerEpoch", double(steps_per_epoch())).set("epoch", double(epoch_));
  d.set("batchAccuracy", batch_accuracy());
  d.set("heldOutAccuracy", eval_.accuracy).set("heldOutAt", double(eval_.at));
  d.set("accuracyPerEpoch", accuracy_per_epoch_).set("lossPerEpoch", loss_per_epoch_);
  d.set("secondsPerEpoch", seconds_per_epoch_);
  d.set("confusion", eval_.confusion);
  d.set("misclassified", eval_.misclassified).set("misclassifiedPredicted", eval_.misclassified_predicted);
  const bool stepped = logits_.defined() && !batch_indices_.empty();
  std::vector<uint8_t> image;
  if (stepped) {
    const uint8_t* first = images_->image(batch_indices_[0]);
    image.assign(first, first + kDigitPixels);
  }
  d.set("image", std::move(image));
  d.set("label", stepped ? double(batch_labels_[0]) : -1.0);
  d.set("predicted", stepped ? double(argmax_rows(logits_.value())[0]) : -1.0);
  d.set("probabilities", stepped ? softmax_row(logits_.value(), 0) : std::vector<float>());
  return d;
}

json::Value DigitsTask::describe() const {
  json::Value task = json::Value::object();
  task.set("kind", "digits");
  task.set("model", model_);
  task.set("data", data_);
  task.set("side", kDigitSide);
  task.set("classes", kImageClasses);
  return task;
}

void DigitsTask::check_loaded(const ModelConfig& m, const json::Value&) const {
  check(m.output_size() == kImageClasses, "config: the model has ", m.output_size(), " outputs; the digits task has ",
        kImageClasses, " classes");
  if (m.is_image()) {
    check(m.image_side == kDigitSide, "config.image.side: got ", m.image_side, ", the digits are ", kDigitSide, " x ",
          kDigitSide);
  } else {
    check(m.input_size == kDigitSide && !m.batch_first && !m.is_cell() && !m.has_embedding(),
          "config: the digits task runs a time-major recurrent layer over rows of ", kDigitSide, " pixels");
  }
  check(m.kind == model_, "config.kind: the file holds a ", m.kind, " model; this trainer's model is ", model_,
        " (set model: \"", m.kind, "\" to load it)");
}

}  // namespace rnnlab
