// The fused recurrent op against central finite differences, for every kind, both directions, every output
// (output, h_n, c_n) and every input (x, weights, biases, initial states).
#include <doctest/doctest.h>

#include <string>

#include "core/gradcheck.h"
#include "core/rng.h"
#include "nn/recurrent_layer.h"
#include "support/test_tensors.h"

using namespace rnnlab;
using rnnlab::testing::random_tensor;

namespace {

// Weights, biases, initial states and gradient seeds are drawn from [-0.8, 0.8) (check_kind's input sequence
// from [-1, 1)), the bounds these tests were written with.
constexpr float kBound = 0.8f;

enum class Which { Output, HN, CN };

// Inputs in recurrent_layer's order; `with_bias` / `with_state` drop the optional ones.
void check_kind(CellKind kind, bool reverse, bool with_bias, bool with_state, Which which) {
  const int64_t T = 4, B = 2, I = 3, H = 3, GH = gate_count(kind) * H;
  Rng rng(11 + static_cast<uint64_t>(kind));
  std::vector<Tensor> inputs{random_tensor(Shape{T, B, I}, rng, 1.0f), random_tensor(Shape{GH, I}, rng, kBound),
                             random_tensor(Shape{GH, H}, rng, kBound)};
  if (with_bias) {
    inputs.push_back(random_tensor(Shape{GH}, rng, kBound));
    inputs.push_back(random_tensor(Shape{GH}, rng, kBound));
  }
  if (with_state) {
    inputs.push_back(random_tensor(Shape{B, H}, rng, kBound));
    if (kind == CellKind::Lstm) inputs.push_back(random_tensor(Shape{B, H}, rng, kBound));
  }
  auto build = [=](Tape& tape, const std::vector<Var>& v) {
    size_t k = 3;
    Var b_ih, b_hh, h0, c0;
    if (with_bias) {
      b_ih = v[k++];
      b_hh = v[k++];
    }
    if (with_state) {
      h0 = v[k++];
      if (kind == CellKind::Lstm) c0 = v[k++];
    }
    RecurrentLayerResult r = recurrent_layer(tape, kind, v[0], v[1], v[2], b_ih, b_hh, h0, c0, reverse);
    return which == Which::Output ? r.output : which == Which::HN ? r.h_n : r.c_n;
  };
  GradCheckResult result = gradcheck(build, inputs, {.eps = 1e-3f, .atol = 2e-3f, .rtol = 1e-2f});
  const std::string what = std::string(cell_kind_name(kind)) + (reverse ? " reverse" : "") +
                           (with_bias ? " with bias" : " without bias") + (with_state ? " with h0/c0" : "") +
                           (which == Which::Output ? ", d output" : which == Which::HN ? ", d h_n" : ", d c_n");
  INFO(what, ": ", result.worst);
  CHECK(result.ok);
}

}  // namespace

TEST_CASE("fused recurrent op: gradcheck of every kind, direction and output") {
  for (CellKind kind : {CellKind::RnnTanh, CellKind::RnnRelu, CellKind::Lstm, CellKind::Gru})
    for (bool reverse : {false, true}) {
      check_kind(kind, reverse, true, true, Which::Output);
      check_kind(kind, reverse, true, true, Which::HN);
      if (kind == CellKind::Lstm) check_kind(kind, reverse, true, true, Which::CN);
      check_kind(kind, reverse, false, false, Which::Output);
    }
}

TEST_CASE("fused recurrent op: h_n and c_n are the last processed step's state") {
  const int64_t T = 3, B = 2, I = 2, H = 3;
  Rng rng(5);
  for (bool reverse : {false, true}) {
    Tape tape;
    Var x = tape.constant(random_tensor(Shape{T, B, I}, rng, kBound));
    Var w_ih = tape.constant(random_tensor(Shape{4 * H, I}, rng, kBound));
    Var w_hh = tape.constant(random_tensor(Shape{4 * H, H}, rng, kBound));
    RecurrentLayerResult r = recurrent_layer(tape, CellKind::Lstm, x, w_ih, w_hh, {}, {}, {}, {}, reverse);
    const int64_t last = reverse ? 0 : T - 1;
    const Tensor& out = r.output.value();
    for (int64_t i = 0; i < B * H; ++i) CHECK(r.h_n.value()[i] == out[last * B * H + i]);
    CHECK(r.c_n.value().shape() == Shape{B, H});
  }
}

TEST_CASE("fused recurrent op: h_n's gradient reaches the sweep only from backwards that pass through h_n") {
  // The companion h_n hands dL/dh_n to the main node at backward time; a later backward that starts below h_n
  // (from the output alone) must not see it again. Parameter gradients accumulate across backwards, as in torch.
  const int64_t T = 4, B = 2, I = 3, H = 3;
  Rng rng(31);
  Parameter w_ih(Shape{4 * H, I}), w_hh(Shape{4 * H, H});
  rng.fill_uniform(w_ih.value, -0.5f, 0.5f);
  rng.fill_uniform(w_hh.value, -0.5f, 0.5f);
  const Tensor x = random_tensor(Shape{T, B, I}, rng, kBound);
  const Tensor seed_out = random_tensor(Shape{T, B, H}, rng, kBound);
  const Tensor seed_h = random_tensor(Shape{B, H}, rng, kBound);

  // Reference gradients on fresh tapes: from h_n alone, and from the output alone.
  auto grads_from = [&](bool from_h_n) {
    w_ih.grad.set_zero();
    w_hh.grad.set_zero();
    Tape tape;
    RecurrentLayerResult r = recurrent_layer(tape, CellKind::Lstm, tape.constant(x), tape.param(w_ih),
                                             tape.param(w_hh), {}, {}, {}, {}, false);
    if (from_h_n)
      tape.backward(r.h_n, seed_h);
    else
      tape.backward(r.output, seed_out);
    return std::pair{w_ih.grad, w_hh.grad};
  };
  const auto [ih_h, hh_h] = grads_from(true);
  const auto [ih_out, hh_out] = grads_from(false);

  w_ih.grad.set_zero();
  w_hh.grad.set_zero();
  Tape tape;
  RecurrentLayerResult r = recurrent_layer(tape, CellKind::Lstm, tape.constant(x), tape.param(w_ih), tape.param(w_hh),
                                           {}, {}, {}, {}, false);
  tape.backward(r.h_n, seed_h);
  CHECK(max_abs_diff(w_hh.grad, hh_h) <= 1e-6f);
  tape.backward(r.output, seed_out);  // accumulates, and must not replay dL/dh_n
  Tensor expected_ih = ih_h, expected_hh = hh_h;
  expected_ih.arr() += ih_out.arr();
  expected_hh.arr() += hh_out.arr();
  CHECK(max_abs_diff(w_ih.grad, expected_ih) <= 1e-6f);
  CHECK(max_abs_diff(w_hh.grad, expected_hh) <= 1e-6f);
}
