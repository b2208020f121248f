// The fused op around the per-kind step loops: checks, the input projection for all steps, the node's buffers,
// the companion nodes h_n and c_n, and the weight gradients formed after the backward sweep.
#include "nn/recurrent_layer.h"

#include <algorithm>
#include <cstring>

#include "core/ops_shape.h"
#include "nn/recurrent_input_projection.h"
#include "nn/recurrent_kernels.h"
#include "nn/recurrent_zero_rows.h"

#if defined(__wasm_simd128__)
#include "core/simd4.h"
#include "nn/simd_products.h"
#else
#include "core/native_gemm.h"
#endif

namespace rnnlab {
namespace {

using namespace recurrent;

void check_shape(const char* what, Var v, const Shape& expected, CellKind kind) {
  check(v.shape() == expected, "recurrent_layer: ", what, " has shape ", v.shape(), ", expected ", expected, " for ",
        cell_kind_name(kind));
}

// The steps' views of the node's buffers and inputs.
LayerBuffers layer_buffers(const Tape& tape, Node& n, CellKind kind) {
  const Tensor& w_hh = tape.value(n.inputs[kWhh]);
  const Tensor& states = n.saved[kStates];
  LayerBuffers b;
  b.steps = states.dim(0) - 1;
  b.batch = states.dim(1);
  b.hidden = states.dim(2);
  b.reverse = n.ints[kReverse] != 0;
  b.w_hh = w_hh.data();
  b.w_hh_t = n.saved[kWhhTransposed].data();
  b.b_hh = n.inputs[kBhh] >= 0 ? tape.value(n.inputs[kBhh]).data() : nullptr;
  b.states = n.saved[kStates].data();
  if (kind == CellKind::Lstm) {
    b.cells = n.saved[kCells].data();
    b.tanh_cell = n.saved[kTanhCell].data();
  }
  if (kind == CellKind::Lstm || kind == CellKind::Gru) b.gates = n.saved[kGates].data();
  if (kind == CellKind::Gru) {
    b.hidden_n = n.saved[kHiddenN].data();
    b.step_scratch = n.saved[kStepScratch].data();
  }
  return b;
}

// dW (G*H, K) += dG^T (G*H, rows) X (rows, K): a weight gradient summed over all steps and batch rows.
void add_weight_gradient(const float* d_gates, const float* x, float* d_w, int64_t rows, int64_t GH, int64_t K) {
#if defined(__wasm_simd128__)
  if (K < 64 && GH >= 64)
    simd::weight_gradient_few_columns(d_gates, x, d_w, rows, GH, K);
  else
    simd::weight_gradient(d_gates, x, d_w, rows, GH, K);
#elif RNNLAB_NATIVE_GEMM
  native::gemm_tn(GH, K, rows, d_gates, x, d_w, true);
#else
  MatrixMap(d_w, GH, K).noalias() += ConstMatrixMap(d_gates, rows, GH).transpose() * ConstMatrixMap(x, rows, K);
#endif
}

// dx (rows, I) += dG (rows, G*H) W_ih (G*H, I).
void add_input_gradient(const float* d_gates, const Tensor& w_ih, float* dx, int64_t rows, int64_t I, int64_t GH) {
#if defined(__wasm_simd128__)
  simd::input_gradient(d_gates, w_ih.data(), dx, rows, I, GH);
#elif RNNLAB_NATIVE_GEMM
  native::gemm_nn(rows, I, GH, d_gates, w_ih.data(), dx, true);
#else
  MatrixMap(dx, rows, I).noalias() += ConstMatrixMap(d_gates, rows, GH) * w_ih.mat();
#endif
}

#if defined(__wasm_simd128__)
// The bias rows' loops of the wasm build, four lanes at a time (Eigen has no wasm packet path: its row-wise adds ran
// one float at a time): the same adds in the same order. One copy, not inlined (the .wasm's size budget).
// y (n) += x (n).
[[gnu::noinline]] void add_vector(float* y, const float* x, int64_t n) {
  using namespace simd4;
  int64_t j = 0;
#pragma clang loop unroll(disable)
  for (; j + 4 <= n; j += 4) store(y + j, add(load(y + j), load(x + j)));
#pragma clang loop vectorize(disable) unroll(disable)
  for (; j < n; ++j) y[j] += x[j];
}
// sum (GH) += each row of m (rows, GH), row after row.
void add_rows(const float* m, int64_t rows, int64_t GH, float* sum) {
  for (int64_t r = 0; r < rows; ++r) add_vector(sum, m + r * GH, GH);
}
// each row of m (rows, GH) += bias (GH), then += bias2 (GH) when given: one pass over m (W7's projection, 3.7 MB,
// does not stay in L2 between two), each element's two adds in the order of two passes.
[[gnu::noinline]] void add_to_rows(float* m, int64_t rows, int64_t GH, const float* bias, const float* bias2) {
  using namespace simd4;
  for (int64_t r = 0; r < rows; ++r) {
    float* y = m + r * GH;
    if (!bias2) {
      add_vector(y, bias, GH);
      continue;
    }
    int64_t j = 0;
SIMD4_NO_UNROLL
    for (; j + 4 <= GH; j += 4) store(y + j, add(add(load(y + j), load(bias + j)), load(bias2 + j)));
SIMD4_PLAIN_LOOP
    for (; j < GH; ++j) y[j] = (y[j] + bias[j]) + bias2[j];
  }
}
#else
void add_rows(const float* m, int64_t rows, int64_t GH, float* sum) {
  for (int64_t r = 0; r < rows; ++r) MatrixMap(sum, 1, GH).row(0) += ConstMatrixMap(m, rows, GH).row(r);
}
#endif

// dW_ih (G*H, I) += dG^T (G*H, rows) X (rows, I) for a dense input: over its nonzero rows where the module links
// that route (recurrent_zero_rows.h).
void add_dense_input_weight_gradient(const float* d_gates, const float* x, float* d_w, int64_t rows, int64_t GH,
                                     int64_t I) {
  const ZeroRowsRoute* route = zero_rows_route();
  if (!route || !route->weight_gradient(d_gates, x, d_w, rows, GH, I))
    add_weight_gradient(d_gates, x, d_w, rows, GH, I);
}

// After the sweep, the gradients that sum over steps, each one matrix product over all T*B rows:
//   dW_ih += dG^T X    dW_hh += dG_hid^T H_prev    db_ih += colsum dG    db_hh += colsum dG_hid    dX += dG W_ih
void accumulate_input_and_weight_grads(Tape& tape, Node& n, CellKind kind) {
  const Tensor& x = tape.value(n.inputs[kX]);  // (T, B, I); with kRowsInput the table (V, I)
  const Tensor& w_ih = tape.value(n.inputs[kWih]);
  const Tensor& states = n.saved[kStates];
  const int64_t T = states.dim(0) - 1, B = states.dim(1), H = states.dim(2), I = w_ih.dim(1);
  const auto input = static_cast<InputKind>(n.ints[kInput]);
  const int64_t GH = gate_count(kind) * H;
  const bool reverse = n.ints[kReverse] != 0;
  const ConstMatrixMap d_gates(n.saved[kDGates].data(), T * B, GH);  // (T*B, G*H)
  const ConstMatrixMap d_gates_hidden(n.saved[kind == CellKind::Gru ? kDGatesHidden : kDGates].data(), T * B,
                                      GH);                                                  // (T*B, G*H)
  const ConstMatrixMap h_prev(states.data() + prev_offset(reverse) * B * H, T * B, H);     // (T*B, H)
  if (input == kRowsInput) {
    // x = table[rows]: dG's rows summed per table row, S (V, G*H), then two products of V rows instead of T*B:
    // dW_ih += S^T table, dtable += S W_ih.
    const int64_t V = x.dim(0);
    Tensor& sums = n.saved[kTableDGates];
    sums.resize_for_overwrite(Shape{V, GH});  // zeroed by sum_rows_by_index
    sum_rows_by_index(n.indices.data(), T * B, d_gates.data(), GH, V, sums.data());
    if (Tensor* dw = tape.grad_if(n.inputs[kWih]))
      add_weight_gradient(sums.data(), x.data(), dw->data(), V, GH, I);  // (G*H, V) x (V, I)
    if (Tensor* dtable = tape.grad_if(n.inputs[kX])) add_input_gradient(sums.data(), w_ih, dtable->data(), V, I, GH);
  } else if (Tensor* dw = tape.grad_if(n.inputs[kWih])) {
    if (input == kOneHotInput)
      scatter_input_weight_grad(n.indices.data(), T * B, d_gates.data(), GH, I, n.saved[kDWihTransposed].data(),
                                dw->data());
    else
      add_dense_input_weight_gradient(d_gates.data(), x.data(), dw->data(), T * B, GH, I);
  }
  if (Tensor* dw = tape.grad_if(n.inputs[kWhh])) {
    int64_t first = 0, rows = T * B;  // (T*B) rows of H_prev and dG_hid
#if defined(__wasm_simd128__)
    // An all-zero initial state (h0 absent) adds nothing: its B rows (the first forward, the last in reverse) are
    // left out of the product. The sums run over other panels of K, so the last bits move (within the tolerances).
    const float* h0 = h_prev.data() + (reverse ? (T - 1) * B * H : 0);
    if (T > 1 && std::all_of(h0, h0 + B * H, [](float v) { return v == 0.0f; })) {
      rows -= B;
      if (!reverse) first = B;
    }
#endif
    add_weight_gradient(d_gates_hidden.data() + first * GH, h_prev.data() + first * H, dw->data(), rows, GH,
                        H);  // (G*H, T*B) x (T*B, H)
  }
  // Column sums as row after row added in place: `db += m.colwise().sum()` sums a column in another order when it
  // falls in the scalar head before db's first aligned packet, so the gradient (and training) depended on where
  // the allocator put db.
  Tensor* const db_ih = tape.grad_if(n.inputs[kBih]);
  Tensor* const db_hh = tape.grad_if(n.inputs[kBhh]);
  // RNN and LSTM: dG_hid is dG, so when both gradients hold the same bits (zero after zero_grad) db_hh gets
  // db_ih's result, the same bits without a second pass over dG.
  const bool same_sums = db_ih && db_hh && d_gates_hidden.data() == d_gates.data() &&
                         std::memcmp(db_ih->data(), db_hh->data(), sizeof(float) * std::size_t(GH)) == 0;
  if (db_ih) add_rows(d_gates.data(), T * B, GH, db_ih->data());
  if (same_sums) std::copy_n(db_ih->data(), GH, db_hh->data());
  else if (db_hh) add_rows(d_gates_hidden.data(), T * B, GH, db_hh->data());
  if (input != kRowsInput)
    if (Tensor* dx = tape.grad_if(n.inputs[kX])) add_input_gradient(d_gates.data(), w_ih, dx->data(), T * B, I, GH);
}

void recurrent_layer_backward(Tape& tape, Node& n) {
  const auto kind = static_cast<CellKind>(n.ints[kKind]);
  const Tensor& states = n.saved[kStates];
  const int64_t T = states.dim(0) - 1, B = states.dim(1), H = states.dim(2);
  const int64_t GH = gate_count(kind) * H;
  // Every kind's sweep writes these whole.
  n.saved[kDh].resize_for_overwrite(Shape{T, B, H});
  n.saved[kDGates].resize_for_overwrite(Shape{T, B, GH});
  if (kind == CellKind::Gru) n.saved[kDGatesHidden].resize_for_overwrite(Shape{T, B, GH});

  LayerBuffers b = layer_buffers(tape, n, kind);
  b.d_output = n.grad.data();
  b.dh = n.saved[kDh].data();
  b.d_gates = n.saved[kDGates].data();
  b.d_gates_hidden = kind == CellKind::Gru ? n.saved[kDGatesHidden].data() : b.d_gates;
  b.dh_carry = n.saved[kDhCarry].data();  // holds dL/dh_n, handed over by the companion
  b.dc_carry = kind == CellKind::Lstm ? n.saved[kDcCarry].data() : nullptr;
  b.need_dh0 = tape.grad_if(n.inputs[kH0]) != nullptr;
  switch (kind) {
    case CellKind::RnnTanh: rnn_steps_backward(b, false); break;
    case CellKind::RnnRelu: rnn_steps_backward(b, true); break;
    case CellKind::Lstm: lstm_steps_backward(b); break;
    case CellKind::Gru: gru_steps_backward(b); break;
  }
  accumulate_input_and_weight_grads(tape, n, kind);

  // The carries now hold dL/dh0 and dL/dc0; clear them so a second backward over this tape starts from zero.
  if (Tensor* dh0 = tape.grad_if(n.inputs[kH0])) dh0->arr() += n.saved[kDhCarry].arr();
  n.saved[kDhCarry].set_zero();
  if (kind == CellKind::Lstm) {
    if (Tensor* dc0 = tape.grad_if(n.inputs[kC0])) dc0->arr() += n.saved[kDcCarry].arr();
    n.saved[kDcCarry].set_zero();
  }
  n.ints[kBackwardDone] = 1;
}

// A companion (h_n or c_n) holds a copy of the final state; its gradient goes to the main node's carry, which
// seeds the main node's sweep. ints[0] names the carry slot.
Var record_final_state(Tape& tape, Var main, Slot source, Slot carry, bool reverse) {
  auto [out, node] = tape.record({main});
  const Tensor& buffer = tape.node(main.id).saved[source];  // (T+1, B, H)
  const int64_t T = buffer.dim(0) - 1, B = buffer.dim(1), H = buffer.dim(2);
  const int64_t row = reverse ? 0 : T;  // the state after the last processed step
  node.value.resize(Shape{B, H});
  std::copy_n(buffer.data() + row * B * H, B * H, node.value.data());
  node.ints[0] = carry;
  node.backward = [](Tape& tape, Node& n) {
    tape.node(n.inputs[0]).saved[static_cast<size_t>(n.ints[0])].arr() += n.grad.arr();  // (B, H)
  };
  return out;
}

}  // namespace

namespace {

// The checks both entry points share: w_ih (G*H, I), w_hh (G*H, H), the biases and states. Returns H.
int64_t check_weights(CellKind kind, int64_t B, int64_t I, Var w_ih, Var w_hh, Var b_ih, Var b_hh, Var h0, Var c0) {
  const int G = gate_count(kind);
  check(w_hh.shape().rank() == 2 && w_hh.shape()[1] >= 1 && w_hh.shape()[0] == G * w_hh.shape()[1],
        "recurrent_layer: w_hh has shape ", w_hh.shape(), ", expected (", G, " * hidden_size, hidden_size) for ",
        cell_kind_name(kind));
  const int64_t H = w_hh.shape()[1], GH = G * H;
  check_shape("w_ih", w_ih, Shape{GH, I}, kind);
  if (b_ih.defined()) check_shape("b_ih", b_ih, Shape{GH}, kind);
  if (b_hh.defined()) check_shape("b_hh", b_hh, Shape{GH}, kind);
  if (h0.defined()) check_shape("h0", h0, Shape{B, H}, kind);
  if (c0.defined()) {
    check(kind == CellKind::Lstm, "recurrent_layer: c0 given for ", cell_kind_name(kind),
          ", which has no cell state (only lstm does)");
    check_shape("c0", c0, Shape{B, H}, kind);
  }
  return H;
}

// (rows, I) x (I, G*H) -> proj (rows, G*H): the dense input projection.
void project_input(const float* x, const Tensor& w_ih, float* proj, int64_t rows, int64_t I, int64_t GH) {
#if defined(__wasm_simd128__)
  simd::input_projection(x, w_ih.data(), proj, rows, I, GH);
#elif RNNLAB_NATIVE_GEMM
  native::gemm_nt(rows, GH, I, x, w_ih.data(), proj, false);  // W_ih (G*H, I) packed transposed
#else
  MatrixMap(proj, rows, GH).noalias() = ConstMatrixMap(x, rows, I) * w_ih.mat().transpose();
#endif
}

// The main node, recorded with its inputs and node.ints[kInput] / node.indices already set: buffers, the input
// projection for every step at once, the steps, the output and the companions.
RecurrentLayerResult run_layer(Tape& tape, Var out, Node& node, CellKind kind, int64_t T, int64_t B, int64_t I,
                               Var w_ih, Var w_hh, Var b_ih, Var b_hh, Var h0, Var c0, bool reverse) {
  const int64_t H = w_hh.shape()[1], GH = gate_count(kind) * H;
  const auto input = static_cast<InputKind>(node.ints[kInput]);
  std::vector<Tensor>& saved = node.saved;
  saved.resize(kSlotCount);
  const int64_t h0_row = reverse ? T : 0;

  // Buffers the forward writes whole are not zero-filled first; the initial state's row is h0 or zeros.
  const auto initial_state = [&](Tensor& buffer, Var state) {  // (T+1, B, H)
    buffer.resize_for_overwrite(Shape{T + 1, B, H});
    float* row = buffer.data() + h0_row * B * H;
    if (state.defined()) std::copy_n(state.value().data(), B * H, row);
    else std::fill_n(row, B * H, 0.0f);
  };
  initial_state(saved[kStates], h0);
  if (kind == CellKind::Lstm) {
    initial_state(saved[kCells], c0);
    saved[kTanhCell].resize_for_overwrite(Shape{T, B, H});  // (T, B, H)
    saved[kDcCarry].resize(Shape{B, H});                    // (B, H)
  }
  if (kind == CellKind::Lstm || kind == CellKind::Gru) saved[kGates].resize_for_overwrite(Shape{T, B, GH});  // (T, B, G*H)
  if (kind == CellKind::Gru) {
    saved[kHiddenN].resize(Shape{T, B, H});  // (T, B, H)
    saved[kStepScratch].resize(Shape{B, GH});  // (B, 3H)
  }
  saved[kDhCarry].resize(Shape{B, H});  // (B, H)
  saved[kWhhTransposed].resize_for_overwrite(Shape{H, GH});  // (H, G*H)
  saved[kWhhTransposed].mat() = w_hh.value().mat().transpose();

  // The input projection for every step at once: (T*B, I) x (I, G*H). An RNN's goes straight into its output
  // rows, which its steps then finish in place; LSTM and GRU gates are activated in place. The biases b_ih and
  // (but for GRU, whose steps read b_hh themselves) b_hh are added to every row.
  float* projection = kind == CellKind::RnnTanh || kind == CellKind::RnnRelu
                          ? saved[kStates].data() + next_offset(reverse) * B * H
                          : saved[kGates].data();
  MatrixMap proj(projection, T * B, GH);  // (T*B, G*H)
  const auto add_biases = [&](MatrixMap m) {
#if defined(__wasm_simd128__)
    const float* second = b_hh.defined() && kind != CellKind::Gru ? b_hh.value().data() : nullptr;
    if (b_ih.defined()) add_to_rows(m.data(), m.rows(), GH, b_ih.value().data(), second);
    else if (second) add_to_rows(m.data(), m.rows(), GH, second, nullptr);
#else
    if (b_ih.defined()) m.rowwise() += b_ih.value().mat(1, GH).row(0);
    if (b_hh.defined() && kind != CellKind::Gru) m.rowwise() += b_hh.value().mat(1, GH).row(0);
#endif
  };
  const Tensor& x = tape.value(node.inputs[kX]);
  if (input == kOneHotInput) {
    saved[kWihTransposed].resize_for_overwrite(Shape{I, GH});  // (I, G*H)
    saved[kWihTransposed].mat() = w_ih.value().mat().transpose();
    if (w_ih.requires_grad()) saved[kDWihTransposed].resize(Shape{I, GH});  // (I, G*H)
    gather_input_projection(node.indices.data(), T * B, saved[kWihTransposed].data(), GH, projection);
    add_biases(proj);
  } else if (input == kRowsInput) {
    // The table's projection (V, G*H) with its biases, then one copy per row: the values are those of the dense
    // product (row r of table W_ih^T is x_r W_ih^T, the same sums), biases added in the same order.
    const int64_t V = x.dim(0);
    Tensor& table_proj = saved[kTableProjection];
    table_proj.resize_for_overwrite(Shape{V, GH});
    project_input(x.data(), w_ih.value(), table_proj.data(), V, I, GH);
    add_biases(table_proj.mat());
    gather_input_projection(node.indices.data(), T * B, table_proj.data(), GH, projection);
    saved[kRowsX].resize_for_overwrite(Shape{T, B, I});  // the input itself, for the trace
    gather_input_projection(node.indices.data(), T * B, x.data(), I, saved[kRowsX].data());
  } else {
    const ZeroRowsRoute* route = zero_rows_route();
    if (!route || !route->project(x.data(), w_ih.value().data(), projection, T * B, I, GH))
      project_input(x.data(), w_ih.value(), projection, T * B, I, GH);
    add_biases(proj);
  }

  const LayerBuffers b = layer_buffers(tape, node, kind);
  switch (kind) {
    case CellKind::RnnTanh: rnn_steps_forward(b, false); break;
    case CellKind::RnnRelu: rnn_steps_forward(b, true); break;
    case CellKind::Lstm: lstm_steps_forward(b); break;
    case CellKind::Gru: gru_steps_forward(b); break;
  }

  node.value.resize_for_overwrite(Shape{T, B, H});  // (T, B, H): the output block of the states
  std::copy_n(saved[kStates].data() + next_offset(reverse) * B * H, T * B * H, node.value.data());
  node.backward = recurrent_layer_backward;

  RecurrentLayerResult result;
  result.output = out;
  result.h_n = record_final_state(tape, out, kStates, kDhCarry, reverse);
  if (kind == CellKind::Lstm) result.c_n = record_final_state(tape, out, kCells, kDcCarry, reverse);
  return result;
}

}  // namespace

RecurrentLayerResult recurrent_layer(Tape& tape, CellKind kind, Var x, Var w_ih, Var w_hh, Var b_ih, Var b_hh,
                                     Var h0, Var c0, bool reverse) {
  check(x.defined() && w_ih.defined() && w_hh.defined(), "recurrent_layer: x, w_ih and w_hh are required");
  check(x.shape().rank() == 3, "recurrent_layer: x has shape ", x.shape(), ", expected rank 3 (T, B, I)");
  const int64_t T = x.shape()[0], B = x.shape()[1], I = x.shape()[2];
  check(T >= 1 && B >= 1 && I >= 1, "recurrent_layer: x has shape ", x.shape(),
        ", expected at least one step, one batch row and one feature");
  check_weights(kind, B, I, w_ih, w_hh, b_ih, b_hh, h0, c0);

  auto [out, node] = tape.record({x, w_ih, w_hh, b_ih, b_hh, h0, c0});
  // A constant one-hot input (a character model's first layer) takes the gather path (recurrent_input_projection.h);
  // an input that needs its own gradient always takes the dense one.
  const bool one_hot = !x.requires_grad() && find_one_hot_rows(x.value().data(), T * B, I, node.indices);
  node.ints = {static_cast<int64_t>(kind), reverse, 0, one_hot ? kOneHotInput : kDenseInput};
  return run_layer(tape, out, node, kind, T, B, I, w_ih, w_hh, b_ih, b_hh, h0, c0, reverse);
}

RecurrentLayerResult recurrent_layer_rows(Tape& tape, CellKind kind, Var table, std::span<const int32_t> rows,
                                          int64_t steps, int64_t batch, Var w_ih, Var w_hh, Var b_ih, Var b_hh,
                                          Var h0, Var c0, bool reverse) {
  check(table.defined() && w_ih.defined() && w_hh.defined(), "recurrent_layer: table, w_ih and w_hh are required");
  check(table.shape().rank() == 2 && table.shape()[0] >= 1 && table.shape()[1] >= 1, "recurrent_layer: table has shape ",
        table.shape(), ", expected (rows, input_size)");
  const int64_t T = steps, B = batch, V = table.shape()[0], I = table.shape()[1];
  check(T >= 1 && B >= 1 && static_cast<int64_t>(rows.size()) == T * B, "recurrent_layer: ", rows.size(),
        " row indices for ", T, " steps of batch ", B, ", expected ", T * B);
  for (size_t i = 0; i < rows.size(); ++i)
    check(0 <= rows[i] && rows[i] < V, "recurrent_layer: rows[", i, "] is ", rows[i], ", expected an index in [0, ",
          V, ") (the table's rows)");
  check_weights(kind, B, I, w_ih, w_hh, b_ih, b_hh, h0, c0);
  // A table with as many rows as the input or more: its products would cost more than the dense ones.
  if (2 * V > T * B)
    return recurrent_layer(tape, kind, reshape(gather_rows(table, rows), Shape{T, B, I}), w_ih, w_hh, b_ih, b_hh, h0,
                           c0, reverse);
  auto [out, node] = tape.record({table, w_ih, w_hh, b_ih, b_hh, h0, c0});
  node.indices.assign(rows.begin(), rows.end());
  node.ints = {static_cast<int64_t>(kind), reverse, 0, kRowsInput};
  return run_layer(tape, out, node, kind, T, B, I, w_ih, w_hh, b_ih, b_hh, h0, c0, reverse);
}

bool is_recurrent_layer_output(Var v) {
  return v.defined() && v.tape->node(v.id).backward == recurrent_layer_backward;
}

}  // namespace rnnlab
