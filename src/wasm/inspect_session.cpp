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
    next = std::make_unique<InspectRun>(InspectRun::of_values(trainer.model(), values));
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

}  // namespace rnnlab::wasm
