// The native side of the wasm parity test (web/test/node/parity.test.js) until the CLI's `train --jsonl` lands:
// trains a preset with the native library and prints one JSON line per iteration, as the CLI will:
//   native_losses hello|sine <iterations> [seed]   ->   {"iteration":1,"loss":1.3862944}
// Built by scripts/test.sh against build/release/librnnlab_core.a.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "tasks/trainer.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s hello|sine <iterations> [seed]\n", argv[0]);
    return 2;
  }
  const std::string task = argv[1];
  try {
    rnnlab::TrainerConfig config = task == "sine" ? rnnlab::sine_preset() : rnnlab::hello_preset();
    if (argc > 3) config.seed = std::strtoull(argv[3], nullptr, 10);
    rnnlab::Trainer trainer(config);
    const long iterations = std::strtol(argv[2], nullptr, 10);
    for (long i = 0; i < iterations; ++i) {
      const rnnlab::StepResult r = trainer.step();
      std::printf("{\"iteration\":%lld,\"loss\":%.9g}\n", static_cast<long long>(r.iteration), double(r.loss));
      if (r.stopped) break;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "native_losses: %s\n", e.what());
    return 1;
  }
  return 0;
}
