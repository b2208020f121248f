// The fused recurrent layer over rows of a table (recurrent_layer_rows: an embedding's input): the table route
// (the projection and gradients formed on the table's V rows) must give the values and gradients of the layer over
// the gathered input (gather_rows, then recurrent_layer, whose own gradients are held to torch and to finite
// differences elsewhere), for every kind and direction, and pass a gradcheck of its own; a large table takes the
// dense route; a bad index is refused naming it.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/gradcheck.h"
#include "core/ops.h"
#include "core/rng.h"
#include "nn/recurrent_kernels.h"
#include "nn/recurrent_layer.h"
#include "nn/recurrent_module.h"
#include "nn/recurrent_trace.h"
#include "support/test_tensors.h"

using namespace rnnlab;
using rnnlab::testing::random_tensor;

namespace {

constexpr int64_t T = 5, B = 4, I = 6, H = 4;

// T*B indices into a table of V rows, every row used, some repeated: (r * 7 + 3) mod V.
std::vector<int32_t> rows_of(int64_t V) {
  std::vector<int32_t> rows(static_cast<size_t>(T * B));
  for (int64_t r = 0; r < T * B; ++r) rows[static_cast<size_t>(r)] = static_cast<int32_t>((r * 7 + 3) % V);
  return rows;
}

struct Result {
  int64_t input_kind = -1;
  Tensor output, h_n, c_n, x;
  std::vector<Tensor> grads;  // table, w_ih, w_hh, b_ih, b_hh, h0, c0
};

// loss = sum(output * w_out) + sum(h_n * w_h) [+ sum(c_n * w_c)]; the table through recurrent_layer_rows or through
// gather_rows + recurrent_layer (the reference).
Result run(CellKind kind, bool reverse, int64_t V, bool reference) {
  const int64_t GH = gate_count(kind) * H;
  const bool lstm = kind == CellKind::Lstm;
  Rng rng(11 + static_cast<uint64_t>(kind));
  std::vector<Tensor> inputs{random_tensor(Shape{V, I}, rng, 1.0f), random_tensor(Shape{GH, I}, rng, 0.8f),
                             random_tensor(Shape{GH, H}, rng, 0.8f), random_tensor(Shape{GH}, rng, 0.8f),
                             random_tensor(Shape{GH}, rng, 0.8f), random_tensor(Shape{B, H}, rng, 0.5f)};
  if (lstm) inputs.push_back(random_tensor(Shape{B, H}, rng, 0.5f));
  const Tensor w_out = random_tensor(Shape{T, B, H}, rng), w_h = random_tensor(Shape{B, H}, rng);
  const std::vector<int32_t> rows = rows_of(V);
  Tape tape;
  std::vector<Var> v;
  for (const Tensor& t : inputs) v.push_back(tape.input(t, true));
  const Var c0 = lstm ? v[6] : Var{};
  RecurrentLayerResult r =
      reference ? recurrent_layer(tape, kind, reshape(gather_rows(v[0], rows), Shape{T, B, I}), v[1], v[2], v[3], v[4],
                                  v[5], c0, reverse)
                : recurrent_layer_rows(tape, kind, v[0], rows, T, B, v[1], v[2], v[3], v[4], v[5], c0, reverse);
  Var loss = add(sum(mul(r.output, tape.constant(w_out))), sum(mul(r.h_n, tape.constant(w_h))));
  if (lstm) loss = add(loss, sum(mul(r.c_n, tape.constant(w_h))));
  tape.backward(loss);
  Result out;
  out.input_kind = tape.node(r.output.id).ints[recurrent::kInput];
  out.output = r.output.value();
  out.h_n = r.h_n.value();
  if (lstm) out.c_n = r.c_n.value();
  out.x.assign(*layer_trace(r.output).x);
  for (Var w : v) out.grads.push_back(w.grad());
  return out;
}

}  // namespace

TEST_CASE("recurrent_layer_rows: the table route = gather + layer, values and every gradient, every kind") {
  float worst = 0.0f;
  for (CellKind kind : {CellKind::RnnTanh, CellKind::RnnRelu, CellKind::Lstm, CellKind::Gru})
    for (bool reverse : {false, true}) {
      CAPTURE(std::string(cell_kind_name(kind)) + (reverse ? " reverse" : ""));
      const int64_t V = 7;  // 2V <= T*B = 20: the table route
      const Result table = run(kind, reverse, V, false);
      const Result ref = run(kind, reverse, V, true);
      REQUIRE(table.input_kind == recurrent::kRowsInput);
      REQUIRE(ref.input_kind == recurrent::kDenseInput);
      // The table's projection row is x_r W_ih^T, biases added in the same order; only the product's blocking
      // (V rows against T*B) may order its sums differently (Eigen natively): the last bit at most.
      CHECK(max_abs_diff(table.output, ref.output) <= 1e-6f);
      CHECK(max_abs_diff(table.h_n, ref.h_n) <= 1e-6f);
      if (kind == CellKind::Lstm) CHECK(max_abs_diff(table.c_n, ref.c_n) <= 1e-6f);
      CHECK(max_abs_diff(table.x, ref.x) == 0.0f);  // the trace's input is the gathered rows
      for (size_t k = 0; k < ref.grads.size(); ++k) {
        const float d = max_abs_diff(table.grads[k], ref.grads[k]);
        worst = std::max(worst, d);
        INFO("gradient of input ", k, ": max abs diff ", d);
        CHECK(d <= 2e-6f);  // the same terms summed in another order (per table row first)
      }
    }
  MESSAGE("worst gradient difference, table route vs gather + layer: ", worst);
}

