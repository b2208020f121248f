// simd4.h: the product's four-lane type (src/core/simd4.h: WebAssembly SIMD under -msimd128, SSE2 natively,
// scalar otherwise; it started here), under the short name the experiments use.
#pragma once

#include "core/simd4.h"

namespace simd4 = rnnlab::simd4;
