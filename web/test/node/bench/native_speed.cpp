// The native side of the speed comparison in docs/wasm.md (bench/speed.mjs, which builds this file against
// build/release/librnnlab_core.a): times a workload through Trainer::step, as the wasm side does.
//   native_speed hello|sine|w5 <iterations>   ->   {"iterations":6000,"seconds":0.101}
// hello and sine are the presets; w5 is the W5-like char-LSTM (docs/wasm.md).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "tasks/trainer.h"

namespace {

// W5-like: LSTM(16, 32) + Linear(32, 16), T = 32, B = 1, cross-entropy, Adam 1e-3 (16 distinct characters).
rnnlab::TrainerConfig w5_config() {
  rnnlab::TrainerConfig c = rnnlab::hello_preset();
  c.input = "abcdefghijklmnopabcdefghijklmnop";
  c.target = "bcdefghijklmnopabcdefghijklmnopa";
  c.arch = "layer";
  c.cell = "lstm";
  c.hidden_size = 32;
  c.optimizer.lr = 1e-3f;
  return c;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s hello|sine|w5 <iterations>\n", argv[0]);
    return 2;
  }
  const std::string task = argv[1];
  try {
    rnnlab::TrainerConfig config = task == "sine" ? rnnlab::sine_preset() : task == "w5" ? w5_config() : rnnlab::hello_preset();
    rnnlab::Trainer trainer(config);
    const long iterations = std::strtol(argv[2], nullptr, 10);
    const auto start = std::chrono::steady_clock::now();
    long done = 0;
    while (done < iterations && !trainer.step().stopped) ++done;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("{\"iterations\":%ld,\"seconds\":%.6f}\n", done, seconds);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "native_speed: %s\n", e.what());
    return 1;
  }
  return 0;
}
