// The unrolled trace of one recurrent layer and direction: views of the buffers the fused op keeps for its own
// backward (x_t, h_t, c_t, gate activations) and of what its backward produced (dL/dh_t). Nothing is recomputed
// or copied: the views point into the tape's node, so they are valid until that tape records or clears again.
#pragma once
#include <cstdint>
#include <span>
#include <string_view>

#include "core/tape.h"
#include "nn/cell_kind.h"

namespace rnnlab {

struct LayerTrace {
  CellKind kind = CellKind::RnnTanh;
  bool reverse = false;
  int64_t steps = 0, batch = 0, input_size = 0, hidden_size = 0;  // T, B, I, H

  const Tensor* x = nullptr;      // (T, B, I) the layer's input
  // (T+1, B, H) in time order, with the initial state on the side its sweep starts from:
  //   forward: [h0, h_0, ..., h_{T-1}]    reverse: [h_0, ..., h_{T-1}, h0]     (h_row(t) finds h_t)
  const Tensor* h = nullptr;
  const Tensor* c = nullptr;      // (T+1, B, H) LSTM's cell states in the same layout; nullptr otherwise
  const Tensor* gates = nullptr;  // (T, B, G*H) activations, blocks in gate_names order; nullptr for RNN
  std::span<const std::string_view> gate_names;  // {"i","f","g","o"}, {"r","z","n"} or empty
  const Tensor* dh = nullptr;     // (T, B, H) dL/dh_t once a backward has run through the layer; else nullptr
  // What the step's Jacobian needs besides the above (state_jacobian.h): the recurrent weights, and the
  // activations the backward reads rather than recomputes.
  // W_hh^T as the forward used it: the node's own copy, so an optimizer step after the forward (which updates the
  // parameter in place) does not change it.
  const Tensor* w_hh_t = nullptr;    // (H, G*H)
  const Tensor* tanh_c = nullptr;    // (T, B, H) tanh(c_t), LSTM only (row t is step t, as gates)
  const Tensor* hidden_n = nullptr;  // (T, B, H) W_hn h_{t-1} + b_hn, GRU only (what r multiplies)

  int64_t h_row(int64_t t) const { return reverse ? t : t + 1; }  // the row of h (and c) holding step t's state
  int64_t initial_row() const { return reverse ? steps : 0; }     // the row holding h0 (and c0)
};

// The trace of the layer whose output (RecurrentLayerResult::output) is `layer_output`.
LayerTrace layer_trace(Var layer_output);

// Gate names of a kind, in the order of their blocks: "i","f","g","o" (LSTM), "r","z","n" (GRU), none (RNN).
std::span<const std::string_view> gate_names(CellKind kind);

}  // namespace rnnlab
