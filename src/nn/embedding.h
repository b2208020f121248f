// Embedding: a lookup table of V rows of D features, torch.nn.Embedding(num_embeddings, embedding_dim)'s layout
// (parameter "weight" (V, D), init N(0, 1)). The op is gather_rows (core/ops_shape.h): forward copies row
// indices[i] of the weight into row i of the output, backward scatter-adds each output row's gradient into the
// row it came from (a repeated index accumulates).
#pragma once
#include <cstdint>
#include <span>

#include "core/rng.h"
#include "core/tape.h"
#include "nn/module.h"

namespace rnnlab {

// The function behind the module: weight (V, D), n indices in [0, V) -> (n, D).
Var embedding(Var weight, std::span<const int32_t> indices);

class Embedding : public Module {
 public:
  // Parameter "weight" (num_embeddings, embedding_dim) ~ N(0, 1) from `rng`, as torch.nn.Embedding's
  // reset_parameters (normal_), drawn row by row.
  Embedding(int64_t num_embeddings, int64_t embedding_dim, Rng& rng);

  // indices (n) -> (n, D); an index outside [0, V) is an error naming it. Registers the weight on `tape`.
  Var forward(Tape& tape, std::span<const int32_t> indices) const;

  // The forward's check alone, for a caller that reads the rows itself (SequenceModel: Recurrent::forward_rows).
  void check_indices(std::span<const int32_t> indices) const;

  int64_t num_embeddings() const { return num_embeddings_; }
  int64_t embedding_dim() const { return embedding_dim_; }
  Parameter& weight() const { return *weight_; }

 private:
  int64_t num_embeddings_;
  int64_t embedding_dim_;
  Parameter* weight_;
};

}  // namespace rnnlab
