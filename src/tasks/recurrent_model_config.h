// The model part of a config (arch, cell, nonlinearity, hidden, layers, bidirectional, dropout) as a ModelConfig
// over a task's inputs and outputs: what every task that trains a recurrent model shares.
#pragma once
#include <cstdint>

#include "tasks/model_config.h"
#include "tasks/trainer_config.h"

namespace rnnlab {

// arch "cell": one cell whose hidden state is the logits (needs inputs == outputs; hidden 0 or that size);
// arch "layer": a recurrent layer of `hidden` units and a Linear(D*H, outputs) head. Refusals are ConfigErrors
// naming the key.
ModelConfig recurrent_model_config(const TrainerConfig& c, int64_t inputs, int64_t outputs, bool batch_first);

}  // namespace rnnlab
