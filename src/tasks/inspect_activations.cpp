#include "tasks/inspect_activations.h"

#include <algorithm>

namespace rnnlab {

Activations activations(const InspectRun& run) {
  const std::vector<LayerTrace>& traces = run.traces();
  const LayerTrace& first = traces.front();
  Activations a;
  a.kind = first.kind;
  a.slots = static_cast<int64_t>(traces.size());
  a.steps = first.steps;
  a.hidden = first.hidden_size;
  a.directions = run.model().config().directions();
  a.gate_names = first.gate_names;
  const int64_t S = a.slots, T = a.steps, H = a.hidden, GH = a.gate_width();
  a.h.resize(static_cast<size_t>(S * T * H));
  if (first.c) a.c.resize(a.h.size());
  if (first.gates) a.gates.resize(static_cast<size_t>(S * T * GH));
  for (int64_t s = 0; s < S; ++s) {
    const LayerTrace& tr = traces[static_cast<size_t>(s)];
    for (int64_t t = 0; t < T; ++t) {
      // Batch row 0 of (T+1, 1, H), the row holding step t's state.
      std::copy_n(tr.h->data() + tr.h_row(t) * H, H, a.h.data() + (s * T + t) * H);
      if (tr.c) std::copy_n(tr.c->data() + tr.h_row(t) * H, H, a.c.data() + (s * T + t) * H);
    }
    if (tr.gates) std::copy_n(tr.gates->data(), T * GH, a.gates.data() + s * T * GH);  // (T, 1, G*H)
  }
  return a;
}

}  // namespace rnnlab
