// rnnlab's native side of the benchmark harness (bench/harness/run.mjs drives it). One JSON line per timed run:
//   rnnlab_bench_native W1|W2|W3|W4|W5 <iterations> <runs>
//     {"system":"rnnlab native","workload":"W3","run":0,"iterations":300,"seconds":0.31,"loss":4.1}
//   rnnlab_bench_native W6 <corpus> '<plan JSON: seconds, valEverySeconds, windowSeconds, checkpoints>'
//     {"system":"rnnlab native","workload":"W6","kind":"text","steps":...,"tokens":...,"seconds":...,
//      "windowRates":[...],"curve":[[seconds, val], ...],"loss":...}   (text_workload.h)
//   rnnlab_bench_native gemm <n> <reps>
//     {"system":"rnnlab native","kind":"gemm","n":128,"reps":2000,"seconds":0.06,"gflops":140.2,"kernel":"packed",
//      "packedGflops":140.2,"eigenGflops":120.1,"fmaPeakGflops":160.0}   (gemm_ceiling.h: the better of the two)
//   rnnlab_bench_native gemm-shapes
//     {"system":"rnnlab native","kind":"gemm-shape","shape":"32x512x128 NN","packedGflops":114,"eigenGflops":80}
//     W6's product shapes, by CPU time, packed kernel and Eigen (gemm_ceiling.h)
//   rnnlab_bench_native W6kernels <corpus> <rounds>
//     {"system":"rnnlab native","kind":"W6kernels","packedStepCpu":0.04,"eigenStepCpu":0.05,...}
//     the W6 step's CPU time under the packed GEMM and under Eigen, alternating in one process (text_workload.h)
// W1 and W2 are the seed presets through the Trainer (as the CLI and the page run them); W1 restarts from a fresh
// model every 15 epochs. W3-W5 are char_lstm_workload.h. Each workload gets one untimed warm-up run first (a fifth of
// its iterations; W1: up to 10 models).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <string>

#include "char_lstm_workload.h"
#include "io/json.h"
#include "text_workload.h"
#include "gemm_ceiling.h"
#include "core/native_gemm.h"
#include "tasks/trainer.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Timed {
  double seconds = 0.0;
  float loss = 0.0f;
};

