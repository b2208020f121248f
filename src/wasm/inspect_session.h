// The inspector's side of the binding: the run of the last text on the current weights (tasks/inspect_run.h), kept
// so that activations, top-k, saliency and the ranking of the same text and weights share one forward pass, and
// the conversions of their results to JS objects. The registration is inspect_bindings.cpp, a table of its own so
// that every training module that links it offers the inspector.
#pragma once
#include <emscripten/val.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "nn/input_gradient.h"
#include "tasks/inspect_activations.h"
#include "tasks/inspect_ranking.h"
#include "tasks/inspect_saturation.h"
#include "tasks/inspect_run.h"
#include "tasks/trainer.h"

namespace rnnlab::wasm {

class InspectSession {
 public:
  // Drops the kept run: the weights changed (a step, a load, a new trainer).
  void forget() { run_.reset(), activations_.reset(), text_.clear(), values_.clear(); }

  // `input`: a string of the model's characters (text, seq), or an array of numbers for a model of values (sine)
  // or of rows (digits: Float32Array(784), pixels in [0, 1]); 1 .. kMaxInspectLength of them. Errors name "text"
  // and the limit, the character not in the vocabulary, or "pixels".
  const InspectRun& run(Trainer& trainer, const emscripten::val& input);
  const Activations& activations(Trainer& trainer, const emscripten::val& input);
  // The characters of the kept run (empty for values).
  const std::u32string& text() const { return text_; }

  InputGradientScratch scratch;

 private:
  std::unique_ptr<InspectRun> run_;
  std::optional<Activations> activations_;
  std::u32string text_;
  std::vector<float> values_;
  bool is_text_ = true;
};

// The JS results: {steps, slots, hidden, layers, directions, kind, h: {data, shape}, c?, gates?: {data, shape, names}}.
emscripten::val activations_to_js(const Activations& a);
// [{feature, layer, direction, unit, kind, correlation}]
emscripten::val ranking_to_js(const std::vector<UnitCorrelation>& ranked);
// [{layer, direction, gate, left: Float32Array (H), right: Float32Array (H)}]
emscripten::val saturation_to_js(const std::vector<GateSaturation>& gates);

}  // namespace rnnlab::wasm
