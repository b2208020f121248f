// Ops that move values without arithmetic: views under a new shape, joins, cuts, row lookups.
// Dimension arguments accept torch's negative form (-1 is the last dimension); indices and ranges must be in
// bounds (no clamping, no negative indices): an out-of-range request is a bug in the caller, and says so.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "core/tape.h"

namespace rnnlab {

// The same values under `shape` (equal element count).
Var reshape(Var x, const Shape& shape);

// torch.flatten(x, start_dim): dimensions start_dim.. merged into one; (N, C, H, W) -> (N, C*H*W) for start_dim 1.
Var flatten(Var x, int start_dim = 1);

// Joins tensors of equal shape except along `dim`.
Var concat(std::span<const Var> xs, int dim);

// x[..., start:end, ...] along `dim`, with 0 <= start <= end <= x.shape[dim].
Var slice(Var x, int dim, int64_t start, int64_t end);

// Splits `dim` into n equal slices (n must divide it), like torch.chunk with a divisible size.
std::vector<Var> chunk(Var x, int n, int dim);

// Stacks equal-shape tensors along a new first dimension: n x (...) -> (n, ...).
Var stack(std::span<const Var> xs);

// x[i] along the first dimension, which is dropped: (N, ...) -> (...).
Var select(Var x, int64_t i);

// Swaps the first two dimensions: (B, T, ...) <-> (T, B, ...).
Var transpose01(Var x);

// An embedding lookup: (V, H) table, n row indices -> (n, H). Repeated rows accumulate their gradients.
Var gather_rows(Var table, std::span<const int32_t> rows);

// A copy of x's value as a constant: gradients stop here.
Var detach(Var x);

}  // namespace rnnlab
