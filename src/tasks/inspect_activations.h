// What every unit of a model did over one run (inspect_run.h), copied out of the forward's trace: h_t and c_t of
// every layer and direction, and the gate activations, per step. Slot s = layer * D + direction (the trace's order).
#pragma once
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "nn/cell_kind.h"
#include "tasks/inspect_run.h"

namespace rnnlab {

struct Activations {
  CellKind kind = CellKind::Lstm;
  int64_t slots = 0, steps = 0, hidden = 0;  // S = L * D, T, H
  int directions = 1;
  std::span<const std::string_view> gate_names;  // the gate blocks' names in order; empty for RNN
  std::vector<float> h;      // (S, T, H) h_t after step t, in time order
  std::vector<float> c;      // (S, T, H) LSTM's cell state; empty otherwise
  std::vector<float> gates;  // (S, T, G*H) LSTM i|f|g|o, GRU r|z|n activations; empty for RNN

  int64_t gate_width() const { return static_cast<int64_t>(gate_names.size()) * hidden; }
  int64_t layer_of(int64_t slot) const { return slot / directions; }
  int direction_of(int64_t slot) const { return static_cast<int>(slot % directions); }
};

Activations activations(const InspectRun& run);

}  // namespace rnnlab
