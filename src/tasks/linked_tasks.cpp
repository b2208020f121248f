// Which tasks this program can build (task_registry.h, linked_task_makers), and whether it builds the digits task's
// image classifiers (image_model.h) and, in wasm, the recurrent layers' zero-rows route (recurrent_zero_rows.h):
// every family's and yes, unless the build names one family's makers in RNNLAB_LINKED_TASK_MAKERS (and says
// RNNLAB_LINKED_IMAGE_MODELS=1 for a family that trains images). Natively this file is part of rnnlab_core; in the
// WebAssembly build it is compiled once per module instead (src/wasm/CMakeLists.txt), so that each of the page's
// training modules links only its family's tasks, and only the digits module the convolution, pooling and MLP
// layers and the zero-rows route.
#include "tasks/image_model.h"
#include "tasks/task_families.h"

#ifndef RNNLAB_LINKED_TASK_MAKERS
#define RNNLAB_LINKED_TASK_MAKERS all_task_makers
#define RNNLAB_LINKED_IMAGE_MODELS 1
#endif

#include "nn/recurrent_zero_rows.h"

#if RNNLAB_LINKED_IMAGE_MODELS
#include "nn/image_classifiers.h"
#else
#include "core/error.h"
#endif

namespace rnnlab {

std::span<const TaskMaker> linked_task_makers() { return RNNLAB_LINKED_TASK_MAKERS(); }

std::unique_ptr<Sequential> make_image_model(const ModelConfig& config, Rng& rng) {
#if RNNLAB_LINKED_IMAGE_MODELS
  if (config.kind == "mlp") return make_mlp_classifier({config.image_side, config.hidden_size, *config.head_out}, rng);
  return make_cnn_classifier(
      {config.image_side, config.channels, config.kernel, config.hidden_size, *config.head_out}, rng);
#else
  (void)rng;
  fail("model: a \"", config.kind, "\" reads images; this module does not build image classifiers (the digits "
       "family's module does)");
#endif
}

// The recurrent layers' zero-rows route (recurrent_zero_rows.h): in the wasm modules that train images.
const recurrent::ZeroRowsRoute* recurrent::zero_rows_route() {
#if RNNLAB_LINKED_IMAGE_MODELS && defined(__wasm_simd128__)
  return &kZeroRowsRoute;
#else
  return nullptr;
#endif
}

}  // namespace rnnlab
