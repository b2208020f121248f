// rnnlab train sine: the sine-wave predictor seed. Progress as a bar on a terminal or a line per tenth of the run,
// then the training MSE (mean loss of the last 100 iterations) and the generation MSE (SineTask::view()).
#include <algorithm>
#include <chrono>
#include <numeric>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cli/args.h"
#include "tasks/sine_task.h"
#include "cli/commands.h"
#include "cli/files.h"
#include "cli/format.h"
#include "cli/iteration_log.h"
#include "cli/progress_bar.h"
#include "cli/train_flags.h"

namespace rnnlab::cli {
namespace {

constexpr int64_t kMaxIterations = 100'000'000;
constexpr int64_t kTrainingMseWindow = 100;

// Columns t,true,one_step,generation over the last training sequence; t is where each predicted point lies.
std::string sine_csv(const SineView& view, const SineSettings& sine) {
  std::ostringstream csv;
  csv << "t,true,one_step,generation\n";
  const double step = sine.span / (sine.points - 1);
  for (int64_t i = 0; i < view.truth.numel(); ++i) {
    csv << format("%.9g,%.9g,%.9g,%.9g\n", view.start + step * static_cast<double>(i + 1),
                  static_cast<double>(view.truth[i]), static_cast<double>(view.one_step[i]),
                  static_cast<double>(view.generation[i]));
  }
  return csv.str();
}

}  // namespace

int train_sine(const Words& words, const Console& console) {
  const TrainerConfig preset = config_file_or(words, sine_preset(), "sine");
  Args args("rnnlab train sine [flags]",
            "The sine-wave predictor seed: a recurrent layer (RNN(1, 10), 2 layers) and Linear(10, 1) learn the\n"
            "next point of sin over 60 points of [s, s + 10], s drawn from {0, 1, 2} each iteration, with the MSE\n"
            "loss and Adam; the hidden state is carried (detached) from one iteration to the next. Prints the\n"
            "training MSE (mean loss of the last 100 iterations) and the generation MSE (each prediction fed back\n"
            "as the next input, from the first point of the last sequence).");
  args.option("iters", "N", "training iterations, one sequence each", "6000");
  add_config_flags(args, preset, "sine");
  add_run_flags(args);
  add_config_flag(args);
  args.option("csv", "FILE", "write the last sequence as columns t,true,one_step,generation")
      .option("progress", "auto|bar|lines", "a bar redrawn in place or a line per tenth of the run; auto: a bar on a terminal",
              "auto");
  if (!args.parse(words)) {
    console.out << args.help();
    return 0;
  }
  TrainerConfig config = preset;
  read_config_flags(args, config, "sine");
  const int64_t iterations = args.integer("iters", 1, kMaxIterations);
  const bool jsonl = args.on("jsonl");
  const std::string progress = args.choice("progress", {"auto", "bar", "lines"});
  const bool bar = !jsonl && (progress == "bar" || (progress == "auto" && console.interactive));
  const std::string save = args.str("save"), csv = args.str("csv");
  std::unique_ptr<Trainer> trainer = make_trainer(config);
  if (!save.empty()) check_writable(save, "--save");
  if (!csv.empty()) check_writable(csv, "--csv");

  std::vector<float> recent(static_cast<size_t>(std::min(iterations, kTrainingMseWindow)));  // a ring of losses
  std::optional<ProgressBar> progress_bar;
  if (bar) progress_bar.emplace(console.out, iterations);
  const auto started = std::chrono::steady_clock::now();
  for (int64_t i = 1; i <= iterations; ++i) {
    const StepResult r = trainer->step();
    if (r.stopped) {
      if (progress_bar) progress_bar->finish();
      console.out.flush();
      console.err << "rnnlab: train sine: " << r.message
                  << (save.empty() && csv.empty() ? "" : " Nothing was written.") << std::endl;
      return 1;
    }
    recent[static_cast<size_t>((i - 1) % static_cast<int64_t>(recent.size()))] = r.loss;
    if (jsonl)
      console.out << jsonl_line(r.iteration, r.loss) << '\n';
    else if (progress_bar)
      progress_bar->update(i, r.loss);
    else if (starts_a_tenth(i, iterations))
      console.out << format("Iteration [%lld/%lld] loss=%.6f", static_cast<long long>(i),
                            static_cast<long long>(iterations), static_cast<double>(r.loss))
                  << '\n';
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (progress_bar) progress_bar->finish();

  if (!jsonl || !csv.empty()) {
    const SineView view = trainer->task_as<SineTask>().view(trainer->model());
    if (!jsonl) {
      // The mean in double, from the float losses as they are.
      const double training_mse = std::accumulate(recent.begin(), recent.end(), 0.0) / double(recent.size());
      console.out << format("Trained %lld iterations in %.2f s (%.3f ms per iteration)\n",
                            static_cast<long long>(iterations), seconds, 1000.0 * seconds / double(iterations))
                  << format("Training MSE: %.6g (mean loss of the last %zu iterations)\n", training_mse, recent.size())
                  << format("Generation MSE: %.6g (%lld points, each prediction fed back as the next input, from the "
                            "first point of the last sequence)\n",
                            static_cast<double>(view.generation_mse), static_cast<long long>(view.truth.numel()));
    }
    if (!csv.empty()) {
      write_text_file(csv, sine_csv(view, config.sine), "--csv");
      if (!jsonl) console.out << "Wrote " << csv << " (t,true,one_step,generation)\n";
    }
  }
  finish_run(*trainer, save, jsonl, console);
  return 0;
}

}  // namespace rnnlab::cli
