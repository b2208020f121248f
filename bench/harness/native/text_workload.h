// W6 natively (docs/benchmarks.md): the text task's preset on Tiny Shakespeare through the Trainer, as
// `rnnlab train text` runs it, timed by the protocol every W6 runner follows (js/text_run.js): the clock counts
// training only; validation every `val_every_seconds` of training and at the first step past each checkpoint;
// tokens per second over windows of `window_seconds`; the run ends at the first step past `seconds`.
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace rnnlab::bench {

struct TextPlan {
  double seconds = 120;
  double val_every_seconds = 2;
  double window_seconds = 10;
  std::vector<double> checkpoints{30, 120};
};

struct TextRun {
  long steps = 0;
  long tokens = 0;
  double seconds = 0;                             // of training
  std::vector<double> window_rates;               // tokens/s per window
  std::vector<std::pair<double, float>> curve;    // (training seconds, validation nats/char)
  float loss = 0;                                 // the last step's
};

TextRun run_text(const std::string& corpus_path, const TextPlan& plan);

// The W6 step under the native build's two GEMM paths in one process (core/native_gemm.h: the packed kernel and
// Eigen), so the machine's load does not decide: two trainers from the same seed, `rounds` rounds of `steps`
// steps each, the paths alternating; CPU seconds of this thread per step, the median over rounds.
struct KernelComparison {
  double packed_step = 0, eigen_step = 0;  // median CPU seconds per step
  float packed_loss = 0, eigen_loss = 0;   // each trainer's last step
  long steps = 0;                          // per trainer
  long tokens_per_step = 0;                // T x B
  bool available = false;                  // false: this build has no packed kernel (no AVX2 + FMA)
};
KernelComparison compare_kernels(const std::string& corpus_path, int rounds, int steps);

}  // namespace rnnlab::bench
