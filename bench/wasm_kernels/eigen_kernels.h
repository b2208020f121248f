// eigen_kernels.h: the kernels of a fused recurrent layer as plain Eigen expressions over Maps of the same
// buffers the hand-written kernels use. Which SIMD Eigen uses depends on the build only:
//   em++ -msimd128            -> Eigen sees no SIMD ISA (EIGEN_VECTORIZE off), LLVM autovectorizes its loops
//   em++ -msimd128 -msse4.1   -> Eigen's SSE packet math, mapped onto wasm SIMD by Emscripten (needs the shims)
//   g++ -O3 [-march=native]   -> Eigen's SSE2 / AVX2+FMA (AVX-512) packet math
//
// Layout of the recurrent weight W (G*H x H), the template parameter WMat:
//   ColMajor ("cm"): each column of W (one input unit, all G*H gate rows) contiguous: W h is an axpy along G*H,
//                    W^T dgates a dot product along G*H.
//   RowMajor ("rm"): PyTorch's memory layout of weight_hh (each gate row contiguous).
#pragma once

#include <Eigen/Core>

namespace eig {

using Eigen::Dynamic;
using MatCM = Eigen::Matrix<float, Dynamic, Dynamic, Eigen::ColMajor>;
using MatRM = Eigen::Matrix<float, Dynamic, Dynamic, Eigen::RowMajor>;
using Vec = Eigen::VectorXf;
using Arr2 = Eigen::Array<float, Dynamic, Dynamic>;
using Arr1 = Eigen::ArrayXf;

// gates (GH x B, col-major = (B, GH) row-major) = W (GH x H) * h (H x B); B == 1 takes Eigen's GEMV.
template <class WMat>
void recurrence_forward(int GH, int H, int B, const float* W, const float* h, float* gates) {
  Eigen::Map<const WMat> w(W, GH, H);
  if (B == 1)
    Eigen::Map<Vec>(gates, GH).noalias() = w * Eigen::Map<const Vec>(h, H);
  else
    Eigen::Map<MatCM>(gates, GH, B).noalias() = w * Eigen::Map<const MatCM>(h, H, B);
}

// dh (H x B) = W^T (H x GH) * dgates (GH x B)
template <class WMat>
void recurrence_backward(int GH, int H, int B, const float* W, const float* dgates, float* dh) {
  Eigen::Map<const WMat> w(W, GH, H);
  if (B == 1)
    Eigen::Map<Vec>(dh, H).noalias() = w.transpose() * Eigen::Map<const Vec>(dgates, GH);
  else
    Eigen::Map<MatCM>(dh, H, B).noalias() = w.transpose() * Eigen::Map<const MatCM>(dgates, GH, B);
}

// dW (GH x H) += dgates_seq^T (GH x TB) * h_prev_seq (TB x H); both sequences stored (TB, .) row-major.
template <class WMat>
void weight_gradient(int GH, int H, int TB, const float* dgates_seq, const float* h_prev_seq, float* dW) {
  Eigen::Map<WMat>(dW, GH, H).noalias() +=
      Eigen::Map<const MatCM>(dgates_seq, GH, TB) * Eigen::Map<const MatCM>(h_prev_seq, H, TB).transpose();
}

// out (GH x TB) = W_ih (GH x I) * X^T (I x TB) + bias, X stored (TB, I) row-major.
template <class WMat>
void input_projection(int GH, int I, int TB, const float* W_ih, const float* bias, const float* X, float* out) {
  Eigen::Map<MatCM> o(out, GH, TB);
  o.noalias() = Eigen::Map<const WMat>(W_ih, GH, I) * Eigen::Map<const MatCM>(X, I, TB);
  o.colwise() += Eigen::Map<const Vec>(bias, GH);
}

// One-hot inputs: out[:, t] = W_ih[:, token[t]] + bias.
template <class WMat>
void input_gather(int GH, int V, int TB, const float* W_ih, const float* bias, const int* token, float* out) {
  Eigen::Map<const WMat> w(W_ih, GH, V);
  Eigen::Map<MatCM> o(out, GH, TB);
  Eigen::Map<const Vec> b(bias, GH);
  for (int t = 0; t < TB; ++t) o.col(t) = w.col(token[t]) + b;
}

// LSTM gates, PyTorch order i, f, g, o; same buffers and aliasing rules as hand::lstm_gates_forward.
inline void lstm_gates_forward(int B, int H, const float* pre, float* act, const float* c_prev, float* c,
                               float* tanh_c, float* h) {
  Eigen::Map<const Arr2> P(pre, 4 * H, B);
  Eigen::Map<Arr2> A(act, 4 * H, B);
  A.topRows(2 * H) = P.topRows(2 * H).logistic();
  A.middleRows(2 * H, H) = P.middleRows(2 * H, H).tanh();
  A.bottomRows(H) = P.bottomRows(H).logistic();
  Eigen::Map<Arr2> C(c, H, B), TC(tanh_c, H, B);
  C = A.middleRows(H, H) * Eigen::Map<const Arr2>(c_prev, H, B) + A.topRows(H) * A.middleRows(2 * H, H);
  TC = C.tanh();
  Eigen::Map<Arr2>(h, H, B) = A.bottomRows(H) * TC;
}

inline void lstm_gates_backward(int B, int H, const float* gates, const float* c_prev, const float* tanh_c,
                                const float* dh, const float* dc_next, float* dc_prev, float* dgates) {
  Eigen::Map<const Arr2> A(gates, 4 * H, B);
  const auto i = A.topRows(H);
  const auto f = A.middleRows(H, H);
  const auto g = A.middleRows(2 * H, H);
  const auto o = A.bottomRows(H);
  Eigen::Map<const Arr2> TC(tanh_c, H, B), dH(dh, H, B);
  Eigen::Map<Arr2> D(dgates, 4 * H, B);
  // dc feeds five outputs: evaluate it once into a temporary (a heap allocation per call; the hand-written
  // kernel keeps it in registers).
  const Arr2 dc = dH * o * (1 - TC.square()) + Eigen::Map<const Arr2>(dc_next, H, B);
  D.topRows(H) = dc * g * i * (1 - i);
  D.middleRows(H, H) = dc * Eigen::Map<const Arr2>(c_prev, H, B) * f * (1 - f);
  D.middleRows(2 * H, H) = dc * i * (1 - g.square());
  D.bottomRows(H) = dH * TC * o * (1 - o);
  Eigen::Map<Arr2>(dc_prev, H, B) = dc * f;
}

inline void rnn_tanh_forward(int n, const float* pre, float* h) {
  Eigen::Map<Arr1>(h, n) = Eigen::Map<const Arr1>(pre, n).tanh();
}

inline void rnn_tanh_backward(int n, const float* h, const float* dh, float* dpre) {
  Eigen::Map<const Arr1> hv(h, n);
  Eigen::Map<Arr1>(dpre, n) = Eigen::Map<const Arr1>(dh, n) * (1 - hv.square());
}

}  // namespace eig
