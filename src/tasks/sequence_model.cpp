#include "tasks/sequence_model.h"

#include "core/ops_shape.h"
#include "nn/image_classifiers.h"

namespace rnnlab {

SequenceModel::SequenceModel(const ModelConfig& config, Rng& rng) : config_(config) {
  validate(config);
  if (config.is_image()) {
    image_ = config.kind == "mlp"
                 ? make_mlp_classifier({config.image_side, config.hidden_size, *config.head_out}, rng)
                 : make_cnn_classifier({config.image_side, config.channels, config.kernel, config.hidden_size,
                                        *config.head_out}, rng);
    for (size_t i = 0; i < image_->size(); ++i) register_module(std::to_string(i), image_->layer(i));
    return;
  }
  // torch registers (and initializes) in attribute order: embedding, rnn, head.
  if (config.has_embedding()) {
    embedding_ = std::make_unique<Embedding>(config.num_embeddings, config.embedding_dim, rng);
    register_module("embedding", *embedding_);
  }
  if (config.is_cell()) {
    cell_ = std::make_unique<CellSequence>(
        CellSequenceConfig{config.cell_kind(), config.input_size, config.hidden_size, config.bias}, rng);
    register_module("rnn", *cell_);
  } else {
    layer_ = std::make_unique<Recurrent>(RecurrentConfig{config.cell_kind(), config.input_size, config.hidden_size,
                                                         config.num_layers, config.bias, config.batch_first,
                                                         config.dropout, config.bidirectional},
                                         rng);
    register_module("rnn", *layer_);
  }
  if (config.head_out) {
    head_ = std::make_unique<Linear>(config.directions() * config.hidden_size, *config.head_out, rng);
    register_module("head", *head_);
  }
}

namespace {

// out[T-1]: (T, B, F) -> (B, F); batch_first (B, T, F) -> (B, F); unbatched (T, F) -> (F). Backward puts the
// gradient into that step's row and zeros elsewhere, so dL/dh_t for t < T-1 comes only through the recurrence.
Var last_step(Var out, bool batch_first) {
  const Shape s = out.shape();
  if (s.rank() == 3 && batch_first) return reshape(slice(out, 1, s[1] - 1, s[1]), Shape{s[0], s[2]});
  return select(out, s[0] - 1);
}

}  // namespace

RecurrentOutput SequenceModel::forward_images(Tape& tape, Var images) {
  check(image_ != nullptr, "forward_images: the model is a ", config_.kind, ", not an image classifier");
  RecurrentOutput out;
  out.output = image_->forward(tape, images);
  return out;
}

RecurrentOutput SequenceModel::forward(Tape& tape, Var input, Var h0, Var c0, Rng* dropout_rng, Readout readout) {
  check(image_ == nullptr, "forward: an ", config_.kind, " reads images (forward_images)");
  RecurrentOutput out = cell_ ? cell_->forward(tape, input, h0, c0) : layer_->forward(tape, input, h0, c0, dropout_rng);
  if (readout == Readout::LastStep) out.output = last_step(out.output, config_.batch_first);
  if (head_) out.output = head_->forward(tape, out.output);
  return out;
}

RecurrentOutput SequenceModel::forward_tokens(Tape& tape, std::span<const int32_t> tokens, int64_t steps,
                                              int64_t batch, Var h0, Var c0, Rng* dropout_rng, Readout readout) {
  check(steps >= 1 && batch >= 1 && static_cast<int64_t>(tokens.size()) == steps * batch, "forward_tokens: ",
        tokens.size(), " tokens for ", steps, " steps of batch ", batch, ", expected ", steps * batch);
  check(!config_.batch_first, "forward_tokens: the model is batch_first, expected time-major");
  Var x;
  if (embedding_ && layer_) {
    // The layer reads the embedding's rows itself (Recurrent::forward_rows): the same values and gradients as
    // the layer over the gathered (T, B, D) input, with a quarter fewer products at W6.
    embedding_->check_indices(tokens);
    RecurrentOutput out = layer_->forward_rows(tape, tape.param(embedding_->weight()), tokens, steps, batch, h0, c0,
                                               dropout_rng);
    if (head_) out.output = head_->forward(tape, out.output);
    return out;
  }
  if (embedding_) {
    x = reshape(embedding_->forward(tape, tokens), Shape{steps, batch, config_.embedding_dim});  // (T, B, D)
  } else {
    const int64_t classes = config_.input_size;
    Tensor one_hot(Shape{steps, batch, classes});  // (T, B, V), zeros
    for (size_t i = 0; i < tokens.size(); ++i) {
      check(tokens[i] >= 0 && tokens[i] < classes, "forward_tokens: tokens[", i, "] is ", tokens[i],
            ", expected an index in [0, ", classes, ")");
      one_hot[static_cast<int64_t>(i) * classes + tokens[i]] = 1.0f;
    }
    x = tape.constant(one_hot);  // the recurrent layer gathers its input projection's rows for one-hot input
  }
  return forward(tape, x, h0, c0, dropout_rng, readout);
}

void SequenceModel::traces(std::vector<LayerTrace>& out) const {
  out.clear();
  if (image_) return;
  if (cell_) {
    out.push_back(cell_->trace());
    return;
  }
  for (int64_t l = 0; l < config_.num_layers; ++l)
    for (int d = 0; d < config_.directions(); ++d) out.push_back(layer_->trace(l, d));
}

}  // namespace rnnlab
