// The fused recurrent op against the same recurrence composed from primitive ops (the reference cells of
// nn/rnn_cell.h, lstm_cell.h, gru_cell.h, one step at a time): values, every gradient, and the trace's
// dL/dh_t against the gradient the composed graph holds at each step's h_t.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <string>

#include "core/ops.h"
#include "nn/gru_cell.h"
#include "nn/lstm_cell.h"
#include "nn/recurrent_layer.h"
#include "nn/recurrent_trace.h"
#include "nn/rnn_cell.h"

using namespace rnnlab;

namespace {

constexpr float kAtol = 1e-5f;
constexpr int64_t T = 5, B = 2, I = 3, H = 4;

std::unique_ptr<RecurrentCell> make_cell(CellKind kind, bool bias, Rng& rng) {
  switch (kind) {
    case CellKind::Lstm: return std::make_unique<LSTMCell>(I, H, bias, rng);
    case CellKind::Gru: return std::make_unique<GRUCell>(I, H, bias, rng);
    case CellKind::RnnRelu: return std::make_unique<RNNCell>(I, H, bias, "relu", rng);
    default: return std::make_unique<RNNCell>(I, H, bias, "tanh", rng);
  }
}

struct Run {
  Var output, h_n, c_n;
  std::vector<Var> step_h;  // composed only: h_t per time t
};

// The reference: cell steps over t = 0..T-1, or T-1..0 when reverse; the output stacked in time order.
Run composed(Tape& tape, const RecurrentCell& cell, Var x, Var h, Var c, bool reverse) {
  const CellParams p = bind_params(tape, cell);
  Run run;
  run.step_h.resize(T);
  for (int64_t s = 0; s < T; ++s) {
    const int64_t t = reverse ? T - 1 - s : s;
    Var x_t = select(x, t);  // (B, I)
    if (cell.kind() == CellKind::Lstm) {
      LstmState next = static_cast<const LSTMCell&>(cell).step(p, x_t, h, c);
      h = next.h;
      c = next.c;
    } else if (cell.kind() == CellKind::Gru) {
      h = static_cast<const GRUCell&>(cell).step(p, x_t, h);
    } else {
      h = static_cast<const RNNCell&>(cell).step(p, x_t, h);
    }
    run.step_h[static_cast<size_t>(t)] = h;
  }
  run.output = stack(run.step_h);
  run.h_n = h;
  run.c_n = c;
  return run;
}

Run fused(Tape& tape, const RecurrentCell& cell, Var x, Var h0, Var c0, bool reverse) {
  const CellParams p = bind_params(tape, cell);
  RecurrentLayerResult r =
      recurrent_layer(tape, cell.kind(), x, p.weight_ih, p.weight_hh, p.bias_ih, p.bias_hh, h0, c0, reverse);
  return {r.output, r.h_n, r.c_n, {}};
}

struct Grads {
  std::vector<Tensor> params;
  Tensor x, h0, c0;
  Tensor output, h_n, c_n;
};

// Runs one implementation with loss = sum(output * W_out) + sum(h_n * W_h) [+ sum(c_n * W_c)] and returns
// its values and gradients; `inspect` sees the tape after backward.
template <typename Impl, typename Inspect>
Grads run_with_loss(Impl impl, RecurrentCell& cell, const Tensor& x, const Tensor* h0, const Tensor* c0, bool reverse,
                    Inspect inspect) {
  Rng weights_rng(99);
  Tensor w_out(Shape{T, B, H}), w_h(Shape{B, H}), w_c(Shape{B, H});
  weights_rng.fill_uniform(w_out, -1, 1);
  weights_rng.fill_uniform(w_h, -1, 1);
  weights_rng.fill_uniform(w_c, -1, 1);
  cell.zero_grad();
  Tape tape;
  Var xv = tape.input(x, true);
  Var h0v = h0 ? tape.input(*h0, true) : Var{};
  Var c0v = c0 ? tape.input(*c0, true) : Var{};
  Run run = impl(tape, cell, xv, h0v, c0v, reverse);
  Var loss = add(sum(mul(run.output, tape.constant(w_out))), sum(mul(run.h_n, tape.constant(w_h))));
  if (cell.kind() == CellKind::Lstm) loss = add(loss, sum(mul(run.c_n, tape.constant(w_c))));
  tape.backward(loss);
  inspect(run);
  Grads g;
  for (Parameter* p : cell.parameters()) g.params.push_back(p->grad);
  g.x = xv.grad();
  if (h0) g.h0 = h0v.grad();
  if (c0) g.c0 = c0v.grad();
  g.output = run.output.value();
  g.h_n = run.h_n.value();
  if (run.c_n.defined()) g.c_n = run.c_n.value();
  return g;
}

}  // namespace

