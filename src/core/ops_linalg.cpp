#include "core/ops_linalg.h"

#if defined(__wasm_simd128__)
#include "core/simd_matmul.h"
#else
#include "core/native_gemm.h"
#endif

namespace rnnlab {

Var matmul(Var a, Var b, bool transpose_b) {
  const Shape& sa = a.shape();
  const Shape& sb = b.shape();
  check(sa.rank() >= 1, "matmul: a must have rank >= 1, got ", sa);
  check(sb.rank() == 2, "matmul: b must be 2-D, got ", sb);
  const int64_t k = sa.back();
  const int64_t kb = transpose_b ? sb[1] : sb[0];
  const int64_t n = transpose_b ? sb[0] : sb[1];
  check(k == kb, "matmul: a is ", sa, " and b", transpose_b ? "^T" : "", " is ", sb,
        "; expected a's last dimension to equal b's ", transpose_b ? "second" : "first", " (", kb, ")");
  Shape out_shape = sa;
  out_shape.set(sa.rank() - 1, n);

  auto [out, node] = a.tape->record({a, b});
  node.ints[0] = transpose_b;
  node.value.resize(out_shape);
  const Tensor& av = a.value();  // (M, K)
  const Tensor& bv = b.value();  // (K, N) or (N, K)
#if defined(__wasm_simd128__)
  // wasm: the hand four-lane kernels (Eigen has no wasm packet path; docs/wasm-simd.md). Natively: the packed
  // kernel of native_gemm.h on AVX2 + FMA machines, Eigen elsewhere.
  if (transpose_b)
    simd::matmul_abt(av.data(), bv.data(), node.value.data(), sa.rows(), k, n);
  else
    simd::matmul_ab(av.data(), bv.data(), node.value.data(), sa.rows(), k, n);
#elif RNNLAB_NATIVE_GEMM
  // Native x86-64 with AVX2 + FMA: the packed kernel of native_gemm.h (1.1-1.4x Eigen at training's shapes).
  if (transpose_b)
    native::gemm_nt(sa.rows(), n, k, av.data(), bv.data(), node.value.data(), false);  // (M, K) x (N, K)^T
  else
    native::gemm_nn(sa.rows(), n, k, av.data(), bv.data(), node.value.data(), false);  // (M, K) x (K, N)
#else
  if (transpose_b)
    node.value.mat().noalias() = av.mat() * bv.mat().transpose();
  else
    node.value.mat().noalias() = av.mat() * bv.mat();
#endif

  node.backward = [](Tape& tape, Node& n) {
    const bool tb = n.ints[0];
    const Tensor& av = tape.value(n.inputs[0]);
    const Tensor& bv = tape.value(n.inputs[1]);
    auto dy = n.grad.mat();  // (M, N)
#if defined(__wasm_simd128__)
    const int64_t M = dy.rows(), N = dy.cols(), K = av.shape().back();
    if (Tensor* da = tape.grad_if(n.inputs[0])) {
      if (tb)
        simd::add_dy_b(dy.data(), bv.data(), da->data(), M, K, N);  // (M, N) x (N, K)
      else
        simd::add_dy_bt(dy.data(), bv.data(), da->data(), M, K, N);  // (M, N) x (N, K)
    }
    if (Tensor* db = tape.grad_if(n.inputs[1])) {
      if (tb)
        simd::add_dyt_a(dy.data(), av.data(), db->data(), M, K, N);  // (N, M) x (M, K)
      else
        simd::add_at_dy(av.data(), dy.data(), db->data(), M, K, N);  // (K, M) x (M, N)
    }
#elif RNNLAB_NATIVE_GEMM
    const int64_t M = dy.rows(), N = dy.cols(), K = av.shape().back();
    if (Tensor* da = tape.grad_if(n.inputs[0])) {
      if (tb)
        native::gemm_nn(M, K, N, dy.data(), bv.data(), da->data(), true);  // (M, N) x (N, K)
      else
        native::gemm_nt(M, K, N, dy.data(), bv.data(), da->data(), true);  // (M, N) x (K, N)^T
    }
    if (Tensor* db = tape.grad_if(n.inputs[1])) {
      if (tb)
        native::gemm_tn(N, K, M, dy.data(), av.data(), db->data(), true);  // (M, N)^T x (M, K)
      else
        native::gemm_tn(K, N, M, av.data(), dy.data(), db->data(), true);  // (M, K)^T x (M, N)
    }
#else
    if (Tensor* da = tape.grad_if(n.inputs[0])) {
      if (tb)
        da->mat().noalias() += dy * bv.mat();  // (M, N) x (N, K)
      else
        da->mat().noalias() += dy * bv.mat().transpose();  // (M, N) x (N, K)
    }
    if (Tensor* db = tape.grad_if(n.inputs[1])) {
      if (tb)
        db->mat().noalias() += dy.transpose() * av.mat();  // (N, M) x (M, K)
      else
        db->mat().noalias() += av.mat().transpose() * dy;  // (K, M) x (M, N)
    }
#endif
  };
  return out;
}

Var transpose(Var a) {
  check(a.shape().rank() == 2, "transpose: expected a 2-D tensor, got ", a.shape());
  auto [out, node] = a.tape->record({a});
  const Tensor& av = a.value();
  node.value.resize(Shape{av.dim(1), av.dim(0)});
  node.value.mat() = av.mat().transpose();
  node.backward = [](Tape& tape, Node& n) {
    if (Tensor* da = tape.grad_if(n.inputs[0])) da->mat() += n.grad.mat().transpose();
  };
  return out;
}

}  // namespace rnnlab
