#include "tasks/task_registry.h"

#include <array>
#include <string>

#include "tasks/config_schema.h"

namespace rnnlab {
namespace {

// In the order the docs list them; a new task adds one line here, its maker to its family (task_families.cpp)
// and its schema rows' task names.
constexpr std::array<TaskInfo, 7> kTasks{{
    {"seq", "hello", "core", hello_preset},
    {"sine", "", "core", sine_preset},
    {"text", "", "text", text_preset},
    {"remember", "", "memory", remember_preset},
    {"classify", "", "memory", classify_preset},
    {"tag", "", "memory", tag_preset},
    {"digits", "", "digits", digits_preset},
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
  std::string here;
  for (const TaskMaker& m : linked_task_makers()) {
    if (m.name == info->name) return m.make(config);
    here += (here.empty() ? "" : ", ") + std::string(m.name);
  }
  fail_key("task", "\"", info->name, "\" is in the ", info->family, " family's module, not in this one (", here, ")");
}

}  // namespace rnnlab
