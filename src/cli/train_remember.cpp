// rnnlab train remember: one answer at the end (the remember task, tasks/remember_task.h). Prints every --every
// steps "step N  loss X  held-out accuracy Y%  |dh_T/dh_1| Z": the mean training loss of those steps, the share
// of the fixed held-out set answered right, and the gradient through time of the last step's forward: the
// Frobenius norm of the Jacobian d h_T / d h_1 of the first layer's forward direction (nn/state_jacobian.h),
// averaged over that step's batch of sequences. A plain tanh RNN's shrinks by many decades over 50 steps; an
// LSTM's or GRU's does not.
#include <optional>
#include <string>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/files.h"
#include "cli/format.h"
#include "cli/held_out_loop.h"
#include "cli/train_flags.h"
#include "nn/state_jacobian.h"
#include "tasks/remember_task.h"

namespace rnnlab::cli {
namespace {

constexpr int64_t kMaxIterations = 100'000'000;

// The mean over the batch of ||d h_T / d h_1||_F for the first layer's forward direction of the last step's trace.
double first_state_jacobian_norm(const Trainer& trainer) {
  const LayerTrace& trace = trainer.traces().front();
  double sum = 0.0;
  for (int64_t b = 0; b < trace.batch; ++b) sum += state_jacobian_norms(trace, b).front();
  return sum / double(trace.batch);
}

}  // namespace

int train_remember(const Words& words, const Console& console) {
  const TrainerConfig preset = remember_preset();
  Args args("rnnlab train remember [--cell rnn|lstm|gru] [--length T] [--distance D] [--symbols K] [flags]",
            "One answer at the end: sequences of T symbols over K, whose label is the symbol D steps back from the\n"
            "end (--distance 0: the first symbol), the others distractors. The model reads the whole sequence and\n"
            "answers from its last step: a recurrent layer, out[T-1], a Linear head and the cross-entropy over a\n"
            "batch of 32 random sequences. Prints every --every steps the mean loss, the accuracy on 256 fixed\n"
            "held-out sequences and |dh_T/dh_1|: the Frobenius norm of the Jacobian of the last hidden state with\n"
            "respect to the first (first layer, forward direction; mean over the batch), from the same backward\n"
            "pass's record. A tanh RNN's vanishes over long distances; an LSTM's or a GRU's does not.");
  args.option("iters", "N", "training steps", "1000")
      .option("every", "N", "steps between progress lines (each evaluates the held-out set)", "100");
  add_config_flags(args, preset, "remember");
  add_run_flags(args);
  if (!args.parse(words)) {
    console.out << args.help();
    return 0;
  }
  TrainerConfig config = preset;
  read_config_flags(args, config, "remember");
  const int64_t iterations = args.integer("iters", 1, kMaxIterations);
  const int64_t every = args.integer("every", 1, kMaxIterations);
  const bool jsonl = args.on("jsonl");
  const std::string save = args.str("save");
  std::unique_ptr<Trainer> trainer = make_trainer(config);
  if (!save.empty()) check_writable(save, "--save");
  RememberTask& task = trainer->task_as<RememberTask>();

  const std::optional<double> seconds = run_held_out_loop(
      *trainer, {"train remember", iterations, every, jsonl, save}, console, [&](int64_t step, double loss) {
        return format("step %lld  loss %.4f  held-out accuracy %.1f%%  |dh_T/dh_1| %.3g\n",
                      static_cast<long long>(step), loss, 100.0 * task.held_out_accuracy(trainer->model()),
                      first_state_jacobian_norm(*trainer));
      });
  if (!seconds) return 1;
  if (!jsonl)
    console.out << format("Trained %lld steps in %.1f s; chance is %.1f%% (1 of %lld symbols)\n",
                          static_cast<long long>(iterations), *seconds, 100.0 / double(config.remember.symbols),
                          static_cast<long long>(config.remember.symbols));
  finish_run(*trainer, save, jsonl, console);
  return 0;
}

}  // namespace rnnlab::cli
