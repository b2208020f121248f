// The table of what JS sees, in every module. Registration only: conversions live in js_config, js_arrays and
// js_results, the error convention in js_result.h, the methods in trainer_handle. A task family's own entry points
// are registered by its module alone (text_bindings.cpp).
#include <emscripten/bind.h>

#include "wasm/trainer_handle.h"

EMSCRIPTEN_BINDINGS(rnnlab) {
  using rnnlab::wasm::TrainerHandle;
  emscripten::class_<TrainerHandle>("TrainerHandle")
      .constructor<>()
      .function("configure", &TrainerHandle::configure)
      .function("reset", &TrainerHandle::reset)
      .function("config", &TrainerHandle::config)
      .function("iteration", &TrainerHandle::iteration)
      .function("stopped", &TrainerHandle::stopped)
      .function("step", &TrainerHandle::step)
      .function("inspect", &TrainerHandle::inspect)
      .function("predict", &TrainerHandle::predict)
      .function("trace", &TrainerHandle::trace)
      .function("parameters", &TrainerHandle::parameters)
      .function("saveStateDict", &TrainerHandle::save_state_dict)
      .function("loadStateDict", &TrainerHandle::load_state_dict);
  emscripten::function("presetConfig", &rnnlab::wasm::preset_config);
  emscripten::function("linkedTasks", &rnnlab::wasm::linked_tasks);
  emscripten::function("buildInfo", &rnnlab::wasm::build_info);
  emscripten::function("memoryInfo", &rnnlab::wasm::memory_info);
}
