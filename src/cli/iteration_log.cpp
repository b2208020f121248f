#include "cli/iteration_log.h"

#include "cli/format.h"

namespace rnnlab::cli {

std::string jsonl_line(int64_t iteration, float loss) {
  return format("{\"iteration\":%lld,\"loss\":%.9g}", static_cast<long long>(iteration), static_cast<double>(loss));
}

std::string epoch_line(std::string_view predicted, int64_t epoch, int64_t epochs, float loss) {
  return "Predicted string: " + std::string(predicted) +
         format(", Epoch [%lld/%lld] loss=%.4f", static_cast<long long>(epoch), static_cast<long long>(epochs),
                static_cast<double>(loss));
}

bool is_reported_epoch(int64_t epoch, int64_t epochs) {
  const int64_t every = epochs <= 20 ? 1 : (epochs + 19) / 20;
  return epoch % every == 0 || epoch == epochs;
}

bool starts_a_tenth(int64_t iteration, int64_t iterations) {
  return iteration * 10 / iterations > (iteration - 1) * 10 / iterations;
}

}  // namespace rnnlab::cli
