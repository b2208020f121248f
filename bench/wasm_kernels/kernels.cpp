// kernels.cpp: microbenchmark of the kernels a fused recurrent layer runs, float32, at the sizes of the standard
// workloads W2..W5 (docs: /work/shared/docs/workloads.md). The same source is compiled natively and to wasm;
// build.sh makes every variant, run_all.sh runs them, summarize.py turns the output into the tables of
// docs/wasm-simd.md.
//
// Routes ("impl" column), see the headers for each:
//   loops     naive scalar loops, std::exp / std::tanh           (loop_kernels.h)
//   eigen     Eigen expressions, W column-major                  (eigen_kernels.h)
//   eigen-rm  Eigen expressions, W row-major (PyTorch layout)
//   hand      simd4 kernels, W column-major                      (hand_kernels.h)
//   hand-rm   simd4 kernels, W row-major
//
// Output: one tab-separated line per measurement, machine-readable:
//   RES  build  workload  kernel  impl  wall_median_ns  wall_min_ns  cpu_median_ns  gflops  rel_err
//   (per call; cpu = CPU time, nan in a browser; gflops from the cpu median where there is one)
//   ACC  build  function  impl  max_abs_err  max_rel_err  special_values_ok  values at NaN, +inf, -inf
// Every result is first checked against a double-precision reference (rel_err = max |out - ref| / max |ref|).
//
// Options: --ms=<sample length, ms> (2)  --samples=<n> (21)  --only=<substring of workload/kernel>
//          --no-accuracy  --accuracy-only
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <vector>

#if defined(__EMSCRIPTEN__)
#include <emscripten.h>
#else
#include <time.h>
#endif

#include "eigen_kernels.h"
#include "fast_math.h"
#include "hand_kernels.h"
#include "loop_kernels.h"

#ifndef BUILD_LABEL
#define BUILD_LABEL "unlabelled"
#endif

namespace {

struct Options {
  double sample_ms = 2;
  int samples = 21;
  std::string only;
  bool accuracy = true;
  bool kernels = true;
};

// ---------------------------------------------------------------------------------------------------------------
// Timing

double now_ns() {
  return std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// CPU time, which the other processes of this shared 2-core machine do not inflate (wall time does: samples get
// preempted). Natively the thread's CPU clock; under Node the process's (process.cpuUsage, microseconds; V8's
// helper threads are idle once the code is warm); NaN in a browser, which has no CPU clock.
#if defined(__EMSCRIPTEN__)
EM_JS(double, cpu_ns, (), {
  if (typeof process == 'object' && typeof process.cpuUsage == 'function') {
    const u = process.cpuUsage();
    return (u.user + u.system) * 1000;
  }
  return NaN;
});
#else
double cpu_ns() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) * 1e9 + double(ts.tv_nsec);
}
#endif

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

// Calls per sample so that one sample lasts about o.sample_ms. The warm-up runs long enough for V8 to tier the
// hot function up from Liftoff to TurboFan. Samples are short (2 ms) so that few of them are preempted; in
// Chromium, which coarsens performance.now() to 100 us without cross-origin isolation, use --ms=10.
long calibrate(const std::function<void()>& f, const Options& o) {
  const double target = o.sample_ms * 1e6;
  for (const double t0 = now_ns(); now_ns() - t0 < 3 * target;) f();  // warm-up
  auto time_batch = [&](long reps) {
    const double t0 = now_ns();
    for (long r = 0; r < reps; ++r) f();
    return now_ns() - t0;
  };
  long reps = 1;
  double t = time_batch(reps);
  for (; t < target / 8; t = time_batch(reps)) reps *= 2;
  // The machine is shared: a batch can lose milliseconds to preemption. The fastest of a few batches is the
  // estimate of the kernel's own time.
  for (int i = 0; i < 4; ++i) t = std::min(t, time_batch(reps));
  return std::max(1L, static_cast<long>(reps * target / t));
}

struct Timing {
  double wall_median_ns, wall_min_ns, cpu_median_ns;  // per call; cpu is NaN where there is no CPU clock
  double best_median_ns() const { return std::isnan(cpu_median_ns) ? wall_median_ns : cpu_median_ns; }
};

