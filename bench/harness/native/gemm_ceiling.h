// The machine's ceiling for our kind of arithmetic: float GEMM (n x n times n x n) through the product the
// library's matmul uses in that build, timed in the same process as the workloads. Natively and in WebAssembly
// (src/wasm/bench_workloads.cpp), so each build's FLOP/s stands next to its own ceiling. Natively on AVX2 + FMA
// machines both of the build's paths are timed (core/native_gemm.h's packed kernel and Eigen) and the ceiling
// is the better one; elsewhere Eigen; in wasm the hand kernels of core/simd_gemm.h.
#pragma once
#include <cstdint>

namespace rnnlab::bench {

// Seconds for `reps` products of two n x n float matrices (after one untimed product). FLOPs = 2 n^3 reps.
// packed: the packed kernel (where the build has it) or Eigen.
double gemm_seconds(int64_t n, int64_t reps, bool packed = true);

// GFLOP/s by thread CPU time of one product shape C (M, N) (+)= op(A) op(B) through native_gemm.h's entry,
// packed kernel or Eigen (the best of 7 rounds); layout "NN", "NT" or "TN" as native_gemm.h names them.
// 0 in builds without the packed kernel.
double gemm_shape_gflops(int64_t M, int64_t N, int64_t K, const char* layout, bool packed);

// GFLOP/s of a register-resident FMA loop (12 independent accumulators of the widest vector the build targets),
// the core's arithmetic peak; 0 in builds without FMA.
double fma_peak_gflops();

}  // namespace rnnlab::bench
