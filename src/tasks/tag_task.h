// The tag task (bidirectional tagging, the seed tutorials' Bi-LSTM + Linear per step): sequences of T symbols over
// K (one-hot, drawn uniformly from the data generator), and at every step a tag: 1 when the step's symbol occurs
// again later in the sequence, else 0. The answer at a step needs what comes after it, so a unidirectional layer
// can only guess from the step's position (the chance that a symbol recurs in the T-1-t steps left), while a
// bidirectional one reads the rest of the sequence in its reverse direction. The loss is the cross-entropy of
// the head's two logits at every step, averaged over the T * B tags.
//
// Accuracy is per tag, on kHeldOutSequences held-out sequences drawn once from the seed (their own stream); the
// best a unidirectional model can do is tag_position_bound().
#pragma once
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "tasks/remember_data.h"
#include "tasks/remember_task.h"
#include "tasks/task.h"

namespace rnnlab {

inline constexpr int64_t kTagBatch = 32;

struct TagBatch {
  int64_t steps = 0, batch = 0;
  std::vector<int32_t> tokens;  // (T * B), time-major
  std::vector<int32_t> tags;    // (T * B): 1 when tokens[t * B + b] occurs again at a later step of sequence b
};

// Draws B sequences of T symbols over K (T * B draws of rng, time-major) and their tags.
void draw_tag_batch(int64_t T, int64_t K, int64_t B, Rng& rng, TagBatch& out);
// The expected per-tag accuracy of the best answer that knows only the step's position and the past (which says
// nothing of the future): mean over t of max(p_t, 1 - p_t), p_t = 1 - (1 - 1/K)^(T-1-t).
double tag_position_bound(int64_t T, int64_t K);

class TagTask : public Task {
 public:
  explicit TagTask(const TrainerConfig& config);

  ModelConfig model_config(const TrainerConfig& config) const override;
  int64_t steps() const override { return length_; }
  int64_t batch() const override { return kTagBatch; }
  TaskStep forward_loss(Tape& tape, SequenceModel& model, Rng& data_rng, Rng* dropout_rng) override;
  void after_update(const RecurrentOutput&, SequenceModel&) override { ++updates_; }
  void forget() override;
  // The last batch's first sequence, its true and predicted tags and the probability of tag 1 at each step, the
  // batch's and the held-out per-tag accuracy, the unidirectional bound.
  ViewData prediction(SequenceModel& model) override;
  void trace_output(ViewData& out) const override;
  json::Value describe() const override;
  void check_loaded(const ModelConfig& model, const json::Value& task) const override;
  // The symbols' letters (as remember's), and the first held-out sequence for the inspector.
  const Vocabulary* input_vocabulary() const override { return &vocabulary_; }
  std::u32string inspection_text(int64_t max) const override;

  // The share of held-out tags answered right, in [0, 1], evaluated now and recorded.
  double held_out_accuracy(SequenceModel& model);
  double latest_held_out_accuracy() const { return held_out_accuracy_; }
  const TagBatch& last_batch() const { return batch_; }

 private:
  int64_t length_, symbols_;
  Vocabulary vocabulary_;
  TagBatch batch_;
  TagBatch held_out_;
  Var logits_;  // (T, B, 2), the last step's
  int64_t updates_ = 0;
  int64_t held_out_at_ = -1;
  double held_out_accuracy_ = NAN;
};

}  // namespace rnnlab
