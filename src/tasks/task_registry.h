// The tasks there are: name, preset and how to build one. The schema's "task" choices, the presets of the JS
// API and the CLI's task commands come from this list.
#pragma once
#include <memory>
#include <span>
#include <string_view>

#include "tasks/task.h"
#include "tasks/trainer_config.h"

namespace rnnlab {

struct TaskInfo {
  std::string_view name;
  std::string_view alias;  // another name a config may use ("hello" for seq), or empty
  TrainerConfig (*preset)();
  // Builds the task's data from a config whose keys are in range; throws an Error or ConfigError for data that
  // does not fit (a text too long, two texts of different lengths).
  std::unique_ptr<Task> (*make)(const TrainerConfig& config);
};

std::span<const TaskInfo> task_list();
// By name or alias; nullptr when there is none.
const TaskInfo* find_task(std::string_view name);
// The task of config.task; a ConfigError naming "task" when there is none.
std::unique_ptr<Task> make_task(const TrainerConfig& config);

}  // namespace rnnlab
