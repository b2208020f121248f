// The table of what JS sees. Registration only: conversions live in js_config, js_arrays and js_results, the
// error convention in js_result.h, the methods in trainer_handle.
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
      .function("loadStateDict", &TrainerHandle::load_state_dict)
      .function("sample", &TrainerHandle::sample)
      .function("validationLoss", &TrainerHandle::validation_loss)
      .function("classify", &TrainerHandle::classify);
  emscripten::function("presetConfig", &rnnlab::wasm::preset_config);
  emscripten::function("checkCorpus", &rnnlab::wasm::check_corpus);
  emscripten::function("digitImage", &rnnlab::wasm::digit_image);
  emscripten::function("fiveCharacterLineShare", &rnnlab::wasm::five_character_line_share_of);
  emscripten::function("buildInfo", &rnnlab::wasm::build_info);
  emscripten::function("memoryInfo", &rnnlab::wasm::memory_info);
}
