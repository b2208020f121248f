#include "tasks/sequence_model.h"

namespace rnnlab {

SequenceModel::SequenceModel(const ModelConfig& config, Rng& rng) : config_(config) {
  validate(config);
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

RecurrentOutput SequenceModel::forward(Tape& tape, Var input, Var h0, Var c0, Rng* dropout_rng) {
  RecurrentOutput out = cell_ ? cell_->forward(tape, input, h0, c0) : layer_->forward(tape, input, h0, c0, dropout_rng);
  if (head_) out.output = head_->forward(tape, out.output);
  return out;
}

void SequenceModel::traces(std::vector<LayerTrace>& out) const {
  out.clear();
  if (cell_) {
    out.push_back(cell_->trace());
    return;
  }
  for (int64_t l = 0; l < config_.num_layers; ++l)
    for (int d = 0; d < config_.directions(); ++d) out.push_back(layer_->trace(l, d));
}

}  // namespace rnnlab
