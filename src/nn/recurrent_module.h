// Recurrent: torch.nn.RNN / LSTM / GRU over a whole sequence (layers, directions, batch_first, dropout).
//
// Every layer and direction is one fused op (recurrent_layer.h). Parameters are named and ordered as torch's
// state_dict: weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0, then the same with _reverse, layer by layer.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "core/rng.h"
#include "core/tape.h"
#include "nn/cell_kind.h"
#include "nn/module.h"
#include "nn/recurrent_trace.h"

namespace rnnlab {

struct RecurrentConfig {
  CellKind kind = CellKind::Lstm;
  int64_t input_size = 1;
  int64_t hidden_size = 1;
  int64_t num_layers = 1;
  bool bias = true;
  bool batch_first = false;
  float dropout = 0.0f;  // on every layer's output but the last, in training mode only
  bool bidirectional = false;
};

struct RecurrentOutput {
  Var output;  // (T, B, D*H), (B, T, D*H) with batch_first, (T, D*H) unbatched
  Var h_n;     // (L*D, B, H), (L*D, H) unbatched; row l*D + d is layer l, direction d (1 = reverse)
  Var c_n;     // the same for LSTM; undefined otherwise
};

class Recurrent : public Module {
 public:
  // Checks the config and draws every parameter from U(-1/sqrt(H), 1/sqrt(H)) in state_dict order.
  Recurrent(const RecurrentConfig& config, Rng& rng);

  // input (T, B, I), (B, T, I) with batch_first, or unbatched (T, I); h0 and c0 (L*D, B, H), or (L*D, H) for an
  // unbatched input; absent states are zeros. `dropout_rng` draws the dropout masks and is required when
  // dropout > 0 in training mode.
  RecurrentOutput forward(Tape& tape, Var input, Var h0 = {}, Var c0 = {}, Rng* dropout_rng = nullptr);

  // The same over an input given as rows of a table (an embedding's weight (V, input_size)): x (T, B, input_size)
  // = table[rows], rows (T*B) time-major, row t*B + b. The first layer reads the rows directly
  // (recurrent_layer_rows: fewer products when the table is small); values and gradients are forward's over
  // reshape(gather_rows(table, rows)). Time-major layers only.
  RecurrentOutput forward_rows(Tape& tape, Var table, std::span<const int32_t> rows, int64_t steps, int64_t batch,
                               Var h0 = {}, Var c0 = {}, Rng* dropout_rng = nullptr);

  // The unrolled trace of one layer and direction from the last forward (and the backward after it, for dh).
  // The views point into that forward's tape: valid until the tape records or clears again.
  LayerTrace trace(int64_t layer, int direction = 0) const;

  const RecurrentConfig& config() const { return config_; }
  int directions() const { return config_.bidirectional ? 2 : 1; }
  const char* name() const;  // "RNN", "LSTM" or "GRU": starts every error message

  struct LayerParameters {
    Parameter* weight_ih;  // (G*H, I or D*H)
    Parameter* weight_hh;  // (G*H, H)
    Parameter* bias_ih;    // (G*H), nullptr without bias
    Parameter* bias_hh;
  };
  const LayerParameters& layer_parameters(int64_t layer, int direction = 0) const;

 private:
  // h0 and c0 against the layer's state shape; dropout's generator.
  void check_states(Var h0, Var c0, int64_t B, bool unbatched, Rng* dropout_rng) const;
  // The layers over x (T, B, I), or over table[rows] (steps, batch) when a table is given.
  RecurrentOutput run_layers(Tape& tape, Var x, Var table, std::span<const int32_t> rows, Var h0, Var c0,
                             Rng* dropout_rng, int64_t steps = 0, int64_t batch = 0);

  RecurrentConfig config_;
  std::vector<LayerParameters> layers_;  // [layer * D + direction]
  // Kept across forwards so that a steady loop does not allocate.
  std::vector<Var> layer_outputs_;       // [layer * D + direction], the last forward's main nodes
  std::vector<Var> final_h_, final_c_;   // [layer * D + direction]
};

}  // namespace rnnlab
