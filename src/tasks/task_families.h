// The task families: the tasks each of the page's WebAssembly modules trains, as makers. A family's makers are the
// only code that refers to its tasks, so a program that links one family's makers carries only that family's
// tasks (src/tasks/linked_tasks.cpp picks them; docs/wasm.md, "One module per task family"). Each task's family
// is also written in its registry row (task_registry.cpp), for the names and the JS module table; a test holds the
// two to each other.
#pragma once
#include <span>

#include "tasks/task_registry.h"

namespace rnnlab {

// seq, sine: the seed tasks, in the module the page loads first (rnnlab.wasm).
std::span<const TaskMaker> core_task_makers();
// remember, classify, tag: one answer at the end, and a tag per step (rnnlab_memory.wasm).
std::span<const TaskMaker> memory_task_makers();
// digits: 28 x 28 images by an RNN reading rows, an MLP or a CNN (rnnlab_digits.wasm).
std::span<const TaskMaker> digits_task_makers();
// text: a char-RNN over a corpus, its sampler and validation (rnnlab_text.wasm).
std::span<const TaskMaker> text_task_makers();
// Every family's, in family order.
std::span<const TaskMaker> all_task_makers();

}  // namespace rnnlab
