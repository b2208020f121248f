// The state Jacobians d h_last / d h_t read from a trace (nn/state_jacobian.h) against torch's
// autograd.functional.jacobian (tests/fixtures/gradient_through_time.json, gen_gradient_through_time.py): RNN tanh
// and relu, LSTM, GRU, one layer and two bidirectional layers, every step and batch row, within 1e-6 (measured: 7e-8).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "nn/recurrent_module.h"
#include "nn/state_jacobian.h"
#include "support/fixtures.h"
#include "tasks/trainer.h"

using namespace rnnlab;
using namespace rnnlab::testing;

TEST_CASE("state jacobian: d h_last / d h_t equals torch's for every layer, direction, row and step") {
  const json::Value fixture = load_fixture("gradient_through_time.json");
  const json::Value::Array& cases = fixture.find("jacobian_cases")->as_array();
  REQUIRE(cases.size() == 8);
  double worst = 0.0;
  for (const json::Value& c : cases) {
    const std::string name = c.find("name")->as_string();
    CAPTURE(name);
    RecurrentConfig config;
    config.kind = parse_cell_kind(c.find("kind")->as_string(), c.find("nonlinearity")->as_string());
    config.input_size = static_cast<int64_t>(c.find("input_size")->as_number());
    config.hidden_size = static_cast<int64_t>(c.find("hidden_size")->as_number());
    config.num_layers = static_cast<int64_t>(c.find("num_layers")->as_number());
    config.bidirectional = c.find("bidirectional")->as_bool();
    Rng rng(0);
    Recurrent layer(config, rng);
    load_fixture_params(layer, *c.find("params"));
    Tape tape;
    layer.forward(tape, tape.constant(fixture_tensor(c, "input", name)));
    const int64_t H = config.hidden_size;
    for (const json::Value& j : c.find("jacobians")->as_array()) {
      const int64_t l = static_cast<int64_t>(j.find("layer")->as_number());
      const int d = static_cast<int>(j.find("direction")->as_number());
      const int64_t row = static_cast<int64_t>(j.find("row")->as_number());
      CAPTURE(l);
      CAPTURE(d);
      CAPTURE(row);
      const Tensor expected = fixture_tensor(j, "J", name);  // (T, H, H)
      const LayerTrace trace = layer.trace(l, d);
      int64_t visited = 0, previous = -1;
      state_jacobians(trace, row, [&](int64_t t, const Eigen::MatrixXd& J) {
        // From the direction's last step back to its first.
        CHECK(t == (d == 0 ? trace.steps - 1 - visited : visited));
        previous = t, ++visited;
        REQUIRE(J.rows() == H);
        REQUIRE(J.cols() == H);
        for (int64_t a = 0; a < H; ++a)
          for (int64_t k = 0; k < H; ++k) {
            const double e = expected[(t * H + a) * H + k];
            worst = std::max(worst, std::abs(J(a, k) - e));
            CHECK(J(a, k) == doctest::Approx(e).epsilon(1e-4).scale(0.2));  // |diff| <= 1e-4 * max(|e|, 0.2)
          }
      });
      CHECK(visited == trace.steps);
      CHECK(previous == (d == 0 ? 0 : trace.steps - 1));
      // The norms are the Frobenius norms of the same matrices; at the last step J = I, so sqrt(H).
      const std::vector<double> norms = state_jacobian_norms(trace, row);
      CHECK(norms[static_cast<size_t>(d == 0 ? trace.steps - 1 : 0)] == doctest::Approx(std::sqrt(double(H))));
      for (int64_t t = 0; t < trace.steps; ++t) {
        double sq = 0.0;
        for (int64_t k = 0; k < H * H; ++k) sq += double(expected[t * H * H + k]) * expected[t * H * H + k];
        CHECK(norms[static_cast<size_t>(t)] == doctest::Approx(std::sqrt(sq)).epsilon(1e-4));
      }
    }
  }
  MESSAGE("largest |J - torch| over all cases: " << worst);
  CHECK(worst < 1e-6);
}

TEST_CASE("state jacobian: the work is T * G * H^3 and a bad row is refused") {
  RecurrentConfig config{CellKind::Lstm, 2, 3, 1, true, false, 0.0f, false};
  Rng rng(1);
  Recurrent layer(config, rng);
  Tape tape;
  Tensor x(Shape{5, 2, 2});
  x.arr().setConstant(0.5f);
  layer.forward(tape, tape.constant(x));
  const LayerTrace trace = layer.trace(0, 0);
  CHECK(state_jacobian_work(trace) == 5 * 4 * 27);
  CHECK_THROWS_WITH(state_jacobian_norms(trace, 2), "state_jacobians: row 2, expected 0 to 1");
}

TEST_CASE("state jacobian: a step's trace keeps the weights its forward used, not the updated ones") {
  // b's inspect() runs the forward a's third step runs (same weights, same data), without the update after it.
  TrainerConfig c = remember_preset();
  c.remember.length = 12;
  c.hidden_size = 8;
  for (const char* cell : {"rnn", "lstm", "gru"}) {
    CAPTURE(cell);
    c.cell = cell;
    Trainer a(c), b(c);
    for (int i = 0; i < 3; ++i) a.step();
    for (int i = 0; i < 2; ++i) b.step();
    b.inspect();
    const std::vector<double> stepped = state_jacobian_norms(a.traces().front(), 0);
    const std::vector<double> inspected = state_jacobian_norms(b.traces().front(), 0);
    CHECK(stepped == inspected);
  }
}
