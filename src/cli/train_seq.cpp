// rnnlab train hello and rnnlab train seq: a text mapped to a text, one prediction per character, per epoch the
// seed's line "Predicted string: ohlol, Epoch [15/15] loss=1.2345".
#include <cstdint>
#include <string>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/files.h"
#include "cli/iteration_log.h"
#include "cli/train_flags.h"
#include "tasks/seq_task.h"

namespace rnnlab::cli {
namespace {

constexpr int64_t kMaxEpochs = 10'000'000;

struct SeqRun {
  const char* command;  // for messages: "train seq"
  int64_t epochs = 0;
  bool jsonl = false;
  std::string save;       // empty: not saved
  bool report_target = false;  // end with whether the target was reached
};

int count_differences(const std::vector<int32_t>& a, const std::vector<int32_t>& b) {
  int n = 0;
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) n += a[i] != b[i];
  return n;
}

int run_epochs(Trainer& trainer, const SeqRun& run, const Console& console) {
  if (!run.save.empty()) check_writable(run.save, "--save");
  const SeqTask& seq = trainer.task_as<SeqTask>();
  int64_t first_reached = 0;
  for (int64_t epoch = 1; epoch <= run.epochs; ++epoch) {
    const StepResult r = trainer.step();
    if (r.stopped) {
      console.out.flush();
      console.err << "rnnlab: " << run.command << ": " << r.message << (run.save.empty() ? "" : " Nothing was saved.")
                  << std::endl;
      return 1;
    }
    // The prediction of this epoch's forward pass, before its update, as the seed prints it.
    const bool reached = seq.predicted_indices() == seq.target_indices();
    if (reached && first_reached == 0) first_reached = epoch;
    if (run.jsonl)
      console.out << jsonl_line(r.iteration, r.loss) << '\n';
    else if (is_reported_epoch(epoch, run.epochs))
      console.out << epoch_line(seq.predicted_text(), epoch, run.epochs, r.loss) << '\n';
  }
  if (run.report_target && !run.jsonl) {
    const std::string target = trainer.config().target;
    const int wrong = count_differences(seq.predicted_indices(), seq.target_indices());
    if (wrong == 0)
      console.out << "Target reached: \"" << target << "\" (first predicted at epoch " << first_reached << ")\n";
    else
      console.out << "Target not reached: predicted \"" << seq.predicted_text() << "\" for \"" << target << "\" ("
                  << wrong << " of " << seq.target_indices().size() << " characters differ)\n";
  }
  finish_run(trainer, run.save, run.jsonl, console);
  return 0;
}

}  // namespace

int train_hello(const Words& words, const Console& console) {
  const TrainerConfig preset = hello_preset();
  Args args("rnnlab train hello [flags]",
            "The hello -> ohlol seed: an RNNCell(4, 4) whose hidden state is the logits over e, h, l, o, trained\n"
            "with the cross-entropy summed over the 5 characters and Adam. Prints the seed's line per epoch\n(every ceil(epochs/20)-th and the last beyond 20 epochs).");
  constexpr std::string_view kFlags[] = {"lr", "seed"};
  args.option("epochs", "N", "training epochs, one step each", "15");
  add_config_flags(args, preset, "seq", kFlags);
  add_run_flags(args);
  if (!args.parse(words)) {
    console.out << args.help();
    return 0;
  }
  TrainerConfig config = preset;
  read_config_flags(args, config, "seq", kFlags);
  SeqRun run{"train hello", args.integer("epochs", 1, kMaxEpochs), args.on("jsonl"), args.str("save"), false};
  std::unique_ptr<Trainer> trainer = make_trainer(config);
  return run_epochs(*trainer, run, console);
}

int train_seq(const Words& words, const Console& console) {
  const TrainerConfig preset = config_file_or(words, seq_layer_preset("", ""), "seq");
  const bool from_file = !preset.input.empty();
  Args args("rnnlab train seq --input TEXT --target TEXT [flags]",
            "Learn to map one text to another of the same length, one character per step: the general variant of\n"
            "the hello seed (by default an LSTM layer and a Linear head). The vocabulary is the set of characters\n"
            "of both texts. Prints the seed's line for about 20 epochs, then whether the target was reached.");
  args.option("epochs", "N", "training epochs, one step each", "200");
  add_config_flag(args);
  add_config_flags(args, preset, "seq");
  add_run_flags(args);
  if (!args.parse(words)) {
    console.out << args.help();
    return 0;
  }
  if (!from_file) (void)args.required("input"), (void)args.required("target");
  TrainerConfig config = preset;
  read_config_flags(args, config, "seq");
  SeqRun run{"train seq", args.integer("epochs", 1, kMaxEpochs), args.on("jsonl"), args.str("save"), true};
  std::unique_ptr<Trainer> trainer = make_trainer(config);
  return run_epochs(*trainer, run, console);
}

}  // namespace rnnlab::cli
