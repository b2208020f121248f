// The page's memory budget and what a training run needs of it, estimated from the config before anything is
// allocated, so a request that would not fit is refused up front with a message instead of an out-of-memory
// abort of the wasm module (whose memory is capped at kWasmMaximumMemory, src/wasm/CMakeLists.txt).
//
// The arithmetic (floats of 4 bytes; G gates: 1 rnn, 3 gru, 4 lstm; D directions; per layer l its input I_l =
// vocabulary, 1 or the embedding's width for l = 0, D*H above; T steps, B sequences a batch; K head outputs;
// P parameters, the embedding's V*E included) is in docs/robustness.md:
//   weights   P * (value + grad + last good copy + optimizer state: adam 2, +1 amsgrad; rmsprop 1 + centered +
//             momentum; sgd momentum) + W_hh^T per layer and direction (G*H*H)
//   tape      per layer, direction, step and sequence: 4*G*H + 8*H + 2*I_l   (forward record + backward buffers)
//   eval      per layer, direction and step: 2*G*H + 4*H + I_l     (the inspector's evaluation pass, one sequence)
//   JS copies per layer, direction, step and sequence: 2 * (G*H + 4*H + I_l) (the trace copied out, then posted)
//   embedding T * B * E * 2 (the looked-up rows and their gradient)
//   output    T * B * K * 8 (logits, softmax, their gradients, probabilities, copies)
//   data      what the task holds of its data beyond that (a corpus: its text and its indices)
//   fixed     1 MB (tape nodes, small vectors, small data)
// A test holds the estimate above what the allocator really hands out (tests/tasks/test_memory_budget.cpp).
#pragma once
#include <cstdint>
#include <string>

#include "tasks/model_config.h"
#include "train/optimizer_config.h"

namespace rnnlab {

inline constexpr int64_t kMiB = int64_t{1} << 20;
// What the page may use in all: the wasm memory's cap.
inline constexpr int64_t kWasmMaximumMemory = 256 * kMiB;
// Of that, what one training run may need: the rest is the module's code and stack, malloc's slack, the JS
// side of the page and a second model while a loaded one replaces it.
inline constexpr int64_t kTrainingBudgetBytes = 128 * kMiB;
// Saved models: the loader holds the text and its parsed tree at once (16 bytes per value in wasm, up to twice
// that while an array grows), beside the trainer that is running: 32 MB of text and 2 million values (64 MB)
// keep a load under the page's cap. A model of more parameters trains but its file does not load back here.
inline constexpr int64_t kMaxStateDictBytes = 32 * kMiB;
inline constexpr int64_t kMaxStateDictValues = 2'000'000;

// Floats the model's parameters hold.
int64_t parameter_count(const ModelConfig& model);
// Bytes a run of this model over batches of `batch` sequences of `steps` time steps needs while it trains and is
// inspected, with `data_bytes` of task data.
int64_t estimated_training_bytes(const ModelConfig& model, int64_t steps, const OptimizerConfig& optimizer,
                                 int64_t batch = 1, int64_t data_bytes = 0);
// Throws an Error naming the sizes, the estimate and the budget when the estimate is over kTrainingBudgetBytes.
void check_memory_budget(const ModelConfig& model, int64_t steps, const OptimizerConfig& optimizer,
                         int64_t batch = 1, int64_t data_bytes = 0);

}  // namespace rnnlab
