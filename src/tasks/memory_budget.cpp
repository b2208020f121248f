#include "tasks/memory_budget.h"

#include "core/error.h"

namespace rnnlab {
namespace {

int64_t gates_of(const ModelConfig& m) {
  switch (m.cell_kind()) {
    case CellKind::Lstm: return 4;
    case CellKind::Gru: return 3;
    default: return 1;
  }
}

int64_t optimizer_state_copies(const OptimizerConfig& o) {
  if (o.kind == "adam") return o.amsgrad ? 3 : 2;
  if (o.kind == "rmsprop") return 1 + (o.centered ? 1 : 0) + (o.momentum > 0.0f ? 1 : 0);
  return o.momentum > 0.0f ? 1 : 0;
}

// "12.3 MB" with one decimal, from bytes.
std::string megabytes(int64_t bytes) {
  const int64_t tenths = (bytes * 10 + kMiB / 2) / kMiB;
  return message(tenths / 10, ".", tenths % 10, " MB");
}

// The image classifiers: floats one image holds on the tape in a training step (each activation and its gradient,
// with the convolution's unfolded patches and the pool's choices), times 3 for the evaluation pass's copies and the
// allocator's slack.
int64_t image_floats_per_example(const ModelConfig& m) {
  const int64_t S = m.image_side, K = *m.head_out, H = m.hidden_size;
  int64_t floats = m.input_size + 2 * H + 2 * K;
  if (m.kind == "cnn") {
    const int64_t conv = (S - m.kernel + 1) * (S - m.kernel + 1), pooled = (conv / 4);
    floats += m.kernel * m.kernel * conv + 2 * m.channels * conv + 3 * m.channels * pooled;
  }
  return 2 * 3 * floats;
}

int64_t image_parameter_count(const ModelConfig& m) {
  const int64_t K = *m.head_out, H = m.hidden_size;
  if (m.kind == "mlp") return H * (m.input_size + 1) + K * (H + 1);
  const int64_t conv_side = m.image_side - m.kernel + 1, pooled = conv_side / 2;
  return m.channels * (m.kernel * m.kernel + 1) + H * (m.channels * pooled * pooled + 1) + K * (H + 1);
}

}  // namespace

int64_t parameter_count(const ModelConfig& m) {
  if (m.is_image()) return image_parameter_count(m);
  const int64_t G = gates_of(m), H = m.hidden_size, D = m.directions();
  int64_t count = 0;
  for (int64_t l = 0; l < m.num_layers; ++l) {
    const int64_t in = l == 0 ? m.input_size : D * H;
    count += D * (G * H * (in + H) + (m.bias ? 2 * G * H : 0));
  }
  if (m.head_out) count += *m.head_out * (D * H + 1);
  count += m.num_embeddings * m.embedding_dim;
  return count;
}

int64_t estimated_training_bytes(const ModelConfig& m, int64_t steps, const OptimizerConfig& optimizer, int64_t batch,
                                 int64_t data_bytes) {
  // Every size is already within its limit (validate; the tasks bound T, B and their data), so no product below
  // overflows int64.
  if (m.is_image())
    return (parameter_count(m) * (3 + optimizer_state_copies(optimizer)) + batch * image_floats_per_example(m)) * 4 +
           data_bytes + kMiB;
  const int64_t G = gates_of(m), H = m.hidden_size, D = m.directions(), T = steps, B = batch;
  int64_t floats = parameter_count(m) * (3 + optimizer_state_copies(optimizer));
  for (int64_t l = 0; l < m.num_layers; ++l) {
    const int64_t in = l == 0 ? m.input_size : D * H;
    const int64_t per_sequence_step = (4 * G * H + 8 * H + 2 * in) + 2 * (G * H + 4 * H + in);
    const int64_t eval_step = 2 * G * H + 4 * H + in;
    floats += D * (G * H * H + T * (B * per_sequence_step + eval_step));
  }
  floats += T * B * m.embedding_dim * 2;
  floats += T * B * m.output_size() * 8;
  return floats * 4 + data_bytes + kMiB;
}

void check_memory_budget(const ModelConfig& m, int64_t steps, const OptimizerConfig& optimizer, int64_t batch,
                         int64_t data_bytes) {
  const int64_t bytes = estimated_training_bytes(m, steps, optimizer, batch, data_bytes);
  check(bytes <= kTrainingBudgetBytes, "memory: a ", m.kind, " with hidden size ", m.hidden_size, ", ",
        m.num_layers, m.num_layers == 1 ? " layer" : " layers", m.bidirectional ? ", bidirectional" : "", ", ",
        m.input_size, " inputs and ", steps, steps == 1 ? " step" : " steps",
        batch > 1 ? message(" in batches of ", batch) : std::string(),
        data_bytes >= kMiB ? message(" over ", megabytes(data_bytes), " of data") : std::string(), " needs about ",
        megabytes(bytes), ", over the budget of ", megabytes(kTrainingBudgetBytes),
        " for one model; lower the hidden size, the number of layers",
        batch > 1 ? ", the sequence length or the batch" : " or the sequence length");
}

}  // namespace rnnlab
