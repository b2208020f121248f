// The sine seed's data: 60 points of sin over [s, s + 10] with s drawn from {0, 1, 2}; the model sees points
// 0..58 and predicts points 1..59.
#pragma once
#include "core/rng.h"
#include "core/tensor.h"

namespace rnnlab {

struct SineSettings {
  int points = 60;       // samples per sequence (the model sees points - 1 steps)
  double span = 10.0;    // length of the interval in radians
  int start_choices = 3; // s is drawn uniformly from {0, ..., start_choices - 1}
};

struct SineSample {
  double start = 0.0;
  Tensor input;   // (1, points - 1, 1): batch-first, points 0 .. points-2
  Tensor target;  // (1, points - 1, 1): points 1 .. points-1
};

void validate(const SineSettings& s);
// Fills `sample` in place (reusing its buffers) from one draw of `rng`.
void draw_sine_sample(const SineSettings& s, Rng& rng, SineSample& sample);
// The sequence starting at `start`, as numpy's linspace(start, start + span, points) then sin, in double.
void make_sine_sample(const SineSettings& s, double start, SineSample& sample);

}  // namespace rnnlab
