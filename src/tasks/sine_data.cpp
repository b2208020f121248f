#include "tasks/sine_data.h"

#include <cmath>

namespace rnnlab {

void validate(const SineSettings& s) {
  check(s.points >= 3 && s.points <= 4096, "sine.points: got ", s.points, ", expected 3 to 4096");
  check(std::isfinite(s.span) && s.span > 0.0 && s.span <= 1000.0, "sine.span: got ", s.span,
        ", expected a number in (0, 1000]");
  check(s.start_choices >= 1 && s.start_choices <= 1000, "sine.start_choices: got ", s.start_choices,
        ", expected 1 to 1000");
}

void make_sine_sample(const SineSettings& s, double start, SineSample& sample) {
  const int steps = s.points - 1;
  sample.start = start;
  sample.input.resize(Shape{1, steps, 1});
  sample.target.resize(Shape{1, steps, 1});
  const double step = s.span / (s.points - 1);
  for (int i = 0; i < s.points; ++i) {
    // numpy's linspace: start + i * step, with the last point exactly start + span.
    const double t = (i == s.points - 1) ? start + s.span : start + i * step;
    const auto y = static_cast<float>(std::sin(t));
    if (i < steps) sample.input[i] = y;
    if (i > 0) sample.target[i - 1] = y;
  }
}

void draw_sine_sample(const SineSettings& s, Rng& rng, SineSample& sample) {
  make_sine_sample(s, static_cast<double>(rng.integer(0, s.start_choices)), sample);
}

}  // namespace rnnlab
