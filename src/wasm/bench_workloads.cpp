// Benchmark entry points for bench/harness (docs/benchmarks.md), linked into the harness's own module
// (build/wasm/bench/, see CMakeLists.txt), not into the page's: the char-LSTM workloads W3-W5 (W4's batch of 16 is
// beyond the Trainer, which trains one sequence) and the GEMM ceiling, timed inside wasm with the same code as the
// native runner (bench/harness/native/). Registered here, apart from the product's table in bindings.cpp.
//   benchCharLstm(workload 3|4|5, iterations) -> {seconds, tokens, flopsPerToken, loss} | Error
//   benchGemm(n, reps) -> seconds | Error
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <chrono>

#include "char_lstm_workload.h"
#include "core/error.h"
#include "gemm_ceiling.h"
#include "wasm/js_result.h"

namespace rnnlab::wasm {
namespace {

using emscripten::val;

val bench_char_lstm(int workload, int iterations) {
  return value_or_error([&] {
    check(iterations >= 1, "iterations: got ", iterations, ", expected >= 1");
    const bench::CharLstmSpec spec = bench::char_lstm_spec(workload);
    bench::CharLstmWorkload w(spec);
    float loss = 0.0f;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < iterations; ++i) loss = w.step();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    val out = val::object();
    out.set("seconds", seconds);
    out.set("tokens", static_cast<double>(w.tokens_per_step()) * iterations);
    out.set("flopsPerToken", bench::char_lstm_flops_per_token(spec));
    out.set("loss", loss);
    return out;
  });
}

val bench_gemm(int n, int reps) {
  return value_or_error([&] {
    check(n >= 1 && n <= 1024, "n: got ", n, ", expected 1 to 1024");
    check(reps >= 1, "reps: got ", reps, ", expected >= 1");
    return val(bench::gemm_seconds(n, reps));
  });
}

}  // namespace
}  // namespace rnnlab::wasm

EMSCRIPTEN_BINDINGS(rnnlab_bench) {
  emscripten::function("benchCharLstm", &rnnlab::wasm::bench_char_lstm);
  emscripten::function("benchGemm", &rnnlab::wasm::bench_gemm);
}
