// loop_kernels.h: the same kernels as naive scalar loops with std::exp / std::tanh, the way one writes them
// without thinking about SIMD. Layout as the "cm" routes (W column-major). The compiler may autovectorize the
// axpy loops; it may not vectorize the dot-product loops (float sums cannot be reordered without -ffast-math),
// which is exactly what this route shows.
#pragma once

#include <cmath>
#include <cstddef>

namespace loops {

// gates (B, GH) = h (B, H) W^T, W (GH x H) column-major.
inline void recurrence_forward(int GH, int H, int B, const float* W, const float* h, float* gates) {
  for (int b = 0; b < B; ++b) {
    float* g = gates + std::ptrdiff_t(b) * GH;
    for (int m = 0; m < GH; ++m) g[m] = 0;
    for (int k = 0; k < H; ++k) {
      const float s = h[b * H + k];
      const float* w = W + std::ptrdiff_t(k) * GH;
      for (int m = 0; m < GH; ++m) g[m] += w[m] * s;
    }
  }
}

// dh (B, H) = dgates (B, GH) W
inline void recurrence_backward(int GH, int H, int B, const float* W, const float* dgates, float* dh) {
  for (int b = 0; b < B; ++b)
    for (int k = 0; k < H; ++k) {
      const float* w = W + std::ptrdiff_t(k) * GH;
      const float* d = dgates + std::ptrdiff_t(b) * GH;
      float s = 0;
      for (int m = 0; m < GH; ++m) s += w[m] * d[m];
      dh[b * H + k] = s;
    }
}

// dW (GH x H, col-major) += sum_t dgates_t^T h_prev_t
inline void weight_gradient(int GH, int H, int TB, const float* dgates_seq, const float* h_prev_seq, float* dW) {
  for (int t = 0; t < TB; ++t) {
    const float* d = dgates_seq + std::ptrdiff_t(t) * GH;
    for (int k = 0; k < H; ++k) {
      const float s = h_prev_seq[std::ptrdiff_t(t) * H + k];
      float* w = dW + std::ptrdiff_t(k) * GH;
      for (int m = 0; m < GH; ++m) w[m] += d[m] * s;
    }
  }
}

inline void input_projection(int GH, int I, int TB, const float* W_ih, const float* bias, const float* X, float* out) {
  for (int t = 0; t < TB; ++t) {
    float* o = out + std::ptrdiff_t(t) * GH;
    for (int m = 0; m < GH; ++m) o[m] = bias[m];
    for (int k = 0; k < I; ++k) {
      const float s = X[std::ptrdiff_t(t) * I + k];
      const float* w = W_ih + std::ptrdiff_t(k) * GH;
      for (int m = 0; m < GH; ++m) o[m] += w[m] * s;
    }
  }
}

inline void input_gather(int GH, int /*V*/, int TB, const float* W_ih, const float* bias, const int* token, float* out) {
  for (int t = 0; t < TB; ++t) {
    const float* w = W_ih + std::ptrdiff_t(token[t]) * GH;
    float* o = out + std::ptrdiff_t(t) * GH;
    for (int m = 0; m < GH; ++m) o[m] = w[m] + bias[m];
  }
}

inline float sigmoid(float x) { return 1.0f / (1.0f + std::exp(-x)); }

inline void lstm_gates_forward(int B, int H, const float* pre, float* act, const float* c_prev, float* c,
                               float* tanh_c, float* h) {
  for (int b = 0; b < B; ++b)
    for (int j = 0; j < H; ++j) {
      const float* p = pre + std::ptrdiff_t(b) * 4 * H + j;
      float* a = act + std::ptrdiff_t(b) * 4 * H + j;
      const float i = sigmoid(p[0]), f = sigmoid(p[H]), g = std::tanh(p[2 * H]), o = sigmoid(p[3 * H]);
      const int r = b * H + j;
      const float cn = f * c_prev[r] + i * g;
      const float tc = std::tanh(cn);
      a[0] = i; a[H] = f; a[2 * H] = g; a[3 * H] = o;
      c[r] = cn; tanh_c[r] = tc; h[r] = o * tc;
    }
}

inline void lstm_gates_backward(int B, int H, const float* gates, const float* c_prev, const float* tanh_c,
                                const float* dh, const float* dc_next, float* dc_prev, float* dgates) {
  for (int b = 0; b < B; ++b)
    for (int j = 0; j < H; ++j) {
      const float* a = gates + std::ptrdiff_t(b) * 4 * H + j;
      float* d = dgates + std::ptrdiff_t(b) * 4 * H + j;
      const int r = b * H + j;
      const float i = a[0], f = a[H], g = a[2 * H], o = a[3 * H], tc = tanh_c[r];
      const float dc = dh[r] * o * (1 - tc * tc) + dc_next[r];
      d[0] = dc * g * i * (1 - i);
      d[H] = dc * c_prev[r] * f * (1 - f);
      d[2 * H] = dc * i * (1 - g * g);
      d[3 * H] = dh[r] * tc * o * (1 - o);
      dc_prev[r] = dc * f;
    }
}

inline void rnn_tanh_forward(int n, const float* pre, float* h) {
  for (int k = 0; k < n; ++k) h[k] = std::tanh(pre[k]);
}

inline void rnn_tanh_backward(int n, const float* h, const float* dh, float* dpre) {
  for (int k = 0; k < n; ++k) dpre[k] = dh[k] * (1 - h[k] * h[k]);
}

}  // namespace loops
