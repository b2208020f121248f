#include "cli/held_out_loop.h"

#include <chrono>

#include "cli/iteration_log.h"

namespace rnnlab::cli {

std::optional<double> run_held_out_loop(Trainer& trainer, const HeldOutLoop& loop, const Console& console,
                                        const std::function<std::string(int64_t step, double loss)>& progress) {
  using Clock = std::chrono::steady_clock;
  double seconds = 0, window_loss = 0;
  int64_t window_steps = 0;
  for (int64_t step = 1; step <= loop.iterations; ++step) {
    const auto t0 = Clock::now();
    const StepResult r = trainer.step();
    seconds += std::chrono::duration<double>(Clock::now() - t0).count();
    if (r.stopped) {
      console.out.flush();
      console.err << "rnnlab: " << loop.command << ": " << r.message << (loop.save.empty() ? "" : " Nothing was saved.")
                  << std::endl;
      return std::nullopt;
    }
    window_loss += r.loss, ++window_steps;
    if (loop.jsonl) {
      console.out << jsonl_line(r.iteration, r.loss) << '\n';
    } else if (step % loop.every == 0 || step == loop.iterations) {
      console.out << progress(step, window_loss / double(window_steps));
      console.out.flush();
      window_loss = 0, window_steps = 0;
    }
  }
  return seconds;
}

}  // namespace rnnlab::cli
