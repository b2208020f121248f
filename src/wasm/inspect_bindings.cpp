// The inspector's entries (tasks/inspect_*.h) as functions of a TrainerHandle: a table of its own, so that any
// module linking this object offers them whatever else it registers. Each returns its value or a JS Error
// (js_result.h); nothing changes the trainer.
#include <emscripten/bind.h>

#include <algorithm>

#include "tasks/inspect_saliency.h"
#include "tasks/inspect_topk.h"
#include "wasm/js_arrays.h"
#include "wasm/js_result.h"
#include "wasm/trainer_handle.h"

namespace rnnlab::wasm {
namespace {

using emscripten::val;

// activations_to_js's object and `outputs`, the model's classes per step (1 for a value): topk's largest k.
val inspect_activations(TrainerHandle& h, const val& text) {
  return value_or_error([&] {
    InspectSession& session = h.inspect_session();
    val out = activations_to_js(session.activations(h.trainer(), text));
    out.set("outputs", static_cast<double>(session.run(h.trainer(), text).outputs()));
    return out;
  });
}

// {steps, k, classes: Int32Array (T*k), probabilities: Float32Array (T*k), symbols: string[] (T*k)}.
val inspect_topk(TrainerHandle& h, const val& text, int k) {
  return value_or_error([&] {
    Trainer& t = h.trainer();
    const InspectRun& run = h.inspect_session().run(t, text);
    const TopK top = topk(run, k);
    val out = val::object();
    out.set("steps", static_cast<double>(top.steps));
    out.set("k", static_cast<double>(top.k));
    out.set("classes", int32_copy(top.classes));
    out.set("probabilities", float32_copy(top.probabilities));
    const Vocabulary* v = t.task().input_vocabulary();
    val symbols = val::array();
    for (int32_t c : top.classes) symbols.call<void>("push", v ? encode_utf8(std::u32string(1, v->symbols()[static_cast<size_t>(c)])) : std::to_string(c));
    out.set("symbols", symbols);
    return out;
  });
}

// Float32Array(position); the objective's class is `target` on the array (-1 for values). `klass`: the class whose
// log-probability is the objective, -1 for the rule (inspect_saliency.h). For a model of rows (digits), `pixels` on
// the array is every input's gradient, Float32Array(T * I): the 784 pixels' d log p(class) / d pixel.
val inspect_saliency(TrainerHandle& h, const val& text, double position, int klass) {
  return value_or_error([&] {
    InspectSession& session = h.inspect_session();
    const InspectRun& run = session.run(h.trainer(), text);
    check(position == static_cast<double>(static_cast<int64_t>(position)), "position: got ", position,
          ", expected a whole number 1 to ", run.steps());
    const Saliency s = saliency(run, static_cast<int64_t>(position), session.scratch, klass);
    val out = float32_copy(s.norms);
    out.set("target", s.target);
    if (run.input_size() > 1) out.set("pixels", float32_copy(s.input_gradient));
    return out;
  });
}

// [{feature, layer, direction, unit, kind, correlation}], per feature its best `per_feature` units.
val inspect_unit_ranking(TrainerHandle& h, const val& text, int per_feature) {
  return value_or_error([&] {
    InspectSession& session = h.inspect_session();
    const Activations& a = session.activations(h.trainer(), text);
    check(per_feature >= 1 && per_feature <= 64, "perFeature: got ", per_feature, ", expected 1 to 64");
    check(!session.text().empty(), "unitRanking: the features are of a text; the model reads values");
    return ranking_to_js(rank_units(a, text_features(session.text()), per_feature));
  });
}

// [{layer, direction, gate, left: Float32Array (H), right: Float32Array (H)}]; empty for an RNN.
val inspect_gate_saturation(TrainerHandle& h, const val& text) {
  return value_or_error([&] {
    return saturation_to_js(gate_saturation(h.inspect_session().activations(h.trainer(), text)));
  });
}

// The task's own text for the inspector (text: the validation part; seq: its input; remember, tag, classify: a
// held-out sequence), at most `max` characters; empty for a model of values.
val inspect_own_text(TrainerHandle& h, int max) {
  return value_or_error([&] {
    check(max >= 1 && max <= kMaxInspectLength, "max: got ", max, ", expected 1 to ", kMaxInspectLength);
    return val(encode_utf8(h.trainer().task().inspection_text(max)));
  });
}

// A series of the task's own for a model of values (sine's wave), at most `max` values; empty for other tasks.
val inspect_own_values(TrainerHandle& h, int max) {
  return value_or_error([&] {
    check(max >= 1 && max <= kMaxInspectLength, "max: got ", max, ", expected 1 to ", kMaxInspectLength);
    return float32_copy(h.trainer().task().inspection_values(max));
  });
}

}  // namespace
}  // namespace rnnlab::wasm

EMSCRIPTEN_BINDINGS(rnnlab_inspect) {
  emscripten::function("inspectActivations", &rnnlab::wasm::inspect_activations);
  emscripten::function("inspectTopk", &rnnlab::wasm::inspect_topk);
  emscripten::function("inspectSaliency", &rnnlab::wasm::inspect_saliency);
  emscripten::function("inspectUnitRanking", &rnnlab::wasm::inspect_unit_ranking);
  emscripten::function("inspectGateSaturation", &rnnlab::wasm::inspect_gate_saturation);
  emscripten::function("inspectOwnText", &rnnlab::wasm::inspect_own_text);
  emscripten::function("inspectOwnValues", &rnnlab::wasm::inspect_own_values);
}
