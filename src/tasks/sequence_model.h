// A model as the tasks, the CLI and the page use it: an optional Embedding "embedding", attribute "rnn" (a
// Recurrent layer or a CellSequence) and an optional Linear "head", so state_dict names are those of a torch
// nn.Module with these attributes ("embedding.weight", "rnn.weight_ih_l0", "head.bias"). Or, for the digits
// task's image classifiers (config kind "mlp" or "cnn"), a torch.nn.Sequential stack whose layers are this
// module's children "0", "1", ... so its names are torch's ("0.weight", "4.bias": nn/image_classifiers.h).
#pragma once
#include <memory>
#include <vector>

#include <span>

#include "nn/cell_sequence.h"
#include "nn/embedding.h"
#include "nn/linear.h"
#include "nn/recurrent_module.h"
#include "nn/sequential.h"
#include "tasks/model_config.h"

namespace rnnlab {

// What the head reads: the layer's output at every step (many-to-many: one prediction per step), or only at the
// last step, out[T-1] (many-to-one: the seed tutorials' `fc(out[:, -1, :])`, one prediction per sequence).
enum class Readout { EveryStep, LastStep };

class SequenceModel : public Module {
 public:
  // Validates the config and initializes every parameter as torch does, in state_dict order, from `rng`.
  SequenceModel(const ModelConfig& config, Rng& rng);

  // input in the recurrent layer's layout ((T, B, I), (B, T, I) with batch_first, (T, I) unbatched);
  // output: the head's (..., K) when there is a head, else the layer's (..., D*H); h_n, c_n as torch. With
  // Readout::LastStep the time dimension is gone: (B, K) ((K) unbatched), from the last step's (B, D*H).
  RecurrentOutput forward(Tape& tape, Var input, Var h0 = {}, Var c0 = {}, Rng* dropout_rng = nullptr,
                          Readout readout = Readout::EveryStep);

  // The image classifiers: images (N, 1, side, side) -> logits (N, K) in out.output (no state, no trace).
  RecurrentOutput forward_images(Tape& tape, Var images);

  // Class indices in, time-major: tokens (T * B), token t * B + b is step t of sequence b. Through the embedding
  // ((T, B) -> (T, B, D)) when the model has one, else as one-hot rows (T, B, input_size). Output as forward().
  RecurrentOutput forward_tokens(Tape& tape, std::span<const int32_t> tokens, int64_t steps, int64_t batch,
                                 Var h0 = {}, Var c0 = {}, Rng* dropout_rng = nullptr,
                                 Readout readout = Readout::EveryStep);

  // The last forward's unrolled traces, layer by layer, forward direction before reverse, into `out` (its
  // capacity is reused, so a training loop that captures them each step does not allocate).
  void traces(std::vector<LayerTrace>& out) const;

  const ModelConfig& config() const { return config_; }

 private:
  ModelConfig config_;
  std::unique_ptr<Embedding> embedding_;
  std::unique_ptr<Recurrent> layer_;
  std::unique_ptr<CellSequence> cell_;
  std::unique_ptr<Linear> head_;
  std::unique_ptr<Sequential> image_;  // mlp, cnn
};

}  // namespace rnnlab
