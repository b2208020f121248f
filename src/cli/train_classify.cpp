// rnnlab train classify: classify what you type (the classify task, tasks/classify_task.h). Prints every --every
// steps "step N  loss X  held-out accuracy Y%": the mean training loss of those steps and the share of the
// held-out examples (a fifth of each class, fixed by the seed) the model classifies right.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/files.h"
#include "cli/format.h"
#include "cli/held_out_loop.h"
#include "cli/train_flags.h"
#include "tasks/classify_task.h"
#include "tasks/config_schema.h"

namespace rnnlab::cli {
namespace {

constexpr int64_t kMaxIterations = 100'000'000;

// The schema's keys for classify but "examples", which the command takes as a file.
std::vector<std::string_view> classify_flag_keys() {
  std::vector<std::string_view> keys;
  for (const ConfigKey& k : config_schema())
    if (k.key != "task" && k.key != "examples" && k.applies_to("classify")) keys.push_back(k.key);
  return keys;
}

}  // namespace

int train_classify(const Words& words, const Console& console) {
  const TrainerConfig preset = classify_preset();
  const std::vector<std::string_view> keys = classify_flag_keys();
  Args args("rnnlab train classify [--examples FILE.json] [--cell rnn|lstm|gru] [--hidden H] [flags]",
            "Classify what you type: a few classes (2 to 16), each defined by example strings in a JSON file\n"
            "{\"classes\": [{\"name\": \"English\", \"examples\": [\"Smith\", ...]}, ...]} (each example 1 to 32\n"
            "characters); without --examples, surnames of five languages. A fifth of each class is held out (fixed by\n"
            "the seed). The model reads a string one character at a time (one-hot) and answers from its last\n"
            "character: a unidirectional recurrent layer, a Linear head and the cross-entropy over a batch of 32\n"
            "examples (a class at random, then one of its examples), padded at the end, each read at its own last\n"
            "step. Prints every --every steps the mean loss and the held-out accuracy.");
  args.option("examples", "FILE", "the classes and their examples (JSON, at most 1048576 bytes)", "")
      .option("iters", "N", "training steps", "1000")
      .option("every", "N", "steps between progress lines (each evaluates the held-out examples)", "100");
  add_config_flags(args, preset, "classify", keys);
  add_run_flags(args);
  if (!args.parse(words)) {
    console.out << args.help();
    return 0;
  }
  TrainerConfig config = preset;
  read_config_flags(args, config, "classify", keys);
  const std::string path = args.str("examples");
  if (!path.empty()) config.classify.examples = read_examples(path);
  const int64_t iterations = args.integer("iters", 1, kMaxIterations);
  const int64_t every = args.integer("every", 1, kMaxIterations);
  const bool jsonl = args.on("jsonl");
  const std::string save = args.str("save");
  std::unique_ptr<Trainer> trainer = make_trainer(config);
  if (!save.empty()) check_writable(save, "--save");
  ClassifyTask& task = trainer->task_as<ClassifyTask>();

  const std::optional<double> seconds = run_held_out_loop(
      *trainer, {"train classify", iterations, every, jsonl, save}, console, [&](int64_t step, double loss) {
        return format("step %lld  loss %.4f  held-out accuracy %.1f%%\n", static_cast<long long>(step), loss,
                      100.0 * task.held_out_accuracy(trainer->model()));
      });
  if (!seconds) return 1;
  const ClassExamples& data = task.examples();
  if (!jsonl)
    console.out << format("Trained %lld steps in %.1f s; %lld classes (chance %.1f%%), %lld training and %lld held-out "
                          "examples\n",
                          static_cast<long long>(iterations), *seconds, static_cast<long long>(data.classes()),
                          100.0 / double(data.classes()), static_cast<long long>(data.train.size()),
                          static_cast<long long>(data.held_out.size()));
  finish_run(*trainer, save, jsonl, console);
  return 0;
}

}  // namespace rnnlab::cli
