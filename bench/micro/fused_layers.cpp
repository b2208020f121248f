// Google Benchmark of each fused recurrent layer (src/nn/recurrent_layer.h), forward alone and forward+backward,
// per cell kind at the sizes of the standard workloads (docs/benchmarks.md):
//   W2  I=10,  H=10,  T=59, B=1   (the sine model's second layer)
//   W3  I=64,  H=128, T=64, B=1
//   W4  I=64,  H=128, T=64, B=16
//   W5  I=16,  H=32,  T=32, B=1
// build/release/bench/micro/rnnlab_micro [--benchmark_filter=lstm] ; items_per_second is time steps x batch.
#include <benchmark/benchmark.h>

#include <cmath>
#include <string>
#include <utility>

#include "core/parameter.h"
#include "core/rng.h"
#include "core/tape.h"
#include "nn/recurrent_layer.h"

namespace {

using rnnlab::CellKind;

struct Size {
  const char* workload;
  int64_t input, hidden, steps, batch;
};
constexpr Size kSizes[] = {{"W2", 10, 10, 59, 1}, {"W3", 64, 128, 64, 1}, {"W4", 64, 128, 64, 16}, {"W5", 16, 32, 32, 1}};

// A layer's weights and input, filled from a seeded generator as torch initializes them.
struct Layer {
  rnnlab::Parameter w_ih, w_hh, b_ih, b_hh;
  rnnlab::Tensor x, seed;
  Layer(CellKind kind, const Size& s)
      : w_ih({rnnlab::gate_count(kind) * s.hidden, s.input}), w_hh({rnnlab::gate_count(kind) * s.hidden, s.hidden}),
        b_ih({rnnlab::gate_count(kind) * s.hidden}), b_hh({rnnlab::gate_count(kind) * s.hidden}) {
    rnnlab::Rng rng(0);
    const float k = 1.0f / std::sqrt(float(s.hidden));
    for (rnnlab::Parameter* p : {&w_ih, &w_hh, &b_ih, &b_hh}) rng.fill_uniform(p->value, -k, k);
    x.resize({s.steps, s.batch, s.input});
    rng.fill_uniform(x, -1.0f, 1.0f);
    seed = rnnlab::Tensor::full({s.steps, s.batch, s.hidden}, 1.0f);
  }
};

void run(benchmark::State& state, CellKind kind, Size s, bool backward) {
  Layer layer(kind, s);
  rnnlab::Tape tape;
  for (auto _ : state) {
    tape.clear();
    auto r = rnnlab::recurrent_layer(tape, kind, tape.constant(layer.x), tape.param(layer.w_ih), tape.param(layer.w_hh),
                                     tape.param(layer.b_ih), tape.param(layer.b_hh), {}, {}, false);
    if (backward) tape.backward(r.output, layer.seed);
    benchmark::DoNotOptimize(r.output.value().data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * s.steps * s.batch);
}

const int kRegistered = [] {
  const std::pair<CellKind, const char*> kinds[] = {{CellKind::RnnTanh, "rnn"}, {CellKind::Lstm, "lstm"}, {CellKind::Gru, "gru"}};
  for (const auto& [kind, name] : kinds) {
    for (const Size& s : kSizes) {
      for (bool backward : {false, true}) {
        const std::string label = std::string(name) + (backward ? "/forward_backward/" : "/forward/") + s.workload +
                                  "_I" + std::to_string(s.input) + "_H" + std::to_string(s.hidden) + "_T" +
                                  std::to_string(s.steps) + "_B" + std::to_string(s.batch);
        benchmark::RegisterBenchmark(label.c_str(), run, kind, s, backward);
      }
    }
  }
  return 0;
}();

}  // namespace

BENCHMARK_MAIN();
