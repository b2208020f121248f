// The text family's entry points, apart from TrainerHandle so that only the module that trains the text task
// (rnnlab_text, and the Node module) carries the sampler and the corpus checks (docs/wasm.md, "One module per task
// family"). Each returns its result or a JS Error, as TrainerHandle's methods do (js_result.h).
#pragma once
#include <emscripten/val.h>

#include <string>

#include "wasm/trainer_handle.h"

namespace rnnlab::wasm {

// The text task's generated text for {prime, length, temperature, topK, seed}.
emscripten::val text_sample(TrainerHandle& handle, const emscripten::val& options);
// The text task's validation loss in nats per character.
emscripten::val text_validation_loss(TrainerHandle& handle);

// Checks a corpus as the text task would (its size, UTF-8, distinct characters, at least seqLen + 1 characters)
// without building a trainer: {characters, symbols}, or the error (key "corpus") configure would give. The worker
// checks a user's text with it while the current model keeps training.
emscripten::val check_corpus(const emscripten::val& text, int seq_len);

// Tang poems: the share of the lines of `text` of the form 五字，五字。 (text_sampler.h), for the page's sample view.
double five_character_line_share_of(const std::string& text);

}  // namespace rnnlab::wasm
