// The native side of the wasm parity test (web/test/node/parity.test.js) until the CLI's `train --jsonl` lands,
// and of the speed comparison in docs/wasm.md (web/test/node/bench/speed.mjs): trains a workload with the native
// library and prints one JSON line per iteration, as the CLI will, or with --time only the elapsed time.
//   native_losses hello|sine|w5 <iterations> [seed] [--time]
//     -> {"iteration":1,"loss":1.3862944} per line, or {"iterations":6000,"seconds":0.21}
// hello and sine are the presets; w5 is the W5-like char-LSTM (docs/wasm.md). Built by scripts/test.sh against
// build/release/librnnlab_core.a.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
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
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s hello|sine|w5 <iterations> [seed] [--time]\n", argv[0]);
    return 2;
  }
  const std::string task = argv[1];
  const bool time_only = std::strcmp(argv[argc - 1], "--time") == 0;
  try {
    rnnlab::TrainerConfig config = task == "sine" ? rnnlab::sine_preset() : task == "w5" ? w5_config() : rnnlab::hello_preset();
    if (argc > 3 && std::strcmp(argv[3], "--time") != 0) config.seed = std::strtoull(argv[3], nullptr, 10);
    rnnlab::Trainer trainer(config);
    const long iterations = std::strtol(argv[2], nullptr, 10);
    const auto start = std::chrono::steady_clock::now();
    long done = 0;
    for (; done < iterations; ++done) {
      const rnnlab::StepResult r = trainer.step();
      if (!time_only)
        std::printf("{\"iteration\":%lld,\"loss\":%.9g}\n", static_cast<long long>(r.iteration), double(r.loss));
      if (r.stopped) break;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (time_only) std::printf("{\"iterations\":%ld,\"seconds\":%.6f}\n", done, seconds);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "native_losses: %s\n", e.what());
    return 1;
  }
  return 0;
}
