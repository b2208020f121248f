// Which tasks this program can build (task_registry.h, linked_task_makers): every family's, unless the build
// names one family's makers in RNNLAB_LINKED_TASK_MAKERS. Natively this file is part of rnnlab_core; in the
// WebAssembly build it is compiled once per module instead (src/wasm/CMakeLists.txt), so that each of the page's
// training modules links only its family's tasks.
#include "tasks/task_families.h"

#ifndef RNNLAB_LINKED_TASK_MAKERS
#define RNNLAB_LINKED_TASK_MAKERS all_task_makers
#endif

namespace rnnlab {

std::span<const TaskMaker> linked_task_makers() { return RNNLAB_LINKED_TASK_MAKERS(); }

}  // namespace rnnlab
