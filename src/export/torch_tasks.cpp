#include "export/torch_tasks.h"

#include <array>

namespace rnnlab::torch_export {
namespace {

// The CLI's default run length of each task (rnnlab train hello: 15 epochs, train seq: 200, train sine: 6000,
// train text, train remember, train classify and train tag: 1000).
int64_t seq_steps(const TrainerConfig& c) { return c.arch == "cell" ? 15 : 200; }
int64_t sine_steps(const TrainerConfig&) { return 6000; }
int64_t text_steps(const TrainerConfig&) { return 1000; }
int64_t remember_steps(const TrainerConfig&) { return 1000; }
int64_t classify_steps(const TrainerConfig&) { return 1000; }
int64_t tag_steps(const TrainerConfig&) { return 1000; }

// One line per task.
constexpr std::array<TorchTaskExport, 6> kTorchTasks{{
    {"seq", seq_steps, seq_torch_program},
    {"sine", sine_steps, sine_torch_program},
    {"text", text_steps, text_torch_program},
    {"remember", remember_steps, remember_torch_program},
    {"classify", classify_steps, classify_torch_program},
    {"tag", tag_steps, tag_torch_program},
}};

}  // namespace

const TorchTaskExport* find_torch_task(std::string_view task) {
  for (const TorchTaskExport& t : kTorchTasks)
    if (t.task == task) return &t;
  return nullptr;
}

int64_t log_every(int64_t steps) { return steps <= 20 ? 1 : (steps + 19) / 20; }

}  // namespace rnnlab::torch_export
