// One recurrent layer over a whole sequence, in one direction, as ONE op on the tape.
//
// The forward projects every step's input at once (one matrix product), then runs the recurrence step by step;
// the backward sweeps the steps in the opposite order and forms the weight gradients as matrix products after
// the sweep. What the forward keeps for the backward (x_t, h_t, c_t, gate activations) and what the backward
// yields (dL/dh_t) stay in the node: that record is the unrolled trace the inspector shows (recurrent_trace.h).
#pragma once
#include <cstdint>
#include <span>

#include "core/tape.h"
#include "nn/cell_kind.h"

namespace rnnlab {

struct RecurrentLayerResult {
  Var output;  // (T, B, H): h_t for every step t, in time order (also for reverse)
  Var h_n;     // (B, H): the state after the last processed step (time T-1, or time 0 when reverse)
  Var c_n;     // (B, H): LSTM only, undefined otherwise
};

// x (T, B, I); w_ih (G*H, I); w_hh (G*H, H); b_ih, b_hh (G*H) each optional; h0 (B, H) optional (zeros);
// c0 (B, H) optional, LSTM only (zeros). G = gate_count(kind): 1 rnn, 4 lstm (i, f, g, o), 3 gru (r, z, n).
// With `reverse`, the steps run from t = T-1 down to 0 (the backward direction of a bidirectional layer).
//
// h_n and c_n are companion nodes recorded after the main node: their backward hands dL/dh_n and dL/dc_n to the
// main node, whose backward then runs the whole sweep once.
RecurrentLayerResult recurrent_layer(Tape& tape, CellKind kind, Var x, Var w_ih, Var w_hh, Var b_ih, Var b_hh,
                                     Var h0, Var c0, bool reverse);

// The same layer with its input given as rows of a table: x (T, B, I) = table[rows] (an embedding's weight (V, I);
// rows (T*B), row t*B + b). Values and gradients are those of recurrent_layer over reshape(gather_rows(table, rows)),
// with fewer products when the table is small (2V <= T*B): the input projection is the table's own, table W_ih^T
// plus biases (V, G*H), one row copied per (t, b); the backward sums dG's rows per table row first, S (V, G*H), so
// that dW_ih += S^T table and dtable += S W_ih: three products over V rows instead of T*B (at W6, 65 rows instead of
// 2048: a quarter of the model's multiply-adds). A larger table takes the dense route (gather, then
// recurrent_layer). An index outside [0, V) is an error naming it.
RecurrentLayerResult recurrent_layer_rows(Tape& tape, CellKind kind, Var table, std::span<const int32_t> rows,
                                          int64_t steps, int64_t batch, Var w_ih, Var w_hh, Var b_ih, Var b_hh,
                                          Var h0, Var c0, bool reverse);

// True when `v` is the output of recurrent_layer (the main node), e.g. to build its trace.
bool is_recurrent_layer_output(Var v);

}  // namespace rnnlab
