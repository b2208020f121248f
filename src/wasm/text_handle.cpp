#include "wasm/text_handle.h"

#include "core/error.h"
#include "tasks/text_corpus.h"
#include "tasks/text_sampler.h"
#include "tasks/text_task.h"
#include "wasm/js_config.h"
#include "wasm/js_result.h"

namespace rnnlab::wasm {

using emscripten::val;

namespace {

// The handle's text task; throws, naming the method, for another task.
TextTask& text_task(TrainerHandle& handle, const char* method) {
  Trainer& t = handle.trainer();
  check(t.config().task == "text", method, ": the task is \"", t.config().task, "\"; ", method, " needs the text task");
  return t.task_as<TextTask>();
}

}  // namespace

val text_sample(TrainerHandle& handle, const val& options) {
  return value_or_error([&] {
    return val(text_task(handle, "sample").sample(handle.trainer().model(), sample_options_from_js(options)));
  });
}

val text_validation_loss(TrainerHandle& handle) {
  return value_or_error([&] {
    return val(static_cast<double>(text_task(handle, "validationLoss").validation_loss(handle.trainer().model())));
  });
}

val check_corpus(const val& text, int seq_len) {
  return value_or_error([&] {
    const auto corpus = corpus_from_js(text, seq_len);  // throws what configure would
    val out = val::object();
    out.set("characters", static_cast<double>(corpus->size()));
    out.set("symbols", static_cast<double>(corpus->vocabulary().size()));
    return out;
  });
}

double five_character_line_share_of(const std::string& text) { return five_character_line_share(text); }

}  // namespace rnnlab::wasm
