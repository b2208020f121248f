// The unrolled trace: views of what the fused op keeps for its backward, read back after forward and backward.
#include <doctest/doctest.h>

#include <string>

#include "core/ops.h"
#include "nn/cell_sequence.h"
#include "nn/recurrent_layer.h"
#include "nn/recurrent_module.h"
#include "nn/recurrent_trace.h"
#include "support/test_tensors.h"

using namespace rnnlab;
using rnnlab::testing::random_tensor;

namespace {

struct LayerWeights {
  Var w_ih, w_hh, b_ih, b_hh;  // (G*H, I), (G*H, H), (G*H), (G*H) for a cell with G gates
};

// Drawn one statement at a time: drawn inside one call's argument list they would come out in the order the
// compiler picks (GCC and clang differ), and the same seed would give different weights.
LayerWeights random_weights(Tape& tape, CellKind kind, int64_t input_size, int64_t hidden_size, Rng& rng) {
  const int64_t GH = gate_count(kind) * hidden_size;
  LayerWeights w;
  w.w_ih = tape.constant(random_tensor(Shape{GH, input_size}, rng));
  w.w_hh = tape.constant(random_tensor(Shape{GH, hidden_size}, rng));
  w.b_ih = tape.constant(random_tensor(Shape{GH}, rng));
  w.b_hh = tape.constant(random_tensor(Shape{GH}, rng));
  return w;
}

// Element (t, b, j) of a (T, B, N) tensor.
float at(const Tensor& t, int64_t i0, int64_t i1, int64_t i2) { return t[(i0 * t.dim(1) + i1) * t.dim(2) + i2]; }

}  // namespace

TEST_CASE("trace: h holds h0 and every step's output, in time order, for both directions") {
  const int64_t T = 4, B = 2, I = 3, H = 5;
  for (CellKind kind : {CellKind::RnnTanh, CellKind::RnnRelu, CellKind::Lstm, CellKind::Gru})
    for (bool reverse : {false, true}) {
      CAPTURE(std::string(cell_kind_name(kind)) + (reverse ? " reverse" : ""));
      const int64_t GH = gate_count(kind) * H;
      Rng rng(8);
      Tape tape;
      Var x = tape.constant(random_tensor(Shape{T, B, I}, rng));
      Var h0 = tape.constant(random_tensor(Shape{B, H}, rng));
      Var c0 = kind == CellKind::Lstm ? tape.constant(random_tensor(Shape{B, H}, rng)) : Var{};
      const LayerWeights w = random_weights(tape, kind, I, H, rng);
      RecurrentLayerResult r = recurrent_layer(tape, kind, x, w.w_ih, w.w_hh, w.b_ih, w.b_hh, h0, c0, reverse);
      const LayerTrace trace = layer_trace(r.output);
      CHECK(trace.kind == kind);
      CHECK(trace.reverse == reverse);
      CHECK(trace.steps == T);
      CHECK(trace.batch == B);
      CHECK(trace.input_size == I);
      CHECK(trace.hidden_size == H);
      CHECK(trace.x == &x.value());  // the input itself, not a copy
      REQUIRE(trace.h->shape() == Shape{T + 1, B, H});
      const Tensor& out = r.output.value();
      for (int64_t t = 0; t < T; ++t)
        for (int64_t k = 0; k < B * H; ++k) CHECK((*trace.h)[trace.h_row(t) * B * H + k] == out[t * B * H + k]);
      for (int64_t k = 0; k < B * H; ++k) CHECK((*trace.h)[trace.initial_row() * B * H + k] == h0.value()[k]);
      CHECK(trace.dh == nullptr);  // no backward yet
      if (kind == CellKind::Lstm) {
        REQUIRE(trace.c != nullptr);
        for (int64_t k = 0; k < B * H; ++k) CHECK((*trace.c)[trace.initial_row() * B * H + k] == c0.value()[k]);
      } else {
        CHECK(trace.c == nullptr);
      }
      if (kind == CellKind::RnnTanh || kind == CellKind::RnnRelu) {
        CHECK(trace.gates == nullptr);
        CHECK(trace.gate_names.empty());
      } else {
        REQUIRE(trace.gates != nullptr);
        CHECK(trace.gates->shape() == Shape{T, B, GH});
      }
    }
}

