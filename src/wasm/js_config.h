// The JS config object <-> TrainerConfig, key by key as the schema (tasks/config_schema.h) lists them: the JS
// object is flat (its keys are also URL-hash keys and widget attributes, docs/js-api.md).
#pragma once
#include <emscripten/val.h>

#include <string>
#include <string_view>

#include <memory>

#include "io/labelled_images.h"
#include "tasks/text_corpus.h"
#include "tasks/text_sampler.h"
#include "tasks/trainer_config.h"

namespace rnnlab::wasm {

// Missing (or undefined) keys take the preset of `task` (seq: the hello seed, sine: the sine seed) and the
// implied defaults. Checks the type and range of every value and rejects unknown keys, naming the key.
TrainerConfig trainer_config_from_js(const emscripten::val& object);

// The text task's corpus from a JS string (well-formed UTF-16, converted once and parsed: tasks/text_corpus.h,
// whose checks it throws), for TrainerConfig::corpus.
std::shared_ptr<const TextCorpus> corpus_from_js(const emscripten::val& text, int64_t seq_len);

// The digits task's images from {images: Uint8Array (count * 784), labels: Uint8Array (count)}, checked
// (tasks/digits_data.h), for TrainerConfig::digits_images. Messages name digits.images / digits.labels.
std::shared_ptr<const LabelledImages> digits_from_js(const emscripten::val& digits);

// {prime, length, temperature, topK, seed} (each optional) as the sampler's options; types checked here, ranges
// by the sampler. Messages name the option.
SampleOptions sample_options_from_js(const emscripten::val& options);

// Every key, with numbers as the shortest decimal that reads back as the same float (0.1f -> 0.1).
emscripten::val trainer_config_to_js(const TrainerConfig& config);

}  // namespace rnnlab::wasm
