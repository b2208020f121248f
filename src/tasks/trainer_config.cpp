#include "tasks/trainer_config.h"

namespace rnnlab {

TrainerConfig hello_preset() {
  TrainerConfig c;
  c.optimizer.kind = "adam";
  c.optimizer.lr = 0.1f;
  return c;
}

TrainerConfig sine_preset() {
  TrainerConfig c;
  c.task = "sine";
  c.arch = "layer";
  c.cell = "rnn";
  c.hidden_size = 10;
  c.num_layers = 2;
  c.optimizer.kind = "adam";
  c.optimizer.lr = 5e-3f;
  return c;
}

TrainerConfig text_preset() {
  TrainerConfig c;
  c.task = "text";
  c.arch = "layer";
  c.cell = "lstm";
  c.hidden_size = 128;
  c.num_layers = 2;
  c.dropout = 0.0f;
  c.optimizer.kind = "adam";
  c.optimizer.lr = 2e-3f;
  c.clip_norm = 5.0f;
  c.batch = 32;
  c.seed = 0;
  return c;
}

TrainerConfig remember_preset() {
  TrainerConfig c;
  c.task = "remember";
  c.arch = "layer";
  c.cell = "lstm";
  c.hidden_size = 32;
  c.forget_bias = 5.0f;  // the LSTM learns the first of 50 (3 seeds, <= 4,000 steps); at 0 it never did (remember.md)
  c.optimizer.kind = "adam";
  c.optimizer.lr = 1e-2f;
  c.clip_norm = 1.0f;
  return c;
}

TrainerConfig classify_preset() {
  TrainerConfig c;
  c.task = "classify";
  c.arch = "layer";
  c.cell = "lstm";
  c.hidden_size = 32;
  c.optimizer.kind = "adam";
  c.optimizer.lr = 1e-2f;
  c.clip_norm = 1.0f;
  return c;
}

TrainerConfig tag_preset() {
  TrainerConfig c;
  c.task = "tag";
  c.arch = "layer";
  c.cell = "lstm";
  c.hidden_size = 16;
  c.remember.length = 16;
  c.remember.symbols = 8;
  c.optimizer.kind = "adam";
  c.optimizer.lr = 1e-2f;
  c.clip_norm = 1.0f;
  return c;
}

TrainerConfig digits_preset() {
  TrainerConfig c;
  c.task = "digits";
  c.arch = "layer";
  c.cell = "lstm";
  c.hidden_size = 128;
  c.batch = 64;
  c.optimizer.kind = "adam";
  c.optimizer.lr = 5e-3f;  // the LSTM's settings of the schema's implied defaults (config_schema.cpp)
  c.clip_norm = 1.0f;
  return c;
}

TrainerConfig seq_layer_preset(std::string input, std::string target) {
  TrainerConfig c;
  c.input = std::move(input);
  c.target = std::move(target);
  c.arch = "layer";
  c.cell = "lstm";
  c.hidden_size = 16;
  c.optimizer.kind = "adam";
  c.optimizer.lr = 0.01f;
  return c;
}

}  // namespace rnnlab
