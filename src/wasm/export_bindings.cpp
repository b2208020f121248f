// The page's "Open in PyTorch" module: torch_export::export_run (src/export/torch_program.h, the generator the CLI's
// `rnnlab export torch` uses) behind one JS function, linked as a module of its own (rnnlab_export.mjs + .wasm)
// that the page loads only when the button is pressed, so the training module stays within its size budget.
//
//   exportTorch(config, options) -> the Python program (a string), or an Error (js_result.h)
//     config   the JS config object (docs/js-api.md), as configure() takes it
//     options  {model?: string (a saved model: rnnlab.state_dict JSON), weights?: "initial" | "current",
//               steps?: number (0 or absent: the model's iteration, else the task's default),
//               corpusPath?: string (text: where the program opens the corpus), corpusText?: string (text: the corpus),
//               digits?: {images: Uint8Array, labels: Uint8Array} (the digits task: the run's images, as configure
//                 takes them), digitsFiles?: {images: string, labels: string} (the digits task: the names of the
//                 two files the program reads from its own folder, which the page offers beside it)}
#include <emscripten/bind.h>

#include "core/error.h"
#include "export/torch_program.h"
#include "wasm/js_config.h"
#include "wasm/js_result.h"

namespace rnnlab::wasm {
namespace {

using emscripten::val;

std::string string_option(const val& options, const char* name) {
  const val v = options[name];
  if (v.isUndefined() || v.isNull()) return "";
  check(v.isString(), name, ": expected a string");
  return v.as<std::string>();
}

val export_torch(const val& config, const val& options) {
  return value_or_error([&] {
    TrainerConfig c = trainer_config_from_js(config);
    const val corpus = options["corpusText"];
    if (!corpus.isUndefined()) c.corpus = corpus_from_js(corpus, c.text.seq_len);
    const val digits = options["digits"];
    if (!digits.isUndefined()) c.digits_images = digits_from_js(digits);
    torch_export::RunExport request;
    request.model_text = string_option(options, "model");
    const std::string weights = string_option(options, "weights");
    check(weights.empty() || weights == "initial" || weights == "current", "weights: got \"", weights,
          "\", expected initial or current");
    request.weights = weights == "current" ? torch_export::Weights::Current : torch_export::Weights::Initial;
    const val steps = options["steps"];
    if (!steps.isUndefined() && !steps.isNull()) {
      const double n = steps.isNumber() ? steps.as<double>() : -1.0;
      check(n >= 0.0 && n <= 1e8 && n == static_cast<double>(static_cast<int64_t>(n)), "steps: expected a whole number from 0 to 100000000");
      request.steps = static_cast<int64_t>(n);
    }
    request.corpus_path = string_option(options, "corpusPath");
    const val files = options["digitsFiles"];
    if (!files.isUndefined()) {
      check(files.typeOf().as<std::string>() == "object" && !files.isNull(),
            "digitsFiles: expected {images: string, labels: string}");
      for (const char* name : {"images", "labels"})
        check(files[name].isString() && !files[name].as<std::string>().empty(), "digitsFiles.", name,
              ": expected a file name (a non-empty string)");
      request.digits_files = {"", files["images"].as<std::string>(), files["labels"].as<std::string>()};
    }
    Trainer trainer(c);
    return val(torch_export::export_run(trainer, request));
  });
}

}  // namespace
}  // namespace rnnlab::wasm

EMSCRIPTEN_BINDINGS(rnnlab_export) { emscripten::function("exportTorch", &rnnlab::wasm::export_torch); }
