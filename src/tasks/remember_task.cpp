#include "tasks/remember_task.h"

#include <algorithm>

#include "core/error.h"
#include "tasks/config_schema.h"
#include "tasks/many_to_one.h"
#include "tasks/recurrent_model_config.h"

namespace rnnlab {

RememberTask::RememberTask(const TrainerConfig& c) : settings_(c.remember) {
  validate(settings_);
  Rng held_out_rng(c.seed, 4);  // streams 1-3 are the Trainer's (init, data, dropout)
  draw_remember_batch(settings_, kHeldOutSequences, held_out_rng, held_out_);
  vocabulary_ = remember_vocabulary(settings_.symbols);
}

std::u32string RememberTask::inspection_text(int64_t max) const {
  return decode_utf8(remember_text(held_out_, 0), "text").substr(0, static_cast<size_t>(max));
}

ModelConfig RememberTask::model_config(const TrainerConfig& c) const {
  if (c.arch != "layer")
    fail_key("arch", "got \"", c.arch, "\", the remember task needs layer (a recurrent layer and a Linear head)");
  return recurrent_model_config(c, settings_.symbols, settings_.symbols, /*batch_first=*/false);
}

TaskStep RememberTask::forward_loss(Tape& tape, SequenceModel& model, Rng& data_rng, Rng* dropout_rng) {
  draw_remember_batch(settings_, kRememberBatch, data_rng, batch_);
  TaskStep s = many_to_one_loss(tape, model, batch_.tokens, batch_.steps, batch_.batch, batch_.labels, dropout_rng);
  logits_ = s.out.output;  // (B, K)
  return s;
}

void RememberTask::forget() {
  logits_ = {};
  held_out_at_ = -1;
}

double RememberTask::batch_accuracy() const {
  return logits_.defined() ? accuracy(logits_.value(), batch_.labels) : NAN;
}

double RememberTask::held_out_accuracy(SequenceModel& model) {
  const int64_t T = held_out_.steps, n = held_out_.batch;
  const bool was_training = model.is_training();
  model.eval();
  int64_t hits = 0;
  std::vector<int32_t> tokens;
  for (int64_t first = 0; first < n; first += kRememberBatch) {  // chunks of a training batch: the same memory
    const int64_t B = std::min(kRememberBatch, n - first);
    tokens.resize(static_cast<size_t>(T * B));
    for (int64_t t = 0; t < T; ++t)
      std::copy_n(held_out_.tokens.begin() + t * n + first, B, tokens.begin() + t * B);
    Tape tape;
    const RecurrentOutput out = model.forward_tokens(tape, tokens, T, B, {}, {}, nullptr, Readout::LastStep);
    const std::vector<int32_t> predicted = argmax_rows(out.output.value());  // (B)
    for (int64_t b = 0; b < B; ++b) hits += predicted[static_cast<size_t>(b)] == held_out_.labels[static_cast<size_t>(first + b)];
  }
  model.train(was_training);
  held_out_at_ = updates_;
  return held_out_accuracy_ = double(hits) / double(n);
}

ViewData RememberTask::prediction(SequenceModel& model) {
  if (held_out_at_ < 0 || updates_ - held_out_at_ >= kHeldOutEvery) held_out_accuracy(model);
  const int64_t K = settings_.symbols;
  ViewData d;
  d.set("task", std::string("remember")).set("view", std::string("remember"));
  d.set("alphabet", std::string(kRememberAlphabet.substr(0, static_cast<size_t>(K))));
  d.set("length", double(settings_.length)).set("distance", double(settings_.distance));
  d.set("position", double(remembered_position(settings_)));  // 0-based index of the remembered symbol
  const bool stepped = logits_.defined();
  d.set("sequence", stepped ? remember_text(batch_, 0) : std::string());  // the last batch's first sequence
  std::vector<int32_t> indices;                                            // (T) its symbols
  if (stepped)
    for (int64_t t = 0; t < batch_.steps; ++t) indices.push_back(batch_.tokens[static_cast<size_t>(t * batch_.batch)]);
  d.set("sequenceIndices", std::move(indices));
  d.set("label", stepped ? double(batch_.labels[0]) : -1.0);
  d.set("predicted", stepped ? double(argmax_rows(logits_.value())[0]) : -1.0);
  d.set("probabilities", stepped ? softmax_row(logits_.value(), 0) : std::vector<float>());  // (K)
  d.set("batchAccuracy", batch_accuracy());
  d.set("heldOutAccuracy", held_out_accuracy_);
  d.set("heldOutAt", double(held_out_at_));  // the update count of that evaluation
  d.set("heldOutSize", double(held_out_.batch));
  return d;
}

json::Value RememberTask::describe() const {
  json::Value task = json::Value::object();
  task.set("kind", "remember");
  task.set("symbols", settings_.symbols);
  task.set("length", settings_.length);
  task.set("distance", settings_.distance);
  return task;
}

void RememberTask::check_loaded(const ModelConfig& m, const json::Value&) const {
  const int64_t K = settings_.symbols;
  check(m.input_classes() == K && m.output_size() == K && !m.has_embedding(), "config: the model maps ",
        m.input_classes(), " inputs to ", m.output_size(), " outputs; this task has ", K, " symbols");
  check(!m.batch_first && !m.is_cell(), "config: the remember task runs a time-major recurrent layer");
}

}  // namespace rnnlab
