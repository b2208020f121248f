// Saliency: how much the prediction at one position of a run (inspect_run.h) depends on each earlier input.
//
// Position p (1 <= p <= T) is the prediction made after reading inputs 0 .. p-1: the output at step p-1. Its
// objective is log p(y) for a model of classes, y = the input at p (the character that came next) when p < T and
// the most probable class when p = T (a classifier of rows, digits: the most probable class after row p-1, or the
// class asked for); for a model of values (sine) the predicted value itself. The saliency of input
// k < p is ||d objective / d x_k||_2, x_k being what the first layer reads at step k: the embedding's row, the
// one-hot vector (V), or the value.
//
// One backward pass from that single output, through the head and every layer (nn/input_gradient.h), top layer
// first: its input gradient is the output gradient of the layer below.
//   head     dz (K) = e_y - softmax(z_{p-1})  (classes) or 1 (values);  dout (T, D*H): row p-1 = dz . W_head
//   layer l  dx_l (T, I_l) = sum over directions of the sweep from dout's columns [d*H, (d+1)*H)
#pragma once
#include <cstdint>
#include <vector>

#include "nn/input_gradient.h"
#include "tasks/inspect_run.h"

namespace rnnlab {

struct Saliency {
  int32_t target = -1;        // y (classes); -1 for a model of values
  std::vector<float> norms;   // (p) ||d objective / d x_k|| for k = 0 .. p-1
  std::vector<float> input_gradient;  // (T, I) d objective / d x_k, every step (bidirectional models reach k >= p)
  int64_t input_size = 0;
};

// position: 1 .. T, else an error naming "position" and the range. target: the class whose log-probability is the
// objective, 0 .. K-1, for a model of classes; -1 (the default) for the rule above; an error naming "class" else.
Saliency saliency(const InspectRun& run, int64_t position, InputGradientScratch& scratch, int32_t target = -1);

}  // namespace rnnlab
