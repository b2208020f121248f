// A trainer config as a JSON object, with the keys of the JS config object (docs/js-api.md): the one text form
// of a config, for files (`rnnlab train --config`), tests and the config fuzzer.
//
//   {"task": "sine", "hidden": 16, "layers": 2, "lr": 0.01}
//
// Missing keys take the preset of "task" (default "seq" = hello -> ohlol); an unknown key, a wrong type or a
// value out of its range (tasks/config_schema.h) is an error naming the key.
#pragma once
#include <string>
#include <string_view>

#include "io/json.h"
#include "tasks/trainer_config.h"

namespace rnnlab {

TrainerConfig trainer_config_from_json(const json::Value& object);
// Parses the text (strict JSON, at most 1 MB: a config is a few hundred bytes) and reads it.
TrainerConfig trainer_config_from_json_text(std::string_view text);
std::string trainer_config_to_json(const TrainerConfig& config);

}  // namespace rnnlab