// `iterations` training steps of a workload, construction not timed.
Timed run(const std::string& workload, long iterations) {
  Timed r;
  if (workload == "W1" || workload == "W2") {
    const bool hello = workload == "W1";
    const long chunk = hello ? 15 : iterations;  // W1: the seed's 15 epochs from fresh weights, again and again
    for (long done = 0; done < iterations; done += chunk) {
      rnnlab::Trainer trainer(hello ? rnnlab::hello_preset() : rnnlab::sine_preset());
      const auto start = Clock::now();
      for (long i = 0; i < chunk && done + i < iterations; ++i) r.loss = trainer.step().loss;
      r.seconds += std::chrono::duration<double>(Clock::now() - start).count();
    }
    return r;
  }
  rnnlab::bench::CharLstmWorkload w(rnnlab::bench::char_lstm_spec(std::stoi(workload.substr(1))));
  const auto start = Clock::now();
  for (long i = 0; i < iterations; ++i) r.loss = w.step();
  r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string what = argc >= 2 ? argv[1] : "";
  if (argc != 4 && !(argc == 2 && what == "gemm-shapes")) {
    std::fprintf(stderr,
                 "usage: %s W1|W2|W3|W4|W5 <iterations> <runs>  |  %s gemm <n> <reps>  |  %s gemm-shapes  |  "
                 "%s W6 <corpus> '<plan JSON>'  |  %s W6kernels <corpus> <rounds>\n",
                 argv[0], argv[0], argv[0], argv[0], argv[0]);
    return 2;
  }
  if (what == "W6") {
    try {
      if (argc != 4) throw rnnlab::Error("usage: W6 <corpus> '<plan JSON>'");
      const rnnlab::json::Value p = rnnlab::json::parse(argv[3]);
      const auto member = [&](const char* key) -> const rnnlab::json::Value& {
        const rnnlab::json::Value* v = p.find(key);
        if (!v) throw rnnlab::Error(std::string("plan: no \"") + key + "\"");
        return *v;
      };
      rnnlab::bench::TextPlan plan;
      plan.seconds = member("seconds").as_number("seconds");
      plan.val_every_seconds = member("valEverySeconds").as_number("valEverySeconds");
      plan.window_seconds = member("windowSeconds").as_number("windowSeconds");
      plan.checkpoints.clear();
      for (const rnnlab::json::Value& c : member("checkpoints").as_array("checkpoints"))
        plan.checkpoints.push_back(c.as_number("checkpoints"));
      const rnnlab::bench::TextRun r = rnnlab::bench::run_text(argv[2], plan);
      std::string rates, curve;
      for (double x : r.window_rates) rates += (rates.empty() ? "" : ",") + std::to_string(x);
      for (const auto& [t, v] : r.curve) curve += (curve.empty() ? "[" : ",[") + std::to_string(t) + "," + std::to_string(v) + "]";
      std::printf("{\"system\":\"rnnlab native\",\"workload\":\"W6\",\"kind\":\"text\",\"steps\":%ld,\"tokens\":%ld,"
                  "\"seconds\":%.6f,\"windowRates\":[%s],\"curve\":[%s],\"loss\":%.6g}\n",
                  r.steps, r.tokens, r.seconds, rates.c_str(), curve.c_str(), double(r.loss));
      return 0;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "rnnlab_bench_native: W6: %s\n", e.what());
      return 1;
    }
  }
  if (what == "gemm-shapes") {
    struct Shape { int64_t m, n, k; const char* layout; const char* what; };
    const Shape shapes[] = {
        {32, 512, 128, "NN", "the LSTM step: h_prev W_hh^T"}, {32, 128, 512, "NN", "its backward: dG W_hh"},
        {2048, 512, 128, "NT", "input projection X W_ih^T"},   {512, 128, 2048, "TN", "dW = dG^T X"},
        {2048, 128, 512, "NN", "dX = dG W_ih"},                {2048, 65, 128, "NT", "head X W^T"},
        {2048, 128, 65, "NN", "head dX = dY W"},               {65, 128, 2048, "TN", "head dW = dY^T X"}};
    for (const Shape& s : shapes) {
      const double packed = rnnlab::bench::gemm_shape_gflops(s.m, s.n, s.k, s.layout, true);
      const double eigen = rnnlab::bench::gemm_shape_gflops(s.m, s.n, s.k, s.layout, false);
      std::printf("{\"system\":\"rnnlab native\",\"kind\":\"gemm-shape\",\"shape\":\"%ldx%ldx%ld %s\",\"what\":\"%s\","
                  "\"packedGflops\":%.1f,\"eigenGflops\":%.1f}\n",
                  long(s.m), long(s.n), long(s.k), s.layout, s.what, packed, eigen);
    }
    return 0;
  }
  if (what == "W6kernels") {
    try {
      const int rounds = std::max(1, std::atoi(argv[3]));
      const rnnlab::bench::KernelComparison c = rnnlab::bench::compare_kernels(argv[2], rounds, 10);
      if (!c.available) throw rnnlab::Error("this build has no packed kernel (it needs AVX2 + FMA)");
      const double tokens = double(c.tokens_per_step);
      std::printf("{\"system\":\"rnnlab native\",\"kind\":\"W6kernels\",\"stepsEach\":%ld,\"packedStepCpu\":%.6f,"
                  "\"eigenStepCpu\":%.6f,\"packedTokensPerCpuSecond\":%.0f,\"eigenTokensPerCpuSecond\":%.0f,"
                  "\"packedLoss\":%.9g,\"eigenLoss\":%.9g}\n",
                  c.steps, c.packed_step, c.eigen_step, tokens / c.packed_step, tokens / c.eigen_step,
                  double(c.packed_loss), double(c.eigen_loss));
      return 0;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "rnnlab_bench_native: W6kernels: %s\n", e.what());
      return 1;
    }
  }
  const long a = std::strtol(argv[2], nullptr, 10), b = std::strtol(argv[3], nullptr, 10);
  try {
    if (what == "gemm") {
      // The ceiling is the better of the build's two paths; both are reported, with the FMA loop's peak.
      const double flops = 2.0 * double(a) * double(a) * double(a) * double(b);
      const double packed = rnnlab::bench::gemm_seconds(a, b, true), eigen = rnnlab::bench::gemm_seconds(a, b, false);
      const double s = std::min(packed, eigen);
      std::printf("{\"system\":\"rnnlab native\",\"kind\":\"gemm\",\"n\":%ld,\"reps\":%ld,\"seconds\":%.6f,\"gflops\":%.3f,"
                  "\"kernel\":\"%s\",\"packedGflops\":%.3f,\"eigenGflops\":%.3f,\"fmaPeakGflops\":%.3f}\n",
                  a, b, s, flops / s * 1e-9, RNNLAB_NATIVE_GEMM && packed <= eigen ? "packed" : "eigen",
                  flops / packed * 1e-9, flops / eigen * 1e-9, rnnlab::bench::fma_peak_gflops());
      return 0;
    }
    if (what.size() != 2 || what[0] != 'W' || what[1] < '1' || what[1] > '5' || a < 1 || b < 1) {
      std::fprintf(stderr, "rnnlab_bench_native: workload %s, iterations %ld, runs %ld: expected W1-W5 and counts >= 1\n",
                   what.c_str(), a, b);
      return 2;
    }
    run(what, what == "W1" ? std::min(a, 150L) : std::max(1L, a / 5));  // warm-up
    for (long i = 0; i < b; ++i) {
      const Timed t = run(what, a);
      std::printf("{\"system\":\"rnnlab native\",\"workload\":\"%s\",\"run\":%ld,\"iterations\":%ld,\"seconds\":%.6f,\"loss\":%.6g}\n",
                  what.c_str(), i, a, t.seconds, double(t.loss));
      std::fflush(stdout);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "rnnlab_bench_native: %s\n", e.what());
    return 1;
  }
  return 0;
}
