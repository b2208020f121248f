// Everything that defines a training run: task, model, optimizer, clipping and seed. The defaults of each
// preset reproduce the seed programs; the CLI flags, the JS config object and the page's URL use these names.
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "io/labelled_images.h"
#include "tasks/sine_data.h"
#include "train/optimizer_config.h"

namespace rnnlab {

// The text task's settings (a char-RNN over a corpus, tasks/text_task.h).
struct TextSettings {
  std::string corpus = "tinyshakespeare";  // which bundled corpus (tinyshakespeare, tang5, tang300) or "own"
  int64_t seq_len = 64;    // T: characters per training window
  int64_t embedding = 128; // embedding width; 0: one-hot inputs
  bool tbptt = false;      // B contiguous streams with the hidden state carried (detached); else random windows
  int64_t val_every = 100; // steps between validation passes
};

// The remember task's settings (one answer per sequence: which symbol was at a chosen place, tasks/remember_task.h).
struct RememberSettings {
  int64_t length = 50;   // T: symbols per sequence
  int64_t distance = 0;  // the label is the symbol this many steps back from the end (1: the last); 0: the first
  int64_t symbols = 8;   // K: distinct symbols, each a class
};

// The digits task's settings (28 x 28 images classified, tasks/digits_task.h).
struct DigitsSettings {
  std::string model = "lstm";  // "rnn", "lstm", "gru" (one row of pixels per step), "mlp" or "cnn"
  std::string data = "mnist";  // "mnist" or "fashion"
};

struct TrainerConfig {
  std::string task = "seq";  // "seq": characters, sequence to sequence; "sine": the sine-wave predictor; "text"

  // seq: one prediction per step; the vocabulary is the sorted set of characters of both texts.
  std::string input = "hello";
  std::string target = "ohlol";

  SineSettings sine;  // sine

  // text: the settings, and the corpus itself. The text is data, not a setting (no schema key): the CLI reads
  // it from --corpus FILE, the binding takes it from a JS string; shared, so copies of a config are cheap.
  TextSettings text;
  std::shared_ptr<const std::string> corpus_text;

  RememberSettings remember;  // remember

  // digits: the settings, and the labelled images (data, not settings, like corpus_text): the CLI reads the
  // dataset's IDX files (tasks/digits_data.h), the binding takes JS bytes; shared, so copies of a config are cheap.
  DigitsSettings digits;
  std::shared_ptr<const LabelledImages> digits_images;

  int64_t batch = 32;  // B: sequences (text windows or streams, digits images) per step

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
// The text task's W6 preset: Embedding(V, 128) + LSTM(128, 128, 2 layers) + Linear(128, V), Adam 2e-3, clip 5,
// T 64, B 32, seed 0 (the corpus text is supplied separately).
TrainerConfig text_preset();
// The remember task: "remember the first of 50 symbols over 8 symbols", LSTM(8, 32) + Linear(32, 8) on the last
// step, Adam 1e-2, clip 1.
TrainerConfig remember_preset();
// The seq task with a layer and a Linear head (the general variant).
// The digits task: the seed tutorials' LSTM(28, 128) by rows + Linear(128, 10) on the last step, Adam 1e-3,
// batch 64, 5 epochs of MNIST (the images are supplied separately).
TrainerConfig digits_preset();
TrainerConfig seq_layer_preset(std::string input, std::string target);

inline constexpr int64_t kMaxSequenceLength = 1000;  // characters of a typed text
inline constexpr int64_t kMaxVocabulary = 256;       // distinct characters
inline constexpr int64_t kMaxRememberLength = 200;   // the remember task's T
inline constexpr int64_t kMaxRememberSymbols = 64;   // the remember task's K


}  // namespace rnnlab
