#include "tasks/model_config.h"

#include <cmath>

#include "core/error.h"

namespace rnnlab {

bool ModelConfig::is_cell() const { return kind == "rnn_cell" || kind == "lstm_cell" || kind == "gru_cell"; }

CellKind ModelConfig::cell_kind() const {
  const std::string base = is_cell() ? kind.substr(0, kind.size() - 5) : kind;
  check(base == "rnn" || base == "lstm" || base == "gru", "kind: got \"", kind,
        "\", expected rnn, lstm, gru, rnn_cell, lstm_cell, gru_cell, mlp or cnn",
        is_image() ? " (an image classifier has no cell)" : "");
  check(nonlinearity == "tanh" || (nonlinearity == "relu" && base == "rnn"), "nonlinearity: got \"", nonlinearity,
        "\", expected tanh", base == "rnn" ? " or relu" : " (relu exists for rnn only)");
  if (base == "lstm") return CellKind::Lstm;
  if (base == "gru") return CellKind::Gru;
  return nonlinearity == "relu" ? CellKind::RnnRelu : CellKind::RnnTanh;
}

namespace {

void validate_image(const ModelConfig& c) {
  check(c.image_side >= 2 && c.image_side <= kMaxImageSide, "image.side: got ", c.image_side, ", expected 2 to ",
        kMaxImageSide);
  check(c.input_size == c.image_side * c.image_side, "input_size: got ", c.input_size, ", expected image.side^2 = ",
        c.image_side * c.image_side, " (the pixels of one image)");
  check(c.hidden_size >= 1 && c.hidden_size <= kMaxHiddenSize, "hidden_size: got ", c.hidden_size,
        ", expected 1 to ", kMaxHiddenSize);
  check(c.head_out.has_value(), "head: an ", c.kind, " ends in a Linear layer, expected its out_features");
  check(c.num_layers == 1 && !c.bidirectional && !c.batch_first && c.dropout == 0.0f && !c.has_embedding() &&
            c.num_embeddings == 0,
        "config: an ", c.kind, " has 1 layer, no direction, batch_first, dropout or embedding");
  if (c.kind == "cnn") {
    check(c.channels >= 1 && c.channels <= kMaxConvChannels, "image.channels: got ", c.channels, ", expected 1 to ",
          kMaxConvChannels);
    check(c.kernel >= 1 && c.kernel <= c.image_side - 1, "image.kernel: got ", c.kernel, ", expected 1 to ",
          c.image_side - 1, " (a 2 x 2 pool needs a convolution output of at least 2 x 2)");
  } else {
    check(c.channels == 0 && c.kernel == 0, "image: an mlp has no channels or kernel");
  }
}

}  // namespace

void validate(const ModelConfig& c) {
  if (c.is_image()) {
    validate_image(c);
    if (c.head_out)
      check(*c.head_out >= 1 && *c.head_out <= kMaxClasses, "head.out_features: got ", *c.head_out,
            ", expected 1 to ", kMaxClasses);
    return;
  }
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
