// rnnlab train digits: 28 x 28 images into 10 classes (the digits task, tasks/digits_task.h) with a recurrent layer
// that reads one row per step, the seeds' MLP or their CNN. Prints after every epoch
// "epoch N  loss X  held-out accuracy Y%  Z s  (cpu C s)": the mean training loss of the epoch, the share of the
// held-out images answered right after it, and the epoch's wall time and the process's CPU time (its training steps
// and that evaluation; on a shared machine the CPU time is what compares).
#include <chrono>
#include <ctime>
#include <string>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/files.h"
#include "cli/format.h"
#include "cli/iteration_log.h"
#include "cli/train_flags.h"
#include "io/labelled_images.h"
#include "tasks/digits_data.h"
#include "tasks/digits_task.h"

#ifndef RNNLAB_DATA_DIR
#define RNNLAB_DATA_DIR "data"
#endif

namespace rnnlab::cli {

int train_digits(const Words& words, const Console& console) {
  const TrainerConfig preset = digits_preset();
  Args args("rnnlab train digits [--model rnn|lstm|gru|mlp|cnn] [--data mnist|fashion] [--epochs N] [flags]",
            "Classify 28 x 28 images: MNIST's 10,000 test digits (bundled) or Fashion-MNIST's 10,000 test images\n"
            "(Debian's dataset-fashion-mnist); the first 8,000 train, the last 2,000 are held out. --model rnn, lstm\n"
            "or gru reads one row of 28 pixels per step and answers from its last step through Linear(10); mlp is\n"
            "784-256-10 with ReLU (the seeds train it with --optim sgd --lr 0.1); cnn is Conv2d(1, 30, 5), ReLU,\n"
            "MaxPool2d(2), Linear(4320, 100), ReLU, Linear(100, 10). Pixels are scaled to [0, 1]. Prints after each\n"
            "epoch the mean training loss, the held-out accuracy and the epoch's time.");
  args.option("epochs", "N", "passes over the training images", "5")
      .option("data-dir", "DIR", "where the bundled digits are (DIR/digits/mnist/)", RNNLAB_DATA_DIR)
      .option("images", "N", "train and hold out on the first N images only (10 to all; 80% of them train)");
  add_config_flags(args, preset, "digits");
  add_run_flags(args);
  if (!args.parse(words)) {
    console.out << args.help();
    return 0;
  }
  TrainerConfig config = preset;
  read_config_flags(args, config, "digits");
  try {
    std::shared_ptr<const LabelledImages> images = load_digits_images(config.digits.data, args.str("data-dir"));
    if (args.has("images")) {
      const int64_t n = args.integer("images", kMinDigitsImages, images->count);
      images = std::make_shared<const LabelledImages>(slice_images(*images, 0, n));
    }
    config.digits_images = std::move(images);
  } catch (const UsageError&) {
    throw;
  } catch (const std::exception& e) {
    throw UsageError(std::string("--data ") + config.digits.data + ": " + e.what());
  }
  const int64_t epochs = args.integer("epochs", 1, 100000);
  const bool jsonl = args.on("jsonl");
  const std::string save = args.str("save");
  std::unique_ptr<Trainer> trainer = make_trainer(config);
  if (!save.empty()) check_writable(save, "--save");
  DigitsTask& task = trainer->task_as<DigitsTask>();

  using Clock = std::chrono::steady_clock;
  const int64_t steps = task.steps_per_epoch();
  for (int64_t epoch = 1; epoch <= epochs; ++epoch) {
    const auto t0 = Clock::now();
    const std::clock_t c0 = std::clock();
    double loss_sum = 0;
    for (int64_t s = 0; s < steps; ++s) {
      const StepResult r = trainer->step();
      if (r.stopped) {
        console.out.flush();
        console.err << "rnnlab: train digits: " << r.message << (save.empty() ? "" : " Nothing was saved.")
                    << std::endl;
        return 1;
      }
      loss_sum += r.loss;
      if (jsonl) console.out << jsonl_line(r.iteration, r.loss) << '\n';
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    const double cpu = double(std::clock() - c0) / CLOCKS_PER_SEC;
    if (!jsonl) {
      // Seconds with two decimals, four under 0.1 s: a small run's epoch takes milliseconds, not "0.00 s".
      const auto decimals = [](double s) { return s < 0.1 ? 4 : 2; };
      console.out << format("epoch %lld  loss %.4f  held-out accuracy %.2f%%  %.*f s  (cpu %.*f s)\n",
                            static_cast<long long>(epoch), loss_sum / double(steps),
                            100.0 * task.latest().accuracy, decimals(seconds), seconds, decimals(cpu), cpu);
      console.out.flush();
    }
  }
  finish_run(*trainer, save, jsonl, console);
  return 0;
}

}  // namespace rnnlab::cli
