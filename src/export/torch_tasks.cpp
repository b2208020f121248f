#include "export/torch_tasks.h"

#include <array>

#include "tasks/digits_data.h"

namespace rnnlab::torch_export {
namespace {

// The CLI's default run length of each task (rnnlab train hello: 15 epochs, train seq: 200, train sine: 6000,
// train text, train remember, train classify and train tag: 1000, train digits: 5 epochs).
int64_t seq_steps(const TrainerConfig& c) { return c.arch == "cell" ? 15 : 200; }
int64_t sine_steps(const TrainerConfig&) { return 6000; }
int64_t text_steps(const TrainerConfig&) { return 1000; }
int64_t remember_steps(const TrainerConfig&) { return 1000; }
int64_t classify_steps(const TrainerConfig&) { return 1000; }
int64_t tag_steps(const TrainerConfig&) { return 1000; }
// rnnlab train digits: 5 epochs of ceil(train / batch) steps.
int64_t digits_steps(const TrainerConfig& c) {
  const int64_t train = digits_train_count(c.digits_images ? c.digits_images->count : 10'000);
  return 5 * ((train + c.batch - 1) / c.batch);
}

// One line per task.
constexpr std::array<TorchTaskExport, 7> kTorchTasks{{
    {"seq", seq_steps, seq_torch_program},
    {"sine", sine_steps, sine_torch_program},
    {"text", text_steps, text_torch_program},
    {"remember", remember_steps, remember_torch_program},
    {"classify", classify_steps, classify_torch_program},
    {"tag", tag_steps, tag_torch_program},
    {"digits", digits_steps, digits_torch_program},
}};

}  // namespace

const TorchTaskExport* find_torch_task(std::string_view task) {
  for (const TorchTaskExport& t : kTorchTasks)
    if (t.task == task) return &t;
  return nullptr;
}

int64_t log_every(int64_t steps) { return steps <= 20 ? 1 : (steps + 19) / 20; }

}  // namespace rnnlab::torch_export
