// The object JS holds: one Trainer, replaced only by a fully built new one. Every method is an entry point of
// the binding, so each returns an emscripten::val that is either its result or a JS Error (js_result.h);
// web/src/api/rnnlab.js turns the Error into a thrown RnnlabError.
#pragma once
#include <emscripten/val.h>

#include <memory>
#include <string>
#include <vector>

#include "tasks/text_task.h"
#include "tasks/trainer.h"

namespace rnnlab::wasm {

class TrainerHandle {
 public:
  TrainerHandle() = default;

  // Builds a trainer from a JS config (missing keys from the task's preset) and swaps it in only when it was
  // built: a bad config leaves the current trainer as it was. Returns the full config. `corpus`: the text
  // task's corpus as a string, or undefined to keep the current trainer's (held once, shared, never copied per
  // step).
  // `digits`: the digits task's images {images: Uint8Array, labels: Uint8Array} (docs/js-api.md, DigitsData), or
  // undefined to keep the current trainer's; bad data is an error with key "digits".
  emscripten::val configure(const emscripten::val& config, const emscripten::val& corpus,
                            const emscripten::val& digits);
  // A fresh trainer from the current config: iteration 0, the seed's initial weights. Returns null.
  emscripten::val reset();

  emscripten::val config() const;
  emscripten::val iteration() const;
  emscripten::val stopped() const;
  // Up to n steps (1 .. kMaxStepsPerCall); fewer when training stops.
  emscripten::val step(int n);
  // A forward and backward pass without an update, for the trace of a model that has not stepped (Trainer::inspect).
  // Returns the loss.
  emscripten::val inspect();
  emscripten::val predict();
  emscripten::val trace() const;
  emscripten::val parameters() const;
  emscripten::val save_state_dict() const;
  emscripten::val load_state_dict(const std::string& text);
  // The text task: generated text for {prime, length, temperature, topK, seed}; the validation loss in nats per
  // character.
  emscripten::val sample(const emscripten::val& options);
  emscripten::val validation_loss();
  // The digits task: one image (Float32Array(784) in [0, 1]) through the current weights (DigitsTask::classify).
  emscripten::val classify(const emscripten::val& pixels);

  static constexpr int kMaxStepsPerCall = 1000000;

 private:
  Trainer& trainer() const;  // throws when nothing was configured yet
  TextTask& text_task(const char* method) const;  // throws, naming the method, for another task
  // Swaps in a trainer built from `next` (validated); if building it fails (runs out of memory), the current one
  // stays (rebuilt with its weights and iteration) and the error goes on to the caller.
  void replace(const TrainerConfig& next);

  std::unique_ptr<Trainer> trainer_;
  std::vector<float> losses_;  // the losses of one step() call, reused between calls
  Tape classify_tape_;         // classify()'s forward, which its trace views point into
};

// The C++ presets as JS configs ("seq", "sine"): what the JS module's PRESETS must equal.
emscripten::val preset_config(const std::string& task);

// Tang poems: the share of the lines of `text` of the form 五字，五字。 (text_sampler.h), for the page's sample view.
double five_character_line_share_of(const std::string& text);

// Checks a corpus as the text task would (its size, UTF-8, distinct characters, at least seqLen + 1 characters)
// without building a trainer: {characters, symbols}, or the error (key "corpus") configure would give. The worker checks a
// user's text with it while the current model keeps training.
emscripten::val check_corpus(const emscripten::val& text, int seq_len);

// A drawing (width * height values in [0, 1], 1 = ink) made into an MNIST digit, Float32Array(784): io/digit_image.h,
// the same function as `rnnlab predict --image`. Errors name pixels, width or height (key "pixels").
emscripten::val digit_image(const emscripten::val& gray, int width, int height);

// "rnnlab wasm simd128 <exception mode>": what the running module was built with.
emscripten::val build_info();

// {heapBytes: the size of wasm memory (it grows, never shrinks), inUseBytes: what malloc has handed out and not
// taken back}: for the memory tests and a debug readout.
emscripten::val memory_info();

}  // namespace rnnlab::wasm
