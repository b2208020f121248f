// The gradient reaching a recurrent layer's inputs, read from its trace: given dL/dh_t for every step of one
// layer and direction (its output gradient), dL/dx_t for every step. The sweep is the layer's own backward
// (recurrent_rnn/lstm/gru.cpp's step loops, on the activations the forward stored: no second forward, no finite
// differences), without the weight gradients a training step also forms:
//
//   backward sweep       dgates_t (T, G*H) = the steps' backward from d_output (T, H)      (the layer's kernels)
//   input gradient       dx (T, I) += dgates (T, G*H) . W_ih (G*H, I)                      (one product)
//
// For the forward direction the sweep starts at the last step whose d_output row is not zero: a gradient seeded at
// step t never reaches the steps after it, so saliency at an early position costs only the steps before it.
// The trace must be of a batch of one sequence (the inspector runs one text).
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "core/tensor.h"
#include "nn/recurrent_trace.h"

namespace rnnlab {

// Buffers a sweep reuses (resized on demand), so repeated saliency queries do not allocate.
struct InputGradientScratch {
  std::vector<float> dh, d_gates, d_gates_hidden, dh_carry, dc_carry;
};

// dx (T, I) += dL/dx given d_output (T, H) = dL/dh_t. w_ih (G*H, I) and w_hh (G*H, H) are the weights the forward
// ran with. Returns the number of steps swept.
int64_t add_layer_input_gradient(const LayerTrace& trace, const Tensor& w_ih, const Tensor& w_hh,
                                 std::span<const float> d_output, std::span<float> dx, InputGradientScratch& scratch);

}  // namespace rnnlab
