// The char-LSTM workloads W3, W4 and W5 (docs/benchmarks.md): LSTM(V, H) + Linear(H, V) over one-hot characters,
// T steps, B sequences, cross-entropy (mean over the T*B predictions), Adam. The same code runs natively
// (bench/harness/native/runner.cpp) and in WebAssembly (src/wasm/bench_workloads.cpp), so both time one thing.
//
// The corpus is T+1 random characters per sequence, drawn once from a seeded generator: input positions 0..T-1,
// targets 1..T. The peers (torch_runner.py, tfjs_runner.js) build the same shapes; their numbers differ, their work
// does not.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "core/rng.h"
#include "core/tape.h"
#include "core/tensor.h"
#include "tasks/sequence_model.h"
#include "train/optimizer.h"

namespace rnnlab::bench {

struct CharLstmSpec {
  int64_t vocab = 64;   // V: one-hot input width and number of classes
  int64_t hidden = 128; // H
  int64_t steps = 64;   // T
  int64_t batch = 1;    // B
  float lr = 1e-3f;
  uint64_t seed = 0;
};

// W3 (64, 128, T=64, B=1), W4 (the same with B=16), W5 (16, 32, T=32, B=1).
CharLstmSpec char_lstm_spec(int workload);

// Matrix-product FLOPs one training token needs (forward, backward, no optimizer). The input is one-hot, so its
// projection is a column gather and its weight gradient a scatter-add: no products (torch and TF.js multiply the
// dense (V, 4H) matrix anyway, another 2 * 2*4H*V). What remains:
//   forward   2*4H*H (h_{t-1} W_hh^T) + 2*H*V (head)
//   backward  2 * forward (the gradients of h and of the weights, for each product)
// = 24 H^2 + 6 H V: W3 and W4 442,368, W5 27,648.
double char_lstm_flops_per_token(const CharLstmSpec& spec);

class CharLstmWorkload {
 public:
  explicit CharLstmWorkload(const CharLstmSpec& spec);
  // One training iteration: forward over (T, B, V), loss, backward, Adam step. Returns the loss.
  float step();
  int64_t tokens_per_step() const { return spec_.steps * spec_.batch; }

 private:
  CharLstmSpec spec_;
  Rng rng_;
  std::unique_ptr<SequenceModel> model_;
  std::unique_ptr<Optimizer> optimizer_;
  Tensor x_;                     // (T, B, V) one-hot
  std::vector<int32_t> target_;  // (T*B), row t*B + b
  Tape tape_;
};

}  // namespace rnnlab::bench
