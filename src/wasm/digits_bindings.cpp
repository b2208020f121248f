// The digits family's part of the table JS sees, registered only in the modules that train the digits task
// (rnnlab_digits, rnnlab_node): one image through the current model, and MNIST's preprocessing of a drawn picture
// (src/io/digit_image.h, the one place that does it). web/src/api/rnnlab.js calls them as its Trainer's
// classify(pixels) and its Rnnlab's digitImage().
#include <emscripten/bind.h>

#include <algorithm>
#include <new>
#include <vector>

#include "core/error.h"
#include "io/digit_image.h"
#include "tasks/digits_data.h"
#include "tasks/digits_task.h"
#include "tasks/inspect_digits.h"
#include "tasks/inspect_image.h"
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

// The current recurrent model's units ranked by the row features (tasks/inspect_digits.h; its best `per_feature`
// units per feature) and its gates' saturation, over images: Float32Array(N * 784) with pixels in [0, 1],
// N = 1 .. 200, or null for the task's first 200 held-out images. One pass of the images serves both:
// {images: N, ranking: [...], saturation: [...]} (inspect_session.h's conversions).
val digits_units(TrainerHandle& handle, const val& images, int per_feature) {
  return value_or_error([&] {
    Trainer& t = handle.trainer();
    check(t.config().task == "digits", "digitUnits: the task is \"", t.config().task, "\"; it needs the digits task");
    check(!t.model().config().is_image(), "digitUnits: the ", t.model().config().kind,
          " model has no steps; units over rows are of the rnn, lstm and gru models");
    check(per_feature >= 1 && per_feature <= 64, "perFeature: got ", per_feature, ", expected 1 to 64");
    std::vector<float> pixels;
    if (images.isNull() || images.isUndefined()) {
      const DigitsTask& task = t.task_as<DigitsTask>();
      const int64_t n = std::min<int64_t>(kDigitsRankedImages, task.held_out_count());
      pixels.resize(static_cast<size_t>(n * kDigitPixels));
      for (int64_t i = 0; i < n; ++i) {
        const uint8_t* image = task.images().image(task.train_count() + i);
        for (int64_t p = 0; p < kDigitPixels; ++p) pixels[static_cast<size_t>(i * kDigitPixels + p)] = image[p] / 255.0f;
      }
    } else {
      pixels = float32_from_js(images, "images", size_t(kDigitsRankedImages * kDigitPixels));
      for (size_t i = 0; i < pixels.size(); ++i)
        check(pixels[i] >= 0.0f && pixels[i] <= 1.0f, "images[", i, "]: got ", pixels[i], ", expected a number from 0 to 1");
    }
    const Activations a = activations_of_images(t.model(), pixels);
    val out = val::object();
    out.set("images", static_cast<double>(pixels.size() / kDigitPixels));
    out.set("ranking", ranking_to_js(rank_units(a, digit_row_features(pixels), per_feature)));
    out.set("saturation", saturation_to_js(gate_saturation(a)));
    return out;
  });
}

// The mlp's and cnn's saliency of one image (tasks/inspect_image.h; the recurrent models' is inspectSaliency):
// Float32Array(28), each row's norm, with `target` (the class) and `pixels`, Float32Array(784) d log p / d pixel:
// the shape inspectSaliency gives a digit.
val digits_image_saliency(TrainerHandle& handle, const val& pixels, int klass) {
  return value_or_error([&] {
    Trainer& t = handle.trainer();
    check(t.config().task == "digits", "saliency: the task is \"", t.config().task, "\"; it needs the digits task");
    const std::vector<float> values = float32_from_js(pixels, "pixels", size_t(kDigitPixels));
    check(values.size() == size_t(kDigitPixels), "pixels: got ", values.size(), " values, expected ", kDigitPixels);
    for (size_t i = 0; i < values.size(); ++i)
      check(values[i] >= 0.0f && values[i] <= 1.0f, "pixels[", i, "]: got ", values[i], ", expected a number from 0 to 1");
    const ImageSaliency s = image_saliency(t.model(), values, klass);
    val out = float32_copy(s.row_norms);
    out.set("target", s.target);
    out.set("pixels", float32_copy(s.pixels));
    return out;
  });
}

}  // namespace
}  // namespace rnnlab::wasm

EMSCRIPTEN_BINDINGS(rnnlab_digits) {
  emscripten::function("digitsClassify", &rnnlab::wasm::digits_classify);
  emscripten::function("digitImage", &rnnlab::wasm::digit_image);
  emscripten::function("inspectDigitsUnits", &rnnlab::wasm::digits_units);
  emscripten::function("inspectDigitsImageSaliency", &rnnlab::wasm::digits_image_saliency);
}
