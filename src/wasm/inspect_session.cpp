#include "wasm/inspect_session.h"

#include <emscripten/bind.h>

#include "core/error.h"
#include "wasm/js_arrays.h"

namespace rnnlab::wasm {

using emscripten::val;

const InspectRun& InspectSession::run(Trainer& trainer, const val& input) {
  const bool is_text = input.isString();
  std::u32string text;
  std::vector<float> values;
  if (is_text) {
    // The JS API checks the length first; this bounds the decode for a caller that does not.
    const std::string utf8 = input.as<std::string>();
    check(static_cast<int64_t>(utf8.size()) <= 4 * kMaxInspectLength, "text: got more than ", kMaxInspectLength,
          " characters, expected 1 to ", kMaxInspectLength);
    text = decode_utf8(utf8, "text");
  } else {
    check(input.isArray() || input.instanceof(val::global("Float32Array")) || input.instanceof(val::global("Float64Array")),
          "text: expected a string (or, for a model of values, an array of numbers)");
    const int64_t n = static_cast<int64_t>(input["length"].as<double>());
    check(n >= 1 && n <= kMaxInspectLength, "text: got ", n, " values, expected 1 to ", kMaxInspectLength);
    values = emscripten::convertJSArrayToNumberVector<float>(input);
  }
  if (run_ && is_text == is_text_ && text == text_ && values == values_) return *run_;
  const int64_t length = static_cast<int64_t>(is_text ? text.size() : values.size());
  check(length >= 1 && length <= kMaxInspectLength, "text: got ", length, " characters, expected 1 to ",
        kMaxInspectLength);
  std::unique_ptr<InspectRun> next;
  if (is_text) {
    const Vocabulary* vocabulary = trainer.task().input_vocabulary();
    check(vocabulary != nullptr, "text: the task \"", trainer.config().task,
          "\" does not read characters; pass an array of numbers for a model of values");
    next = std::make_unique<InspectRun>(InspectRun::of_tokens(trainer.model(), vocabulary->encode(text, "text")));
  } else {
    check(trainer.task().input_vocabulary() == nullptr, "text: the task \"", trainer.config().task,
          "\" reads characters; pass a string");
    const ModelConfig& m = trainer.model().config();
    check(!m.is_image(), "pixels: the ", m.kind, " model reads the whole image at once; the inspector's views are of a",
          " recurrent model's steps (rows), and only saliency applies to it");
    if (m.input_size > 1) {  // rows of values (digits: 28 rows of 28 pixels), as the task reads them
      for (size_t i = 0; i < values.size(); ++i)
        check(values[i] >= 0.0f && values[i] <= 1.0f, "pixels[", i, "]: got ", values[i], ", expected a number from 0 to 1");
      next = std::make_unique<InspectRun>(InspectRun::of_rows(trainer.model(), values));
    } else {
      next = std::make_unique<InspectRun>(InspectRun::of_values(trainer.model(), values));
    }
  }
  forget();
  run_ = std::move(next);
  text_ = std::move(text), values_ = std::move(values), is_text_ = is_text;
  return *run_;
}

const Activations& InspectSession::activations(Trainer& trainer, const val& input) {
  const InspectRun& r = run(trainer, input);
  if (!activations_) activations_ = rnnlab::activations(r);
  return *activations_;
}

val activations_to_js(const Activations& a) {
  val out = val::object();
  const int64_t S = a.slots, T = a.steps, H = a.hidden;
  out.set("steps", static_cast<double>(T));
  out.set("slots", static_cast<double>(S));
  out.set("hidden", static_cast<double>(H));
  out.set("layers", static_cast<double>(S / a.directions));
  out.set("directions", a.directions);
  out.set("kind", std::string(cell_kind_name(a.kind)));
  out.set("h", tensor_copy(a.h, {S, T, H}));
  if (!a.c.empty()) out.set("c", tensor_copy(a.c, {S, T, H}));
  if (!a.gates.empty()) {
    val gates = tensor_copy(a.gates, {S, T, a.gate_width()});
    val names = val::array();
    for (std::string_view n : a.gate_names) names.call<void>("push", std::string(n));
    gates.set("names", names);
    out.set("gates", gates);
  }
  return out;
}

val ranking_to_js(const std::vector<UnitCorrelation>& ranked) {
  val out = val::array();
  for (const UnitCorrelation& u : ranked) {
    val o = val::object();
    o.set("feature", u.feature);
    o.set("layer", static_cast<double>(u.layer));
    o.set("direction", u.direction);
    o.set("unit", static_cast<double>(u.unit));
    o.set("kind", std::string(1, u.kind));
    o.set("correlation", u.correlation);
    out.call<void>("push", o);
  }
  return out;
}

val saturation_to_js(const std::vector<GateSaturation>& gates) {
  val out = val::array();
  for (const GateSaturation& g : gates) {
    val o = val::object();
    o.set("layer", static_cast<double>(g.layer));
    o.set("direction", g.direction);
    o.set("gate", g.gate);
    o.set("left", float32_copy(g.left));
    o.set("right", float32_copy(g.right));
    out.call<void>("push", o);
  }
  return out;
}

}  // namespace rnnlab::wasm
