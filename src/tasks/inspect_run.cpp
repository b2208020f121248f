#include "tasks/inspect_run.h"

#include <algorithm>
#include <string>

#include "core/error.h"

namespace rnnlab {

int64_t inspect_bytes(const ModelConfig& m, int64_t steps) {
  const int64_t G = gate_count(m.cell_kind()), H = m.hidden_size, D = m.directions();
  int64_t floats = 0;
  for (int64_t l = 0; l < (m.is_cell() ? 1 : m.num_layers); ++l) {
    const int64_t I = l == 0 ? (m.has_embedding() ? m.embedding_dim : m.input_size) : D * H;
    floats += D * (4 * G * H + 8 * H + I);
  }
  return floats * steps * static_cast<int64_t>(sizeof(float));
}

InspectRun InspectRun::of_tokens(SequenceModel& model, std::span<const int32_t> tokens) {
  return InspectRun(model, tokens, {}, false);
}

InspectRun InspectRun::of_values(SequenceModel& model, std::span<const float> values) {
  return InspectRun(model, {}, values, false);
}

InspectRun InspectRun::of_rows(SequenceModel& model, std::span<const float> rows) {
  return InspectRun(model, {}, rows, true);
}

InspectRun::InspectRun(SequenceModel& model, std::span<const int32_t> tokens, std::span<const float> values, bool rows)
    : model_(&model), tape_(std::make_unique<Tape>()), classes_(values.empty() || rows) {
  const ModelConfig& m = model.config();
  const bool of_tokens = values.empty();
  input_size_ = of_tokens ? 0 : rows ? m.input_size : 1;
  if (rows) {
    check(!m.has_embedding() && !m.is_image() && m.input_size >= 1, "inspect: the model does not read rows of values");
    check(values.size() % static_cast<size_t>(m.input_size) == 0, "pixels: got ", values.size(),
          " values, expected whole rows of ", m.input_size);
  }
  steps_ = static_cast<int64_t>(of_tokens ? tokens.size() : values.size() / static_cast<size_t>(input_size_));
  if (steps_ < 1 || steps_ > kMaxInspectLength)
    throw Error("text: got " + std::to_string(steps_) + " characters, expected 1 to " + std::to_string(kMaxInspectLength));
  if (inspect_bytes(m, steps_) > kMaxInspectBytes) {
    int64_t fits = 1;
    while (fits < steps_ && inspect_bytes(m, fits + 1) <= kMaxInspectBytes) ++fits;
    throw Error("text: got " + std::to_string(steps_) + " characters; this model's inspection takes " +
                std::to_string(inspect_bytes(m, 100) / 1024) + " KB per 100 characters, so at most " +
                std::to_string(fits) + " fit its " + std::to_string(kMaxInspectBytes >> 20) + " MB");
  }
  const bool was_training = model.is_training();
  model.eval();
  try {
    RecurrentOutput out;
    if (of_tokens) {
      tokens_.assign(tokens.begin(), tokens.end());
      if (m.batch_first) {  // forward_tokens is time-major; a batch of one is the same buffer either way
        check(!m.has_embedding(), "inspect: a batch_first model with an embedding is not supported");
        const int64_t V = m.input_classes();
        Tensor one_hot(Shape{1, steps_, V});
        for (int64_t t = 0; t < steps_; ++t) {
          check(tokens[t] >= 0 && tokens[t] < V, "inspect: token ", t, " is ", tokens[t], ", expected [0, ", V, ")");
          one_hot[t * V + tokens[t]] = 1.0f;
        }
        out = model.forward(*tape_, tape_->constant(one_hot));
      } else {
        out = model.forward_tokens(*tape_, tokens, steps_, 1);
      }
    } else {
      check(rows || (m.input_size == 1 && !m.has_embedding()), "inspect: the model reads ", m.input_size,
            " values per step, expected 1 (a value per step, as sine)");
      const int64_t I = input_size_;
      const Shape shape = m.batch_first ? Shape{1, steps_, I} : Shape{steps_, 1, I};
      out = model.forward(*tape_, tape_->constant(Tensor(shape, std::vector<float>(values.begin(), values.end()))));
    }
    const Tensor& y = out.output.value();  // (T, 1, K) or (1, T, K): the same buffer for a batch of one
    outputs_ = y.dim(y.shape().rank() - 1);
    output_.assign(y.data(), y.data() + y.numel());
    model.traces(traces_);
  } catch (...) {
    model.train(was_training);
    throw;
  }
  model.train(was_training);
}

}  // namespace rnnlab
