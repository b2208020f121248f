// The JS config object <-> TrainerConfig. The JS object is flat (its keys are also URL-hash keys and widget
// attributes, docs/js-api.md); TrainerConfig nests the sine and optimizer settings and spells fields as C++ does.
//
//   JS key        TrainerConfig field            JS key        TrainerConfig field
//   task          task ("hello" means "seq")     optim         optimizer.kind
//   input target  input target                   lr momentum   optimizer.lr .momentum
//   points span   sine.points sine.span          dampening     optimizer.dampening
//   starts        sine.start_choices             nesterov      optimizer.nesterov
//   arch cell     arch cell                      beta1 beta2   optimizer.beta1 .beta2
//   nonlinearity  nonlinearity                   eps amsgrad   optimizer.eps .amsgrad
//   hidden        hidden_size                    alpha         optimizer.alpha
//   layers        num_layers                     centered      optimizer.centered
//   bidirectional bidirectional                  weightDecay   optimizer.weight_decay
//   dropout       dropout                        clip          clip_norm
//   seed          seed
#pragma once
#include <emscripten/val.h>

#include <string>
#include <string_view>

#include "tasks/trainer_config.h"

namespace rnnlab::wasm {

// Missing (or undefined) keys take the preset of `task` (seq: the hello seed, sine: the sine seed). Checks the
// type of every value and rejects unknown keys, naming the key; ranges are checked by Trainer itself.
TrainerConfig trainer_config_from_js(const emscripten::val& object);

// Every key, with numbers as the shortest decimal that reads back as the same float (0.1f -> 0.1).
emscripten::val trainer_config_to_js(const TrainerConfig& config);

// A C++ error message whose leading field name is a TrainerConfig field ("hidden_size: got 0 ...") rewritten to
// the JS key ("hidden: got 0 ..."); `key` receives the JS key, or stays empty when the message names none.
std::string message_with_js_keys(std::string_view message, std::string& key);

}  // namespace rnnlab::wasm