// Times several routes of one kernel with interleaved samples (route 1, 2, ..., n, 1, 2, ...), so that the load
// other processes put on this shared machine falls on all routes alike. Median and minimum per call.
std::vector<Timing> time_interleaved(const std::vector<const std::function<void()>*>& fs, const Options& o) {
  std::vector<long> reps;
  for (auto* f : fs) reps.push_back(calibrate(*f, o));
  std::vector<std::vector<double>> wall(fs.size()), cpu(fs.size());
  for (int s = 0; s < o.samples; ++s)
    for (size_t i = 0; i < fs.size(); ++i) {
      const double c0 = cpu_ns(), t0 = now_ns();
      for (long r = 0; r < reps[i]; ++r) (*fs[i])();
      const double t1 = now_ns(), c1 = cpu_ns();
      wall[i].push_back((t1 - t0) / reps[i]);
      cpu[i].push_back((c1 - c0) / reps[i]);
    }
  std::vector<Timing> out;
  for (size_t i = 0; i < fs.size(); ++i)
    out.push_back({median(wall[i]), *std::min_element(wall[i].begin(), wall[i].end()), median(cpu[i])});
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Buffers

// 64-byte aligned float buffer (the kernels use unaligned loads; alignment only removes cache-line splits).
struct Buf {
  float* p = nullptr;
  size_t n = 0;
  explicit Buf(size_t count = 0) : n(count) {
    if (n) p = static_cast<float*>(std::aligned_alloc(64, ((n * sizeof(float) + 63) / 64) * 64));
    std::fill(p, p + n, 0.0f);
  }
  Buf(const Buf&) = delete;
  Buf& operator=(const Buf&) = delete;
  ~Buf() { std::free(p); }
  operator float*() { return p; }
  operator const float*() const { return p; }
  void fill_uniform(std::mt19937& rng, float lo, float hi) {
    std::uniform_real_distribution<float> d(lo, hi);
    for (size_t i = 0; i < n; ++i) p[i] = d(rng);
  }
  void copy_from(const Buf& o) { std::copy(o.p, o.p + n, p); }
};

double rel_err(const float* out, const std::vector<double>& ref) {
  double err = 0, scale = 0;
  for (size_t i = 0; i < ref.size(); ++i) {
    err = std::max(err, std::abs(double(out[i]) - ref[i]));
    scale = std::max(scale, std::abs(ref[i]));
  }
  if (std::isnan(err) || std::any_of(out, out + ref.size(), [](float x) { return std::isnan(x); })) return NAN;
  return err / std::max(scale, 1e-30);
}

double sigmoid_d(double x) { return 1.0 / (1.0 + std::exp(-x)); }

// ---------------------------------------------------------------------------------------------------------------
// Workloads: sizes of the recurrent layer in W2..W5 (G = 1 for the tanh RNN, 4 for LSTM).

struct Workload {
  const char* id;
  const char* what;
  int G, H, I, T, B;
  bool one_hot;
};

const Workload kWorkloads[] = {
    {"W2-l1", "RNN H=10 I=1 T=59 B=1", 1, 10, 1, 59, 1, false},
    {"W2-l2", "RNN H=10 I=10 T=59 B=1", 1, 10, 10, 59, 1, false},
    {"W5", "LSTM H=32 I=16 T=32 B=1", 4, 32, 16, 32, 1, true},
    {"W3", "LSTM H=128 I=64 T=64 B=1", 4, 128, 64, 64, 1, true},
    {"W4", "LSTM H=128 I=64 T=64 B=16", 4, 128, 64, 64, 16, true},
};

struct Result {
  std::string workload, kernel, impl;
  Timing t;
  double flops, err;
};

void print_result(const Result& r) {
  std::printf("RES\t%s\t%s\t%s\t%s\t%.1f\t%.1f\t%.1f\t%.3f\t%.2e\n", BUILD_LABEL, r.workload.c_str(),
              r.kernel.c_str(), r.impl.c_str(), r.t.wall_median_ns, r.t.wall_min_ns, r.t.cpu_median_ns,
              r.flops > 0 ? r.flops / r.t.best_median_ns() : 0.0, r.err);
  std::fflush(stdout);
}

struct Case {
  std::string kernel, impl;
  double flops;                        // 0: element-wise or copy, no GFLOP/s reported
  std::function<void()> run;           // the timed call
  std::function<double()> check;       // runs once on fresh inputs, returns rel_err against the reference
};

void run_workload(const Workload& w, const Options& o) {
  const int G = w.G, H = w.H, I = w.I, T = w.T, B = w.B, GH = G * H, TB = T * B;
  std::mt19937 rng(1234);

  Buf W(size_t(GH) * H), h(size_t(B) * H), gates(size_t(B) * GH), dgates(size_t(B) * GH), dh(size_t(B) * H);
  Buf dgates_seq(size_t(TB) * GH), h_prev_seq(size_t(TB) * H), dW(size_t(GH) * H), dW0(size_t(GH) * H);
  Buf W_ih(size_t(GH) * I), bias(GH), X(size_t(TB) * I), proj(size_t(TB) * GH);
  Buf pre(size_t(B) * GH), act(size_t(B) * GH), c_prev(size_t(B) * H), c(size_t(B) * H), tanh_c(size_t(B) * H),
      h_out(size_t(B) * H), dh_in(size_t(B) * H), dc_next(size_t(B) * H), dc_prev(size_t(B) * H);
  const float scale = 1.0f / std::sqrt(float(H));  // PyTorch's init range
  W.fill_uniform(rng, -scale, scale);
  h.fill_uniform(rng, -1, 1);
  dgates.fill_uniform(rng, -1, 1);
  dgates_seq.fill_uniform(rng, -1, 1);
  h_prev_seq.fill_uniform(rng, -1, 1);
  dW0.fill_uniform(rng, -1, 1);
  W_ih.fill_uniform(rng, -scale, scale);
  bias.fill_uniform(rng, -scale, scale);
  X.fill_uniform(rng, -1, 1);
  pre.fill_uniform(rng, -4, 4);
  c_prev.fill_uniform(rng, -2, 2);
  dh_in.fill_uniform(rng, -1, 1);
  dc_next.fill_uniform(rng, -1, 1);
  std::vector<int> token(TB);
  for (int t = 0; t < TB; ++t) token[t] = int(rng() % unsigned(I));
  // Element-wise forward output is the input of element-wise backward: keep a fixed copy for backward.
  Buf act_fwd(size_t(B) * GH), tanh_c_fwd(size_t(B) * H);
  if (G == 4)
    hand::lstm_gates_forward(B, H, pre, act_fwd, c_prev, c, tanh_c_fwd, h_out);
  else
    hand::rnn_tanh_forward(B * H, pre, act_fwd);

  // W(g, k) in either layout
  auto Wat = [&](bool rm, const float* m, int rows, int cols, int r, int k) {
    return double(rm ? m[size_t(r) * cols + k] : m[r + size_t(k) * rows]);
  };
  auto ref_rec_forward = [&](bool rm) {
    std::vector<double> r(size_t(B) * GH, 0.0);
    for (int b = 0; b < B; ++b)
      for (int g = 0; g < GH; ++g)
        for (int k = 0; k < H; ++k) r[size_t(b) * GH + g] += Wat(rm, W, GH, H, g, k) * h[b * H + k];
    return r;
  };
  auto ref_rec_backward = [&](bool rm) {
    std::vector<double> r(size_t(B) * H, 0.0);
    for (int b = 0; b < B; ++b)
      for (int k = 0; k < H; ++k)
        for (int g = 0; g < GH; ++g) r[size_t(b) * H + k] += Wat(rm, W, GH, H, g, k) * dgates[size_t(b) * GH + g];
    return r;
  };
  auto ref_wgrad = [&](bool rm) {  // in dW's own layout
    std::vector<double> r(size_t(GH) * H);
    for (int g = 0; g < GH; ++g)
      for (int k = 0; k < H; ++k) {
        double s = rm ? dW0[size_t(g) * H + k] : dW0[g + size_t(k) * GH];
        for (int t = 0; t < TB; ++t) s += double(dgates_seq[size_t(t) * GH + g]) * h_prev_seq[size_t(t) * H + k];
        (rm ? r[size_t(g) * H + k] : r[g + size_t(k) * GH]) = s;
      }
    return r;
  };
  auto ref_proj = [&](bool rm) {
    std::vector<double> r(size_t(TB) * GH);
    for (int t = 0; t < TB; ++t)
      for (int g = 0; g < GH; ++g) {
        double s = bias[g];
        for (int i = 0; i < I; ++i) s += Wat(rm, W_ih, GH, I, g, i) * X[size_t(t) * I + i];
        r[size_t(t) * GH + g] = s;
      }
    return r;
  };
  auto ref_gather = [&](bool rm) {
    std::vector<double> r(size_t(TB) * GH);
    for (int t = 0; t < TB; ++t)
      for (int g = 0; g < GH; ++g) r[size_t(t) * GH + g] = Wat(rm, W_ih, GH, I, g, token[t]) + bias[g];
    return r;
  };
  // LSTM forward reference: act, c, tanh_c, h concatenated.
  auto ref_lstm_forward = [&]() {
    std::vector<double> r;
    std::vector<double> a(size_t(B) * GH), cc(size_t(B) * H), tc(size_t(B) * H), hh(size_t(B) * H);
    for (int b = 0; b < B; ++b)
      for (int j = 0; j < H; ++j) {
        const float* p = pre + size_t(b) * GH + j;
        const double i = sigmoid_d(p[0]), f = sigmoid_d(p[H]), g = std::tanh(double(p[2 * H])), og = sigmoid_d(p[3 * H]);
        const size_t q = size_t(b) * GH + j, rr = size_t(b) * H + j;
        a[q] = i; a[q + H] = f; a[q + 2 * H] = g; a[q + 3 * H] = og;
        cc[rr] = f * c_prev[rr] + i * g; tc[rr] = std::tanh(cc[rr]); hh[rr] = og * tc[rr];
      }
    for (auto* v : {&a, &cc, &tc, &hh}) r.insert(r.end(), v->begin(), v->end());
    return r;
  };
  auto ref_lstm_backward = [&]() {
    std::vector<double> d(size_t(B) * GH), dcp(size_t(B) * H);
    for (int b = 0; b < B; ++b)
      for (int j = 0; j < H; ++j) {
        const size_t q = size_t(b) * GH + j, rr = size_t(b) * H + j;
        const double i = act_fwd[q], f = act_fwd[q + H], g = act_fwd[q + 2 * H], og = act_fwd[q + 3 * H];
        const double tc = tanh_c_fwd[rr], dhv = dh_in[rr];
        const double dc = dhv * og * (1 - tc * tc) + dc_next[rr];
        d[q] = dc * g * i * (1 - i);
        d[q + H] = dc * c_prev[rr] * f * (1 - f);
        d[q + 2 * H] = dc * i * (1 - g * g);
        d[q + 3 * H] = dhv * tc * og * (1 - og);
        dcp[rr] = dc * f;
      }
    d.insert(d.end(), dcp.begin(), dcp.end());
    return d;
  };
  auto ref_rnn_forward = [&]() {
    std::vector<double> r(size_t(B) * H);
    for (size_t k = 0; k < r.size(); ++k) r[k] = std::tanh(double(pre[k]));
    return r;
  };
  auto ref_rnn_backward = [&]() {
    std::vector<double> r(size_t(B) * H);
    for (size_t k = 0; k < r.size(); ++k) r[k] = double(dh_in[k]) * (1 - double(act_fwd[k]) * act_fwd[k]);
    return r;
  };
  auto concat = [](std::initializer_list<std::pair<const float*, size_t>> parts) {
    std::vector<float> v;
    for (auto& p : parts) v.insert(v.end(), p.first, p.first + p.second);
    return v;
  };

  std::vector<Case> cases;
  const double rec_flops = 2.0 * B * H * GH;
  using eig::MatCM;
  using eig::MatRM;

  // --- recurrence, forward: gates (B, GH) = h (B, H) W^T, once per step
  auto add_rec_fwd = [&](const char* impl, bool rm, std::function<void()> f) {
    cases.push_back({"rec_fwd", impl, rec_flops, f, [&, f, rm] {
                       std::fill(gates.p, gates.p + gates.n, 0.f);
                       f();
                       return rel_err(gates, ref_rec_forward(rm));
                     }});
  };
  add_rec_fwd("loops", false, [&] { loops::recurrence_forward(GH, H, B, W, h, gates); });
  add_rec_fwd("eigen", false, [&] { eig::recurrence_forward<MatCM>(GH, H, B, W, h, gates); });
  add_rec_fwd("eigen-rm", true, [&] { eig::recurrence_forward<MatRM>(GH, H, B, W, h, gates); });
  add_rec_fwd("hand", false, [&] { hand::gemm_nn(GH, B, H, W, GH, h, 1, H, gates, GH, false); });
  add_rec_fwd("hand-rm", true, [&] { hand::gemm_tn(GH, B, H, W, H, h, H, gates, GH, false); });

  // --- recurrence, backward: dh (B, H) = dgates (B, GH) W, once per step
  auto add_rec_bwd = [&](const char* impl, bool rm, std::function<void()> f) {
    cases.push_back({"rec_bwd", impl, rec_flops, f, [&, f, rm] {
                       std::fill(dh.p, dh.p + dh.n, 0.f);
                       f();
                       return rel_err(dh, ref_rec_backward(rm));
                     }});
  };
  add_rec_bwd("loops", false, [&] { loops::recurrence_backward(GH, H, B, W, dgates, dh); });
  add_rec_bwd("eigen", false, [&] { eig::recurrence_backward<MatCM>(GH, H, B, W, dgates, dh); });
  add_rec_bwd("eigen-rm", true, [&] { eig::recurrence_backward<MatRM>(GH, H, B, W, dgates, dh); });
  add_rec_bwd("hand", false, [&] { hand::gemm_tn(H, B, GH, W, GH, dgates, GH, dh, H, false); });
  add_rec_bwd("hand-rm", true, [&] { hand::gemm_nn(H, B, GH, W, H, dgates, 1, GH, dh, H, false); });

  // --- weight gradient: dW_hh (GH x H) += dgates_seq^T (GH x TB) h_prev_seq (TB x H), once per sequence
  auto add_wgrad = [&](const char* impl, bool rm, std::function<void()> f) {
    cases.push_back({"wgrad", impl, 2.0 * GH * H * TB, f, [&, f, rm] {
                       dW.copy_from(dW0);
                       f();
                       return rel_err(dW, ref_wgrad(rm));
                     }});
  };
  add_wgrad("loops", false, [&] { loops::weight_gradient(GH, H, TB, dgates_seq, h_prev_seq, dW); });
  add_wgrad("eigen", false, [&] { eig::weight_gradient<MatCM>(GH, H, TB, dgates_seq, h_prev_seq, dW); });
  add_wgrad("eigen-rm", true, [&] { eig::weight_gradient<MatRM>(GH, H, TB, dgates_seq, h_prev_seq, dW); });
  add_wgrad("hand", false, [&] { hand::gemm_nn(GH, H, TB, dgates_seq, GH, h_prev_seq, H, 1, dW, GH, true); });
  add_wgrad("hand-rm", true, [&] { hand::gemm_nn(H, GH, TB, h_prev_seq, H, dgates_seq, GH, 1, dW, H, true); });

  // --- input projection, dense X: proj (TB, GH) = X (TB, I) W_ih^T + bias, once per sequence
  auto add_proj = [&](const char* impl, bool rm, std::function<void()> f) {
    cases.push_back({"inproj", impl, 2.0 * TB * I * GH + double(TB) * GH, f, [&, f, rm] {
                       std::fill(proj.p, proj.p + proj.n, 0.f);
                       f();
                       return rel_err(proj, ref_proj(rm));
                     }});
  };
  auto fill_bias = [&] {
    for (int t = 0; t < TB; ++t) std::copy(bias.p, bias.p + GH, proj.p + size_t(t) * GH);
  };
  add_proj("loops", false, [&] { loops::input_projection(GH, I, TB, W_ih, bias, X, proj); });
  add_proj("eigen", false, [&] { eig::input_projection<MatCM>(GH, I, TB, W_ih, bias, X, proj); });
  add_proj("eigen-rm", true, [&] { eig::input_projection<MatRM>(GH, I, TB, W_ih, bias, X, proj); });
  add_proj("hand", false, [&] { fill_bias(); hand::gemm_nn(GH, TB, I, W_ih, GH, X, 1, I, proj, GH, true); });
  add_proj("hand-rm", true, [&] { fill_bias(); hand::gemm_tn(GH, TB, I, W_ih, I, X, I, proj, GH, true); });

  // --- input projection, one-hot X: a column gather of W_ih, once per sequence
  if (w.one_hot) {
    auto add_gather = [&](const char* impl, bool rm, std::function<void()> f) {
      cases.push_back({"gather", impl, 0, f, [&, f, rm] {
                         std::fill(proj.p, proj.p + proj.n, 0.f);
                         f();
                         return rel_err(proj, ref_gather(rm));
                       }});
    };
    add_gather("loops", false, [&] { loops::input_gather(GH, I, TB, W_ih, bias, token.data(), proj); });
    add_gather("eigen", false, [&] { eig::input_gather<MatCM>(GH, I, TB, W_ih, bias, token.data(), proj); });
    add_gather("eigen-rm", true, [&] { eig::input_gather<MatRM>(GH, I, TB, W_ih, bias, token.data(), proj); });
    add_gather("hand", false, [&] { hand::gather_columns_plus_bias(GH, TB, W_ih, bias, token.data(), proj); });
  }

  // --- element-wise gate math, once per step
  if (G == 4) {
    auto add_fwd = [&](const char* impl, std::function<void()> f) {
      cases.push_back({"gates_fwd", impl, 0, f, [&, f] {
                         f();
                         auto out = concat({{act, act.n}, {c, c.n}, {tanh_c, tanh_c.n}, {h_out, h_out.n}});
                         return rel_err(out.data(), ref_lstm_forward());
                       }});
    };
    add_fwd("loops", [&] { loops::lstm_gates_forward(B, H, pre, act, c_prev, c, tanh_c, h_out); });
    add_fwd("eigen", [&] { eig::lstm_gates_forward(B, H, pre, act, c_prev, c, tanh_c, h_out); });
    add_fwd("hand", [&] { hand::lstm_gates_forward(B, H, pre, act, c_prev, c, tanh_c, h_out); });
    auto add_bwd = [&](const char* impl, std::function<void()> f) {
      cases.push_back({"gates_bwd", impl, 0, f, [&, f] {
                         f();
                         auto out = concat({{dgates, dgates.n}, {dc_prev, dc_prev.n}});
                         return rel_err(out.data(), ref_lstm_backward());
                       }});
    };
    add_bwd("loops", [&] { loops::lstm_gates_backward(B, H, act_fwd, c_prev, tanh_c_fwd, dh_in, dc_next, dc_prev, dgates); });
    add_bwd("eigen", [&] { eig::lstm_gates_backward(B, H, act_fwd, c_prev, tanh_c_fwd, dh_in, dc_next, dc_prev, dgates); });
    add_bwd("hand", [&] { hand::lstm_gates_backward(B, H, act_fwd, c_prev, tanh_c_fwd, dh_in, dc_next, dc_prev, dgates); });
  } else {
    auto add_fwd = [&](const char* impl, std::function<void()> f) {
      cases.push_back({"gates_fwd", impl, 0, f, [&, f] {
                         f();
                         return rel_err(h_out, ref_rnn_forward());
                       }});
    };
    add_fwd("loops", [&] { loops::rnn_tanh_forward(B * H, pre, h_out); });
    add_fwd("eigen", [&] { eig::rnn_tanh_forward(B * H, pre, h_out); });
    add_fwd("hand", [&] { hand::rnn_tanh_forward(B * H, pre, h_out); });
    auto add_bwd = [&](const char* impl, std::function<void()> f) {
      cases.push_back({"gates_bwd", impl, 0, f, [&, f] {
                         f();
                         return rel_err(dgates, ref_rnn_backward());
                       }});
    };
    add_bwd("loops", [&] { loops::rnn_tanh_backward(B * H, act_fwd, dh_in, dgates); });
    add_bwd("eigen", [&] { eig::rnn_tanh_backward(B * H, act_fwd, dh_in, dgates); });
    add_bwd("hand", [&] { hand::rnn_tanh_backward(B * H, act_fwd, dh_in, dgates); });
  }

  // Routes of one kernel are consecutive in `cases`: time each group interleaved.
  for (size_t first = 0; first < cases.size();) {
    size_t last = first;
    while (last < cases.size() && cases[last].kernel == cases[first].kernel) ++last;
    const std::string tag = std::string(w.id) + "/" + cases[first].kernel;
    if (o.only.empty() || tag.find(o.only) != std::string::npos) {
      std::vector<double> errs;
      std::vector<const std::function<void()>*> fs;
      for (size_t i = first; i < last; ++i) {
        errs.push_back(cases[i].check());
        fs.push_back(&cases[i].run);
      }
      const std::vector<Timing> t = time_interleaved(fs, o);
      for (size_t i = first; i < last; ++i)
        print_result({w.id, cases[i].kernel, cases[i].impl, t[i - first], cases[i].flops, errs[i - first]});
    }
    first = last;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Activations alone: throughput over 4096 floats (ns per element) and accuracy over [-20, 20].

void run_activations(const Options& o) {
  const int n = 4096;
  std::mt19937 rng(99);
  Buf x(n), y(n);
  x.fill_uniform(rng, -8, 8);
  struct Act {
    const char* kernel;
    const char* impl;
    std::function<void()> run;
  };
  const Act acts[] = {
      {"tanh", "loops", [&] { for (int i = 0; i < n; ++i) y.p[i] = std::tanh(x.p[i]); }},
      {"tanh", "eigen", [&] { Eigen::Map<eig::Arr1>(y.p, n) = Eigen::Map<const eig::Arr1>(x.p, n).tanh(); }},
      {"tanh", "hand", [&] { hand::map(n, x, y, [](simd4::f32x4 v) { return fast_math::tanh(v); }); }},
      {"sigmoid", "loops", [&] { for (int i = 0; i < n; ++i) y.p[i] = loops::sigmoid(x.p[i]); }},
      {"sigmoid", "eigen", [&] { Eigen::Map<eig::Arr1>(y.p, n) = Eigen::Map<const eig::Arr1>(x.p, n).logistic(); }},
      {"sigmoid", "hand", [&] { hand::map(n, x, y, [](simd4::f32x4 v) { return fast_math::sigmoid(v); }); }},
      {"sigmoid", "hand-tanh", [&] { hand::map(n, x, y, [](simd4::f32x4 v) { return fast_math::sigmoid_via_tanh(v); }); }},
      // exp is what a softmax / cross-entropy needs; Eigen's SSE exp is the one the toolchain notes flag.
      {"exp", "loops", [&] { for (int i = 0; i < n; ++i) y.p[i] = std::exp(x.p[i]); }},
      {"exp", "eigen", [&] { Eigen::Map<eig::Arr1>(y.p, n) = Eigen::Map<const eig::Arr1>(x.p, n).exp(); }},
      {"exp", "hand", [&] { hand::map(n, x, y, [](simd4::f32x4 v) { return fast_math::exp(v); }); }},
  };
  std::vector<const std::function<void()>*> fs;
  for (const Act& a : acts) fs.push_back(&a.run);
  if (!o.only.empty() && std::string("act/tanh/sigmoid/exp").find(o.only) == std::string::npos) return;
  const std::vector<Timing> t = time_interleaved(fs, o);
  for (size_t i = 0; i < t.size(); ++i)  // per call of 4096 elements
    print_result({"act4096", acts[i].kernel, acts[i].impl, t[i], 0.0, 0.0});
}

// Max abs / rel error over a uniform grid on [-20, 20] plus a log grid toward 0 (both signs), against double.
void run_accuracy() {
  std::vector<float> xs;
  const int uniform = 1 << 21;
  for (int i = 0; i <= uniform; ++i) xs.push_back(-20.0f + 40.0f * float(i) / float(uniform));
  for (int i = 0; i <= (1 << 16); ++i) {
    const float v = float(std::pow(10.0, -10.0 + 11.0 * i / double(1 << 16)));
    xs.push_back(v);
    xs.push_back(-v);
  }
  while (xs.size() % 4) xs.push_back(0.0f);
  const int n = int(xs.size());
  std::vector<float> y(n);
  struct Fn {
    const char* name;
    const char* impl;
    double (*ref)(double);
    std::function<void(const float*, float*, int)> eval;
  };
  auto vec = [](simd4::f32x4 (*f)(simd4::f32x4)) {
    return [f](const float* in, float* out, int m) { hand::map(m, in, out, f); };
  };
  const Fn fns[] = {
      {"tanh", "hand", [](double v) { return std::tanh(v); }, vec(fast_math::tanh)},
      {"tanh", "eigen", [](double v) { return std::tanh(v); },
       [](const float* in, float* out, int m) { Eigen::Map<eig::Arr1>(out, m) = Eigen::Map<const eig::Arr1>(in, m).tanh(); }},
      {"tanh", "std-float", [](double v) { return std::tanh(v); },
       [](const float* in, float* out, int m) { for (int i = 0; i < m; ++i) out[i] = std::tanh(in[i]); }},
      {"sigmoid", "hand", sigmoid_d, vec(fast_math::sigmoid)},
      {"sigmoid", "hand-tanh", sigmoid_d, vec(fast_math::sigmoid_via_tanh)},
      {"sigmoid", "eigen", sigmoid_d,
       [](const float* in, float* out, int m) { Eigen::Map<eig::Arr1>(out, m) = Eigen::Map<const eig::Arr1>(in, m).logistic(); }},
      {"sigmoid", "std-float", sigmoid_d,
       [](const float* in, float* out, int m) { for (int i = 0; i < m; ++i) out[i] = loops::sigmoid(in[i]); }},
      {"exp", "hand", [](double v) { return std::exp(v); }, vec(fast_math::exp)},
      {"exp", "std-float", [](double v) { return std::exp(v); },
       [](const float* in, float* out, int m) { for (int i = 0; i < m; ++i) out[i] = std::exp(in[i]); }},
  };
  for (const Fn& f : fns) {
    f.eval(xs.data(), y.data(), n);
    double max_abs = 0, max_rel = 0;
    for (int i = 0; i < n; ++i) {
      const double r = f.ref(xs[i]);
      const double e = std::abs(double(y[i]) - r);
      max_abs = std::max(max_abs, e);
      if (r != 0) max_rel = std::max(max_rel, e / std::abs(r));
    }
    // NaN must stay NaN (a NaN loss must be seen); +-inf must give the limits.
    const float inf = std::numeric_limits<float>::infinity();
    alignas(16) float sp[4] = {std::numeric_limits<float>::quiet_NaN(), inf, -inf, 0.0f}, so[4];
    f.eval(sp, so, 4);
    auto near_limit = [](float y, double lim) {
      return std::isinf(lim) ? y >= 1e38f : std::abs(double(y) - lim) <= 1e-6;
    };
    const bool special_ok = std::isnan(so[0]) && near_limit(so[1], f.ref(1e30)) && near_limit(so[2], f.ref(-1e30));
    std::printf("ACC\t%s\t%s\t%s\t%.3e\t%.3e\t%s\tf(nan)=%g f(inf)=%.9g f(-inf)=%.9g\n", BUILD_LABEL, f.name,
                f.impl, max_abs, max_rel, special_ok ? "ok" : "FAIL", so[0], so[1], so[2]);
  }
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a.rfind("--ms=", 0) == 0) o.sample_ms = std::atof(a.c_str() + 5);
    else if (a.rfind("--samples=", 0) == 0) o.samples = std::atoi(a.c_str() + 10);
    else if (a.rfind("--only=", 0) == 0) o.only = a.substr(7);
    else if (a == "--no-accuracy") o.accuracy = false;
    else if (a == "--accuracy-only") o.kernels = false;
    else {
      std::fprintf(stderr, "unknown option '%s' (expected --ms=, --samples=, --only=, --no-accuracy, --accuracy-only)\n",
                   a.c_str());
      return 2;
    }
  }
  std::printf("# build %s: simd4 backend %s, Eigen SIMD: %s\n", BUILD_LABEL, SIMD4_BACKEND,
              Eigen::SimdInstructionSetsInUse());
  if (o.accuracy) run_accuracy();
  if (o.kernels) {
    for (const Workload& w : kWorkloads) run_workload(w, o);
    run_activations(o);
  }
  return 0;
}
