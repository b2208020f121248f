#include "wasm/trainer_handle.h"

#include <emscripten/heap.h>
#include <malloc.h>

#include "core/error.h"
#include "tasks/config_schema.h"
#include "wasm/js_config.h"
#include "wasm/js_result.h"
#include "wasm/js_results.h"

namespace rnnlab::wasm {

using emscripten::val;

Trainer& TrainerHandle::trainer() const {
  check(trainer_ != nullptr, "trainer: not configured (call configure(config) first)");
  return *trainer_;
}

val TrainerHandle::configure(const val& config) {
  return value_or_error([&] {
    const TrainerConfig next = trainer_config_from_js(config);
    Trainer::validate(next);  // a bad config throws here and the old trainer stays
    // Valid: drop the old trainer before building the new one, so the two never share the memory budget.
    trainer_.reset();
    trainer_ = std::make_unique<Trainer>(next);
    return trainer_config_to_js(trainer_->config());
  });
}

val TrainerHandle::reset() {
  return value_or_error([&] {
    const TrainerConfig config = trainer().config();  // valid: it built the trainer being replaced
    trainer_.reset();  // first, so the old and the new trainer never share the memory budget
    trainer_ = std::make_unique<Trainer>(config);
    return val::null();
  });
}

val TrainerHandle::config() const {
  return value_or_error([&] { return trainer_config_to_js(trainer().config()); });
}

val TrainerHandle::iteration() const {
  return value_or_error([&] { return val(static_cast<double>(trainer().iteration())); });
}

val TrainerHandle::stopped() const {
  return value_or_error([&] { return val(trainer().stopped()); });
}

val TrainerHandle::step(int n) {
  return value_or_error([&] {
    check(n >= 1 && n <= kMaxStepsPerCall, "step: n is ", n, ", expected 1 to ", kMaxStepsPerCall);
    Trainer& t = trainer();
    losses_.clear();
    if (t.stopped()) return step_result_to_js(t.last_step(), losses_);
    StepResult last;
    for (int i = 0; i < n; ++i) {
      last = t.step();
      if (last.stopped) break;  // the stopped step updated nothing: its loss is not a loss of the model
      losses_.push_back(last.loss);
    }
    return step_result_to_js(last, losses_);
  });
}

val TrainerHandle::predict() {
  return value_or_error([&] { return prediction_to_js(trainer()); });
}

val TrainerHandle::trace() const {
  return value_or_error([&] { return trace_to_js(trainer()); });
}

val TrainerHandle::parameters() const {
  return value_or_error([&] { return parameters_to_js(trainer().model()); });
}

val TrainerHandle::save_state_dict() const {
  return value_or_error([&] { return val(trainer().save()); });
}

val TrainerHandle::load_state_dict(const std::string& text) {
  return value_or_error([&] {
    trainer().load(text);  // checks everything before it changes anything
    return trainer_config_to_js(trainer().config());
  });
}

val preset_config(const std::string& task) {
  return value_or_error([&] {
    return trainer_config_to_js(config_preset(task));
  });
}

val build_info() {
  std::string info = "rnnlab wasm";
#ifdef __wasm_simd128__
  info += " simd128";
#endif
#ifdef __wasm_exception_handling__
  info += " wasm-exceptions";
#elif defined(__cpp_exceptions)
  info += " js-exceptions";
#endif
  return val(info);
}

val memory_info() {
  val out = val::object();
  out.set("heapBytes", static_cast<double>(emscripten_get_heap_size()));
  out.set("inUseBytes", static_cast<double>(mallinfo().uordblks));
  return out;
}

}  // namespace rnnlab::wasm
