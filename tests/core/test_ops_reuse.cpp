#include <doctest/doctest.h>

#include <vector>

#include "core/ops.h"

using namespace rnnlab;

namespace {

// One training-like step that records every op of ops.h on `tape` and runs backward.
void record_step(Tape& tape, Parameter& embedding, Parameter& w, Parameter& bias, const Tensor& x) {
  const int32_t tokens[] = {1, 0, 3, 1, 2, 2};
  Var e = gather_rows(tape.param(embedding), tokens);                // (6, 4)
  Var seq = transpose01(reshape(e, Shape{2, 3, 4}));                 // (3, 2, 4)
  Var h = add(matmul(select(seq, 1), tape.param(w)), tape.param(bias));  // (2, 4)
  std::vector<Var> gates = chunk(h, 2, -1);                          // 2 x (2, 2)
  Var g = mul(sigmoid(gates[0]), tanh(gates[1]));                   // (2, 2)
  const Var both[] = {g, relu(gates[1])};
  Var joined = concat(both, 0);                                      // (4, 2)
  const Var pair[] = {joined, exp(scale(joined, 0.1f))};
  Var stacked = stack(pair);                                         // (2, 4, 2)
  Var lp = log_softmax(sub(slice(stacked, 1, 1, 3), tape.constant(x)));  // (2, 2, 2)
  Var p = softmax(transpose(reshape(lp, Shape{4, 2})));               // (2, 4)
  Var loss = sub(mean(mul(lp, detach(lp))), sum(log(add(p, tape.constant(Tensor(Shape{}, {1.0f}))))));
  tape.backward(loss);
}

}  // namespace

TEST_CASE("ops: a steady loop reuses every value and gradient buffer after its first step") {
  Tape tape;
  Parameter embedding(Shape{4, 4}), w(Shape{4, 4}), bias(Shape{4});
  for (int64_t i = 0; i < 16; ++i) embedding.value[i] = 0.1f * static_cast<float>(i % 7) - 0.3f;
  for (int64_t i = 0; i < 16; ++i) w.value[i] = 0.05f * static_cast<float>(i % 5) - 0.1f;
  Tensor x(Shape{2}, {0.5f, -0.5f});

  std::vector<const float*> values, grads;
  std::vector<int32_t*> indices;
  for (int step = 0; step < 3; ++step) {
    CAPTURE(step);
    tape.clear();
    record_step(tape, embedding, w, bias, x);
    REQUIRE(tape.size() > 20);
    for (int id = 0; id < static_cast<int>(tape.size()); ++id) {
      Node& n = tape.node(id);
      if (step == 0) {
        values.push_back(n.out().data());
        grads.push_back(n.requires_grad ? n.out_grad().data() : nullptr);
        indices.push_back(n.indices.data());
      } else {
        CAPTURE(id);
        CHECK(n.out().data() == values[static_cast<size_t>(id)]);
        if (n.requires_grad) CHECK(n.out_grad().data() == grads[static_cast<size_t>(id)]);
        CHECK(n.indices.data() == indices[static_cast<size_t>(id)]);
      }
    }
  }
}
