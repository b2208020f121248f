#include "text_workload.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <memory>

#include "core/native_gemm.h"

#include "io/read_file.h"
#include "tasks/text_corpus.h"
#include "tasks/text_task.h"
#include "tasks/trainer.h"

namespace rnnlab::bench {

TextRun run_text(const std::string& corpus_path, const TextPlan& plan) {
  TrainerConfig config = text_preset();
  config.text.val_every = 1000000;  // validation by the clock, below
  config.corpus =
      std::make_shared<const TextCorpus>(read_file_limited(corpus_path, kMaxCorpusBytes, "corpus"), config.text.seq_len);
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

namespace {

double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return double(t.tv_sec) + 1e-9 * double(t.tv_nsec);
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

}  // namespace

KernelComparison compare_kernels(const std::string& corpus_path, int rounds, int steps) {
  KernelComparison r;
#if RNNLAB_NATIVE_GEMM
  r.available = true;
  TrainerConfig config = text_preset();
  config.text.val_every = 1000000;
  config.corpus =
      std::make_shared<const TextCorpus>(read_file_limited(corpus_path, kMaxCorpusBytes, "corpus"), config.text.seq_len);
  Trainer packed(config), eigen(config);
  std::vector<double> packed_times, eigen_times;
  const auto round = [&](Trainer& t, bool use_packed, std::vector<double>& times, float& loss) {
    native::use_packed_kernel(use_packed);
    const double start = thread_cpu_seconds();
    for (int i = 0; i < steps; ++i) {
      const StepResult s = t.step();
      if (s.stopped) throw Error("W6 kernel comparison stopped: " + s.message);
      loss = s.loss;
    }
    times.push_back((thread_cpu_seconds() - start) / steps);
  };
  round(packed, true, packed_times, r.packed_loss);  // warm-up rounds, not counted
  round(eigen, false, eigen_times, r.eigen_loss);
  packed_times.clear();
  eigen_times.clear();
  for (int k = 0; k < rounds; ++k) {
    round(packed, true, packed_times, r.packed_loss);
    round(eigen, false, eigen_times, r.eigen_loss);
  }
  native::use_packed_kernel(true);
  r.packed_step = median(packed_times);
  r.eigen_step = median(eigen_times);
  r.steps = long(rounds + 1) * steps;
  r.tokens_per_step = long(config.text.seq_len) * config.batch;
#else
  (void)corpus_path, (void)rounds, (void)steps;
#endif
  return r;
}

}  // namespace rnnlab::bench
