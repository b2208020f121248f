// The standard workloads W2-W5 (shared/docs/workloads.md) timed natively, through the same classes the CLI and
// the wasm binding drive. Prints one JSON line per run:
//   rnnlab_workloads --workload W3 [--iters N] [--warmup N] [--path trainer|model]
// (bench/workloads/build.sh builds it natively; build_wasm.sh as a wasm program for Node, for W4 in wasm.)
//   -> {"workload":"W3","path":"trainer","iters":200,"tokens":12800,"seconds":0.19,"tokens_per_s":67000,...}
//
// W2 and the B = 1 char-LSTMs (W3, W5) run through Trainer::step (the seq task, exactly what the JS API runs:
// web/test/node/bench/workloads.mjs holds the same configs). The seq task trains one sequence, so W4 (B = 16)
// runs through the model path: the harness's CharLstmWorkload (SequenceModel + cross-entropy + Adam on a tape),
// the step Trainer takes without its trace capture, weight snapshot and clipping. `--path model` runs W3/W5 so.
//
// The text of a char workload with vocabulary V: symbol p of the corpus is char('0' + (37 p + 11) mod V), so every
// window of V consecutive symbols holds the whole vocabulary; input = corpus[0, T), target = corpus[1, T] (the
// trainer path; the model path uses the harness's random corpus).
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#if defined(__EMSCRIPTEN__)
#include <emscripten.h>
#endif

#include "../harness/native/char_lstm_workload.h"
#include "tasks/trainer.h"

namespace {

struct CharWorkload {
  int64_t vocabulary, hidden, steps, batch;
};

CharWorkload char_workload(const std::string& id) {
  if (id == "W3") return {64, 128, 64, 1};
  if (id == "W4") return {64, 128, 64, 16};
  if (id == "W5") return {16, 32, 32, 1};
  throw std::invalid_argument("--workload: got \"" + id + "\", expected W2, W3, W4 or W5");
}

int32_t symbol(int64_t p, int64_t vocabulary) { return static_cast<int32_t>((37 * p + 11) % vocabulary); }

std::string corpus_text(int64_t begin, int64_t length, int64_t vocabulary) {
  std::string s;
  for (int64_t p = begin; p < begin + length; ++p) s += static_cast<char>('0' + symbol(p, vocabulary));
  return s;
}

rnnlab::TrainerConfig trainer_config(const std::string& id) {
  if (id == "W2") return rnnlab::sine_preset();
  const CharWorkload w = char_workload(id);
  rnnlab::TrainerConfig c;
  c.task = "seq";
  c.input = corpus_text(0, w.steps, w.vocabulary);
  c.target = corpus_text(1, w.steps, w.vocabulary);
  c.arch = "layer";
  c.cell = "lstm";
  c.hidden_size = w.hidden;
  c.optimizer.kind = "adam";
  c.optimizer.lr = 1e-3f;
  return c;
}

#if defined(__EMSCRIPTEN__)
// Under Node (bench/workloads/build_wasm.sh): the process's CPU time.
EM_JS(double, process_cpu_seconds, (), {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
});
double cpu_now() { return process_cpu_seconds(); }
#else
double cpu_now() {  // this thread's CPU time: what a shared machine's preemption does not inflate
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}
#endif

struct Run {
  long iters = 0;
  double seconds = 0, cpu_seconds = 0;
  float first_loss = 0, last_loss = 0;
};

Run run_trainer(const std::string& id, long warmup, long iters) {
  rnnlab::Trainer trainer(trainer_config(id));
  for (long i = 0; i < warmup; ++i) trainer.step();
  Run r;
  const double cpu_start = cpu_now();
  const auto start = std::chrono::steady_clock::now();
  for (; r.iters < iters; ++r.iters) {
    const rnnlab::StepResult s = trainer.step();
    if (s.stopped) break;
    if (r.iters == 0) r.first_loss = s.loss;
    r.last_loss = s.loss;
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.cpu_seconds = cpu_now() - cpu_start;
  return r;
}

// The harness's char-LSTM step (bench/harness/native/char_lstm_workload.h): B rows at once, one-hot (T, B, V),
// cross-entropy, Adam; the step Trainer takes without its trace capture, weight snapshot and clipping.
Run run_model(const std::string& id, long warmup, long iters) {
  rnnlab::bench::CharLstmWorkload workload(rnnlab::bench::char_lstm_spec(id[1] - '0'));
  for (long i = 0; i < warmup; ++i) workload.step();
  Run r;
  const double cpu_start = cpu_now();
  const auto start = std::chrono::steady_clock::now();
  for (; r.iters < iters; ++r.iters) {
    const float loss = workload.step();
    if (r.iters == 0) r.first_loss = loss;
    r.last_loss = loss;
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.cpu_seconds = cpu_now() - cpu_start;
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  std::string id, path;
  long iters = -1, warmup = -1;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const char* v = i + 1 < argc ? argv[i + 1] : nullptr;
    if (a == "--workload" && v) id = argv[++i];
    else if (a == "--iters" && v) iters = std::strtol(argv[++i], nullptr, 10);
    else if (a == "--warmup" && v) warmup = std::strtol(argv[++i], nullptr, 10);
    else if (a == "--path" && v) path = argv[++i];
    else {
      std::fprintf(stderr,
                   "usage: %s --workload W2|W3|W4|W5 [--iters N] [--warmup N] [--path trainer|model]\n"
                   "  defaults: W2 6000 iterations, W3 300, W4 30, W5 3000; warmup iters/10; path trainer (W4: model)\n",
                   argv[0]);
      return 2;
    }
  }
  try {
    if (id.empty()) throw std::invalid_argument("--workload: missing, expected W2, W3, W4 or W5");
    const bool w2 = id == "W2";
    const CharWorkload w = w2 ? CharWorkload{0, 0, 59, 1} : char_workload(id);
    if (iters < 0) iters = w2 ? 6000 : id == "W3" ? 300 : id == "W4" ? 30 : 3000;
    if (warmup < 0) warmup = iters / 10;
    if (path.empty()) path = w.batch > 1 ? "model" : "trainer";
    if (path != "trainer" && path != "model")
      throw std::invalid_argument("--path: got \"" + path + "\", expected trainer or model");
    if (path == "trainer" && w.batch > 1)
      throw std::invalid_argument("--path: the seq task trains one sequence; " + id + " (batch 16) needs --path model");
    if (path == "model" && w2) throw std::invalid_argument("--path: W2 runs through the trainer only");
    const Run r = path == "trainer" ? run_trainer(id, warmup, iters) : run_model(id, warmup, iters);
    const double tokens = static_cast<double>(r.iters) * static_cast<double>(w.steps * w.batch);
    std::printf(
        "{\"workload\":\"%s\",\"path\":\"%s\",\"iters\":%ld,\"tokens\":%.0f,\"seconds\":%.6f,\"tokens_per_s\":%.0f,"
        "\"ms_per_iter\":%.4f,\"cpu_seconds\":%.6f,\"tokens_per_cpu_s\":%.0f,\"first_loss\":%.6g,\"last_loss\":%.6g}\n",
        id.c_str(), path.c_str(), r.iters, tokens, r.seconds, tokens / r.seconds, 1000.0 * r.seconds / r.iters,
        r.cpu_seconds, tokens / r.cpu_seconds, r.first_loss, r.last_loss);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "rnnlab_workloads: %s\n", e.what());
    return 1;
  }
  return 0;
}
