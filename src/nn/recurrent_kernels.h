// Internal to the fused recurrent layer: the buffers one layer keeps, and the per-kind step loops.
//
// Layout of the state buffers, (T+1, B, H) in time order: the initial state sits on the side the sweep starts
// from. Forward direction: rows [h0, h_0, ..., h_{T-1}]; reverse: rows [h_0, ..., h_{T-1}, h0]. So step t reads
// the state row `t + prev_offset` and writes `t + next_offset`, the T outputs are one contiguous block, and so are
// the T states that entered the steps (for the weight gradient dW_hh = sum_t dgates_t^T h_prev_t).
#pragma once
#include <cstdint>
#include <optional>

#include "core/tensor.h"
#include "nn/cell_kind.h"

#if defined(__wasm_simd128__)
#include "core/simd_gemm.h"
#endif

namespace rnnlab::recurrent {

// Slots of node.saved for a recurrent layer's main node. Unused slots of a kind keep whatever they held.
enum Slot : int {
  kStates = 0,      // (T+1, B, H)   h, layout above
  kCells,           // (T+1, B, H)   c, LSTM only, same layout
  kGates,           // (T, B, G*H)   gate activations: LSTM i,f,g,o; GRU r,z,n (RNN: unused)
  kTanhCell,        // (T, B, H)     tanh(c_t), LSTM only: the backward reads it instead of recomputing
  kHiddenN,         // (T, B, H)     W_hn h_{t-1} + b_hn, GRU only: n's hidden part, which r multiplies
  kStepScratch,     // (B, G*H)      GRU: h_{t-1} W_hh^T + b_hh for one step
  kWhhTransposed,   // (H, G*H)      W_hh^T, so that a step's product reads contiguous rows
  kDh,              // (T, B, H)     dL/dh_t after backward: the gradient through time, for the trace
  kDGates,          // (T, B, G*H)   dL/d(gate pre-activations), as the input side (W_ih, b_ih, x) sees them
  kDGatesHidden,    // (T, B, G*H)   GRU only: the hidden side, whose n block is scaled by r
  kDhCarry,         // (B, H)        before the sweep dL/dh_n (from the companion), after it dL/dh0
  kDcCarry,         // (B, H)        the same for c, LSTM only
  kWihTransposed,   // (I, G*H)      W_ih^T, one-hot input only: the rows the projection gathers
  kDWihTransposed,  // (I, G*H)      one-hot input only: dW_ih^T, summed per hot index before it is added to dW_ih
  kRowsX,           // (T, B, I)     rows input only: x = table[indices], for the trace
  kTableProjection, // (V, G*H)      rows input only: table W_ih^T + biases, the rows the projection gathers
  kTableDGates,     // (V, G*H)      rows input only: dG's rows summed per table row (S)
  kSlotCount
};

// node.ints of the main node. kInput says what input kX is; with kOneHotInput and kRowsInput node.indices holds
// one index per (t, b) row: the hot column, or the table row.
enum Int : int { kKind = 0, kReverse, kBackwardDone, kInput };
enum InputKind : int64_t { kDenseInput = 0, kOneHotInput, kRowsInput };

// Input positions of the main node.
enum Input : int { kX = 0, kWih, kWhh, kBih, kBhh, kH0, kC0 };

inline int64_t prev_offset(bool reverse) { return reverse ? 1 : 0; }
inline int64_t next_offset(bool reverse) { return reverse ? 0 : 1; }

// Raw views handed to a kind's step loops. Sizes: T steps, B batch rows, H hidden units, G = gate_count(kind).
struct LayerBuffers {
  int64_t steps = 0, batch = 0, hidden = 0;
  bool reverse = false;
  const float* w_hh = nullptr;      // (G*H, H)
  const float* w_hh_t = nullptr;    // (H, G*H)
  const float* b_hh = nullptr;      // (G*H) or nullptr; read by GRU's steps only (RNN, LSTM fold it into gates)
  float* states = nullptr;          // (T+1, B, H)
  float* cells = nullptr;           // (T+1, B, H)  LSTM
  float* gates = nullptr;           // (T, B, G*H)  LSTM, GRU: holds the input projection on entry to forward
  float* tanh_cell = nullptr;       // (T, B, H)    LSTM
  float* hidden_n = nullptr;        // (T, B, H)    GRU
  float* step_scratch = nullptr;    // (B, G*H)     GRU
  // Backward.
  const float* d_output = nullptr;  // (T, B, H)    dL/doutput
  float* dh = nullptr;              // (T, B, H)
  float* d_gates = nullptr;         // (T, B, G*H)
  float* d_gates_hidden = nullptr;  // (T, B, G*H)  GRU
  float* dh_carry = nullptr;        // (B, H)
  float* dc_carry = nullptr;        // (B, H)       LSTM
  bool need_dh0 = true;             // false: nothing reads dL/dh0, so the sweep's last hidden gradient may be skipped

  // Time index of the s-th step of the forward pass, and of the backward sweep (the same steps reversed).
  int64_t forward_time(int64_t s) const { return reverse ? steps - 1 - s : s; }
  int64_t backward_time(int64_t s) const { return reverse ? s : steps - 1 - s; }
};

// The products of a step: out (B, G*H) += h_prev (B, H) x W_hh^T, given W_hh^T as w_hh_t (H, G*H); and
// dh_prev (B, H) += d_gates (B, G*H) x W_hh (G*H, H).
void add_hidden_projection(const float* h_prev, const float* w_hh_t, float* out, int64_t B, int64_t H, int64_t GH);
void add_hidden_gradient(const float* d_gates, const float* w_hh, float* dh_prev, int64_t B, int64_t H, int64_t GH);

// The step products of one sweep, the same for every kind: forward out += h_prev W_hh^T, backward
// dh_prev += d_gates W_hh, one call per step in sweep order. Natively these are the functions above. The wasm
// build packs W_hh once for the sweep when B > 1 (simd::PackedA: the same sums as packing per product) and skips
// two products whose result nothing reads or that add only zeros: the first step's projection when the initial
// state is all zeros (h0 absent), and the last step's gradient when dL/dh0 is not needed (b.need_dh0).
class StepProducts {
 public:
  StepProducts(const LayerBuffers& b, int64_t GH, bool backward);
  void add_hidden_projection(const float* h_prev, float* out);   // (B, H) x (H, G*H) added to out (B, G*H)
  void add_hidden_gradient(const float* d_gates, float* dh_prev);  // (B, G*H) x (G*H, H) added to dh_prev (B, H)

 private:
  const LayerBuffers& b_;
  int64_t GH_;
  int64_t calls_ = 0;
#if defined(__wasm_simd128__)
  std::optional<simd::PackedA> packed_;
#endif
};

// RNN: on entry the output rows of `states` hold x_t W_ih^T + b_ih + b_hh; the steps finish them in place.
void rnn_steps_forward(const LayerBuffers& b, bool relu);
void rnn_steps_backward(const LayerBuffers& b, bool relu);

void lstm_steps_forward(const LayerBuffers& b);
void lstm_steps_backward(const LayerBuffers& b);

void gru_steps_forward(const LayerBuffers& b);
void gru_steps_backward(const LayerBuffers& b);

}  // namespace rnnlab::recurrent
