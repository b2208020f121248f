#include "tasks/classify_task.h"

#include <algorithm>

#include "core/error.h"
#include "tasks/config_schema.h"
#include "tasks/many_to_one.h"
#include "tasks/recurrent_model_config.h"

namespace rnnlab {

void pad_examples(const std::vector<ClassifyExample>& examples, std::span<const int64_t> picks, PaddedBatch& out) {
  const int64_t B = static_cast<int64_t>(picks.size());
  int64_t T = 1;
  for (int64_t i : picks) T = std::max<int64_t>(T, static_cast<int64_t>(examples[static_cast<size_t>(i)].symbols.size()));
  out.steps = T;
  out.batch = B;
  out.tokens.assign(static_cast<size_t>(T * B), 0);  // (T, B): padding is index 0, read by nothing
  out.lengths.resize(static_cast<size_t>(B));
  out.labels.resize(static_cast<size_t>(B));
  for (int64_t b = 0; b < B; ++b) {
    const ClassifyExample& e = examples[static_cast<size_t>(picks[static_cast<size_t>(b)])];
    for (size_t t = 0; t < e.symbols.size(); ++t) out.tokens[t * static_cast<size_t>(B) + static_cast<size_t>(b)] = e.symbols[t];
    out.lengths[static_cast<size_t>(b)] = static_cast<int64_t>(e.symbols.size());
    out.labels[static_cast<size_t>(b)] = e.label;
  }
}

ClassifyTask::ClassifyTask(const TrainerConfig& c)
    : data_(parse_class_examples(c.classify.examples.empty() ? default_classify_examples() : c.classify.examples,
                                 c.seed)) {}

ModelConfig ClassifyTask::model_config(const TrainerConfig& c) const {
  if (c.arch != "layer")
    fail_key("arch", "got \"", c.arch, "\", the classify task needs layer (a recurrent layer and a Linear head)");
  if (c.bidirectional)
    fail_key("bidirectional", "the classify task reads each string's own last step of a padded batch, where a "
                              "reverse direction would read the padding first; expected false");
  return recurrent_model_config(c, data_.inputs(), data_.classes(), /*batch_first=*/false);
}

TaskStep ClassifyTask::forward_loss(Tape& tape, SequenceModel& model, Rng& data_rng, Rng* dropout_rng) {
  std::vector<int64_t> picks(static_cast<size_t>(kClassifyBatch));
  for (int64_t& pick : picks) {  // a class uniformly, then one of its training examples
    const auto& of_class = data_.train_of_class[static_cast<size_t>(data_rng.integer(0, data_.classes()))];
    pick = of_class[static_cast<size_t>(data_rng.integer(0, static_cast<int64_t>(of_class.size())))];
  }
  pad_examples(data_.train, picks, batch_);
  TaskStep s = many_to_one_padded_loss(tape, model, batch_.tokens, batch_.steps, batch_.batch, batch_.lengths,
                                       batch_.labels, dropout_rng);
  logits_ = s.out.output;  // (B, C)
  return s;
}

void ClassifyTask::forget() {
  logits_ = {};
  held_out_at_ = -1;
}

double ClassifyTask::held_out_accuracy(SequenceModel& model) {
  const int64_t n = static_cast<int64_t>(data_.held_out.size());
  const bool was_training = model.is_training();
  model.eval();
  int64_t hits = 0;
  PaddedBatch chunk;
  std::vector<int64_t> picks;
  for (int64_t first = 0; first < n; first += kClassifyBatch) {
    picks.clear();
    for (int64_t i = first; i < std::min(n, first + kClassifyBatch); ++i) picks.push_back(i);
    pad_examples(data_.held_out, picks, chunk);
    Tape tape;
    const Var logits = padded_last_step_logits(tape, model, chunk.tokens, chunk.steps, chunk.batch, chunk.lengths,
                                               nullptr, nullptr);
    const std::vector<int32_t> predicted = argmax_rows(logits.value());
    for (size_t b = 0; b < predicted.size(); ++b) hits += predicted[b] == chunk.labels[b];
  }
  model.train(was_training);
  held_out_at_ = updates_;
  return held_out_accuracy_ = double(hits) / double(n);
}

std::vector<float> ClassifyTask::classify(SequenceModel& model, std::string_view text) {
  const std::vector<int32_t> symbols = data_.encode(text, "text");
  const bool was_training = model.is_training();
  model.eval();
  Tape tape;
  const int64_t T = static_cast<int64_t>(symbols.size());
  const std::vector<int64_t> lengths{T};
  const Var logits = padded_last_step_logits(tape, model, symbols, T, 1, lengths, nullptr, nullptr);  // (1, C)
  model.train(was_training);
  return softmax_row(logits.value(), 0);
}

ViewData ClassifyTask::prediction(SequenceModel& model) {
  if (held_out_at_ < 0 || updates_ - held_out_at_ >= kClassifyHeldOutEvery) held_out_accuracy(model);
  ViewData d;
  d.set("task", std::string("classify")).set("view", std::string("classify"));
  std::string names;  // one per line (a name has no control character)
  for (const std::string& n : data_.names) names += (names.empty() ? "" : "\n") + n;
  d.set("classes", names);
  const bool stepped = logits_.defined();
  std::string text;
  if (stepped)
    for (int64_t t = 0; t < batch_.lengths[0]; ++t)
      text += encode_utf8(std::u32string(1, data_.vocabulary.symbols()[static_cast<size_t>(batch_.tokens[static_cast<size_t>(t * batch_.batch)])]));
  d.set("text", text);  // the last batch's first example
  d.set("label", stepped ? double(batch_.labels[0]) : -1.0);
  d.set("predicted", stepped ? double(argmax_rows(logits_.value())[0]) : -1.0);
  d.set("probabilities", stepped ? softmax_row(logits_.value(), 0) : std::vector<float>());  // (C)
  d.set("batchAccuracy", stepped ? accuracy(logits_.value(), batch_.labels) : NAN);
  d.set("heldOutAccuracy", held_out_accuracy_);
  d.set("heldOutAt", double(held_out_at_));
  d.set("heldOutSize", double(data_.held_out.size()));
  d.set("trainSize", double(data_.train.size()));
  return d;
}

json::Value ClassifyTask::describe() const {
  json::Value task = json::Value::object();
  task.set("kind", "classify");
  json::Value names = json::Value::array();
  for (const std::string& n : data_.names) names.push_back(n);
  task.set("classes", std::move(names));
  task.set("vocabulary", encode_utf8(data_.vocabulary.symbols()));
  return task;
}

std::u32string ClassifyTask::inspection_text(int64_t max) const {
  if (data_.held_out.empty()) return {};
  return data_.vocabulary.decode(data_.held_out.front().symbols).substr(0, static_cast<size_t>(max));
}

void ClassifyTask::check_loaded(const ModelConfig& m, const json::Value&) const {
  check(m.input_classes() == data_.inputs() && m.output_size() == data_.classes() && !m.has_embedding(),
        "config: the model maps ", m.input_classes(), " inputs to ", m.output_size(), " outputs; these examples have ",
        data_.inputs(), " inputs (", data_.vocabulary.size(), " characters and unknown) and ", data_.classes(),
        " classes");
  check(!m.batch_first && !m.is_cell() && !m.bidirectional,
        "config: the classify task runs a unidirectional, time-major recurrent layer");
}

}  // namespace rnnlab
