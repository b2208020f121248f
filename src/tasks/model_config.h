// What a model is: an optional Embedding in front, a recurrent layer (or a single cell run over the sequence) and
// an optional Linear head; or one of the digits task's image classifiers ("mlp", "cnn": nn/image_classifiers.h),
// which read (N, 1, side, side) images.
// Field names and meanings are the state-dict file's "config" object.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "nn/cell_kind.h"

namespace rnnlab {

struct ModelConfig {
  // "rnn", "lstm", "gru", or a single cell: "rnn_cell", "lstm_cell", "gru_cell"; or an image classifier: "mlp"
  // (Flatten, Linear(side^2, hidden_size), ReLU, Linear(hidden_size, head_out)), "cnn" (Conv2d(1, channels,
  // kernel), ReLU, MaxPool2d(2), Flatten, Linear(channels * P^2, hidden_size), ReLU, Linear(hidden_size, head_out))
  std::string kind = "rnn";
  std::string nonlinearity = "tanh";  // "tanh" or "relu", for rnn and rnn_cell only
  int64_t input_size = 1;
  int64_t hidden_size = 1;
  int64_t num_layers = 1;
  bool bias = true;
  bool batch_first = false;
  float dropout = 0.0f;
  bool bidirectional = false;
  std::optional<int64_t> head_out;  // Linear(D*H, head_out) after the recurrent layer
  // Embedding(num_embeddings, embedding_dim) in front of the recurrent layer, which then takes embedding_dim
  // inputs (input_size == embedding_dim) and the model takes class indices; 0: none (inputs are features, or
  // one-hot rows of input_size classes).
  int64_t embedding_dim = 0;
  int64_t num_embeddings = 0;
  // Image classifiers only: images image_side x image_side (input_size is image_side^2, the pixels of one image);
  // the convolution's output channels and kernel side (cnn).
  int64_t image_side = 0;
  int64_t channels = 0;
  int64_t kernel = 0;

  bool is_cell() const;
  bool is_image() const { return kind == "mlp" || kind == "cnn"; }
  CellKind cell_kind() const;
  int directions() const { return bidirectional ? 2 : 1; }
  bool has_embedding() const { return embedding_dim > 0; }
  // Classes of an index input: the embedding's rows, else input_size (one-hot).
  int64_t input_classes() const { return has_embedding() ? num_embeddings : input_size; }
  int64_t output_size() const { return head_out ? *head_out : directions() * hidden_size; }
};

// Size limits that keep one model inside the page's memory budget.
inline constexpr int64_t kMaxHiddenSize = 1024;
inline constexpr int64_t kMaxInputSize = 4096;
inline constexpr int64_t kMaxLayers = 8;
// Classes a head predicts and rows an embedding holds (the text task's vocabulary limit).
inline constexpr int64_t kMaxClasses = 8192;
inline constexpr int64_t kMaxEmbeddingDim = 1024;
// The image classifiers' images and convolution.
inline constexpr int64_t kMaxImageSide = 64;
inline constexpr int64_t kMaxConvChannels = 256;

// Checks every field; messages name the field, the value and the accepted range.
void validate(const ModelConfig& config);

}  // namespace rnnlab
