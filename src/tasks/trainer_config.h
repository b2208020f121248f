// Everything that defines a training run: task, model, optimizer, clipping and seed. The defaults of each
// preset reproduce the seed programs; the CLI flags, the JS config object and the page's URL use these names.
#pragma once
#include <cstdint>
#include <string>

#include "tasks/sine_data.h"
#include "train/optimizer_config.h"

namespace rnnlab {

struct TrainerConfig {
  std::string task = "seq";  // "seq": characters, sequence to sequence; "sine": the sine-wave predictor

  // seq: one prediction per step; the vocabulary is the sorted set of characters of both texts.
  std::string input = "hello";
  std::string target = "ohlol";

  SineSettings sine;  // sine

  // "cell": one cell whose hidden state is the logits (the hello seed; hidden size = vocabulary size, seq only);
  // "layer": a recurrent layer followed by Linear(D*H, outputs).
  std::string arch = "cell";
  std::string cell = "rnn";           // "rnn", "lstm" or "gru"
  std::string nonlinearity = "tanh";  // rnn only: "tanh" or "relu"
  int64_t hidden_size = 0;            // 0: the vocabulary size for arch "cell"; required otherwise
  int64_t num_layers = 1;
  bool bidirectional = false;         // seq with arch "layer" only
  float dropout = 0.0f;               // between layers

  OptimizerConfig optimizer;
  float clip_norm = 0.0f;  // clip_grad_norm_ before each step; 0 = off
  uint64_t seed = 0;
};

// The hello -> ohlol seed: RNNCell(4, 4) as logits, cross-entropy summed over 5 steps, Adam lr 0.1.
TrainerConfig hello_preset();
// The sine seed: RNN(1, 10, num_layers=2, batch_first) + Linear(10, 1), MSE, Adam lr 5e-3.
TrainerConfig sine_preset();
// The seq task with a layer and a Linear head (the general variant).
TrainerConfig seq_layer_preset(std::string input, std::string target);

inline constexpr int64_t kMaxSequenceLength = 1000;  // characters of a typed text
inline constexpr int64_t kMaxVocabulary = 256;       // distinct characters

}  // namespace rnnlab
