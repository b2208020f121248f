// The object JS holds: one Trainer, replaced only by a fully built new one. Every method is an entry point of
// the binding, so each returns an emscripten::val that is either its result or a JS Error (js_result.h);
// web/src/api/rnnlab.js turns the Error into a thrown RnnlabError.
#pragma once
#include <emscripten/val.h>

#include <memory>
#include <string>
#include <vector>

#include "tasks/trainer.h"
#include "wasm/inspect_session.h"

namespace rnnlab::wasm {

class TrainerHandle {
 public:
  TrainerHandle() = default;

  // Builds a trainer from a JS config (missing keys from the task's preset) and swaps it in only when it was
  // built: a bad config leaves the current trainer as it was. Returns the full config. `corpus`: the text
  // task's corpus as a string, or undefined to keep the current trainer's (held once, shared, never copied per
  // step).
  // `digits`: the digits task's images {images: Uint8Array, labels: Uint8Array} (docs/js-api.md, DigitsData), or
  // undefined to keep the current trainer's; bad data is an error with key "digits".
  emscripten::val configure(const emscripten::val& config, const emscripten::val& corpus,
                            const emscripten::val& digits);
  // A fresh trainer from the current config: iteration 0, the seed's initial weights. Returns null.
  emscripten::val reset();

  emscripten::val config() const;
  emscripten::val iteration() const;
  emscripten::val stopped() const;
  // Up to n steps (1 .. kMaxStepsPerCall); fewer when training stops.
  emscripten::val step(int n);
  // A forward and backward pass without an update, for the trace of a model that has not stepped (Trainer::inspect).
  // Returns the loss.
  emscripten::val inspect();
  emscripten::val predict();
  emscripten::val trace(bool first_sequence) const;  // trace_to_js
  emscripten::val parameters() const;
  emscripten::val save_state_dict() const;
  emscripten::val load_state_dict(const std::string& text);

  static constexpr int kMaxStepsPerCall = 1000000;

  // For a family's own entry points (text_handle.h, inspect_bindings.cpp): the trainer; throws when nothing was
  // configured yet. The inspector's run is kept here, forgotten whenever the weights change.
  Trainer& trainer() const;
  InspectSession& inspect_session() { return inspect_; }

 private:
  // Swaps in a trainer built from `next` (validated); if building it fails (runs out of memory), the current one
  // stays (rebuilt with its weights and iteration) and the error goes on to the caller.
  void replace(const TrainerConfig& next);

  std::unique_ptr<Trainer> trainer_;
  std::vector<float> losses_;  // the losses of one step() call, reused between calls
  InspectSession inspect_;
};

// The C++ presets as JS configs ("seq", "sine"): what the JS module's PRESETS must equal.
emscripten::val preset_config(const std::string& task);

// The names of the tasks this module can train (its task family's, or every family's: task_registry.h).
emscripten::val linked_tasks();


// "rnnlab wasm simd128 <exception mode>": what the running module was built with.
emscripten::val build_info();

// {heapBytes: the size of wasm memory (it grows, never shrinks), inUseBytes: what malloc has handed out and not
// taken back}: for the memory tests and a debug readout.
emscripten::val memory_info();

}  // namespace rnnlab::wasm
