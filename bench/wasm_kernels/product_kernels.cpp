// product_kernels.cpp: the product's kernels (src/nn) before and after the hand four-lane kernels went in,
// timed side by side at the sizes of W2-W5, natively and in wasm. The "before" variants are the code the fused
// layer ran until then (copied here: plain loops for B = 1, Eigen for batches and the per-sequence products,
// the dense input projection); the "after" ones are src/nn/simd_products.h, simd_lstm_gates.h and
// recurrent_input_projection.cpp, included from the product.
//   bench/wasm_kernels/product_build.sh      -> build-wasmlab/product/{native,wasm.js}
//   node build-wasmlab/product/wasm.js       (or the native binary); prints one markdown row per kernel
// Timing: the variants of one kernel alternate sample by sample (21 samples of ~2 ms of CPU time each); the row
// gives the median CPU ns per call of each variant. See docs/wasm-simd.md, "kept per kernel".
#include <algorithm>
#include <ctime>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#if defined(__EMSCRIPTEN__)
#include <emscripten.h>
#endif

#include "core/rng.h"
#include "core/tensor.h"
#include "nn/recurrent_activations.h"
#include "nn/recurrent_input_projection.h"
#include "nn/simd_lstm_gates.h"
#include "nn/simd_products.h"

using namespace rnnlab;

namespace before {

// recurrent_step_products.cpp until now: y (N) += sum_k a[k] * m[k, :], four rows per pass.
void add_scaled_rows(const float* __restrict a, const float* __restrict m, float* __restrict y, int64_t K, int64_t N) {
  int64_t k = 0;
  for (; k + 4 <= K; k += 4) {
    const float a0 = a[k], a1 = a[k + 1], a2 = a[k + 2], a3 = a[k + 3];
    const float* m0 = m + k * N;
    const float* m1 = m0 + N;
    const float* m2 = m1 + N;
    const float* m3 = m2 + N;
    for (int64_t j = 0; j < N; ++j) y[j] += a0 * m0[j] + a1 * m1[j] + a2 * m2[j] + a3 * m3[j];
  }
  for (; k < K; ++k)
    for (int64_t j = 0; j < N; ++j) y[j] += a[k] * m[k * N + j];
}

void hidden_projection(const float* h, const float* w_hh_t, float* out, int64_t B, int64_t H, int64_t GH) {
  if (B == 1) return add_scaled_rows(h, w_hh_t, out, H, GH);
  MatrixMap(out, B, GH).noalias() += ConstMatrixMap(h, B, H) * ConstMatrixMap(w_hh_t, H, GH);
}

void hidden_gradient(const float* dg, const float* w_hh, float* dh, int64_t B, int64_t H, int64_t GH) {
  if (B == 1) return add_scaled_rows(dg, w_hh, dh, GH, H);
  MatrixMap(dh, B, H).noalias() += ConstMatrixMap(dg, B, GH) * ConstMatrixMap(w_hh, GH, H);
}

void lstm_row_forward(float* __restrict i, float* __restrict f, float* __restrict g, float* __restrict o,
                      const float* __restrict c_prev, float* __restrict c, float* __restrict tanh_c,
                      float* __restrict h, int64_t H) {
  using namespace recurrent;
  for (int64_t j = 0; j < H; ++j) {
    i[j] = rational_sigmoid(i[j]);
    f[j] = rational_sigmoid(f[j]);
    g[j] = rational_tanh(g[j]);
    o[j] = rational_sigmoid(o[j]);
    c[j] = f[j] * c_prev[j] + i[j] * g[j];
    tanh_c[j] = rational_tanh(c[j]);
    h[j] = o[j] * tanh_c[j];
  }
}

void lstm_row_backward(const float* __restrict i, const float* __restrict f, const float* __restrict g,
                       const float* __restrict o, const float* __restrict c_prev, const float* __restrict tanh_c,
                       const float* __restrict d_out, float* __restrict dh, float* __restrict dh_carry,
                       float* __restrict dc_carry, float* __restrict di, float* __restrict df, float* __restrict dg,
                       float* __restrict d_o, int64_t H) {
  for (int64_t j = 0; j < H; ++j) {
    const float dh_t = d_out[j] + dh_carry[j];
    const float dc = dc_carry[j] + dh_t * o[j] * (1.0f - tanh_c[j] * tanh_c[j]);
    dh[j] = dh_t;
    di[j] = dc * g[j] * i[j] * (1.0f - i[j]);
    df[j] = dc * c_prev[j] * f[j] * (1.0f - f[j]);
    dg[j] = dc * i[j] * (1.0f - g[j] * g[j]);
    d_o[j] = dh_t * tanh_c[j] * o[j] * (1.0f - o[j]);
    dc_carry[j] = dc * f[j];
    dh_carry[j] = 0.0f;
  }
}

}  // namespace before

