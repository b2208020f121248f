// The text task: a character-level language model over a corpus (char-RNN). The vocabulary is the corpus's sorted
// code points; the last 10% of the characters are validation, never trained on. A step takes B windows of T + 1
// characters from the training part, (T, B) indices in -> embedding (T, B, E) or one-hot (T, B, V) -> recurrent
// layer -> Linear head (T, B, V), and the cross-entropy of each position's next character, averaged over the T x B
// predictions (torch's default mean). Windows start at random places drawn from the data Rng (torch's usual
// char-rnn loop), or with tbptt B contiguous streams are read T characters at a time, the hidden state carried
// from one window to the next (detached: gradients stop at the window's start) and reset when the streams wrap.
#pragma once
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "tasks/task.h"
#include "tasks/text_corpus.h"
#include "tasks/text_sampler.h"

namespace rnnlab {

// Validation: up to this many windows of T characters (fewer when the validation part is short), side by side
// without overlap from the start of the validation part, each from zero states; no randomness, so the same
// weights give the same number.
inline constexpr int64_t kValidationWindows = 32;

class TextTask : public Task {
 public:
  // Checks that a corpus was given (config.corpus, tasks/text_corpus.h for its limits), that it fits seqLen, and
  // the settings; messages name the key ("corpus", "batch") and the limit.
  explicit TextTask(const TrainerConfig& config);

  ModelConfig model_config(const TrainerConfig& config) const override;
  int64_t steps() const override { return seq_len_; }
  int64_t batch() const override { return batch_; }
  int64_t data_bytes() const override { return corpus_.bytes(); }
  TaskStep forward_loss(Tape& tape, SequenceModel& model, Rng& data_rng, Rng* dropout_rng) override;
  // Carries the state (tbptt) and runs a validation pass every valEvery updates.
  void after_update(const RecurrentOutput& out, SequenceModel& model) override;
  void forget() override;
  ViewData prediction(SequenceModel& model) override;
  void trace_output(ViewData& out) const override;
  json::Value describe() const override;
  void check_loaded(const ModelConfig& model, const json::Value& task) const override;
  const Vocabulary* input_vocabulary() const override { return &corpus_.vocabulary(); }
  std::u32string inspection_text(int64_t max) const override;

  // The mean cross-entropy (nats per character) over the validation windows; the model runs in eval mode on a
  // tape of its own (its mode is restored). NaN when the validation part has fewer than 2 characters. Recorded as
  // the latest validation loss.
  float validation_loss(SequenceModel& model);
  // Generated text (text_sampler.h); recorded as the latest sample. Bad options throw naming the option.
  std::string sample(SequenceModel& model, const SampleOptions& options);

  float latest_validation_loss() const { return latest_val_loss_; }  // NaN before the first pass
  const std::string& latest_sample() const { return latest_sample_; }
  const TextCorpus& corpus() const { return corpus_; }
  const Vocabulary& vocabulary() const { return corpus_.vocabulary(); }
  // Where the validation windows start (corpus positions) and their length: window k reads inputs
  // [s_k, s_k + length) and targets [s_k + 1, s_k + length].
  std::vector<int64_t> validation_starts() const;
  int64_t validation_length() const;
  // Where the last step's windows started (corpus positions), one per sequence of the batch.
  const std::vector<int64_t>& last_starts() const { return starts_; }
  // The last step's first window and the model's argmax next character at each of its positions.
  std::string window_text() const;
  std::string predicted_text() const;
  Tensor probabilities() const;  // (T, V) softmax of the first window's logits; empty before the first step

 private:
  std::vector<int32_t> first_window_predictions() const;

  TextSettings settings_;
  int64_t seq_len_, batch_;
  std::shared_ptr<const TextCorpus> corpus_data_;  // shared with the config (and other trainers made from it)
  const TextCorpus& corpus_;
  std::vector<int32_t> tokens_, targets_;  // (T * B) time-major: position t of sequence b at t * B + b
  std::vector<int64_t> starts_;            // (B)
  int64_t cursor_ = 0;                     // tbptt: offset inside each stream
  Tensor h_, c_;                           // tbptt: the carried states (L, B, H); empty: zeros
  Var logits_;                             // (T, B, V), the last step's, on the training tape
  int64_t updates_ = 0;
  float latest_val_loss_ = NAN;
  std::string latest_sample_;
};

}  // namespace rnnlab