TEST_CASE("fused vs composed: values and every gradient, every kind, direction, state and bias") {
  float worst = 0.0f;
  for (CellKind kind : {CellKind::RnnTanh, CellKind::RnnRelu, CellKind::Lstm, CellKind::Gru})
    for (bool reverse : {false, true})
      for (bool with_state : {false, true})
        for (bool bias : {true, false}) {
          const std::string what = std::string(cell_kind_name(kind)) + (reverse ? " reverse" : "") +
                                   (with_state ? " with h0" : "") + (bias ? "" : " without bias");
          CAPTURE(what);
          Rng rng(3 + static_cast<uint64_t>(kind));
          auto cell = make_cell(kind, bias, rng);
          Tensor x(Shape{T, B, I}), h0(Shape{B, H}), c0(Shape{B, H});
          rng.fill_uniform(x, -1.5f, 1.5f);
          rng.fill_uniform(h0, -1, 1);
          rng.fill_uniform(c0, -1, 1);
          const Tensor* h0p = with_state ? &h0 : nullptr;
          const Tensor* c0p = with_state && kind == CellKind::Lstm ? &c0 : nullptr;
          auto none = [](const Run&) {};
          Grads ref = run_with_loss(composed, *cell, x, h0p, c0p, reverse, none);
          Grads got = run_with_loss(fused, *cell, x, h0p, c0p, reverse, none);
          auto close = [&](const Tensor& a, const Tensor& b, const char* name) {
            const float d = max_abs_diff(a, b);
            worst = std::max(worst, d);
            INFO(name, ": max abs diff ", d);
            CHECK(d <= kAtol);
          };
          close(got.output, ref.output, "output");
          close(got.h_n, ref.h_n, "h_n");
          if (kind == CellKind::Lstm) close(got.c_n, ref.c_n, "c_n");
          for (size_t k = 0; k < ref.params.size(); ++k) close(got.params[k], ref.params[k], "parameter grad");
          close(got.x, ref.x, "grad x");
          if (h0p) close(got.h0, ref.h0, "grad h0");
          if (c0p) close(got.c0, ref.c0, "grad c0");
        }
  MESSAGE("fused vs composed: largest difference = ", worst);
}

TEST_CASE("fused vs composed: the trace's dL/dh_t is the composed graph's gradient at h_t") {
  for (CellKind kind : {CellKind::RnnTanh, CellKind::Lstm, CellKind::Gru})
    for (bool reverse : {false, true}) {
      CAPTURE(std::string(cell_kind_name(kind)) + (reverse ? " reverse" : ""));
      Rng rng(21);
      auto cell = make_cell(kind, true, rng);
      Tensor x(Shape{T, B, I}), h0(Shape{B, H}), c0(Shape{B, H});
      rng.fill_uniform(x, -1.5f, 1.5f);
      rng.fill_uniform(h0, -1, 1);
      rng.fill_uniform(c0, -1, 1);
      const Tensor* c0p = kind == CellKind::Lstm ? &c0 : nullptr;
      std::vector<Tensor> expected;  // dL/dh_t, t = 0..T-1, from the composed graph
      run_with_loss(composed, *cell, x, &h0, c0p, reverse, [&](const Run& run) {
        for (Var h : run.step_h) expected.push_back(h.grad());
      });
      run_with_loss(fused, *cell, x, &h0, c0p, reverse, [&](const Run& run) {
        const LayerTrace trace = layer_trace(run.output);
        REQUIRE(trace.dh != nullptr);
        REQUIRE(trace.dh->shape() == Shape{T, B, H});
        for (int64_t t = 0; t < T; ++t) {
          Tensor dh_t(Shape{B, H});
          std::copy_n(trace.dh->data() + t * B * H, B * H, dh_t.data());
          CAPTURE(t);
          CHECK(max_abs_diff(dh_t, expected[static_cast<size_t>(t)]) <= kAtol);
        }
      });
    }
}