TEST_CASE("trace: LSTM gates are the activations that made c_t and h_t") {
  const int64_t T = 6, B = 3, I = 2, H = 4;
  Rng rng(17);
  Tape tape;
  Var x = tape.constant(random_tensor(Shape{T, B, I}, rng, 3.0f));
  const LayerWeights w = random_weights(tape, CellKind::Lstm, I, H, rng);
  RecurrentLayerResult r = recurrent_layer(tape, CellKind::Lstm, x, w.w_ih, w.w_hh, w.b_ih, {}, {}, {}, false);
  const LayerTrace trace = layer_trace(r.output);
  REQUIRE(trace.gate_names.size() == 4);
  CHECK(trace.gate_names[0] == "i");
  CHECK(trace.gate_names[1] == "f");
  CHECK(trace.gate_names[2] == "g");
  CHECK(trace.gate_names[3] == "o");
  const Tensor& gates = *trace.gates;
  const Tensor& c = *trace.c;
  const Tensor& h = *trace.h;
  for (int64_t t = 0; t < T; ++t)
    for (int64_t b = 0; b < B; ++b)
      for (int64_t j = 0; j < H; ++j) {
        const float i = at(gates, t, b, j), f = at(gates, t, b, H + j), g = at(gates, t, b, 2 * H + j),
                    o = at(gates, t, b, 3 * H + j);
        for (float s : {i, f, o}) CHECK((s > 0.0f && s < 1.0f));
        CHECK((g > -1.0f && g < 1.0f));
        const float c_prev = at(c, trace.h_row(t) - 1, b, j), c_t = at(c, trace.h_row(t), b, j);
        CHECK(c_t == doctest::Approx(f * c_prev + i * g).epsilon(1e-6));
        CHECK(at(h, trace.h_row(t), b, j) == doctest::Approx(o * std::tanh(c_t)).epsilon(1e-5));
      }
}

TEST_CASE("trace: GRU gates are the activations that made h_t") {
  const int64_t T = 5, B = 2, I = 3, H = 4;
  Rng rng(19);
  Tape tape;
  Var x = tape.constant(random_tensor(Shape{T, B, I}, rng, 3.0f));
  const LayerWeights w = random_weights(tape, CellKind::Gru, I, H, rng);
  Var h0 = tape.constant(random_tensor(Shape{B, H}, rng));
  RecurrentLayerResult r =
      recurrent_layer(tape, CellKind::Gru, x, w.w_ih, w.w_hh, w.b_ih, w.b_hh, h0, {}, /*reverse=*/true);
  const LayerTrace trace = layer_trace(r.output);
  REQUIRE(trace.gate_names.size() == 3);
  CHECK(trace.gate_names[0] == "r");
  CHECK(trace.gate_names[1] == "z");
  CHECK(trace.gate_names[2] == "n");
  for (int64_t t = 0; t < T; ++t)
    for (int64_t b = 0; b < B; ++b)
      for (int64_t j = 0; j < H; ++j) {
        const float r_ = at(*trace.gates, t, b, j), z = at(*trace.gates, t, b, H + j),
                    n = at(*trace.gates, t, b, 2 * H + j);
        CHECK((r_ > 0.0f && r_ < 1.0f));
        CHECK((z > 0.0f && z < 1.0f));
        CHECK((n > -1.0f && n < 1.0f));
        // reverse: step t reads the state of step t+1 (row t+1) and writes row t
        const float h_prev = at(*trace.h, t + 1, b, j);
        CHECK(at(*trace.h, t, b, j) == doctest::Approx((1.0f - z) * n + z * h_prev).epsilon(1e-6));
      }
}

