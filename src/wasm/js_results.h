// What the trainer's methods return to JS, built from Trainer's state. Shapes and field names are the ones of
// docs/js-api.md; every array is a copy (js_arrays.h).
#pragma once
#include <emscripten/val.h>

#include <span>

#include "tasks/digits_task.h"
#include "tasks/trainer.h"

namespace rnnlab::wasm {

// {iteration, loss, losses, steps, gradNorm, stopped, message}: `losses` are the losses of the steps this call
// ran, `last` the result of the last of them (or of the step that stopped training earlier, when none ran).
emscripten::val step_result_to_js(const StepResult& last, std::span<const float> losses);

// seq: {task, input, target, vocabulary, predicted, predictedIndices, targetIndices, correct, accuracy,
// probabilities}; sine: {task, start, time, input, truth, oneStep, generation, generationMse}.
emscripten::val prediction_to_js(Trainer& trainer);

// {iteration, task, steps, layers: [...], output, target}: the unrolled record of the last step; with
// `first_sequence`, each layer's batch cut to its sequence 0 (what the page draws).
emscripten::val trace_to_js(const Trainer& trainer, bool first_sequence);

// {probabilities, predicted, perRow?, layers?}: one image through a digits model (DigitsTask::classify).
emscripten::val classification_to_js(const DigitClassification& c, int directions);

// [{name, shape, value, grad}] in state_dict order.
emscripten::val parameters_to_js(const SequenceModel& model);

}  // namespace rnnlab::wasm
