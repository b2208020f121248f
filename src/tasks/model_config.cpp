#include "tasks/model_config.h"

#include <cmath>

#include "core/error.h"

namespace rnnlab {

bool ModelConfig::is_cell() const { return kind == "rnn_cell" || kind == "lstm_cell" || kind == "gru_cell"; }

CellKind ModelConfig::cell_kind() const {
  const std::string base = is_cell() ? kind.substr(0, kind.size() - 5) : kind;
  check(base == "rnn" || base == "lstm" || base == "gru", "kind: got \"", kind,
        "\", expected rnn, lstm, gru, rnn_cell, lstm_cell or gru_cell");
  check(nonlinearity == "tanh" || (nonlinearity == "relu" && base == "rnn"), "nonlinearity: got \"", nonlinearity,
        "\", expected tanh", base == "rnn" ? " or relu" : " (relu exists for rnn only)");
  if (base == "lstm") return CellKind::Lstm;
  if (base == "gru") return CellKind::Gru;
  return nonlinearity == "relu" ? CellKind::RnnRelu : CellKind::RnnTanh;
}

void validate(const ModelConfig& c) {
  c.cell_kind();
  check(c.input_size >= 1 && c.input_size <= kMaxInputSize, "input_size: got ", c.input_size, ", expected 1 to ",
        kMaxInputSize);
  check(c.hidden_size >= 1 && c.hidden_size <= kMaxHiddenSize, "hidden_size: got ", c.hidden_size,
        ", expected 1 to ", kMaxHiddenSize);
  check(c.num_layers >= 1 && c.num_layers <= kMaxLayers, "num_layers: got ", c.num_layers, ", expected 1 to ",
        kMaxLayers);
  check(std::isfinite(c.dropout) && c.dropout >= 0.0f && c.dropout < 1.0f, "dropout: got ", c.dropout,
        ", expected a number in [0, 1)");
  if (c.is_cell()) {
    check(c.num_layers == 1, "num_layers: got ", c.num_layers, ", a single cell (", c.kind, ") has 1");
    check(!c.bidirectional, "bidirectional: a single cell (", c.kind, ") runs forward only");
    check(!c.batch_first, "batch_first: a single cell (", c.kind, ") takes time-major input");
    check(c.dropout == 0.0f, "dropout: got ", c.dropout, ", a single cell (", c.kind, ") has no dropout");
  }
  if (c.head_out)
    check(*c.head_out >= 1 && *c.head_out <= kMaxClasses, "head.out_features: got ", *c.head_out,
          ", expected 1 to ", kMaxClasses);
  check(c.embedding_dim >= 0 && c.embedding_dim <= kMaxEmbeddingDim, "embedding.embedding_dim: got ",
        c.embedding_dim, ", expected 1 to ", kMaxEmbeddingDim, " (or 0 for none)");
  if (c.has_embedding()) {
    check(c.num_embeddings >= 1 && c.num_embeddings <= kMaxClasses, "embedding.num_embeddings: got ",
          c.num_embeddings, ", expected 1 to ", kMaxClasses);
    check(c.input_size == c.embedding_dim, "input_size: got ", c.input_size,
          ", expected the embedding_dim ", c.embedding_dim, " (the recurrent layer takes the embeddings)");
    check(!c.is_cell(), "embedding: a single cell (", c.kind, ") takes one-hot inputs; use a layer");
  } else {
    check(c.num_embeddings == 0, "embedding.num_embeddings: got ", c.num_embeddings, " without an embedding_dim");
  }
}

}  // namespace rnnlab