TEST_CASE("trace: reachable from the modules, layer by layer and direction by direction") {
  RecurrentConfig config;
  config.kind = CellKind::Lstm;
  config.input_size = 3;
  config.hidden_size = 4;
  config.num_layers = 2;
  config.bidirectional = true;
  Rng rng(23);
  Recurrent lstm(config, rng);
  const int64_t T = 5, B = 2, H = 4;
  Tape tape;
  Var x = tape.constant(random_tensor(Shape{T, B, 3}, rng));
  RecurrentOutput out = lstm.forward(tape, x);

  // Layer 1 reads the concatenation of layer 0's two directions; the module's output is layer 1's.
  const LayerTrace l0f = lstm.trace(0, 0), l0r = lstm.trace(0, 1), l1f = lstm.trace(1, 0), l1r = lstm.trace(1, 1);
  CHECK(l0f.x == &x.value());
  CHECK_FALSE(l0f.reverse);
  CHECK(l0r.reverse);
  REQUIRE(l1f.x->shape() == Shape{T, B, 2 * H});
  for (int64_t t = 0; t < T; ++t)
    for (int64_t b = 0; b < B; ++b)
      for (int64_t j = 0; j < H; ++j) {
        CHECK(at(*l1f.x, t, b, j) == at(*l0f.h, l0f.h_row(t), b, j));
        CHECK(at(*l1f.x, t, b, H + j) == at(*l0r.h, l0r.h_row(t), b, j));
        CHECK(at(out.output.value(), t, b, j) == at(*l1f.h, l1f.h_row(t), b, j));
        CHECK(at(out.output.value(), t, b, H + j) == at(*l1r.h, l1r.h_row(t), b, j));
      }
  CHECK(l1f.dh == nullptr);

  tape.backward(sum(out.output));
  const LayerTrace after = lstm.trace(1, 1);
  REQUIRE(after.dh != nullptr);
  CHECK(after.dh->shape() == Shape{T, B, H});
  // Layer 1 reverse: its last processed step, t = 0, feeds no later step and h_n is not in the loss, so
  // dL/dh_0 is dL/doutput = 1; earlier processed steps also carry what flowed back through the recurrence.
  for (int64_t k = 0; k < B * H; ++k) CHECK((*after.dh)[k] == 1.0f);
  for (int64_t k = 0; k < B * H; ++k) CHECK((*after.dh)[(T - 1) * B * H + k] != 1.0f);

  CellSequenceConfig cell_config;
  cell_config.kind = CellKind::Gru;
  cell_config.input_size = 3;
  cell_config.hidden_size = 4;
  CellSequence cell(cell_config, rng);
  Tape tape2;
  RecurrentOutput cell_out = cell.forward(tape2, tape2.constant(random_tensor(Shape{T, B, 3}, rng)));
  const LayerTrace cell_trace = cell.trace();
  CHECK(cell_trace.kind == CellKind::Gru);
  for (int64_t k = 0; k < T * B * H; ++k) CHECK((*cell_trace.h)[B * H + k] == cell_out.output.value()[k]);
}

TEST_CASE("trace: the views are the op's own buffers, the same ones step after step") {
  RecurrentConfig config;
  config.kind = CellKind::Gru;
  config.input_size = 2;
  config.hidden_size = 3;
  Rng rng(29);
  Recurrent gru(config, rng);
  Tensor x = random_tensor(Shape{4, 1, 2}, rng);
  Tape tape;
  const Tensor *h = nullptr, *gates = nullptr, *dh = nullptr;
  const float *h_data = nullptr, *dh_data = nullptr;
  for (int step = 0; step < 3; ++step) {
    tape.clear();
    RecurrentOutput out = gru.forward(tape, tape.constant(x));
    tape.backward(sum(out.output));
    const LayerTrace trace = gru.trace(0);
    if (step == 0) {
      h = trace.h;
      gates = trace.gates;
      dh = trace.dh;
      h_data = trace.h->data();
      dh_data = trace.dh->data();
    }
    CHECK(trace.h == h);
    CHECK(trace.gates == gates);
    CHECK(trace.dh == dh);
    CHECK(trace.h->data() == h_data);
    CHECK(trace.dh->data() == dh_data);
  }
}
