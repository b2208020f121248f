// The digits family's part of the table JS sees, registered only in the modules that train the digits task
// (rnnlab_digits, rnnlab_node): one image through the current model, and MNIST's preprocessing of a drawn picture
// (src/io/digit_image.h, the one place that does it). web/src/api/rnnlab.js calls them as its Trainer's
// classify(pixels) and its Rnnlab's digitImage().
#include <emscripten/bind.h>

#include <new>
#include <vector>

#include "core/error.h"
#include "io/digit_image.h"
#include "tasks/digits_data.h"
#include "tasks/digits_task.h"
#include "wasm/js_arrays.h"
#include "wasm/js_result.h"
#include "wasm/js_results.h"
#include "wasm/trainer_handle.h"

namespace rnnlab::wasm {
namespace {

using emscripten::val;

// One image (Float32Array(784) in [0, 1]) through the current weights (DigitsTask::classify): {probabilities,
// predicted, perRow?, layers?}. Its tape lives for the call: the trace's views are copied out before it goes.
val digits_classify(TrainerHandle& handle, const val& pixels) {
  return value_or_error([&] {
    Trainer& t = handle.trainer();
    check(t.config().task == "digits", "classify: the task is \"", t.config().task, "\"; classify needs the digits task");
    const std::vector<float> values = float32_from_js(pixels, "pixels", size_t(kDigitPixels));
    Tape tape;
    const DigitClassification c = t.task_as<DigitsTask>().classify(t.model(), values, tape);
    return classification_to_js(c, t.model().config().directions());
  });
}

// A drawing (width * height values in [0, 1], 1 = ink) made into an MNIST digit, Float32Array(784): io/digit_image.h,
// the same function as `rnnlab predict --image`. Errors name pixels, width or height (key "pixels").
val digit_image(const val& gray, int width, int height) {
  std::vector<float> digit;
  try {
    const std::vector<float> pixels = float32_from_js(gray, "pixels", size_t(kMaxDigitPictureSide * kMaxDigitPictureSide));
    digit = mnist_digit(pixels, width, height);
  } catch (const std::bad_alloc&) {
    return js_error(kOutOfMemoryMessage);
  } catch (const std::exception& e) {
    return js_error(e.what(), "pixels");
  }
  return float32_copy(digit);
}

}  // namespace
}  // namespace rnnlab::wasm

EMSCRIPTEN_BINDINGS(rnnlab_digits) {
  emscripten::function("digitsClassify", &rnnlab::wasm::digits_classify);
  emscripten::function("digitImage", &rnnlab::wasm::digit_image);
}
