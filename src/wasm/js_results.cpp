#include "wasm/js_results.h"

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

// Rows [first, first + count) of a tensor whose leading dimension is time, each row `row_size` floats.
std::span<const float> rows(const Tensor& t, int64_t first, int64_t count, int64_t row_size) {
  return {t.data() + first * row_size, static_cast<size_t>(count * row_size)};
}

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

val layer_trace_to_js(const LayerTrace& trace, int64_t layer) {
  const int64_t T = trace.steps, B = trace.batch, H = trace.hidden_size;
  const int64_t state = B * H;  // floats per time row of h, c, dh
  val out = val::object();
  out.set("layer", static_cast<double>(layer));
  out.set("direction", std::string(trace.reverse ? "reverse" : "forward"));
  out.set("kind", std::string(cell_kind_name(trace.kind)));
  out.set("steps", static_cast<double>(T));
  out.set("batch", static_cast<double>(B));
  out.set("inputSize", static_cast<double>(trace.input_size));
  out.set("hiddenSize", static_cast<double>(H));
  out.set("x", tensor_copy(*trace.x));
  // h and c hold T+1 rows with h0 on the side the sweep starts from; h_row(0) .. h_row(T-1) are contiguous.
  out.set("h", tensor_copy(rows(*trace.h, trace.h_row(0), T, state), {T, B, H}));
  out.set("h0", tensor_copy(rows(*trace.h, trace.initial_row(), 1, state), {B, H}));
  out.set("c", trace.c ? tensor_copy(rows(*trace.c, trace.h_row(0), T, state), {T, B, H}) : val::null());
  out.set("c0", trace.c ? tensor_copy(rows(*trace.c, trace.initial_row(), 1, state), {B, H}) : val::null());

  val gates = val::array();
  const auto G = static_cast<int64_t>(trace.gate_names.size());
  std::vector<float> block(static_cast<size_t>(T * B * H));  // one gate's (T, B, H), gathered from (T, B, G*H)
  for (int64_t g = 0; g < G; ++g) {
    for (int64_t tb = 0; tb < T * B; ++tb)
      for (int64_t j = 0; j < H; ++j) block[tb * H + j] = (*trace.gates)[(tb * G + g) * H + j];
    val gate = tensor_copy(block, {T, B, H});
    gate.set("name", std::string(trace.gate_names[g]));
    gates.call<void>("push", gate);
  }
  out.set("gates", gates);

  if (trace.dh) {
    std::vector<float> norms(static_cast<size_t>(T * B));  // (T, B) |dL/dh_t|
    for (int64_t tb = 0; tb < T * B; ++tb) {
      double sq = 0.0;
      for (int64_t j = 0; j < H; ++j) sq += double((*trace.dh)[tb * H + j]) * (*trace.dh)[tb * H + j];
      norms[tb] = static_cast<float>(std::sqrt(sq));
    }
    out.set("dh", tensor_copy(*trace.dh));
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
      layers.call<void>("push", layer_trace_to_js(c.layers[k], static_cast<int64_t>(k) / directions));
    out.set("layers", layers);
  }
  return out;
}

val trace_to_js(const Trainer& trainer) {
  const std::vector<LayerTrace>& traces = trainer.traces();
  // A step that stopped training left traces_ pointing at the tape of a forward it then discarded.
  if (traces.empty() || trainer.stopped()) return val::null();
  const int directions = trainer.model().config().directions();
  val layers = val::array();
  for (size_t k = 0; k < traces.size(); ++k)
    layers.call<void>("push", layer_trace_to_js(traces[k], static_cast<int64_t>(k) / directions));
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
