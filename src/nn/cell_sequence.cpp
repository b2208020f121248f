#include "nn/cell_sequence.h"

#include "core/ops_shape.h"
#include "nn/init.h"
#include "nn/recurrent_layer.h"

namespace rnnlab {

CellSequence::CellSequence(const CellSequenceConfig& config, Rng& rng) : config_(config) {
  check(config.input_size >= 1, "input_size: got ", config.input_size, ", expected >= 1");
  check(config.hidden_size >= 1, "hidden_size: got ", config.hidden_size, ", expected >= 1");
  const int64_t GH = gate_count(config.kind) * config.hidden_size;
  weight_ih_ = &register_parameter("weight_ih", Shape{GH, config.input_size});
  weight_hh_ = &register_parameter("weight_hh", Shape{GH, config.hidden_size});
  if (config.bias) {
    bias_ih_ = &register_parameter("bias_ih", Shape{GH});
    bias_hh_ = &register_parameter("bias_hh", Shape{GH});
  }
  for (Parameter* p : parameters()) init_recurrent(p->value, config.hidden_size, rng);
}

const char* CellSequence::name() const {
  switch (config_.kind) {
    case CellKind::Lstm: return "LSTMCell";
    case CellKind::Gru: return "GRUCell";
    default: return "RNNCell";
  }
}

RecurrentOutput CellSequence::forward(Tape& tape, Var x, Var h0, Var c0) {
  const int64_t I = config_.input_size, H = config_.hidden_size;
  check(x.defined(), name(), ": input is undefined");
  const Shape in = x.shape();
  check(in.rank() == 2 || in.rank() == 3, name(), ": input has shape ", in,
        ", expected rank 3 (T, B, input_size) or rank 2 (T, input_size) for one unbatched sequence");
  check(in.back() == I, name(), ": input has shape ", in, ", expected its last dimension to be input_size ", I);
  const bool unbatched = in.rank() == 2;
  const int64_t T = in[0], B = unbatched ? 1 : in[1];
  check(T >= 1, name(), ": input has shape ", in, ", expected at least one step");
  check(B >= 1, name(), ": input has shape ", in, ", expected at least one batch row");
  const Shape state_shape = unbatched ? Shape{H} : Shape{B, H};
  if (h0.defined())
    check(h0.shape() == state_shape, name(), ": h0 has shape ", h0.shape(), ", expected ", state_shape,
          unbatched ? " (hidden_size)" : " (batch, hidden_size)");
  if (config_.kind == CellKind::Lstm) {
    check(h0.defined() == c0.defined(), name(), ": h0 and c0 go together; got ", h0.defined() ? "h0" : "c0",
          " without ", h0.defined() ? "c0" : "h0");
    if (c0.defined())
      check(c0.shape() == state_shape, name(), ": c0 has shape ", c0.shape(), ", expected ", state_shape,
            unbatched ? " (hidden_size)" : " (batch, hidden_size)");
  } else {
    check(!c0.defined(), name(), ": c0 given, but only an LSTM cell has a cell state");
  }

  if (unbatched) {
    x = reshape(x, Shape{T, 1, I});
    if (h0.defined()) h0 = reshape(h0, Shape{1, H});
    if (c0.defined()) c0 = reshape(c0, Shape{1, H});
  }
  RecurrentLayerResult r =
      recurrent_layer(tape, config_.kind, x, tape.param(*weight_ih_), tape.param(*weight_hh_),
                      bias_ih_ ? tape.param(*bias_ih_) : Var{}, bias_hh_ ? tape.param(*bias_hh_) : Var{}, h0, c0,
                      /*reverse=*/false);
  last_output_ = r.output;
  RecurrentOutput result{r.output, r.h_n, r.c_n};
  if (unbatched) {
    result.output = reshape(result.output, Shape{T, H});
    result.h_n = reshape(result.h_n, Shape{H});
    if (result.c_n.defined()) result.c_n = reshape(result.c_n, Shape{H});
  }
  return result;
}

LayerTrace CellSequence::trace() const {
  check(last_output_.defined(), name(), ": no trace before the first forward");
  return layer_trace(last_output_);
}

}  // namespace rnnlab
