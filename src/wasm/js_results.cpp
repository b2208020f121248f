#include "wasm/js_results.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>
#include <variant>
#include <vector>

#include "nn/state_jacobian.h"
#include "wasm/js_arrays.h"
#include "wasm/js_config.h"

namespace rnnlab::wasm {
namespace {

using emscripten::val;

std::span<const float> all_of(const Tensor& t) { return {t.data(), static_cast<size_t>(t.numel())}; }

val view_data_to_js(const ViewData& data) {
  val out = val::object();
  for (const auto& [name, value] : data.fields)
    out.set(name, std::visit(
                      [](const auto& v) -> val {
                        using V = std::decay_t<decltype(v)>;
                        if constexpr (std::is_same_v<V, Tensor>) return tensor_copy(v);
                        else if constexpr (std::is_same_v<V, std::vector<float>>) return float32_copy(v);
                        else if constexpr (std::is_same_v<V, std::vector<int32_t>>) return int32_copy(v);
                        else if constexpr (std::is_same_v<V, std::vector<uint8_t>>) return uint8_copy(v);
                        else return val(v);
                      },
                      value));
  return out;
}

// The first `keep` sequences of a (rows, B, width) block as a tensor (rows, keep, width), or (keep, width) for one row.
[[gnu::noinline]] val first_sequences(const float* block, int64_t rows, int64_t B, int64_t keep, int64_t width) {
  std::vector<float> out(static_cast<size_t>(rows * keep * width));
  for (int64_t r = 0; r < rows; ++r) std::copy_n(block + r * B * width, keep * width, out.data() + r * keep * width);
  return rows == 1 ? tensor_copy(out, {keep, width}) : tensor_copy(out, {rows, keep, width});
}

// One layer's trace for JS, its batch cut to the first `keep` sequences (1 <= keep <= B): the page draws sequence 0
// of a text batch, so it need not copy (and then drop) the other B - 1.
val layer_trace_to_js(const LayerTrace& trace, int64_t layer, int64_t keep) {
  const int64_t T = trace.steps, B = trace.batch, H = trace.hidden_size, I = trace.input_size;
  const int64_t state = B * H;  // floats per time row of h, c, dh
  val out = val::object();
  out.set("layer", static_cast<double>(layer));
  out.set("direction", std::string(trace.reverse ? "reverse" : "forward"));
  out.set("kind", std::string(cell_kind_name(trace.kind)));
  out.set("steps", static_cast<double>(T));
  out.set("batch", static_cast<double>(keep));
  out.set("inputSize", static_cast<double>(I));
  out.set("hiddenSize", static_cast<double>(H));
  out.set("x", first_sequences(trace.x->data(), T, B, keep, I));  // (T, B, I)
  // h and c hold T+1 rows with h0 on the side the sweep starts from; h_row(0) .. h_row(T-1) are contiguous.
  out.set("h", first_sequences(trace.h->data() + trace.h_row(0) * state, T, B, keep, H));
  out.set("h0", first_sequences(trace.h->data() + trace.initial_row() * state, 1, B, keep, H));
  out.set("c", trace.c ? first_sequences(trace.c->data() + trace.h_row(0) * state, T, B, keep, H) : val::null());
  out.set("c0", trace.c ? first_sequences(trace.c->data() + trace.initial_row() * state, 1, B, keep, H) : val::null());

  val gates = val::array();
  const auto G = static_cast<int64_t>(trace.gate_names.size());
  std::vector<float> block(static_cast<size_t>(T * keep * H));  // one gate's (T, keep, H), from (T, B, G*H)
  for (int64_t g = 0; g < G; ++g) {
    for (int64_t t = 0; t < T; ++t)
      for (int64_t b = 0; b < keep; ++b)
        std::copy_n(trace.gates->data() + ((t * B + b) * G + g) * H, H, block.data() + (t * keep + b) * H);
    val gate = tensor_copy(block, {T, keep, H});
    gate.set("name", std::string(trace.gate_names[g]));
    gates.call<void>("push", gate);
  }
  out.set("gates", gates);

  if (trace.dh) {
    const std::span<const float> dh = all_of(*trace.dh);  // (T, B, H)
    std::vector<float> norms(static_cast<size_t>(T * keep));  // (T, keep) |dL/dh_t|
    for (int64_t t = 0; t < T; ++t)
      for (int64_t b = 0; b < keep; ++b) {
        double sq = 0.0;
        for (int64_t j = 0; j < H; ++j) sq += double(dh[(t * B + b) * H + j]) * dh[(t * B + b) * H + j];
        norms[t * keep + b] = static_cast<float>(std::sqrt(sq));
      }
    out.set("dh", first_sequences(dh.data(), T, B, keep, H));
    out.set("dhNorm", float32_copy(norms));
  } else {
    out.set("dh", val::null());
    out.set("dhNorm", val::null());
  }
  // (T) ||d h_last / d h_t||_F of batch row 0 (nn/state_jacobian.h), in double: it spans many decades. Null when
  // one row would take more than kMaxStateJacobianWork multiply-adds (a wide layer over many steps).
  out.set("jacobianNorm", state_jacobian_work(trace) <= kMaxStateJacobianWork
                              ? float64_copy(state_jacobian_norms(trace, 0))
                              : val::null());
  return out;
}

}  // namespace

val step_result_to_js(const StepResult& last, std::span<const float> losses) {
  val out = val::object();
  out.set("iteration", static_cast<double>(last.iteration));
  out.set("loss", losses.empty() ? std::numeric_limits<double>::quiet_NaN() : double(losses.back()));
  out.set("losses", float32_copy(losses));
  out.set("steps", static_cast<double>(losses.size()));
  out.set("gradNorm", last.grad_norm);
  out.set("stopped", last.stopped);
  out.set("message", last.message);
  return out;
}

val prediction_to_js(Trainer& trainer) { return view_data_to_js(trainer.prediction()); }

val classification_to_js(const DigitClassification& c, int directions) {
  val out = val::object();
  out.set("probabilities", float32_copy(c.probabilities));
  out.set("predicted", static_cast<double>(c.predicted));
  if (c.per_row.numel() > 0) out.set("perRow", tensor_copy(c.per_row));
  if (!c.layers.empty()) {
    val layers = val::array();
    for (size_t k = 0; k < c.layers.size(); ++k)
      layers.call<void>("push", layer_trace_to_js(c.layers[k], static_cast<int64_t>(k) / directions, c.layers[k].batch));
    out.set("layers", layers);
  }
  return out;
}

val trace_to_js(const Trainer& trainer, bool first_sequence) {
  const std::vector<LayerTrace>& traces = trainer.traces();
  // A step that stopped training left traces_ pointing at the tape of a forward it then discarded.
  if (traces.empty() || trainer.stopped()) return val::null();
  const int directions = trainer.model().config().directions();
  val layers = val::array();
  for (size_t k = 0; k < traces.size(); ++k)
    layers.call<void>("push", layer_trace_to_js(traces[k], static_cast<int64_t>(k) / directions,
                                                 first_sequence ? 1 : traces[k].batch));
  val out = val::object();
  out.set("iteration", static_cast<double>(trainer.iteration()));
  out.set("weightsAfter", static_cast<double>(trainer.trace_weights_after()));
  out.set("task", trainer.config().task);
  out.set("steps", static_cast<double>(traces.front().steps));
  out.set("layers", layers);
  const val output = view_data_to_js([&] {
    ViewData d;
    trainer.task().trace_output(d);  // seq: probabilities (T, V) and the class per step; sine: (T, 1) and values
    return d;
  }());
  out.set("output", output["output"].isUndefined() ? val::null() : output["output"]);
  out.set("target", output["target"].isUndefined() ? val::null() : output["target"]);
  return out;
}

val parameters_to_js(const SequenceModel& model) {
  val out = val::array();
  for (const NamedParameter& p : model.named_parameters()) {
    val entry = val::object();
    entry.set("name", p.name);
    entry.set("shape", shape_array(p.param->value.shape()));
    entry.set("value", float32_copy(all_of(p.param->value)));
    entry.set("grad", float32_copy(all_of(p.param->grad)));
    out.call<void>("push", entry);
  }
  return out;
}

}  // namespace rnnlab::wasm
