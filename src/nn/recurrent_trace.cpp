#include "nn/recurrent_trace.h"

#include <array>

#include "nn/recurrent_kernels.h"
#include "nn/recurrent_layer.h"

namespace rnnlab {

std::span<const std::string_view> gate_names(CellKind kind) {
  static constexpr std::array<std::string_view, 4> lstm{"i", "f", "g", "o"};
  static constexpr std::array<std::string_view, 3> gru{"r", "z", "n"};
  switch (kind) {
    case CellKind::Lstm: return lstm;
    case CellKind::Gru: return gru;
    default: return {};
  }
}

LayerTrace layer_trace(Var layer_output) {
  using namespace recurrent;
  check(is_recurrent_layer_output(layer_output),
        "layer_trace: the variable is not the output of a recurrent layer (recurrent_layer(...).output)");
  const Node& n = layer_output.tape->node(layer_output.id);
  LayerTrace trace;
  trace.kind = static_cast<CellKind>(n.ints[kKind]);
  trace.reverse = n.ints[kReverse] != 0;
  trace.x = n.ints[kInput] == kRowsInput ? &n.saved[kRowsX] : &layer_output.tape->value(n.inputs[kX]);
  trace.h = &n.saved[kStates];
  trace.steps = trace.x->dim(0);
  trace.batch = trace.x->dim(1);
  trace.input_size = trace.x->dim(2);
  trace.hidden_size = trace.h->dim(2);
  trace.w_hh_t = &n.saved[kWhhTransposed];
  if (trace.kind == CellKind::Lstm) trace.c = &n.saved[kCells], trace.tanh_c = &n.saved[kTanhCell];
  if (trace.kind == CellKind::Gru) trace.hidden_n = &n.saved[kHiddenN];
  if (trace.kind == CellKind::Lstm || trace.kind == CellKind::Gru) trace.gates = &n.saved[kGates];
  trace.gate_names = gate_names(trace.kind);
  if (n.ints[kBackwardDone]) trace.dh = &n.saved[kDh];
  return trace;
}

}  // namespace rnnlab
