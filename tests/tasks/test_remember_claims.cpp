// The lesson of the remember task, as numbers: "remember the first symbol" over T = 50 with 8 symbols and 32 hidden
// units (remember_preset, seed 0, Adam 1e-2, clip 1, batch 32). The GRU reaches >= 95% held-out accuracy within
// 5000 steps (measured: 100% at step 4250, checked every 250 steps); the tanh RNN stays far below it, near chance
// (12.5% of 256 held-out sequences, sd 2.1%) after the same 5000 steps: measured 11.3% in the release build,
// 21.5% in the -O1 sanitizer build (its float rounding differs and the run takes another path), 25.4% in the
// browser after 6000 steps, 31.6% in the release build with the native packed GEMM (core/native_gemm.h). Its gradient through time, ||d h_T / d h_1||_F
// averaged over the batch, is more than 1e3 times smaller than the trained GRU's (measured ratio below). Release
// build: 4.8 s of CPU time (57 s of wall time on a loaded machine). The LSTM, with the preset's forget-gate bias
// + 5 (forgetBias), reaches >= 95% within 4000 steps (seeds 0, 1, 2 measured: 100% at 4000, 4000, 2000) and its
// ||d h_T / d h_1|| is then far above the RNN's; without it (torch's init) it never learned: docs/remember.md.
#include <doctest/doctest.h>

#include "nn/state_jacobian.h"
#include "tasks/remember_task.h"
#include "tasks/trainer.h"

using namespace rnnlab;

namespace {

double mean_first_jacobian_norm(const Trainer& t) {
  const LayerTrace& trace = t.traces().front();
  double sum = 0.0;
  for (int64_t b = 0; b < trace.batch; ++b) sum += state_jacobian_norms(trace, b).front();
  return sum / double(trace.batch);
}

}  // namespace

TEST_CASE("remember the first of 50 symbols: the GRU and the LSTM learn it, the tanh RNN stays far below them, its gradient vanishes") {
  TrainerConfig c = remember_preset();  // length 50, distance 0 (the first symbol), 8 symbols, hidden 32, seed 0
  REQUIRE(c.remember.length == 50);
  REQUIRE(c.remember.distance == 0);
  REQUIRE(c.remember.symbols == 8);
  REQUIRE(c.hidden_size == 32);
  constexpr int kSteps = 5000;

  c.cell = "gru";
  Trainer gru(c);
  double gru_accuracy = 0.0;
  int gru_steps = 0;
  while (gru_steps < kSteps && gru_accuracy < 0.95) {
    for (int i = 0; i < 250; ++i, ++gru_steps) REQUIRE_FALSE(gru.step().stopped);
    gru_accuracy = gru.task_as<RememberTask>().held_out_accuracy(gru.model());
  }
  const double gru_norm = mean_first_jacobian_norm(gru);

  c.cell = "rnn";
  Trainer rnn(c);
  for (int i = 0; i < kSteps; ++i) REQUIRE_FALSE(rnn.step().stopped);
  const double rnn_accuracy = rnn.task_as<RememberTask>().held_out_accuracy(rnn.model());
  const double rnn_norm = mean_first_jacobian_norm(rnn);

  c.cell = "lstm";
  REQUIRE(c.forget_bias == 5.0f);
  Trainer lstm(c);
  double lstm_accuracy = 0.0;
  int lstm_steps = 0;
  while (lstm_steps < 4000 && lstm_accuracy < 0.95) {
    for (int i = 0; i < 500; ++i, ++lstm_steps) REQUIRE_FALSE(lstm.step().stopped);
    lstm_accuracy = lstm.task_as<RememberTask>().held_out_accuracy(lstm.model());
  }
  const double lstm_norm = mean_first_jacobian_norm(lstm);

  MESSAGE("LSTM: held-out accuracy " << lstm_accuracy << " after " << lstm_steps << " steps, ||dh_T/dh_1|| " << lstm_norm);
  MESSAGE("ratio LSTM / RNN: " << lstm_norm / rnn_norm);
  CHECK(lstm_accuracy >= 0.95);
  CHECK(rnn_norm * 1e3 <= lstm_norm);
  MESSAGE("GRU: held-out accuracy " << gru_accuracy << " after " << gru_steps << " steps, ||dh_T/dh_1|| " << gru_norm);
  MESSAGE("RNN: held-out accuracy " << rnn_accuracy << " after " << kSteps << " steps, ||dh_T/dh_1|| " << rnn_norm);
  MESSAGE("ratio GRU / RNN: " << gru_norm / rnn_norm);
  CHECK(gru_accuracy >= 0.95);
  CHECK(rnn_accuracy <= 0.40);  // every build measured stays under 32%; the GRU is at >= 95%
  CHECK(rnn_norm * 1e3 <= gru_norm);
}
