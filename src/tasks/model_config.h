// What a model is: a recurrent layer (or a single cell run over the sequence) and an optional Linear head.
// Field names and meanings are the state-dict file's "config" object.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "nn/cell_kind.h"

namespace rnnlab {

struct ModelConfig {
  std::string kind = "rnn";  // "rnn", "lstm", "gru", or a single cell: "rnn_cell", "lstm_cell", "gru_cell"
  std::string nonlinearity = "tanh";  // "tanh" or "relu", for rnn and rnn_cell only
  int64_t input_size = 1;
  int64_t hidden_size = 1;
  int64_t num_layers = 1;
  bool bias = true;
  bool batch_first = false;
  float dropout = 0.0f;
  bool bidirectional = false;
  std::optional<int64_t> head_out;  // Linear(D*H, head_out) after the recurrent layer

  bool is_cell() const;
  CellKind cell_kind() const;
  int directions() const { return bidirectional ? 2 : 1; }
  int64_t output_size() const { return head_out ? *head_out : directions() * hidden_size; }
};

// Size limits that keep one model inside the page's memory budget.
inline constexpr int64_t kMaxHiddenSize = 1024;
inline constexpr int64_t kMaxInputSize = 4096;
inline constexpr int64_t kMaxLayers = 8;

// Checks every field; messages name the field, the value and the accepted range.
void validate(const ModelConfig& config);

}  // namespace rnnlab
