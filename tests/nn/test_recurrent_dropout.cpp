// Dropout between the layers of a Recurrent module: on every layer's output but the last, in training only,
// with masks drawn from the generator passed to forward.
#include <doctest/doctest.h>

#include "core/gradcheck.h"
#include "core/ops.h"
#include "nn/recurrent_module.h"

using namespace rnnlab;

namespace {

RecurrentConfig two_layers(float dropout) {
  RecurrentConfig config;
  config.kind = CellKind::Gru;
  config.input_size = 3;
  config.hidden_size = 8;
  config.num_layers = 2;
  config.dropout = dropout;
  return config;
}

Tensor input_tensor() {
  Rng rng(4);
  Tensor x(Shape{6, 2, 3});
  rng.fill_uniform(x, -1, 1);
  return x;
}

}  // namespace

TEST_CASE("recurrent dropout: layer 1 reads layer 0's output through an inverted-dropout mask") {
  Rng init(7);
  Recurrent gru(two_layers(0.5f), init);
  Tape tape;
  Rng masks(123);
  RecurrentOutput out = gru.forward(tape, tape.constant(input_tensor()), {}, {}, &masks);
  const LayerTrace l0 = gru.trace(0), l1 = gru.trace(1);
  int dropped = 0, kept = 0;
  for (int64_t t = 0; t < l0.steps; ++t)
    for (int64_t k = 0; k < l0.batch * l0.hidden_size; ++k) {
      const float before = (*l0.h)[l0.h_row(t) * l0.batch * l0.hidden_size + k];
      const float after = (*l1.x)[t * l0.batch * l0.hidden_size + k];
      if (after == 0.0f) {
        ++dropped;
      } else {
        ++kept;
        CHECK(after == doctest::Approx(2.0f * before));  // kept values scaled by 1 / (1 - p)
      }
    }
  CHECK(dropped > 20);
  CHECK(kept > 20);
  // Nothing is dropped after the last layer: the output is layer 1's states.
  for (int64_t t = 0; t < l1.steps; ++t)
    for (int64_t k = 0; k < l1.batch * l1.hidden_size; ++k)
      CHECK(out.output.value()[t * l1.batch * l1.hidden_size + k] == (*l1.h)[l1.h_row(t) * l1.batch * l1.hidden_size + k]);

  // The same generator state gives the same masks; another seed other masks.
  Tape again;
  Rng same(123), other(124);
  CHECK(max_abs_diff(gru.forward(again, again.constant(input_tensor()), {}, {}, &same).output.value(),
                     out.output.value()) == 0.0f);
  CHECK(max_abs_diff(gru.forward(again, again.constant(input_tensor()), {}, {}, &other).output.value(),
                     out.output.value()) > 0.0f);
}

TEST_CASE("recurrent dropout: evaluation mode is the plain network") {
  Rng init_a(7), init_b(7);
  Recurrent with_dropout(two_layers(0.5f), init_a);
  Recurrent without(two_layers(0.0f), init_b);
  with_dropout.eval();
  Tape tape;
  Var x = tape.constant(input_tensor());
  CHECK(max_abs_diff(with_dropout.forward(tape, x).output.value(), without.forward(tape, x).output.value()) == 0.0f);
}

TEST_CASE("recurrent dropout: gradients flow through the masks (gradcheck on the input)") {
  Rng init(7);
  Recurrent gru(two_layers(0.3f), init);
  auto build = [&](Tape& tape, const std::vector<Var>& v) {
    Rng masks(5);  // the same masks on every evaluation
    return gru.forward(tape, v[0], {}, {}, &masks).output;
  };
  GradCheckResult r = gradcheck(build, {input_tensor()});
  INFO(r.worst);
  CHECK(r.ok);
}
