// rnnlab train text: a character-level language model over a corpus file (the text task, tasks/text_task.h).
// Prints every --every steps "step N  train X  val Y nats/char  Z tokens/s": the mean training loss of those
// steps, the validation loss (TextTask::validation_loss) and the training throughput (characters predicted per
// second of training steps, validation passes not counted).
#include <chrono>
#include <string>
#include <vector>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/files.h"
#include "cli/format.h"
#include "cli/iteration_log.h"
#include "cli/train_flags.h"
#include "tasks/config_schema.h"
#include "tasks/text_task.h"

namespace rnnlab::cli {
namespace {

constexpr int64_t kMaxIterations = 100'000'000;
constexpr double kMaxSeconds = 7 * 24 * 3600.0;

// Every schema key of the text task but "corpus", whose flag here takes the FILE.
std::vector<std::string_view> text_flag_keys() {
  std::vector<std::string_view> keys;
  for (const ConfigKey& k : config_schema())
    if (k.key != "task" && k.key != "corpus" && k.applies_to("text")) keys.push_back(k.key);
  return keys;
}

}  // namespace

int train_text(const Words& words, const Console& console) {
  const TrainerConfig preset = text_preset();
  const std::vector<std::string_view> keys = text_flag_keys();
  Args args("rnnlab train text --corpus FILE (--iters N | --time SECONDS) [flags]",
            "A character-level language model (char-RNN) over a UTF-8 text file of at most 10 MB: by default\n"
            "Embedding(V, 128), an LSTM of 2 layers of 128 and a Linear head over the vocabulary V (the file's\n"
            "distinct characters), trained on B random windows of T + 1 characters of the first 90% with Adam;\n"
            "the last 10% is validation. Prints every --every steps the mean training loss, the validation loss in\n"
            "nats per character and the training speed in characters (tokens) per second.");
  args.option("corpus", "FILE", "the text to learn (UTF-8, at most 10485760 bytes = 10 MB)")
      .option("iters", "N", "training steps")
      .option("time", "SECONDS", "train for this long instead of a number of steps")
      .option("every", "N", "steps between progress lines (each runs a validation pass)", "100");
  add_config_flags(args, preset, "text", keys);
  add_run_flags(args);
  if (!args.parse(words)) {
    console.out << args.help();
    return 0;
  }
  if (args.has("iters") == args.has("time"))
    throw UsageError("expected one of --iters N or --time SECONDS");
  const std::string path = args.required("corpus");
  TrainerConfig config = preset;
  read_config_flags(args, config, "text", keys);
  config.text.corpus = "own";
  config.corpus_text = std::make_shared<const std::string>(read_text_file(path, "--corpus", kMaxCorpusBytes));
  const int64_t iterations = args.has("iters") ? args.integer("iters", 1, kMaxIterations) : kMaxIterations;
  const double seconds = args.has("time") ? args.number("time", 0, kMaxSeconds, "a number of seconds from 0 to 604800")
                                          : kMaxSeconds;
  const int64_t every = args.integer("every", 1, kMaxIterations);
  const bool jsonl = args.on("jsonl");
  const std::string save = args.str("save");
  std::unique_ptr<Trainer> trainer;
  try {
    trainer = make_trainer(config);
  } catch (const UsageError& e) {  // the corpus's own problems name the file
    const std::string what = e.what();
    if (what.rfind("--corpus: ", 0) == 0) throw UsageError("--corpus " + path + ": " + what.substr(10));
    throw;
  }
  if (!save.empty()) check_writable(save, "--save");
  TextTask& task = trainer->task_as<TextTask>();
  const double tokens_per_step = double(config.text.seq_len * config.batch);

  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  double training_seconds = 0, window_seconds = 0, window_loss = 0;
  int64_t window_steps = 0;
  auto report = [&](int64_t step) {
    const float val = task.validation_loss(trainer->model());
    console.out << format("step %lld  train %.4f  val %.4f nats/char  %.0f tokens/s\n", static_cast<long long>(step),
                          window_loss / double(window_steps), static_cast<double>(val),
                          tokens_per_step * double(window_steps) / window_seconds);
    console.out.flush();  // a line a minute or so: shown as it comes, also through a pipe
    window_loss = 0, window_seconds = 0, window_steps = 0;
  };
  int64_t step = 0;
  while (step < iterations && std::chrono::duration<double>(Clock::now() - started).count() < seconds) {
    const auto t0 = Clock::now();
    const StepResult r = trainer->step();
    const double dt = std::chrono::duration<double>(Clock::now() - t0).count();
    if (r.stopped) {
      console.out.flush();
      console.err << "rnnlab: train text: " << r.message << (save.empty() ? "" : " Nothing was saved.") << std::endl;
      return 1;
    }
    step = r.iteration;
    training_seconds += dt, window_seconds += dt, window_loss += r.loss, ++window_steps;
    if (jsonl)
      console.out << jsonl_line(r.iteration, r.loss) << '\n';
    else if (step % every == 0)
      report(step);
  }
  if (!jsonl) {
    if (window_steps > 0) report(step);
    console.out << format("Trained %lld steps in %.1f s of training: %.0f tokens/s\n", static_cast<long long>(step),
                          training_seconds, step == 0 ? 0.0 : tokens_per_step * double(step) / training_seconds);
  }
  finish_run(*trainer, save, jsonl, console);
  return 0;
}

}  // namespace rnnlab::cli
