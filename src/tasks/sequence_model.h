// A model as the tasks, the CLI and the page use it: attribute "rnn" (a Recurrent layer or a CellSequence) and
// an optional Linear "head", so state_dict names are torch's ("rnn.weight_ih_l0", "head.bias").
#pragma once
#include <memory>
#include <vector>

#include "nn/cell_sequence.h"
#include "nn/linear.h"
#include "nn/recurrent_module.h"
#include "tasks/model_config.h"

namespace rnnlab {

class SequenceModel : public Module {
 public:
  // Validates the config and initializes every parameter as torch does, in state_dict order, from `rng`.
  SequenceModel(const ModelConfig& config, Rng& rng);

  // input in the recurrent layer's layout ((T, B, I), (B, T, I) with batch_first, (T, I) unbatched);
  // output: the head's (..., K) when there is a head, else the layer's (..., D*H); h_n, c_n as torch.
  RecurrentOutput forward(Tape& tape, Var input, Var h0 = {}, Var c0 = {}, Rng* dropout_rng = nullptr);

  // The last forward's unrolled traces, layer by layer, forward direction before reverse, into `out` (its
  // capacity is reused, so a training loop that captures them each step does not allocate).
  void traces(std::vector<LayerTrace>& out) const;

  const ModelConfig& config() const { return config_; }

 private:
  ModelConfig config_;
  std::unique_ptr<Recurrent> layer_;
  std::unique_ptr<CellSequence> cell_;
  std::unique_ptr<Linear> head_;
};

}  // namespace rnnlab
