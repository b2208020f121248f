// Matrix products.
#pragma once
#include "core/tape.h"

namespace rnnlab {

// (M, K) x (K, N) -> (M, N); with transpose_b, b is (N, K) and the product is a * b^T (a Linear layer's x W^T).
// `a` may have any rank: its leading dimensions are flattened into rows and kept in the output's shape.
Var matmul(Var a, Var b, bool transpose_b = false);

// (M, N) -> (N, M).
Var transpose(Var a);

}  // namespace rnnlab