namespace simd_bench {
using simd4::f32x4;
// One batch row of an LSTM step backward on four lanes (formulas in recurrent_lstm.cpp): measured, not kept.
void lstm_row_backward(const float* i, const float* f, const float* g, const float* o, const float* c_prev,
                              const float* tanh_c, const float* d_out, float* dh, float* dh_carry, float* dc_carry,
                              float* di, float* df, float* dg, float* d_o, int64_t H) {
  using namespace simd4;
  const f32x4 one = splat(1.0f), zero = splat(0.0f);
  int64_t j = 0;
  for (; j + 4 <= H; j += 4) {
    const f32x4 iv = load(i + j), fv = load(f + j), gv = load(g + j), ov = load(o + j), tc = load(tanh_c + j);
    const f32x4 dh_t = add(load(d_out + j), load(dh_carry + j));
    const f32x4 dc = add(load(dc_carry + j), mul(mul(dh_t, ov), sub(one, mul(tc, tc))));
    store(dh + j, dh_t);
    store(di + j, mul(mul(mul(dc, gv), iv), sub(one, iv)));
    store(df + j, mul(mul(mul(dc, load(c_prev + j)), fv), sub(one, fv)));
    store(dg + j, mul(mul(dc, iv), sub(one, mul(gv, gv))));
    store(d_o + j, mul(mul(mul(dh_t, tc), ov), sub(one, ov)));
    store(dc_carry + j, mul(dc, fv));
    store(dh_carry + j, zero);
  }
  for (; j < H; ++j) {
    const float dh_t = d_out[j] + dh_carry[j];
    const float dc = dc_carry[j] + dh_t * o[j] * (1.0f - tanh_c[j] * tanh_c[j]);
    dh[j] = dh_t;
    di[j] = dc * g[j] * i[j] * (1.0f - i[j]);
    df[j] = dc * c_prev[j] * f[j] * (1.0f - f[j]);
    dg[j] = dc * i[j] * (1.0f - g[j] * g[j]);
    d_o[j] = dh_t * tanh_c[j] * o[j] * (1.0f - o[j]);
    dc_carry[j] = dc * f[j];
    dh_carry[j] = 0.0f;
  }
}

}  // namespace simd_bench

namespace {

// CPU time of this thread (natively) or of the Node process (wasm), in ns: preemption on the shared machine
// does not inflate it.
#if defined(__EMSCRIPTEN__)
EM_JS(double, process_cpu_us, (), {
  const u = process.cpuUsage();
  return u.user + u.system;
});
double now_ns() { return 1e3 * process_cpu_us(); }
#else
double now_ns() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return 1e9 * static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec);
}
#endif

// Median ns per call of each variant, samples interleaved across variants.
std::vector<double> time_variants(const std::vector<std::function<void()>>& variants) {
  std::vector<long> reps(variants.size());
  for (size_t v = 0; v < variants.size(); ++v) {  // calibrate: ~2 ms per sample, fastest of 5 tries
    variants[v]();
    double best = 1e18;
    for (int k = 0; k < 5; ++k) {
      const double t0 = now_ns();
      variants[v]();
      best = std::min(best, now_ns() - t0);
    }
    reps[v] = std::max(1L, static_cast<long>(2e6 / std::max(best, 1.0)));
  }
  std::vector<std::vector<double>> samples(variants.size());
  for (int s = 0; s < 21; ++s)
    for (size_t v = 0; v < variants.size(); ++v) {
      const double t0 = now_ns();
      for (long r = 0; r < reps[v]; ++r) variants[v]();
      samples[v].push_back((now_ns() - t0) / static_cast<double>(reps[v]));
    }
  std::vector<double> med;
  for (auto& s : samples) {
    std::sort(s.begin(), s.end());
    med.push_back(s[s.size() / 2]);
  }
  return med;
}

std::string ns(double t) {
  char b[32];
  if (t >= 1e6) std::snprintf(b, sizeof b, "%.2f ms", t / 1e6);
  else if (t >= 1e3) std::snprintf(b, sizeof b, "%.2f us", t / 1e3);
  else std::snprintf(b, sizeof b, "%.0f ns", t);
  return b;
}

void row(const char* w, const char* kernel, const char* before_name, const char* after_name,
         const std::vector<std::function<void()>>& v) {
  const auto t = time_variants(v);
  std::printf("| %s | %s | %s: %s | %s: %s | %.2fx |\n", w, kernel, before_name, ns(t[0]).c_str(), after_name,
              ns(t[1]).c_str(), t[0] / t[1]);
  std::fflush(stdout);
}

Tensor random(const Shape& s, Rng& rng, float bound = 1.0f) {
  Tensor t(s);
  rng.fill_uniform(t, -bound, bound);
  return t;
}

struct Size {
  const char* name;
  int64_t B, H, G, I, T;
};

}  // namespace

