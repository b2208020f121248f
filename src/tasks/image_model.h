// The digits task's image classifiers ("mlp", "cnn": nn/image_classifiers.h) as SequenceModel builds them, defined in
// linked_tasks.cpp: a WebAssembly module without the digits family gets a definition that refuses, so the
// convolution, pooling and MLP layers are linked only where they train (docs/wasm.md, "One module per task family").
#pragma once
#include <memory>

#include "core/rng.h"
#include "nn/sequential.h"
#include "tasks/model_config.h"

namespace rnnlab {

// A torch.nn.Sequential stack for `config` (is_image()), initialized from `rng` in torch's order.
std::unique_ptr<Sequential> make_image_model(const ModelConfig& config, Rng& rng);

}  // namespace rnnlab
