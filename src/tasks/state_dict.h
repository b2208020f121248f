// Saved models: the "rnnlab.state_dict" JSON format, shared with torch (scripts/rnnlab_torch.py).
//
//   {"format": "rnnlab.state_dict", "version": 1,
//    "config": {"kind", "nonlinearity", "input_size", "hidden_size", "num_layers", "bias", "batch_first",
//               "dropout", "bidirectional", "head": null | {"out_features": K}},
//    "tensors": {"rnn.weight_ih_l0": {"shape": [..], "data": [..]}, ..., "head.weight": ..., "head.bias": ...},
//    "task": optional, what rnnlab needs to use the model on text: {"kind": "seq", "vocabulary": "ehlo"}
//            or {"kind": "sine"}, and from a Trainer's save the "iteration" it was saved at (a loaded model
//            counts on from there) and "trainer", the run's config with the JS keys (trainer_config_json.h: seed,
//            optimizer, texts; not a corpus's text); torch ignores it}
//
// Tensor names are torch's state_dict names of a module whose recurrent layer is `rnn` and whose head is `head`.
#pragma once
#include <memory>
#include <string>
#include <string_view>

#include "io/json.h"
#include "tasks/sequence_model.h"

namespace rnnlab {

std::string save_state_dict(const SequenceModel& model, const json::Value& task = json::Value());

struct LoadedModel {
  std::unique_ptr<SequenceModel> model;
  json::Value task;  // null when the file has none
};

// Parses and checks everything (format, version, config, every tensor's presence, shape and finiteness, no
// unknown names) and builds a new model: nothing existing is touched, so a failed load changes nothing.
// Errors name the field or tensor ("tensors.rnn.weight_hh_l0: shape [4, 3], expected [4, 4]").
LoadedModel load_state_dict(std::string_view text);

ModelConfig model_config_from_json(const json::Value& config, std::string_view path);
void write_model_config(json::Writer& writer, const ModelConfig& config);

}  // namespace rnnlab
