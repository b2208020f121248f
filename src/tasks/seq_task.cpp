#include "tasks/seq_task.h"

#include "core/error.h"
#include "core/ops.h"
#include "tasks/config_schema.h"
#include "tasks/recurrent_model_config.h"
#include "train/cross_entropy.h"

namespace rnnlab {

SeqTask::SeqTask(const TrainerConfig& c) : input_text_(c.input), target_text_(c.target) {
  const std::u32string in = decode_utf8(c.input, "input");
  const std::u32string out = decode_utf8(c.target, "target");
  if (in.empty()) fail_key("input", "empty, expected 1 to ", kMaxSequenceLength, " characters");
  if (out.empty()) fail_key("target", "empty, expected 1 to ", kMaxSequenceLength, " characters");
  if (in.size() != out.size())
    throw ConfigError::verbatim(*find_config_key("input"),
                                message("input and target must have the same length: input has ", in.size(),
                                        " characters, target has ", out.size()));
  if (static_cast<int64_t>(in.size()) > kMaxSequenceLength)
    fail_key("input", in.size(), " characters, the limit is ", kMaxSequenceLength);
  vocabulary_ = Vocabulary::from_texts({in, out});
  if (vocabulary_.size() > kMaxVocabulary)
    throw ConfigError::verbatim(*find_config_key("input"), message("input and target: ", vocabulary_.size(),
                                                                   " distinct characters, the limit is ",
                                                                   kMaxVocabulary));
  input_ = vocabulary_.encode(in, "input");
  target_ = vocabulary_.encode(out, "target");
  x_ = vocabulary_.one_hot(input_);
}

ModelConfig SeqTask::model_config(const TrainerConfig& c) const {
  return recurrent_model_config(c, vocabulary_.size(), vocabulary_.size(), /*batch_first=*/false);
}

TaskStep SeqTask::forward_loss(Tape& tape, SequenceModel& model, Rng&, Rng* dropout_rng) {
  TaskStep s;
  s.out = model.forward(tape, tape.constant(x_), {}, {}, dropout_rng);
  logits_ = s.out.output;
  s.loss = cross_entropy(reshape(s.out.output, Shape{steps(), vocabulary_.size()}), target_, Reduction::Sum);
  return s;
}

std::vector<int32_t> SeqTask::predicted_indices() const {
  std::vector<int32_t> out;
  if (!logits_.defined()) return out;
  const Tensor& logits = logits_.value();  // (T, 1, V)
  const int64_t v = vocabulary_.size();
  for (int64_t t = 0; t < logits.numel() / v; ++t) {
    Eigen::Index best = 0;
    logits.mat(logits.numel() / v, v).row(t).maxCoeff(&best);
    out.push_back(static_cast<int32_t>(best));
  }
  return out;
}

std::string SeqTask::predicted_text() const { return encode_utf8(vocabulary_.decode(predicted_indices())); }

Tensor SeqTask::probabilities() const {
  if (!logits_.defined()) return Tensor();
  const int64_t v = vocabulary_.size();
  Tensor p(Shape{logits_.value().numel() / v, v});
  auto logits = logits_.value().mat(p.dim(0), v);
  for (int64_t t = 0; t < p.dim(0); ++t) {
    auto e = (logits.row(t).array() - logits.row(t).maxCoeff()).exp();
    p.mat().row(t) = e / e.sum();
  }
  return p;
}

ViewData SeqTask::prediction(SequenceModel&) {
  const std::vector<int32_t> predicted = predicted_indices();  // (T), empty before the first step
  std::vector<uint8_t> correct(predicted.size());               // (T) 1 where the prediction is the target
  int hits = 0;
  for (size_t t = 0; t < predicted.size(); ++t) hits += correct[t] = predicted[t] == target_[t];
  Tensor probabilities = this->probabilities();  // (T, V), or (0, V) before the first step
  if (probabilities.empty()) probabilities.resize(Shape{0, vocabulary_.size()});
  ViewData d;
  d.set("task", std::string("seq")).set("view", std::string("seq"));
  d.set("input", input_text_).set("target", target_text_);
  d.set("vocabulary", encode_utf8(vocabulary_.symbols()));
  d.set("predicted", predicted_text());
  d.set("predictedIndices", predicted).set("targetIndices", target_).set("correct", std::move(correct));
  d.set("accuracy", predicted.empty() ? 0.0 : double(hits) / double(predicted.size()));
  d.set("probabilities", std::move(probabilities));
  return d;
}

void SeqTask::trace_output(ViewData& out) const {
  out.set("output", probabilities());  // (T, V)
  out.set("target", target_);          // (T) class per step
}

json::Value SeqTask::describe() const {
  json::Value task = json::Value::object();
  task.set("kind", "seq");
  task.set("vocabulary", encode_utf8(vocabulary_.symbols()));
  return task;
}

void SeqTask::check_loaded(const ModelConfig& m, const json::Value& task) const {
  const int64_t v = vocabulary_.size();
  check(m.input_size == v && m.output_size() == v, "config: the model maps ", m.input_size, " inputs to ",
        m.output_size(), " outputs; this task's vocabulary has ", v, " characters");
  if (const json::Value* vocab = task.is_null() ? nullptr : task.find("vocabulary")) {
    const std::string mine = encode_utf8(vocabulary_.symbols());
    check(vocab->is_string() && vocab->as_string() == mine, "task.vocabulary: the model was trained on \"",
          vocab->is_string() ? std::string(vocab->as_string()) : std::string("?"), "\", this task's is \"", mine,
          "\"");
  }
}

}  // namespace rnnlab
