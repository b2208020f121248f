#include "text_workload.h"

#include <algorithm>
#include <chrono>
#include <memory>

#include "io/read_file.h"
#include "tasks/text_corpus.h"
#include "tasks/text_task.h"
#include "tasks/trainer.h"

namespace rnnlab::bench {

TextRun run_text(const std::string& corpus_path, const TextPlan& plan) {
  TrainerConfig config = text_preset();
  config.text.val_every = 1000000;  // validation by the clock, below
  config.corpus_text = std::make_shared<const std::string>(read_file_limited(corpus_path, kMaxCorpusBytes, "corpus"));
  Trainer trainer(config);
  TextTask& task = trainer.task_as<TextTask>();
  const long tokens_per_step = config.text.seq_len * config.batch;
  std::vector<double> checkpoints = plan.checkpoints;
  std::sort(checkpoints.begin(), checkpoints.end());
  size_t next_checkpoint = 0;
  TextRun r;
  const auto validate = [&] { r.curve.emplace_back(r.seconds, task.validation_loss(trainer.model())); };
  validate();
  double next_val = plan.val_every_seconds, window_start = 0;
  long window_steps = 0;
  while (r.seconds < plan.seconds) {
    const auto start = std::chrono::steady_clock::now();
    const StepResult s = trainer.step();
    r.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (s.stopped) throw Error("W6 stopped at step " + std::to_string(r.steps) + ": " + s.message);
    ++r.steps;
    ++window_steps;
    r.loss = s.loss;
    if (r.seconds - window_start >= plan.window_seconds) {
      r.window_rates.push_back(double(window_steps * tokens_per_step) / (r.seconds - window_start));
      window_start = r.seconds;
      window_steps = 0;
    }
    bool due = r.seconds >= next_val || r.seconds >= plan.seconds;
    for (; next_checkpoint < checkpoints.size() && r.seconds >= checkpoints[next_checkpoint]; ++next_checkpoint) due = true;
    if (due) {
      validate();
      while (next_val <= r.seconds) next_val += plan.val_every_seconds;
    }
  }
  if (r.window_rates.empty()) r.window_rates.push_back(double(r.steps * tokens_per_step) / r.seconds);
  r.tokens = r.steps * tokens_per_step;
  return r;
}

}  // namespace rnnlab::bench
