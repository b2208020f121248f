#include "nn/embedding.h"

#include "core/ops_shape.h"

namespace rnnlab {

// (V, D), (n) -> (n, D); dweight[indices[i]] += dy[i]  (both in gather_rows)
namespace {

void check_embedding_indices(std::span<const int32_t> indices, int64_t rows) {
  for (size_t i = 0; i < indices.size(); ++i)
    check(0 <= indices[i] && indices[i] < rows, "embedding: indices[", i, "] is ", indices[i],
          ", expected an index in [0, ", rows, ") (num_embeddings ", rows, ")");
}

}  // namespace

Var embedding(Var weight, std::span<const int32_t> indices) {
  check(weight.defined() && weight.shape().rank() == 2, "embedding: weight is ",
        weight.defined() ? weight.shape() : Shape{}, ", expected (num_embeddings, embedding_dim)");
  check_embedding_indices(indices, weight.shape()[0]);
  return gather_rows(weight, indices);
}

void Embedding::check_indices(std::span<const int32_t> indices) const {
  check_embedding_indices(indices, num_embeddings_);
}

Embedding::Embedding(int64_t num_embeddings, int64_t embedding_dim, Rng& rng)
    : num_embeddings_(num_embeddings), embedding_dim_(embedding_dim) {
  check(num_embeddings >= 1, "Embedding: num_embeddings is ", num_embeddings, ", expected >= 1");
  check(embedding_dim >= 1, "Embedding: embedding_dim is ", embedding_dim, ", expected >= 1");
  weight_ = &register_parameter("weight", Shape{num_embeddings, embedding_dim});
  for (int64_t i = 0; i < weight_->value.numel(); ++i) weight_->value[i] = rng.normal();
}

Var Embedding::forward(Tape& tape, std::span<const int32_t> indices) const {
  return embedding(tape.param(*weight_), indices);
}

}  // namespace rnnlab
