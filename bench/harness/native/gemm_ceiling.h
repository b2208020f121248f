// The machine's ceiling for our kind of arithmetic: float GEMM (n x n times n x n) through the product the
// library's matmul uses in that build (ops_linalg: Eigen natively, the hand kernels of core/simd_gemm.h in wasm),
// timed in the same process as the workloads. Natively and in WebAssembly (src/wasm/bench_workloads.cpp), so each
// build's FLOP/s stands next to its own ceiling.
#pragma once
#include <cstdint>

namespace rnnlab::bench {

// Seconds for `reps` products of two n x n float matrices (after one untimed product). FLOPs = 2 n^3 reps.
double gemm_seconds(int64_t n, int64_t reps);

}  // namespace rnnlab::bench
