// An optimizer chosen by name with all of its settings, as the CLI, the JS config and saved runs spell it.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "train/optimizer.h"

namespace rnnlab {

struct OptimizerConfig {
  std::string kind = "adam";  // "adam", "sgd" or "rmsprop"
  float lr = 1e-3f;
  float weight_decay = 0.0f;
  float momentum = 0.0f;  // sgd, rmsprop
  float dampening = 0.0f; // sgd
  bool nesterov = false;  // sgd
  float beta1 = 0.9f;     // adam
  float beta2 = 0.999f;   // adam
  bool amsgrad = false;   // adam
  float eps = 1e-8f;      // adam, rmsprop
  float alpha = 0.99f;    // rmsprop
  bool centered = false;  // rmsprop
};

// Builds the optimizer; every setting is checked by the optimizer itself (messages name the field).
std::unique_ptr<Optimizer> make_optimizer(const OptimizerConfig& config, std::vector<Parameter*> params);

}  // namespace rnnlab
