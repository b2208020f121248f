#include "char_lstm_workload.h"

#include "core/error.h"
#include "core/ops.h"
#include "train/cross_entropy.h"
#include "train/optimizer_config.h"

namespace rnnlab::bench {

CharLstmSpec char_lstm_spec(int workload) {
  switch (workload) {
    case 3: return {64, 128, 64, 1};
    case 4: return {64, 128, 64, 16};
    case 5: return {16, 32, 32, 1};
    default: fail("workload: got W", workload, ", expected W3, W4 or W5");
  }
}

double char_lstm_flops_per_token(const CharLstmSpec& s) {
  const double v = double(s.vocab), h = double(s.hidden);
  const double forward = 2.0 * 4.0 * h * h + 2.0 * h * v;
  return 3.0 * forward;
}

CharLstmWorkload::CharLstmWorkload(const CharLstmSpec& spec) : spec_(spec), rng_(spec.seed, 7) {
  check(spec.vocab >= 2 && spec.hidden >= 1 && spec.steps >= 1 && spec.batch >= 1,
        "char-LSTM: vocab >= 2, hidden, steps and batch >= 1 expected");
  ModelConfig m;
  m.kind = "lstm";
  m.input_size = spec.vocab;
  m.hidden_size = spec.hidden;
  m.head_out = spec.vocab;
  Rng init(spec.seed, 1);
  model_ = std::make_unique<SequenceModel>(m, init);
  OptimizerConfig adam;
  adam.lr = spec.lr;
  optimizer_ = make_optimizer(adam, model_->parameters());

  const int64_t T = spec.steps, B = spec.batch, V = spec.vocab;
  std::vector<int32_t> text(static_cast<size_t>((T + 1) * B));  // [b * (T+1) + t]
  for (auto& c : text) c = static_cast<int32_t>(rng_.integer(0, V));
  x_.resize(Shape{T, B, V});
  target_.resize(static_cast<size_t>(T * B));
  for (int64_t t = 0; t < T; ++t) {
    for (int64_t b = 0; b < B; ++b) {
      x_[(t * B + b) * V + text[static_cast<size_t>(b * (T + 1) + t)]] = 1.0f;
      target_[static_cast<size_t>(t * B + b)] = text[static_cast<size_t>(b * (T + 1) + t + 1)];
    }
  }
}

float CharLstmWorkload::step() {
  tape_.clear();
  RecurrentOutput out = model_->forward(tape_, tape_.constant(x_));  // logits (T, B, V)
  Var loss = cross_entropy(reshape(out.output, Shape{spec_.steps * spec_.batch, spec_.vocab}), target_);
  optimizer_->zero_grad();
  tape_.backward(loss);
  optimizer_->step();
  return loss.value().item();
}

}  // namespace rnnlab::bench
