#include "tasks/task_registry.h"

#include <array>

#include "tasks/config_schema.h"
#include "tasks/digits_task.h"
#include "tasks/remember_task.h"
#include "tasks/seq_task.h"
#include "tasks/sine_task.h"
#include "tasks/text_task.h"

namespace rnnlab {
namespace {

std::unique_ptr<Task> make_seq(const TrainerConfig& c) { return std::make_unique<SeqTask>(c); }
std::unique_ptr<Task> make_sine(const TrainerConfig& c) { return std::make_unique<SineTask>(c); }
std::unique_ptr<Task> make_text(const TrainerConfig& c) { return std::make_unique<TextTask>(c); }
std::unique_ptr<Task> make_remember(const TrainerConfig& c) { return std::make_unique<RememberTask>(c); }
std::unique_ptr<Task> make_digits(const TrainerConfig& c) { return std::make_unique<DigitsTask>(c); }

// In the order the docs list them; a new task adds one line here (and its schema rows' task names).
constexpr std::array<TaskInfo, 5> kTasks{{
    {"seq", "hello", hello_preset, make_seq},
    {"sine", "", sine_preset, make_sine},
    {"text", "", text_preset, make_text},
    {"remember", "", remember_preset, make_remember},
    {"digits", "", digits_preset, make_digits},
}};

}  // namespace

std::span<const TaskInfo> task_list() { return kTasks; }

const TaskInfo* find_task(std::string_view name) {
  for (const TaskInfo& t : kTasks)
    if (t.name == name || (!t.alias.empty() && t.alias == name)) return &t;
  return nullptr;
}

std::unique_ptr<Task> make_task(const TrainerConfig& config) {
  const TaskInfo* info = find_task(config.task);
  if (!info) fail_key("task", "got \"", config.task, "\", expected ", find_config_key("task")->expected());
  return info->make(config);
}

}  // namespace rnnlab
