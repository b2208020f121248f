// The pieces of a torch export every task shares (export/torch_program.h): the model as an nn.Module with torch's own
// modules and rnnlab's state_dict names (embedding, rnn, head), the optimizer and clipping lines, and rnnlab's
// seeded generator in Python for what rnnlab draws at random (data, dropout masks).
#pragma once
#include <string>

#include "tasks/model_config.h"
#include "train/optimizer_config.h"

namespace rnnlab::torch_export {

// What the model's forward takes.
enum class ModelInput {
  Features,  // floats in the layer's layout (one-hot rows, sine samples)
  Indices,   // class indices (T, B): through the embedding, or one-hot inside forward when there is none
};

// "class Model(nn.Module): ..." for a layer model: forward(x, hidden=None) -> (output, hidden) as torch's layer
// returns them. A cell model (arch "cell") has only `self.rnn`, which the task's loop steps as the seed does.
// With dropout between layers, the class takes `dropout_rng` and runs the layers one at a time with rnnlab's masks.
// `last_step`: forward returns the head of the last step's output only ((B, K), a many-to-one task's answer).
std::string model_class(const ModelConfig& m, ModelInput input, bool last_step = false);
// The expression that builds the model in main(): "Model()" or "Model(dropout_rng=Rng(SEED, 3))".
std::string model_construction(const ModelConfig& m);
// Whether the model draws dropout masks (dropout > 0 between two or more layers).
bool draws_dropout(const ModelConfig& m);

// "torch.optim.Adam(model.parameters(), lr=0.1)": every setting that differs from torch's default, and lr always.
std::string optimizer_expression(const OptimizerConfig& o);
// The clipping line after backward, indented by `indent`, or "" when clipping is off.
std::string clip_line(float clip_norm, int indent);

// rnnlab's Rng (src/core/rng.cpp) in Python: integer() and uniform() give the same numbers. With dropout, also
// dropout_mask(), rnnlab's mask drawn element by element.
std::string rng_class(bool with_dropout_mask);

}  // namespace rnnlab::torch_export
