// CellSequence: one cell (torch.nn.RNNCell / LSTMCell / GRUCell) run over a whole sequence,
// h_t = cell(x_t, h_{t-1}), as the same fused op the sequence layers use, so it has their speed and their trace.
// Parameters are the cell's: weight_ih, weight_hh, bias_ih, bias_hh (no layer suffix), so a cell's state dict
// loads into it as it is.
#pragma once
#include <cstdint>

#include "core/rng.h"
#include "core/tape.h"
#include "nn/cell_kind.h"
#include "nn/module.h"
#include "nn/recurrent_module.h"
#include "nn/recurrent_trace.h"

namespace rnnlab {

struct CellSequenceConfig {
  CellKind kind = CellKind::RnnTanh;
  int64_t input_size = 1;
  int64_t hidden_size = 1;
  bool bias = true;
};

class CellSequence : public Module {
 public:
  // Checks the config and draws every parameter from U(-1/sqrt(H), 1/sqrt(H)) in state_dict order.
  CellSequence(const CellSequenceConfig& config, Rng& rng);

  // x (T, B, I) or unbatched (T, I); h0, c0 (B, H) or (H) unbatched, absent = zeros (c0: LSTM only, given
  // together with h0 or not at all, as torch's (h, c) pair).
  // -> output (T, B, H) (the h_t stacked), h_n and c_n (B, H); (T, H) and (H) for an unbatched input.
  RecurrentOutput forward(Tape& tape, Var x, Var h0 = {}, Var c0 = {});

  // The unrolled trace of the last forward (and of the backward after it, for dh); valid while that tape is.
  LayerTrace trace() const;

  const CellSequenceConfig& config() const { return config_; }
  const char* name() const;  // "RNNCell", "LSTMCell" or "GRUCell": starts every error message

  Parameter& weight_ih() const { return *weight_ih_; }
  Parameter& weight_hh() const { return *weight_hh_; }
  Parameter* bias_ih() const { return bias_ih_; }  // nullptr without bias
  Parameter* bias_hh() const { return bias_hh_; }

 private:
  CellSequenceConfig config_;
  Parameter* weight_ih_;
  Parameter* weight_hh_;
  Parameter* bias_ih_ = nullptr;
  Parameter* bias_hh_ = nullptr;
  Var last_output_;
};

}  // namespace rnnlab
