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

// Reads every key but "task" into `c` through `r`, whose read(key, field) overloads take std::string, bool,
// integers and floating-point fields and leave the field as it is when the key is absent.
template <class Reader>
void read_trainer_config_fields(Reader& r, TrainerConfig& c) {
  r.read("input", c.input);
  r.read("target", c.target);
  r.read("points", c.sine.points);
  r.read("span", c.sine.span);
  r.read("starts", c.sine.start_choices);
  r.read("arch", c.arch);
  r.read("cell", c.cell);
  r.read("nonlinearity", c.nonlinearity);
  r.read("hidden", c.hidden_size);
  r.read("layers", c.num_layers);
  r.read("bidirectional", c.bidirectional);
  r.read("dropout", c.dropout);
  r.read("optim", c.optimizer.kind);
  r.read("lr", c.optimizer.lr);
  r.read("momentum", c.optimizer.momentum);
  r.read("dampening", c.optimizer.dampening);
  r.read("nesterov", c.optimizer.nesterov);
  r.read("beta1", c.optimizer.beta1);
  r.read("beta2", c.optimizer.beta2);
  r.read("eps", c.optimizer.eps);
  r.read("amsgrad", c.optimizer.amsgrad);
  r.read("alpha", c.optimizer.alpha);
  r.read("centered", c.optimizer.centered);
  r.read("weightDecay", c.optimizer.weight_decay);
  r.read("clip", c.clip_norm);
  r.read("seed", c.seed);
}

}  // namespace rnnlab
