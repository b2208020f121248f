// The fused recurrent layer's one-hot input path (recurrent_input_projection.h): a constant one-hot x takes a
// gather of W_ih's columns and a scatter-add into dW_ih; the same x as an input that needs its gradient takes
// the dense product. Both must give the same values and gradients, and the gather path passes a gradcheck.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/gradcheck.h"
#include "core/ops.h"
#include "core/rng.h"
#include "nn/recurrent_input_projection.h"
#include "nn/recurrent_kernels.h"
#include "nn/recurrent_layer.h"
#include "support/test_tensors.h"

using namespace rnnlab;
using rnnlab::testing::random_tensor;

namespace {

constexpr int64_t T = 5, B = 3, I = 6, H = 4;

// (T, B, I) one-hot rows; index (t * B + b) * 5 + 2 mod I, so every column is hot somewhere and some repeat.
Tensor one_hot_input() {
  Tensor x(Shape{T, B, I});
  for (int64_t r = 0; r < T * B; ++r) x[r * I + (r * 5 + 2) % I] = 1.0f;
  return x;
}

struct Result {
  bool took_gather = false;
  Tensor output, h_n;
  std::vector<Tensor> grads;  // w_ih, w_hh, b_ih, b_hh
};

// loss = sum(output * w_out) + sum(h_n * w_h), x a constant (gather path) or an input needing its gradient.
Result run(CellKind kind, bool reverse, bool x_needs_grad) {
  const int64_t GH = gate_count(kind) * H;
  Rng rng(7 + static_cast<uint64_t>(kind));
  const std::vector<Tensor> weights{random_tensor(Shape{GH, I}, rng, 0.8f), random_tensor(Shape{GH, H}, rng, 0.8f),
                                    random_tensor(Shape{GH}, rng, 0.8f), random_tensor(Shape{GH}, rng, 0.8f)};
  const Tensor w_out = random_tensor(Shape{T, B, H}, rng), w_h = random_tensor(Shape{B, H}, rng);
  Tape tape;
  Var x = x_needs_grad ? tape.input(one_hot_input(), true) : tape.constant(one_hot_input());
  std::vector<Var> w;
  for (const Tensor& t : weights) w.push_back(tape.input(t, true));
  RecurrentLayerResult r = recurrent_layer(tape, kind, x, w[0], w[1], w[2], w[3], {}, {}, reverse);
  Var loss = add(sum(mul(r.output, tape.constant(w_out))), sum(mul(r.h_n, tape.constant(w_h))));
  tape.backward(loss);
  Result out;
  out.took_gather = tape.node(r.output.id).ints[recurrent::kInput] == recurrent::kOneHotInput;
  out.output = r.output.value();
  out.h_n = r.h_n.value();
  for (Var v : w) out.grads.push_back(v.grad());
  return out;
}

}  // namespace

TEST_CASE("find_one_hot_rows: accepts only rows with a single 1 and zeros") {
  std::vector<int32_t> hot;
  const std::vector<float> good{0, 1, 0, 1, 0, 0, 0, 0, 1};
  CHECK(recurrent::find_one_hot_rows(good.data(), 3, 3, hot));
  CHECK(hot == std::vector<int32_t>{1, 0, 2});
  const std::vector<float> two_ones{0, 1, 1}, a_half{0, 0.5f, 0}, all_zero{0, 0, 0}, a_two{0, 2, 0},
      negative{-1, 0, 0};
  for (const auto* row : {&two_ones, &a_half, &all_zero, &a_two, &negative})
    CHECK_FALSE(recurrent::find_one_hot_rows(row->data(), 1, 3, hot));
  // A bad row after good ones still rejects the whole input.
  const std::vector<float> late{1, 0, 0, 0, 0, 0.25f};
  CHECK_FALSE(recurrent::find_one_hot_rows(late.data(), 2, 3, hot));
}

TEST_CASE("one-hot gather path = dense path: values and every weight gradient, every kind and direction") {
  float worst = 0.0f;
  for (CellKind kind : {CellKind::RnnTanh, CellKind::RnnRelu, CellKind::Lstm, CellKind::Gru})
    for (bool reverse : {false, true}) {
      CAPTURE(std::string(cell_kind_name(kind)) + (reverse ? " reverse" : ""));
      const Result gather = run(kind, reverse, false);
      const Result dense = run(kind, reverse, true);
      REQUIRE(gather.took_gather);
      REQUIRE_FALSE(dense.took_gather);
      // The gathered projection is exactly the dense product's (x * w + 0 * w' == w), so the forward is too.
      CHECK(max_abs_diff(gather.output, dense.output) == 0.0f);
      CHECK(max_abs_diff(gather.h_n, dense.h_n) == 0.0f);
      for (size_t k = 0; k < dense.grads.size(); ++k) {
        const float d = max_abs_diff(gather.grads[k], dense.grads[k]);
        worst = std::max(worst, d);
        INFO("gradient of input ", k, ": max abs diff ", d);
        CHECK(d <= 1e-6f);
      }
    }
  MESSAGE("worst gradient difference, gather vs dense: ", worst);
}

TEST_CASE("one-hot gather path: gradcheck of the weights, every kind and direction") {
  for (CellKind kind : {CellKind::RnnTanh, CellKind::Lstm, CellKind::Gru})
    for (bool reverse : {false, true}) {
      const int64_t GH = gate_count(kind) * H;
      Rng rng(21 + static_cast<uint64_t>(kind));
      const std::vector<Tensor> inputs{random_tensor(Shape{GH, I}, rng, 0.8f), random_tensor(Shape{GH, H}, rng, 0.8f),
                                       random_tensor(Shape{GH}, rng, 0.8f), random_tensor(Shape{GH}, rng, 0.8f)};
      const Tensor x = one_hot_input();
      bool took_gather = false;
      auto build = [&](Tape& tape, const std::vector<Var>& v) {
        RecurrentLayerResult r =
            recurrent_layer(tape, kind, tape.constant(x), v[0], v[1], v[2], v[3], {}, {}, reverse);
        took_gather = tape.node(r.output.id).ints[recurrent::kInput] == recurrent::kOneHotInput;
        return r.output;
      };
      const GradCheckResult result = gradcheck(build, inputs, {.eps = 1e-3f, .atol = 2e-3f, .rtol = 1e-2f});
      INFO(cell_kind_name(kind), reverse ? " reverse: " : ": ", result.worst);
      CHECK(took_gather);
      CHECK(result.ok);
    }
}
