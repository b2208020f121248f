#include "tasks/text_task.h"

#include <algorithm>

#include "core/error.h"
#include "core/ops.h"
#include "tasks/config_schema.h"
#include "tasks/recurrent_model_config.h"
#include "train/cross_entropy.h"

namespace rnnlab {
namespace {

const std::string& corpus_text_of(const TrainerConfig& c) {
  if (!c.corpus_text)
    fail_key("corpus", "no text given for \"", c.text.corpus,
             "\": the CLI reads it from --corpus FILE, the page passes the corpus's text");
  return *c.corpus_text;
}

// Softmax of one row of logits.
void softmax_row(const float* logits, int64_t v, float* out) {
  const float top = *std::max_element(logits, logits + v);
  float total = 0;
  for (int64_t k = 0; k < v; ++k) total += out[k] = std::exp(logits[k] - top);
  for (int64_t k = 0; k < v; ++k) out[k] /= total;
}

}  // namespace

TextTask::TextTask(const TrainerConfig& c)
    : settings_(c.text),
      seq_len_(c.text.seq_len),
      batch_(c.batch),
      text_bytes_(static_cast<int64_t>(corpus_text_of(c).size())),
      corpus_(corpus_text_of(c), c.text.seq_len) {
  if (settings_.tbptt && corpus_.train_size() / batch_ < seq_len_ + 1)
    fail_key("batch", "got ", batch_, " with tbptt: ", batch_, " streams of the ", corpus_.train_size(),
             " training characters are ", corpus_.train_size() / batch_,
             " characters each, expected at least seqLen + 1 = ", seq_len_ + 1);
}

ModelConfig TextTask::model_config(const TrainerConfig& c) const {
  const int64_t v = corpus_.vocabulary().size();
  if (c.arch != "layer")
    fail_key("arch", "got \"", c.arch, "\", the text task needs layer (a recurrent layer and a Linear head)");
  const int64_t e = c.text.embedding;
  if (e == 0 && v > kMaxInputSize)
    fail_key("embedding", "got 0 (one-hot), which takes one input per character: ", v, " here, the limit is ",
             kMaxInputSize, "; use an embedding");
  ModelConfig m = recurrent_model_config(c, e > 0 ? e : v, v, /*batch_first=*/false);
  if (e > 0) {
    m.embedding_dim = e;
    m.num_embeddings = v;
  }
  validate(m);
  return m;
}

TaskStep TextTask::forward_loss(Tape& tape, SequenceModel& model, Rng& data_rng, Rng* dropout_rng) {
  const int64_t T = seq_len_, B = batch_;
  starts_.resize(static_cast<size_t>(B));
  if (settings_.tbptt) {
    const int64_t stream = corpus_.train_size() / B;
    if (cursor_ + T + 1 > stream) cursor_ = 0, h_ = Tensor(), c_ = Tensor();  // the streams wrap: fresh states
    for (int64_t b = 0; b < B; ++b) starts_[static_cast<size_t>(b)] = b * stream + cursor_;
    cursor_ += T;
  } else {
    for (int64_t b = 0; b < B; ++b) starts_[static_cast<size_t>(b)] = data_rng.integer(0, corpus_.train_size() - T);
  }
  tokens_.resize(static_cast<size_t>(T * B));
  targets_.resize(static_cast<size_t>(T * B));
  for (int64_t t = 0; t < T; ++t)
    for (int64_t b = 0; b < B; ++b) {
      const int64_t at = starts_[static_cast<size_t>(b)] + t;
      tokens_[static_cast<size_t>(t * B + b)] = corpus_.at(at);
      targets_[static_cast<size_t>(t * B + b)] = corpus_.at(at + 1);
    }
  const Var h0 = h_.empty() ? Var{} : tape.constant(h_);
  const Var c0 = c_.empty() ? Var{} : tape.constant(c_);
  TaskStep s;
  s.out = model.forward_tokens(tape, tokens_, T, B, h0, c0, dropout_rng);  // output (T, B, V)
  logits_ = s.out.output;
  const int64_t v = corpus_.vocabulary().size();
  s.loss = cross_entropy(reshape(s.out.output, Shape{T * B, v}), targets_, Reduction::Mean);
  return s;
}

void TextTask::after_update(const RecurrentOutput& out, SequenceModel& model) {
  if (settings_.tbptt) {  // detached: the next window's gradients stop at its start
    h_.assign(out.h_n.value());
    if (out.c_n.defined()) c_.assign(out.c_n.value());
  }
  if (++updates_ % settings_.val_every == 0) validation_loss(model);
}

void TextTask::forget() {
  logits_ = {};
  h_ = Tensor();
  c_ = Tensor();
  cursor_ = 0;
}

int64_t TextTask::validation_length() const {
  const int64_t n = corpus_.size() - corpus_.validation_begin();
  return std::min(seq_len_, n - 1);
}

std::vector<int64_t> TextTask::validation_starts() const {
  std::vector<int64_t> starts;
  const int64_t n = corpus_.size() - corpus_.validation_begin(), length = validation_length();
  if (length < 1) return starts;
  // Window k reads [s_k, s_k + length], so the last target is at most corpus_.size() - 1.
  const int64_t count = std::min(kValidationWindows, (n - 1) / length);
  for (int64_t k = 0; k < count; ++k) starts.push_back(corpus_.validation_begin() + k * length);
  return starts;
}

float TextTask::validation_loss(SequenceModel& model) {
  const std::vector<int64_t> starts = validation_starts();
  if (starts.empty()) return latest_val_loss_ = NAN;
  const int64_t T = validation_length(), B = static_cast<int64_t>(starts.size());
  std::vector<int32_t> tokens(static_cast<size_t>(T * B)), targets(static_cast<size_t>(T * B));
  for (int64_t t = 0; t < T; ++t)
    for (int64_t b = 0; b < B; ++b) {
      tokens[static_cast<size_t>(t * B + b)] = corpus_.at(starts[static_cast<size_t>(b)] + t);
      targets[static_cast<size_t>(t * B + b)] = corpus_.at(starts[static_cast<size_t>(b)] + t + 1);
    }
  const bool was_training = model.is_training();
  model.eval();
  Tape tape;
  const RecurrentOutput out = model.forward_tokens(tape, tokens, T, B);
  const float loss =
      cross_entropy(reshape(out.output, Shape{T * B, corpus_.vocabulary().size()}), targets, Reduction::Mean)
          .value()
          .item();
  model.train(was_training);
  return latest_val_loss_ = loss;
}

std::string TextTask::sample(SequenceModel& model, const SampleOptions& options) {
  std::string text = sample_text(model, corpus_.vocabulary(), options);
  latest_sample_ = text;
  return text;
}

std::vector<int32_t> TextTask::first_window_predictions() const {
  std::vector<int32_t> out;
  if (!logits_.defined()) return out;
  const Tensor& logits = logits_.value();  // (T, B, V)
  const int64_t T = logits.dim(0), B = logits.dim(1), v = logits.dim(2);
  for (int64_t t = 0; t < T; ++t) {
    const float* row = logits.data() + (t * B) * v;  // sequence 0
    out.push_back(static_cast<int32_t>(std::max_element(row, row + v) - row));
  }
  return out;
}

std::string TextTask::window_text() const {
  if (!logits_.defined()) return {};
  std::vector<int32_t> window;
  for (int64_t t = 0; t < seq_len_; ++t) window.push_back(tokens_[static_cast<size_t>(t * batch_)]);
  return encode_utf8(corpus_.vocabulary().decode(window));
}

std::string TextTask::predicted_text() const {
  return encode_utf8(corpus_.vocabulary().decode(first_window_predictions()));
}

Tensor TextTask::probabilities() const {
  if (!logits_.defined()) return Tensor();
  const Tensor& logits = logits_.value();  // (T, B, V)
  const int64_t T = logits.dim(0), B = logits.dim(1), v = logits.dim(2);
  Tensor p(Shape{T, v});
  for (int64_t t = 0; t < T; ++t) softmax_row(logits.data() + (t * B) * v, v, p.data() + t * v);
  return p;
}

ViewData TextTask::prediction(SequenceModel&) {
  std::vector<int32_t> window_targets;  // (T) the first window's next characters
  if (logits_.defined())
    for (int64_t t = 0; t < seq_len_; ++t) window_targets.push_back(targets_[static_cast<size_t>(t * batch_)]);
  ViewData d;
  d.set("task", std::string("text")).set("view", std::string("text"));
  d.set("window", window_text());
  d.set("predicted", predicted_text());
  d.set("targetIndices", std::move(window_targets));
  d.set("predictedIndices", first_window_predictions());
  d.set("vocabulary", encode_utf8(corpus_.vocabulary().symbols()));
  d.set("valLoss", static_cast<double>(latest_val_loss_));                        // nats per character; NaN: none yet
  d.set("valBitsPerChar", static_cast<double>(latest_val_loss_) / std::log(2.0));  // the same in bits
  d.set("sample", latest_sample_);
  return d;
}

void TextTask::trace_output(ViewData& out) const {
  out.set("output", probabilities());  // (T, V) the first window's
  std::vector<int32_t> targets;
  if (logits_.defined())
    for (int64_t t = 0; t < seq_len_; ++t) targets.push_back(targets_[static_cast<size_t>(t * batch_)]);
  out.set("target", std::move(targets));  // (T)
}

json::Value TextTask::describe() const {
  json::Value task = json::Value::object();
  task.set("kind", "text");
  task.set("corpus", settings_.corpus);
  task.set("vocabulary", encode_utf8(corpus_.vocabulary().symbols()));
  return task;
}

void TextTask::check_loaded(const ModelConfig& m, const json::Value& task) const {
  const int64_t v = corpus_.vocabulary().size();
  check(m.input_classes() == v && m.output_size() == v, "config: the model maps ", m.input_classes(),
        " characters to ", m.output_size(), " outputs; this corpus has ", v, " distinct characters");
  check(!m.batch_first && !m.bidirectional && !m.is_cell(),
        "config: the text task runs a time-major, forward-only layer");
  if (const json::Value* vocab = task.is_null() ? nullptr : task.find("vocabulary")) {
    const std::string mine = encode_utf8(corpus_.vocabulary().symbols());
    check(vocab->is_string() && vocab->as_string() == mine,
          "task.vocabulary: the model was trained on another vocabulary than this corpus's (",
          v, " characters)");
  }
}

}  // namespace rnnlab
