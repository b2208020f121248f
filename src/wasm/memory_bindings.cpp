// The memory family's part of the table JS sees (remember, classify, tag), registered only in the modules that
// train them (rnnlab_memory, rnnlab_node): the classify task's answer for a typed string. web/src/api/rnnlab.js
// calls it as its Trainer's classify(text).
#include <emscripten/bind.h>

#include <string>

#include "core/error.h"
#include "tasks/classify_task.h"
#include "wasm/js_arrays.h"
#include "wasm/js_result.h"
#include "wasm/trainer_handle.h"

namespace rnnlab::wasm {
namespace {

// The class probabilities (a Float32Array, one per class) of a typed string; another task is refused naming it.
emscripten::val classify_text(TrainerHandle& handle, const std::string& text) {
  return value_or_error([&] {
    Trainer& t = handle.trainer();
    check(t.config().task == "classify", "classify: the task is \"", t.config().task,
          "\"; classify needs the classify task");
    return float32_copy(t.task_as<ClassifyTask>().classify(t.model(), text));
  });
}

}  // namespace
}  // namespace rnnlab::wasm

EMSCRIPTEN_BINDINGS(rnnlab_memory) {
  emscripten::function("classifyText", &rnnlab::wasm::classify_text);
}
