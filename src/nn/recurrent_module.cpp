#include "nn/recurrent_module.h"

#include <array>
#include <string>

#include "core/ops_shape.h"
#include "nn/dropout.h"
#include "nn/init.h"
#include "nn/recurrent_layer.h"

namespace rnnlab {

Recurrent::Recurrent(const RecurrentConfig& config, Rng& rng) : config_(config) {
  check(config.input_size >= 1, "input_size: got ", config.input_size, ", expected >= 1");
  check(config.hidden_size >= 1, "hidden_size: got ", config.hidden_size, ", expected >= 1");
  check(config.num_layers >= 1, "num_layers: got ", config.num_layers, ", expected >= 1");
  // Written so that NaN fails too.
  check(config.dropout >= 0.0f && config.dropout < 1.0f, "dropout: got ", config.dropout,
        ", expected a probability in [0, 1)");

  const int64_t H = config.hidden_size, GH = gate_count(config.kind) * H;
  for (int64_t layer = 0; layer < config.num_layers; ++layer) {
    const int64_t layer_input = layer == 0 ? config.input_size : directions() * H;
    for (int direction = 0; direction < directions(); ++direction) {
      const std::string suffix = "_l" + std::to_string(layer) + (direction == 1 ? "_reverse" : "");
      LayerParameters p{};
      p.weight_ih = &register_parameter("weight_ih" + suffix, Shape{GH, layer_input});
      p.weight_hh = &register_parameter("weight_hh" + suffix, Shape{GH, H});
      if (config.bias) {
        p.bias_ih = &register_parameter("bias_ih" + suffix, Shape{GH});
        p.bias_hh = &register_parameter("bias_hh" + suffix, Shape{GH});
      }
      layers_.push_back(p);
    }
  }
  for (Parameter* p : parameters()) init_recurrent(p->value, H, rng);
  layer_outputs_.reserve(layers_.size());
  final_h_.reserve(layers_.size());
  final_c_.reserve(layers_.size());
}

const char* Recurrent::name() const {
  switch (config_.kind) {
    case CellKind::Lstm: return "LSTM";
    case CellKind::Gru: return "GRU";
    default: return "RNN";
  }
}

const Recurrent::LayerParameters& Recurrent::layer_parameters(int64_t layer, int direction) const {
  check(layer >= 0 && layer < config_.num_layers, name(), ": layer ", layer, " out of range [0, ",
        config_.num_layers, ")");
  check(direction >= 0 && direction < directions(), name(), ": direction ", direction, " out of range [0, ",
        directions(), ")");
  return layers_[static_cast<size_t>(layer * directions() + direction)];
}

void Recurrent::check_states(Var h0, Var c0, int64_t B, bool unbatched, Rng* dropout_rng) const {
  const int64_t L = config_.num_layers, D = directions(), H = config_.hidden_size;
  const Shape state_shape = unbatched ? Shape{L * D, H} : Shape{L * D, B, H};
  const char* state_layout = unbatched ? "(num_layers * directions, hidden_size)"
                                       : "(num_layers * directions, batch, hidden_size)";
  if (h0.defined())
    check(h0.shape() == state_shape, name(), ": h0 has shape ", h0.shape(), ", expected ", state_shape, " ",
          state_layout);
  if (config_.kind == CellKind::Lstm) {
    check(h0.defined() == c0.defined(), name(), ": h0 and c0 go together; got ", h0.defined() ? "h0" : "c0",
          " without ", h0.defined() ? "c0" : "h0");
    if (c0.defined())
      check(c0.shape() == state_shape, name(), ": c0 has shape ", c0.shape(), ", expected ", state_shape, " ",
            state_layout);
  } else {
    check(!c0.defined(), name(), ": c0 given, but only an LSTM has a cell state");
  }
  const bool drop = config_.dropout > 0.0f && is_training() && L > 1;
  check(!drop || dropout_rng != nullptr, name(), ": dropout ", config_.dropout,
        " in training mode needs a random generator (pass dropout_rng to forward)");
}

RecurrentOutput Recurrent::forward(Tape& tape, Var input, Var h0, Var c0, Rng* dropout_rng) {
  const int64_t L = config_.num_layers, D = directions(), H = config_.hidden_size, I = config_.input_size;
  check(input.defined(), name(), ": input is undefined");
  const Shape in = input.shape();
  const char* layout = config_.batch_first ? "(B, T, input_size)" : "(T, B, input_size)";
  check(in.rank() == 2 || in.rank() == 3, name(), ": input has shape ", in, ", expected rank 3 ", layout,
        " or rank 2 (T, input_size) for one unbatched sequence");
  check(in.back() == I, name(), ": input has shape ", in, ", expected its last dimension to be input_size ", I);
  const bool unbatched = in.rank() == 2;
  const int64_t T = unbatched || !config_.batch_first ? in[0] : in[1];
  const int64_t B = unbatched ? 1 : (config_.batch_first ? in[0] : in[1]);
  check(T >= 1, name(), ": input has shape ", in, ", expected at least one step");
  check(B >= 1, name(), ": input has shape ", in, ", expected at least one batch row");
  check_states(h0, c0, B, unbatched, dropout_rng);

  // The layers run on (T, B, features).
  Var x = input;
  if (unbatched) {
    x = reshape(x, Shape{T, 1, I});
    if (h0.defined()) h0 = reshape(h0, Shape{L * D, 1, H});
    if (c0.defined()) c0 = reshape(c0, Shape{L * D, 1, H});
  } else if (config_.batch_first) {
    x = transpose01(x);
  }
  RecurrentOutput result = run_layers(tape, x, Var{}, {}, h0, c0, dropout_rng);
  if (unbatched) {
    result.output = reshape(result.output, Shape{T, D * H});
    result.h_n = reshape(result.h_n, Shape{L * D, H});
    if (result.c_n.defined()) result.c_n = reshape(result.c_n, Shape{L * D, H});
  } else if (config_.batch_first) {
    result.output = transpose01(result.output);
  }
  return result;
}

RecurrentOutput Recurrent::forward_rows(Tape& tape, Var table, std::span<const int32_t> rows, int64_t steps,
                                        int64_t batch, Var h0, Var c0, Rng* dropout_rng) {
  check(!config_.batch_first, name(), ": forward_rows runs time-major; this layer is batch_first");
  check(table.defined() && table.shape().rank() == 2 && table.shape()[1] == config_.input_size, name(),
        ": the table has shape ", table.defined() ? table.shape() : Shape{}, ", expected (rows, input_size ",
        config_.input_size, ")");
  check(steps >= 1 && batch >= 1 && static_cast<int64_t>(rows.size()) == steps * batch, name(), ": ", rows.size(),
        " rows for ", steps, " steps of batch ", batch, ", expected ", steps * batch);
  check_states(h0, c0, batch, false, dropout_rng);
  return run_layers(tape, Var{}, table, rows, h0, c0, dropout_rng, steps, batch);
}

RecurrentOutput Recurrent::run_layers(Tape& tape, Var x, Var table, std::span<const int32_t> rows, Var h0, Var c0,
                                      Rng* dropout_rng, int64_t steps, int64_t batch) {
  const int64_t L = config_.num_layers, D = directions();
  const bool drop = config_.dropout > 0.0f && is_training() && L > 1;
  layer_outputs_.clear();
  final_h_.clear();
  final_c_.clear();
  for (int64_t layer = 0; layer < L; ++layer) {
    std::array<Var, 2> outputs;
    for (int direction = 0; direction < D; ++direction) {
      const int64_t k = layer * D + direction;
      const LayerParameters& p = layers_[static_cast<size_t>(k)];
      const Var w_ih = tape.param(*p.weight_ih), w_hh = tape.param(*p.weight_hh);
      const Var b_ih = p.bias_ih ? tape.param(*p.bias_ih) : Var{}, b_hh = p.bias_hh ? tape.param(*p.bias_hh) : Var{};
      const Var h = h0.defined() ? select(h0, k) : Var{}, c = c0.defined() ? select(c0, k) : Var{};
      // The first layer reads the rows of `table` when given one (an embedding: recurrent_layer_rows).
      RecurrentLayerResult r =
          layer == 0 && table.defined()
              ? recurrent_layer_rows(tape, config_.kind, table, rows, steps, batch, w_ih, w_hh, b_ih, b_hh, h, c,
                                     direction == 1)
              : recurrent_layer(tape, config_.kind, x, w_ih, w_hh, b_ih, b_hh, h, c, direction == 1);
      outputs[static_cast<size_t>(direction)] = r.output;
      layer_outputs_.push_back(r.output);
      final_h_.push_back(r.h_n);
      if (r.c_n.defined()) final_c_.push_back(r.c_n);
    }
    x = D == 2 ? concat(outputs, 2) : outputs[0];  // (T, B, D*H)
    if (drop && layer + 1 < L) x = dropout(x, config_.dropout, *dropout_rng, true);
  }

  RecurrentOutput result;
  result.output = x;
  result.h_n = stack(final_h_);  // (L*D, B, H)
  if (!final_c_.empty()) result.c_n = stack(final_c_);
  return result;
}

LayerTrace Recurrent::trace(int64_t layer, int direction) const {
  layer_parameters(layer, direction);  // checks the indices
  check(!layer_outputs_.empty(), name(), ": no trace before the first forward");
  return layer_trace(layer_outputs_[static_cast<size_t>(layer * directions() + direction)]);
}

}  // namespace rnnlab
