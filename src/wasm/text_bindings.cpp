// The text family's part of the table JS sees, registered only in the modules that train the text task
// (rnnlab_text, rnnlab_node). The methods take the TrainerHandle that bindings.cpp registers; web/src/api/rnnlab.js
// calls them as its Trainer's sample() and validationLoss() and its Rnnlab's checkCorpus().
#include <emscripten/bind.h>

#include "wasm/text_handle.h"

EMSCRIPTEN_BINDINGS(rnnlab_text) {
  emscripten::function("textSample", &rnnlab::wasm::text_sample);
  emscripten::function("textValidationLoss", &rnnlab::wasm::text_validation_loss);
  emscripten::function("checkCorpus", &rnnlab::wasm::check_corpus);
  emscripten::function("fiveCharacterLineShare", &rnnlab::wasm::five_character_line_share_of);
}
