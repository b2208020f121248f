// The trainer config's keys as the JS API, the URL hash, the widget's attributes and JSON config files spell them,
// and the field each sets: the one list that both readers (src/wasm/js_config.cpp for JS objects,
// trainer_config_json.cpp for JSON) go through, so a key cannot be added to one and missed by the other.
#pragma once
#include <array>
#include <string_view>

#include "tasks/trainer_config.h"

namespace rnnlab {

// In the order of docs/js-api.md.
inline constexpr std::array<std::string_view, 27> kTrainerConfigKeys{
    "task",   "input",  "target",   "points", "span",     "starts",   "arch",  "cell",        "nonlinearity",
    "hidden", "layers", "bidirectional", "dropout", "optim", "lr",    "momentum", "dampening", "nesterov",
    "beta1",  "beta2",  "eps",      "amsgrad", "alpha",   "centered", "weightDecay", "clip", "seed"};

// Throws "unknown config key \"hiden\"; the keys are task, input, ..." unless `key` is one of them.
void check_trainer_config_key(std::string_view key);

// What a config of this task starts from: the sine preset, else the hello seed's. Another task name is kept so
// that Trainer refuses it, naming "task".
TrainerConfig trainer_config_preset(std::string_view task);

// Calls visit(key, field) for every key but "task" (readers take it first: it picks the preset), in the order of
// kTrainerConfigKeys; `Config` is TrainerConfig to read the fields, const TrainerConfig to write them. The fields
// are std::string, bool, integers, float and double.
template <class Config, class Visit>
void for_each_trainer_config_field(Config& c, Visit&& visit) {
  visit("input", c.input);
  visit("target", c.target);
  visit("points", c.sine.points);
  visit("span", c.sine.span);
  visit("starts", c.sine.start_choices);
  visit("arch", c.arch);
  visit("cell", c.cell);
  visit("nonlinearity", c.nonlinearity);
  visit("hidden", c.hidden_size);
  visit("layers", c.num_layers);
  visit("bidirectional", c.bidirectional);
  visit("dropout", c.dropout);
  visit("optim", c.optimizer.kind);
  visit("lr", c.optimizer.lr);
  visit("momentum", c.optimizer.momentum);
  visit("dampening", c.optimizer.dampening);
  visit("nesterov", c.optimizer.nesterov);
  visit("beta1", c.optimizer.beta1);
  visit("beta2", c.optimizer.beta2);
  visit("eps", c.optimizer.eps);
  visit("amsgrad", c.optimizer.amsgrad);
  visit("alpha", c.optimizer.alpha);
  visit("centered", c.optimizer.centered);
  visit("weightDecay", c.optimizer.weight_decay);
  visit("clip", c.clip_norm);
  visit("seed", c.seed);
}

}  // namespace rnnlab
