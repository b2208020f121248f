// The fused recurrent op against central finite differences, for every kind, both directions, every output
// (output, h_n, c_n) and every input (x, weights, biases, initial states).
#include <doctest/doctest.h>

#include <string>

#include "core/gradcheck.h"
#include "core/rng.h"
#include "nn/recurrent_layer.h"

using namespace rnnlab;

namespace {

Tensor random_tensor(const Shape& shape, Rng& rng, float scale = 0.8f) {
  Tensor t(shape);
  rng.fill_uniform(t, -scale, scale);
  return t;
}

enum class Which { Output, HN, CN };

// Inputs in recurrent_layer's order; `with_bias` / `with_state` drop the optional ones.
void check_kind(CellKind kind, bool reverse, bool with_bias, bool with_state, Which which) {
  const int64_t T = 4, B = 2, I = 3, H = 3, GH = gate_count(kind) * H;
  Rng rng(11 + static_cast<uint64_t>(kind));
  std::vector<Tensor> inputs{random_tensor(Shape{T, B, I}, rng, 1.0f), random_tensor(Shape{GH, I}, rng),
                             random_tensor(Shape{GH, H}, rng)};
  if (with_bias) {
    inputs.push_back(random_tensor(Shape{GH}, rng));
    inputs.push_back(random_tensor(Shape{GH}, rng));
  }
  if (with_state) {
    inputs.push_back(random_tensor(Shape{B, H}, rng));
    if (kind == CellKind::Lstm) inputs.push_back(random_tensor(Shape{B, H}, rng));
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
    Var x = tape.constant(random_tensor(Shape{T, B, I}, rng));
    Var w_ih = tape.constant(random_tensor(Shape{4 * H, I}, rng));
    Var w_hh = tape.constant(random_tensor(Shape{4 * H, H}, rng));
    RecurrentLayerResult r = recurrent_layer(tape, CellKind::Lstm, x, w_ih, w_hh, {}, {}, {}, {}, reverse);
    const int64_t last = reverse ? 0 : T - 1;
    const Tensor& out = r.output.value();
    for (int64_t i = 0; i < B * H; ++i) CHECK(r.h_n.value()[i] == out[last * B * H + i]);
    CHECK(r.c_n.value().shape() == Shape{B, H});
  }
}
