#include "tasks/tag_task.h"

#include <algorithm>

#include "core/error.h"
#include "core/ops_shape.h"
#include "tasks/config_schema.h"
#include "tasks/many_to_one.h"
#include "tasks/recurrent_model_config.h"
#include "train/cross_entropy.h"

namespace rnnlab {

void draw_tag_batch(int64_t T, int64_t K, int64_t B, Rng& rng, TagBatch& out) {
  out.steps = T;
  out.batch = B;
  out.tokens.resize(static_cast<size_t>(T * B));
  out.tags.assign(static_cast<size_t>(T * B), 0);
  for (int32_t& token : out.tokens) token = static_cast<int32_t>(rng.integer(0, K));
  std::vector<uint8_t> seen(static_cast<size_t>(K));
  for (int64_t b = 0; b < B; ++b) {
    std::fill(seen.begin(), seen.end(), 0);
    for (int64_t t = T - 1; t >= 0; --t) {  // backwards: seen holds the symbols after step t
      const size_t i = static_cast<size_t>(t * B + b);
      out.tags[i] = seen[static_cast<size_t>(out.tokens[i])];
      seen[static_cast<size_t>(out.tokens[i])] = 1;
    }
  }
}

double tag_position_bound(int64_t T, int64_t K) {
  double sum = 0;
  for (int64_t t = 0; t < T; ++t) {
    const double p = 1.0 - std::pow(1.0 - 1.0 / double(K), double(T - 1 - t));
    sum += std::max(p, 1.0 - p);
  }
  return sum / double(T);
}

TagTask::TagTask(const TrainerConfig& c) : length_(c.remember.length), symbols_(c.remember.symbols) {
  Rng held_out_rng(c.seed, 4);  // streams 1-3 are the Trainer's (init, data, dropout)
  draw_tag_batch(length_, symbols_, kHeldOutSequences, held_out_rng, held_out_);
  vocabulary_ = remember_vocabulary(symbols_);
}

std::u32string TagTask::inspection_text(int64_t max) const {
  std::u32string text;
  for (int64_t t = 0; t < held_out_.steps && t < max; ++t)
    text.push_back(vocabulary_.symbols()[static_cast<size_t>(held_out_.tokens[static_cast<size_t>(t * held_out_.batch)])]);
  return text;
}

ModelConfig TagTask::model_config(const TrainerConfig& c) const {
  if (c.arch != "layer")
    fail_key("arch", "got \"", c.arch, "\", the tag task needs layer (a recurrent layer and a Linear head)");
  return recurrent_model_config(c, symbols_, 2, /*batch_first=*/false);
}

namespace {

// The mean cross-entropy of logits (T, B, 2) against the T * B tags.
Var tag_loss(Var logits, std::span<const int32_t> tags) {
  const Shape s = logits.shape();
  return cross_entropy(reshape(logits, Shape{s[0] * s[1], s[2]}), tags, Reduction::Mean);
}

// Tags right, of logits (T, B, 2) against tags (T * B).
int64_t tags_right(const Tensor& logits, std::span<const int32_t> tags) {
  int64_t hits = 0;
  const float* p = logits.data();
  for (size_t i = 0; i < tags.size(); ++i) hits += int32_t(p[2 * i + 1] > p[2 * i]) == tags[i];
  return hits;
}

}  // namespace

TaskStep TagTask::forward_loss(Tape& tape, SequenceModel& model, Rng& data_rng, Rng* dropout_rng) {
  draw_tag_batch(length_, symbols_, kTagBatch, data_rng, batch_);
  TaskStep s;
  s.out = model.forward_tokens(tape, batch_.tokens, batch_.steps, batch_.batch, {}, {}, dropout_rng);  // (T, B, 2)
  s.loss = tag_loss(s.out.output, batch_.tags);
  logits_ = s.out.output;
  return s;
}

void TagTask::forget() {
  logits_ = {};
  held_out_at_ = -1;
}

double TagTask::held_out_accuracy(SequenceModel& model) {
  const int64_t T = held_out_.steps, n = held_out_.batch;
  const bool was_training = model.is_training();
  model.eval();
  int64_t hits = 0;
  std::vector<int32_t> tokens, tags;
  for (int64_t first = 0; first < n; first += kTagBatch) {
    const int64_t B = std::min(kTagBatch, n - first);
    tokens.resize(static_cast<size_t>(T * B));
    tags.resize(static_cast<size_t>(T * B));
    for (int64_t t = 0; t < T; ++t) {
      std::copy_n(held_out_.tokens.begin() + t * n + first, B, tokens.begin() + t * B);
      std::copy_n(held_out_.tags.begin() + t * n + first, B, tags.begin() + t * B);
    }
    Tape tape;
    const RecurrentOutput out = model.forward_tokens(tape, tokens, T, B);
    hits += tags_right(out.output.value(), tags);
  }
  model.train(was_training);
  held_out_at_ = updates_;
  return held_out_accuracy_ = double(hits) / double(n * T);
}

ViewData TagTask::prediction(SequenceModel& model) {
  if (held_out_at_ < 0 || updates_ - held_out_at_ >= kHeldOutEvery) held_out_accuracy(model);
  ViewData d;
  d.set("task", std::string("tag")).set("view", std::string("tag"));
  d.set("alphabet", std::string(kRememberAlphabet.substr(0, static_cast<size_t>(symbols_))));
  const bool stepped = logits_.defined();
  std::vector<int32_t> indices, tags, predicted;  // (T) of the last batch's first sequence
  std::vector<float> p_one;                       // (T) the probability of tag 1
  std::string text;
  if (stepped) {
    const float* z = logits_.value().data();
    for (int64_t t = 0; t < batch_.steps; ++t) {
      const size_t i = static_cast<size_t>(t * batch_.batch);
      indices.push_back(batch_.tokens[i]);
      text += kRememberAlphabet[static_cast<size_t>(batch_.tokens[i])];
      tags.push_back(batch_.tags[i]);
      predicted.push_back(z[2 * i + 1] > z[2 * i] ? 1 : 0);
      p_one.push_back(1.0f / (1.0f + std::exp(z[2 * i] - z[2 * i + 1])));
    }
  }
  d.set("sequence", text);
  d.set("sequenceIndices", std::move(indices));
  d.set("tags", std::move(tags));
  d.set("predictedTags", std::move(predicted));
  d.set("tagProbabilities", std::move(p_one));
  d.set("batchAccuracy",
        stepped ? double(tags_right(logits_.value(), batch_.tags)) / double(batch_.tags.size()) : NAN);
  d.set("heldOutAccuracy", held_out_accuracy_);
  d.set("heldOutAt", double(held_out_at_));
  d.set("heldOutSize", double(held_out_.batch));
  d.set("positionBound", tag_position_bound(length_, symbols_));
  return d;
}

void TagTask::trace_output(ViewData& out) const {
  if (!logits_.defined()) return;
  const Tensor& z = logits_.value();  // (T, B, 2): the first sequence's softmax per step
  const int64_t T = batch_.steps, B = batch_.batch;
  Tensor p(Shape{T, 2});
  std::vector<int32_t> target(static_cast<size_t>(T));
  for (int64_t t = 0; t < T; ++t) {
    const float a = z[(t * B) * 2], b = z[(t * B) * 2 + 1];
    p[t * 2 + 1] = 1.0f / (1.0f + std::exp(a - b));
    p[t * 2] = 1.0f - p[t * 2 + 1];
    target[static_cast<size_t>(t)] = batch_.tags[static_cast<size_t>(t * B)];
  }
  out.set("output", p);          // (T, 2)
  out.set("target", target);     // (T)
}

json::Value TagTask::describe() const {
  json::Value task = json::Value::object();
  task.set("kind", "tag");
  task.set("symbols", symbols_);
  task.set("length", length_);
  return task;
}

void TagTask::check_loaded(const ModelConfig& m, const json::Value&) const {
  check(m.input_classes() == symbols_ && m.output_size() == 2 && !m.has_embedding(), "config: the model maps ",
        m.input_classes(), " inputs to ", m.output_size(), " outputs; this task has ", symbols_,
        " symbols and 2 tags");
  check(!m.batch_first && !m.is_cell(), "config: the tag task runs a time-major recurrent layer");
}

}  // namespace rnnlab
