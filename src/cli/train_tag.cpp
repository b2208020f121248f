// rnnlab train tag: bidirectional tagging (the tag task, tasks/tag_task.h): mark each symbol that occurs again
// later in its sequence. Prints every --every steps "step N  loss X  held-out accuracy Y%": the mean training
// loss of those steps and the share of held-out tags answered right; at the end, the best a model can do that
// reads only the past (a unidirectional one).
#include <optional>
#include <string>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/files.h"
#include "cli/format.h"
#include "cli/held_out_loop.h"
#include "cli/train_flags.h"
#include "tasks/tag_task.h"

namespace rnnlab::cli {
namespace {

constexpr int64_t kMaxIterations = 100'000'000;

}  // namespace

int train_tag(const Words& words, const Console& console) {
  const TrainerConfig preset = tag_preset();
  Args args("rnnlab train tag [--bidirectional] [--cell rnn|lstm|gru] [--length T] [--symbols K] [flags]",
            "Bidirectional tagging: sequences of T symbols over K, and at every step the tag 1 when the symbol occurs\n"
            "again later in the sequence, else 0. The answer needs what comes after the step: a unidirectional layer\n"
            "can only guess from the position, a bidirectional one reads the rest. The model is a recurrent layer and\n"
            "a Linear head at every step, the cross-entropy over the tags of a batch of 32 random sequences. Prints\n"
            "every --every steps the mean loss and the per-tag accuracy on 256 fixed held-out sequences. The layer is\n"
            "unidirectional unless --bidirectional is given.");
  args.option("iters", "N", "training steps", "1000")
      .option("every", "N", "steps between progress lines (each evaluates the held-out set)", "100");
  add_config_flags(args, preset, "tag");
  add_run_flags(args);
  if (!args.parse(words)) {
    console.out << args.help();
    return 0;
  }
  TrainerConfig config = preset;
  read_config_flags(args, config, "tag");
  const int64_t iterations = args.integer("iters", 1, kMaxIterations);
  const int64_t every = args.integer("every", 1, kMaxIterations);
  const bool jsonl = args.on("jsonl");
  const std::string save = args.str("save");
  std::unique_ptr<Trainer> trainer = make_trainer(config);
  if (!save.empty()) check_writable(save, "--save");
  TagTask& task = trainer->task_as<TagTask>();

  const std::optional<double> seconds = run_held_out_loop(
      *trainer, {"train tag", iterations, every, jsonl, save}, console, [&](int64_t step, double loss) {
        return format("step %lld  loss %.4f  held-out accuracy %.1f%%\n", static_cast<long long>(step), loss,
                      100.0 * task.held_out_accuracy(trainer->model()));
      });
  if (!seconds) return 1;
  if (!jsonl)
    console.out << format("Trained %lld steps in %.1f s (%s); reading only the past, the best is %.1f%%\n",
                          static_cast<long long>(iterations), *seconds,
                          config.bidirectional ? "bidirectional" : "unidirectional",
                          100.0 * tag_position_bound(config.remember.length, config.remember.symbols));
  finish_run(*trainer, save, jsonl, console);
  return 0;
}

}  // namespace rnnlab::cli
