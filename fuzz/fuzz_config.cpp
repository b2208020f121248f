// libFuzzer target: the JSON trainer config (tasks/trainer_config_json.h) and the Trainer's validation of it.
// Any text either builds a trainer or throws a readable error. A config that builds and is small takes a training
// step, predicts and saves, and the saved model loads back into it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/error.h"
#include "io/json.h"
#include "tasks/memory_budget.h"
#include "tasks/trainer.h"
#include "tasks/trainer_config_json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const rnnlab::TrainerConfig config = rnnlab::trainer_config_from_json_text(text);
    // The text form reads back to the same config.
    if (rnnlab::trainer_config_to_json(rnnlab::trainer_config_from_json_text(rnnlab::trainer_config_to_json(config))) !=
        rnnlab::trainer_config_to_json(config))
      std::abort();
    rnnlab::Trainer trainer(config);
    // Stepping a big model is slow and finds nothing new: the parsing and the checks are the target.
    const rnnlab::ModelConfig& m = trainer.model().config();
    if (rnnlab::estimated_training_bytes(m, 64, config.optimizer) > 4 * rnnlab::kMiB) return 0;
    const rnnlab::StepResult r = trainer.step();
    if (r.stopped != !r.message.empty()) std::abort();
    (void)trainer.prediction();  // whatever the task: its view data (seq's softmax, sine's generation)
    trainer.load(trainer.save());
  } catch (const rnnlab::Error&) {
  } catch (const rnnlab::json::ParseError&) {
  } catch (const rnnlab::json::SchemaError&) {
  }
  return 0;
}
