// The tasks there are: name, family and preset of each, and how to build one. The schema's "task" choices, the
// presets of the JS API and the CLI's task commands come from this list; which tasks a program can build comes
// from the task families it links (task_families.h).
#pragma once
#include <memory>
#include <span>
#include <string_view>

#include "tasks/task.h"
#include "tasks/trainer_config.h"

namespace rnnlab {

struct TaskInfo {
  std::string_view name;
  std::string_view alias;   // another name a config may use ("hello" for seq), or empty
  // Which of the page's WebAssembly modules trains it (docs/wasm.md, "One module per task family"): "core" is
  // the module the page loads first (rnnlab.wasm), any other family is a module of its own (rnnlab_memory.wasm, rnnlab_text.wasm, rnnlab_digits.wasm).
  std::string_view family;
  TrainerConfig (*preset)();
};

// Builds a task's data from a config whose keys are in range; throws an Error or ConfigError for data that does
// not fit (a text too long, two texts of different lengths).
struct TaskMaker {
  std::string_view name;
  std::unique_ptr<Task> (*make)(const TrainerConfig& config);
};

// Every task, in every program (the schema, the presets and the names need no task's code).
std::span<const TaskInfo> task_list();
// By name or alias; nullptr when there is none.
const TaskInfo* find_task(std::string_view name);
// The tasks this program can build: every family's natively and in the Node and export modules, one family's in
// each of the page's training modules. Defined by src/tasks/linked_tasks.cpp, compiled once per such program.
std::span<const TaskMaker> linked_task_makers();
// The task of config.task; a ConfigError naming "task" when there is none, or when this program does not link
// its family (the message names the family and the tasks this program has).
std::unique_ptr<Task> make_task(const TrainerConfig& config);

}  // namespace rnnlab
