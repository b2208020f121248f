// Google Benchmark of one training step of the digits task's MLP and CNN (src/nn/image_classifiers.h) on a batch of
// 64 MNIST digits: forward, cross-entropy, backward, optimizer step (the optimizers: SGD 0.1 for the MLP,
// Adam 1e-3 for the CNN). items_per_second is images per second. The same steps in PyTorch (one thread):
// /usr/bin/python3 bench/micro/image_classifiers_torch.py.
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

#include "core/rng.h"
#include "core/tape.h"
#include "io/labelled_images.h"
#include "nn/image_classifiers.h"
#include "train/adam.h"
#include "train/cross_entropy.h"
#include "train/sgd.h"

namespace {

constexpr int64_t kBatch = 64;

// The first 8,000 bundled digits (the training split) as (8000, 1, 28, 28) floats in [0, 1], and their labels.
struct Digits {
  rnnlab::LabelledImages train;
  Digits() {
    const rnnlab::LabelledImages all = rnnlab::read_image_dataset("mnist", std::string(RNNLAB_SOURCE_DIR) + "/data");
    train = rnnlab::split_first(all, rnnlab::kDigitsTrainImages).train;
  }
  // Batch b (cycling through the split) into x (64, 1, 28, 28) and targets (64).
  void batch(int64_t b, rnnlab::Tensor& x, std::vector<int32_t>& targets) const {
    const int64_t first = (b * kBatch) % (train.count - kBatch);
    x.resize(rnnlab::Shape{kBatch, 1, train.rows, train.cols});
    targets.resize(kBatch);
    const int64_t p = train.pixels_per_image();
    for (int64_t i = 0; i < kBatch; ++i) {
      const uint8_t* img = train.image(first + i);
      for (int64_t k = 0; k < p; ++k) x[i * p + k] = static_cast<float>(img[k]) / 255.0f;
      targets[static_cast<size_t>(i)] = train.labels[static_cast<size_t>(first + i)];
    }
  }
};

const Digits& digits() {
  static const Digits d;
  return d;
}

void train_step(benchmark::State& state, bool cnn) {
  rnnlab::Rng rng(0);
  std::unique_ptr<rnnlab::Sequential> net = cnn ? rnnlab::make_cnn_classifier({}, rng) : rnnlab::make_mlp_classifier({}, rng);
  std::unique_ptr<rnnlab::Optimizer> opt;
  if (cnn)
    opt = std::make_unique<rnnlab::Adam>(net->parameters(), rnnlab::AdamOptions{.lr = 1e-3f});
  else
    opt = std::make_unique<rnnlab::SGD>(net->parameters(), rnnlab::SGDOptions{.lr = 0.1f});
  rnnlab::Tape tape;
  rnnlab::Tensor x;
  std::vector<int32_t> targets;
  int64_t b = 0;
  float loss = 0.0f;
  for (auto _ : state) {
    state.PauseTiming();
    digits().batch(b++, x, targets);
    state.ResumeTiming();
    tape.clear();
    opt->zero_grad();
    rnnlab::Var l = rnnlab::cross_entropy(net->forward(tape, tape.constant(x)), targets);
    tape.backward(l);
    opt->step();
    loss = l.value().item();
  }
  state.counters["loss"] = loss;
  state.SetItemsProcessed(state.iterations() * kBatch);
}

BENCHMARK_CAPTURE(train_step, mlp_784_256_10_sgd_B64, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(train_step, cnn_conv30x5_pool2_4320_100_10_adam_B64, true)->Unit(benchmark::kMillisecond);

}  // namespace