TEST_CASE("recurrent_layer_rows: a table of more than T*B/2 rows takes the dense route, same results") {
  const int64_t V = 11;  // 2V > 20
  const Result rows = run(CellKind::Lstm, false, V, false);
  const Result ref = run(CellKind::Lstm, false, V, true);
  CHECK(rows.input_kind == recurrent::kDenseInput);
  CHECK(max_abs_diff(rows.output, ref.output) == 0.0f);
  for (size_t k = 0; k < ref.grads.size(); ++k) CHECK(max_abs_diff(rows.grads[k], ref.grads[k]) == 0.0f);
}

TEST_CASE("recurrent_layer_rows: gradcheck of the table and the weights, every kind") {
  for (CellKind kind : {CellKind::RnnTanh, CellKind::Lstm, CellKind::Gru}) {
    const int64_t GH = gate_count(kind) * H, V = 5;
    Rng rng(31 + static_cast<uint64_t>(kind));
    const std::vector<Tensor> inputs{random_tensor(Shape{V, I}, rng, 1.0f), random_tensor(Shape{GH, I}, rng, 0.8f),
                                     random_tensor(Shape{GH, H}, rng, 0.8f), random_tensor(Shape{GH}, rng, 0.8f),
                                     random_tensor(Shape{GH}, rng, 0.8f)};
    const std::vector<int32_t> rows = rows_of(V);
    int64_t input_kind = -1;
    auto build = [&](Tape& tape, const std::vector<Var>& v) {
      RecurrentLayerResult r = recurrent_layer_rows(tape, kind, v[0], rows, T, B, v[1], v[2], v[3], v[4], {}, {}, false);
      input_kind = tape.node(r.output.id).ints[recurrent::kInput];
      return r.output;
    };
    const GradCheckResult result = gradcheck(build, inputs, {.eps = 1e-3f, .atol = 2e-3f, .rtol = 1e-2f});
    INFO(cell_kind_name(kind), ": ", result.worst);
    CHECK(input_kind == recurrent::kRowsInput);
    CHECK(result.ok);
  }
}

TEST_CASE("Recurrent::forward_rows = forward over the gathered input (2 layers, bidirectional)") {
  Rng init(3);
  Recurrent rnn(RecurrentConfig{CellKind::Lstm, I, H, 2, true, false, 0.0f, true}, init);
  const int64_t V = 6;
  Rng rng(4);
  const Tensor table = random_tensor(Shape{V, I}, rng, 1.0f);
  const std::vector<int32_t> rows = rows_of(V);
  auto run_module = [&](bool via_rows) {
    for (Parameter* p : rnn.parameters()) p->grad.set_zero();
    Tape tape;
    const Var e = tape.input(table, true);
    RecurrentOutput out = via_rows ? rnn.forward_rows(tape, e, rows, T, B)
                                   : rnn.forward(tape, reshape(gather_rows(e, rows), Shape{T, B, I}));
    tape.backward(sum(mul(out.output, out.output)));
    std::vector<Tensor> r{out.output.value(), out.h_n.value(), e.grad()};
    for (Parameter* p : rnn.parameters()) r.push_back(p->grad);
    return r;
  };
  const std::vector<Tensor> a = run_module(true), b = run_module(false);
  CHECK(max_abs_diff(a[0], b[0]) <= 1e-6f);
  CHECK(max_abs_diff(a[1], b[1]) <= 1e-6f);
  for (size_t k = 2; k < a.size(); ++k) {
    INFO("gradient ", k);
    CHECK(max_abs_diff(a[k], b[k]) <= 1e-5f);
  }
}

TEST_CASE("recurrent_layer_rows: an index outside the table is refused, naming it") {
  Rng rng(5);
  Tape tape;
  const Var table = tape.input(random_tensor(Shape{3, I}, rng), true);
  const Var w_ih = tape.input(random_tensor(Shape{4 * H, I}, rng), true);
  const Var w_hh = tape.input(random_tensor(Shape{4 * H, H}, rng), true);
  std::vector<int32_t> rows(static_cast<size_t>(T * B), 1);
  rows[6] = 3;
  CHECK_THROWS_WITH_AS(recurrent_layer_rows(tape, CellKind::Lstm, table, rows, T, B, w_ih, w_hh, {}, {}, {}, {}, false),
                       "recurrent_layer: rows[6] is 3, expected an index in [0, 3) (the table's rows)", Error);
  rows.pop_back();
  CHECK_THROWS_WITH_AS(recurrent_layer_rows(tape, CellKind::Lstm, table, rows, T, B, w_ih, w_hh, {}, {}, {}, {}, false),
                       "recurrent_layer: 19 row indices for 5 steps of batch 4, expected 20", Error);
}
