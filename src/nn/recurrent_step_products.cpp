// The two matrix products inside the recurrence, one per step and direction of the sweep.
//
// With one sequence (B = 1) they are matrix-vector products on small matrices, where a call into Eigen's
// general kernels costs more than the arithmetic (a 10-unit layer spent most of its time in dispatch). So B = 1
// runs plain loops written as sums of scaled rows: each row of the matrix is read once, contiguously, and the
// inner loop vectorizes without reassociating any sum. Larger batches are true matrix products: natively the
// packed kernel of core/native_gemm.h on AVX2 + FMA machines (the weights read in place, only the batch's rows
// packed), Eigen elsewhere.
// The wasm build (no Eigen packet path there) runs batches through the hand four-lane kernels of simd_gemm.h
// (3.8-4.5x Eigen at W4); for B = 1 the loops below, autovectorized, tie or beat them (docs/wasm-simd.md).
#include "nn/recurrent_kernels.h"

#include <algorithm>

#if defined(__wasm_simd128__)
#include "nn/simd_products.h"
#else
#include "core/native_gemm.h"
#endif

namespace rnnlab::recurrent {
namespace {

// y (N) += sum_k a[k] * m[k, :] for m (K, N) row-major: four rows per pass, so y is loaded and stored K/4 times.
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
  for (; k < K; ++k) {
    const float ak = a[k];
    const float* mk = m + k * N;
    for (int64_t j = 0; j < N; ++j) y[j] += ak * mk[j];
  }
}

}  // namespace

void add_hidden_projection(const float* h_prev, const float* w_hh_t, float* out, int64_t B, int64_t H, int64_t GH) {
  if (B == 1) {
    add_scaled_rows(h_prev, w_hh_t, out, H, GH);  // (H) rows of (H, G*H) -> (G*H)
    return;
  }
#if defined(__wasm_simd128__)
  simd::hidden_projection(h_prev, w_hh_t, out, B, H, GH);
#elif RNNLAB_NATIVE_GEMM
  native::gemm_nn(B, GH, H, h_prev, w_hh_t, out, true);  // (B, H) x (H, G*H), w_hh_t read in place
#else
  MatrixMap(out, B, GH).noalias() += ConstMatrixMap(h_prev, B, H) * ConstMatrixMap(w_hh_t, H, GH);  // (B, H) x (H, G*H)
#endif
}

void add_hidden_gradient(const float* d_gates, const float* w_hh, float* dh_prev, int64_t B, int64_t H, int64_t GH) {
  if (B == 1) {
    add_scaled_rows(d_gates, w_hh, dh_prev, GH, H);  // (G*H) rows of (G*H, H) -> (H)
    return;
  }
#if defined(__wasm_simd128__)
  simd::hidden_gradient(d_gates, w_hh, dh_prev, B, H, GH);
#elif RNNLAB_NATIVE_GEMM
  native::gemm_nn(B, H, GH, d_gates, w_hh, dh_prev, true);  // (B, G*H) x (G*H, H), w_hh read in place
#else
  MatrixMap(dh_prev, B, H).noalias() += ConstMatrixMap(d_gates, B, GH) * ConstMatrixMap(w_hh, GH, H);  // (B, G*H) x (G*H, H)
#endif
}

StepProducts::StepProducts(const LayerBuffers& b, int64_t GH, bool backward) : b_(b), GH_(GH) {
#if defined(__wasm_simd128__)
  if (b.batch > 1) {
    if (backward) packed_.emplace(int(b.hidden), int(GH), b.w_hh, int(b.hidden));  // W_hh^T as (H x G*H)
    else packed_.emplace(int(GH), int(b.hidden), b.w_hh_t, int(GH));              // W_hh as (G*H x H)
  }
#else
  (void)backward;
#endif
}

void StepProducts::add_hidden_projection(const float* h_prev, float* out) {
  const int64_t B = b_.batch, H = b_.hidden;
#if defined(__wasm_simd128__)
  if (calls_++ == 0 && std::all_of(h_prev, h_prev + B * H, [](float v) { return v == 0.0f; })) return;
  if (packed_) {
    simd::hidden_projection_packed(*packed_, h_prev, out, B, H, GH_);
    return;
  }
#endif
  recurrent::add_hidden_projection(h_prev, b_.w_hh_t, out, B, H, GH_);
}

void StepProducts::add_hidden_gradient(const float* d_gates, float* dh_prev) {
  const int64_t B = b_.batch, H = b_.hidden;
#if defined(__wasm_simd128__)
  if (++calls_ == b_.steps && !b_.need_dh0) return;
  if (packed_) {
    simd::hidden_gradient_packed(*packed_, d_gates, dh_prev, B, H, GH_);
    return;
  }
#endif
  recurrent::add_hidden_gradient(d_gates, b_.w_hh, dh_prev, B, H, GH_);
}

}  // namespace rnnlab::recurrent
