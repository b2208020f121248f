#include "nn/input_gradient.h"

#include <algorithm>

#include "core/error.h"
#include "nn/recurrent_kernels.h"

namespace rnnlab {
namespace {

// 1 + the last step whose row of d_output (T, H) is not all zeros (0 when none is).
int64_t steps_reached(std::span<const float> d_output, int64_t T, int64_t H) {
  for (int64_t t = T - 1; t >= 0; --t)
    for (int64_t j = 0; j < H; ++j)
      if (d_output[static_cast<size_t>(t * H + j)] != 0.0f) return t + 1;
  return 0;
}

}  // namespace

int64_t add_layer_input_gradient(const LayerTrace& trace, const Tensor& w_ih, const Tensor& w_hh,
                                 std::span<const float> d_output, std::span<float> dx, InputGradientScratch& s) {
  const int64_t T = trace.steps, H = trace.hidden_size, I = trace.input_size, GH = gate_count(trace.kind) * H;
  check(trace.batch == 1, "input gradient: the trace has ", trace.batch, " sequences, expected 1");
  check(static_cast<int64_t>(d_output.size()) == T * H, "input gradient: d_output has ", d_output.size(),
        " values, expected T * H = ", T * H);
  check(static_cast<int64_t>(dx.size()) == T * I, "input gradient: dx has ", dx.size(), " values, expected T * I = ",
        T * I);
  check(w_ih.numel() == GH * I && w_hh.numel() == GH * H, "input gradient: weights of ", w_ih.numel(), " and ",
        w_hh.numel(), " values, expected ", GH * I, " and ", GH * H);
  // The reverse direction's sweep runs from time 0 upwards: it is whole (its early steps carry zeros).
  const int64_t n = trace.reverse ? T : steps_reached(d_output, T, H);
  if (n == 0) return 0;
  s.dh.resize(static_cast<size_t>(T * H));
  s.d_gates.resize(static_cast<size_t>(T * GH));
  if (trace.kind == CellKind::Gru) s.d_gates_hidden.resize(static_cast<size_t>(T * GH));
  s.dh_carry.assign(static_cast<size_t>(H), 0.0f);
  s.dc_carry.assign(static_cast<size_t>(H), 0.0f);

  recurrent::LayerBuffers b;
  b.steps = n, b.batch = 1, b.hidden = H, b.reverse = trace.reverse;
  b.w_hh = w_hh.data();
  b.w_hh_t = trace.w_hh_t->data();
  // The step loops take the forward's buffers as float* (the forward writes them); the backward only reads them.
  b.states = const_cast<float*>(trace.h->data());
  if (trace.c) b.cells = const_cast<float*>(trace.c->data());
  if (trace.gates) b.gates = const_cast<float*>(trace.gates->data());
  if (trace.tanh_c) b.tanh_cell = const_cast<float*>(trace.tanh_c->data());
  if (trace.hidden_n) b.hidden_n = const_cast<float*>(trace.hidden_n->data());
  b.d_output = d_output.data();
  b.dh = s.dh.data();
  b.d_gates = s.d_gates.data();
  b.d_gates_hidden = trace.kind == CellKind::Gru ? s.d_gates_hidden.data() : nullptr;
  b.dh_carry = s.dh_carry.data();
  b.dc_carry = s.dc_carry.data();
  switch (trace.kind) {
    case CellKind::RnnTanh: recurrent::rnn_steps_backward(b, false); break;
    case CellKind::RnnRelu: recurrent::rnn_steps_backward(b, true); break;
    case CellKind::Lstm: recurrent::lstm_steps_backward(b); break;
    case CellKind::Gru: recurrent::gru_steps_backward(b); break;
  }
  // The swept steps' rows: [0, n) forward, all T reverse. dx (n, I) += dgates (n, G*H) . W_ih (G*H, I), the same
  // product as a step's dh_{t-1} += dgates W_hh with the n steps as its batch rows.
  recurrent::add_hidden_gradient(s.d_gates.data(), w_ih.data(), dx.data(), n, I, GH);
  return n;
}

}  // namespace rnnlab
