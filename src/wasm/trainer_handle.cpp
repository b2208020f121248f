#include "wasm/trainer_handle.h"

#include <emscripten/heap.h>
#include <malloc.h>

#include <optional>

#include "core/error.h"
#include "tasks/config_schema.h"
#include "tasks/task_registry.h"
#include "wasm/js_config.h"
#include "wasm/js_result.h"
#include "wasm/js_results.h"

namespace rnnlab::wasm {

using emscripten::val;

Trainer& TrainerHandle::trainer() const {
  check(trainer_ != nullptr, "trainer: not configured (call configure(config) first)");
  return *trainer_;
}

namespace {

// What a dropped trainer needs to come back: its config (after a load, the loaded model's), its weights in
// named_parameters() order, and its iteration. The weights are one float per parameter: a fraction of what the
// trainer held (values, gradients, the last good copy, the optimizer's state, the tape).
struct TrainerKeepsake {
  TrainerConfig config;
  std::vector<Tensor> weights;
  int64_t iteration = 0;
};

TrainerKeepsake keepsake_of(const Trainer& t) {
  TrainerKeepsake k{t.config(), {}, t.iteration()};
  for (const NamedParameter& np : t.model().named_parameters()) k.weights.push_back(np.param->value);
  return k;
}

std::unique_ptr<Trainer> rebuild(const TrainerKeepsake& k) {
  auto t = std::make_unique<Trainer>(k.config);
  size_t i = 0;
  for (const NamedParameter& np : t->model().named_parameters()) np.param->value.assign(k.weights[i++]);
  t->resume_at(k.iteration);
  return t;
}

}  // namespace

void TrainerHandle::replace(const TrainerConfig& next) {
  // Drop the old trainer before building the new one, so the two never share the memory budget. A new one that
  // runs out of memory (other trainers filled the module) must not cost the old one: it comes back from
  // its config with its weights and iteration; its optimizer state restarts, as after a load. The keepsake is
  // taken first: if even that does not fit, nothing has been dropped yet.
  inspect_.forget();  // it refers to the old trainer's model
  std::optional<TrainerKeepsake> old;
  if (trainer_) old = keepsake_of(*trainer_);
  trainer_.reset();
  try {
    trainer_ = std::make_unique<Trainer>(next);
  } catch (...) {
    // Out of memory, in practice (`next` was validated). The memory the old one held is free again; if even the
    // rebuild fails, its error goes to the caller and the handle is left unconfigured.
    if (old) trainer_ = rebuild(*old);
    throw;
  }
}

val TrainerHandle::configure(const val& config, const val& corpus, const val& digits) {
  std::shared_ptr<const LabelledImages> images;
  if (!digits.isUndefined()) {
    try {
      images = digits_from_js(digits);
    } catch (const Error& e) {  // the data's own problems, named as the JS API names them
      return js_error(e.what(), "digits");
    }
  }
  return value_or_error([&] {
    TrainerConfig next = trainer_config_from_js(config);
    if (!corpus.isUndefined()) next.corpus = corpus_from_js(corpus, next.text.seq_len);
    else if (trainer_) next.corpus = trainer_->config().corpus;
    if (images) next.digits_images = std::move(images);
    else if (trainer_) next.digits_images = trainer_->config().digits_images;
    Trainer::validate(next);  // a bad config throws here and the old trainer stays
    replace(next);
    return trainer_config_to_js(trainer_->config());
  });
}

val TrainerHandle::reset() {
  return value_or_error([&] {
    const TrainerConfig config = trainer().config();  // valid: it built the trainer being replaced
    replace(config);
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
    inspect_.forget();  // the weights are about to change
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

val TrainerHandle::inspect() {
  return value_or_error([&] { return val(static_cast<double>(trainer().inspect())); });
}

val TrainerHandle::predict() {
  return value_or_error([&] { return prediction_to_js(trainer()); });
}

val TrainerHandle::trace(bool first_sequence) const {
  return value_or_error([&] { return trace_to_js(trainer(), first_sequence); });
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
    inspect_.forget();
    return trainer_config_to_js(trainer().config());
  });
}

val preset_config(const std::string& task) {
  return value_or_error([&] {
    return trainer_config_to_js(config_preset(task));
  });
}

val linked_tasks() {
  val out = val::array();
  for (const TaskMaker& m : linked_task_makers()) out.call<void>("push", val(std::string(m.name)));
  return out;
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