int main() {
#if defined(__wasm_simd128__)
  std::printf("build: wasm -O3 -msimd128 (hand kernels: wasm_simd128)\n\n");
#else
  std::printf("build: native (hand kernels: SSE2 lanes; Eigen: this CPU)\n\n");
#endif
  std::printf("| workload | kernel | before | after | before / after |\n|---|---|---|---|---|\n");
  for (const Size s : {Size{"W2", 1, 10, 1, 10, 59}, Size{"W5", 1, 32, 4, 16, 32}, Size{"W3", 1, 128, 4, 64, 64},
                       Size{"W4", 16, 128, 4, 64, 64}}) {
    const int64_t H = s.H, B = s.B, GH = s.G * H, I = s.I, rows = s.T * s.B;
    Rng rng(1);
    Tensor w_hh = random(Shape{GH, H}, rng, 0.1f), w_hh_t(Shape{H, GH}), w_ih = random(Shape{GH, I}, rng, 0.1f);
    w_hh_t.mat() = w_hh.mat().transpose();
    Tensor w_ih_t(Shape{I, GH});
    w_ih_t.mat() = w_ih.mat().transpose();
    Tensor h = random(Shape{B, H}, rng), gates(Shape{B, GH}), dh(Shape{B, H});
    Tensor d_gates = random(Shape{rows, GH}, rng, 0.01f), h_prev = random(Shape{rows, H}, rng);
    Tensor dw_hh(Shape{GH, H}), dw_ih(Shape{GH, I}), dw_ih_t(Shape{I, GH}), proj(Shape{rows, GH});
    Tensor x(Shape{rows, I});
    std::vector<int32_t> hot(static_cast<size_t>(rows));
    for (int64_t r = 0; r < rows; ++r) {
      hot[static_cast<size_t>(r)] = static_cast<int32_t>((r * 37 + 11) % I);
      x[r * I + hot[static_cast<size_t>(r)]] = 1.0f;
    }
    row(s.name, "rec_fwd, per step", "loops/Eigen", "simd",
        {[&] { before::hidden_projection(h.data(), w_hh_t.data(), gates.data(), B, H, GH); },
         [&] { simd::hidden_projection(h.data(), w_hh_t.data(), gates.data(), B, H, GH); }});
    row(s.name, "rec_bwd, per step", "loops/Eigen", "simd",
        {[&] { before::hidden_gradient(d_gates.data(), w_hh.data(), dh.data(), B, H, GH); },
         [&] { simd::hidden_gradient(d_gates.data(), w_hh.data(), dh.data(), B, H, GH); }});
    row(s.name, "wgrad dW_hh, per sequence", "Eigen", "simd",
        {[&] { dw_hh.mat().noalias() += d_gates.mat().transpose() * h_prev.mat(); },
         [&] { simd::weight_gradient(d_gates.data(), h_prev.data(), dw_hh.data(), rows, GH, H); }});
    row(s.name, "input projection, per sequence", "Eigen dense", "simd dense",
        {[&] { proj.mat().noalias() = x.mat() * w_ih.mat().transpose(); },
         [&] { simd::input_projection(x.data(), w_ih.data(), proj.data(), rows, I, GH); }});
    if (s.G == 4) {  // char workloads: one-hot inputs
      row(s.name, "input projection, one-hot", "Eigen dense", "gather",
          {[&] { proj.mat().noalias() = x.mat() * w_ih.mat().transpose(); },
           [&] {
             recurrent::find_one_hot_rows(x.data(), rows, I, hot);
             w_ih_t.mat() = w_ih.mat().transpose();
             recurrent::gather_input_projection(hot.data(), rows, w_ih_t.data(), GH, proj.data());
           }});
      row(s.name, "dW_ih, one-hot", "Eigen dense", "scatter",
          {[&] { dw_ih.mat().noalias() += d_gates.mat().transpose() * x.mat(); },
           [&] {
             recurrent::scatter_input_weight_grad(hot.data(), rows, d_gates.data(), GH, I, dw_ih_t.data(),
                                                  dw_ih.data());
           }});
      Tensor pre = random(Shape{B, GH}, rng, 3.0f), act(Shape{B, GH}), c_prev = random(Shape{B, H}, rng);
      Tensor c(Shape{B, H}), tc(Shape{B, H}), hh(Shape{B, H}), dcc(Shape{B, H}), dhc(Shape{B, H});
      Tensor dout = random(Shape{B, H}, rng), dgt(Shape{B, GH});
      auto fwd = [&](auto fn) {
        act.assign(pre);
        for (int64_t r = 0; r < B; ++r) {
          float* g = act.data() + r * GH;
          fn(g, g + H, g + 2 * H, g + 3 * H, c_prev.data() + r * H, c.data() + r * H, tc.data() + r * H,
             hh.data() + r * H, H);
        }
      };
      row(s.name, "LSTM gates forward, per step", "loops", "simd",
          {[&] { fwd(before::lstm_row_forward); }, [&] { fwd(simd::lstm_row_forward); }});
      auto bwd = [&](auto fn) {
        for (int64_t r = 0; r < B; ++r) {
          const float* g = act.data() + r * GH;
          float* d = dgt.data() + r * GH;
          fn(g, g + H, g + 2 * H, g + 3 * H, c_prev.data() + r * H, tc.data() + r * H, dout.data() + r * H,
             hh.data() + r * H, dhc.data() + r * H, dcc.data() + r * H, d, d + H, d + 2 * H, d + 3 * H, H);
        }
      };
      row(s.name, "LSTM gates backward, per step", "loops", "simd",
          {[&] { bwd(before::lstm_row_backward); }, [&] { bwd(simd_bench::lstm_row_backward); }});
    }
  }
  return 0;
}
