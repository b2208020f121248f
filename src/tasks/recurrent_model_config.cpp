#include "tasks/recurrent_model_config.h"

#include "tasks/config_schema.h"

namespace rnnlab {

ModelConfig recurrent_model_config(const TrainerConfig& c, int64_t inputs, int64_t outputs, bool batch_first) {
  ModelConfig m;
  m.nonlinearity = c.nonlinearity;
  m.num_layers = c.num_layers;
  m.dropout = c.dropout;
  m.bidirectional = c.bidirectional;
  if (c.nonlinearity == "relu" && c.cell != "rnn")
    fail_key("nonlinearity", "got \"relu\", expected tanh (relu exists for rnn only)");
  if (c.arch == "cell") {
    m.kind = c.cell + "_cell";
    if (c.num_layers != 1) fail_key("layers", "got ", c.num_layers, ", a single cell (", m.kind, ") has 1");
    if (c.bidirectional) fail_key("bidirectional", "a single cell (", m.kind, ") runs forward only");
    if (c.dropout != 0.0f) fail_key("dropout", "got ", c.dropout, ", a single cell (", m.kind, ") has no dropout");
    if (c.hidden_size != 0 && c.hidden_size != inputs)
      fail_key("hidden", "got ", c.hidden_size,
               "; arch \"cell\" uses the hidden state as the logits, so it must equal the vocabulary size ", inputs,
               " (or 0)");
    m.input_size = inputs;
    m.hidden_size = inputs;
  } else {
    if (c.hidden_size < 1) fail_key("hidden", "got ", c.hidden_size, ", expected 1 to ", kMaxHiddenSize);
    m.kind = c.cell;
    m.input_size = inputs;
    m.hidden_size = c.hidden_size;
    m.batch_first = batch_first;
    m.head_out = outputs;
  }
  validate(m);
  return m;
}

}  // namespace rnnlab
