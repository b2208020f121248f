#include "tasks/trainer_config_keys.h"

#include <string>

#include "core/error.h"

namespace rnnlab {

void check_trainer_config_key(std::string_view key) {
  for (std::string_view k : kTrainerConfigKeys)
    if (k == key) return;
  std::string keys;
  for (size_t k = 0; k < kTrainerConfigKeys.size(); ++k) keys += (k ? ", " : "") + std::string(kTrainerConfigKeys[k]);
  fail("unknown config key \"", key, "\"; the keys are ", keys);
}

TrainerConfig trainer_config_preset(std::string_view task) {
  if (task == "sine") return sine_preset();
  TrainerConfig c = hello_preset();
  if (task != "seq" && task != "hello") c.task = std::string(task);
  return c;
}

}  // namespace rnnlab
