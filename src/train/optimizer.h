// What every optimizer shares: the parameters it updates, the learning rate (changeable between steps), and
// zero_grad(). Each optimizer allocates its per-parameter state once, in its constructor, and step() only
// does arithmetic on it, so a training loop does not touch the heap.
#pragma once
#include <string>
#include <vector>

#include "core/parameter.h"

namespace rnnlab {

class Optimizer {
 public:
  virtual ~Optimizer() = default;
  // State buffers are matched to parameters by position and parameters are held by address: no copies.
  Optimizer(const Optimizer&) = delete;
  Optimizer& operator=(const Optimizer&) = delete;

  // One update from the gradients now in the parameters. Checks every parameter first, so a refused step
  // changes nothing.
  virtual void step() = 0;
  // Sets every gradient to zero (torch 1.13's zero_grad(set_to_none=False), its default).
  void zero_grad();

  float lr() const { return lr_; }
  // Refuses a NaN, infinite or negative rate and keeps the old one.
  void set_lr(float lr);
  const std::vector<Parameter*>& parameters() const { return params_; }
  int64_t steps_taken() const { return steps_; }

 protected:
  // Refuses null or repeated parameters (torch: "some parameters appear in more than one parameter group").
  Optimizer(std::vector<Parameter*> params, float lr);
  // Before a step changes anything: every parameter still has the shape its state was allocated for, and its
  // gradient has that shape too.
  void check_shapes(const char* optimizer) const;

  std::vector<Parameter*> params_;
  std::vector<Shape> shapes_;  // each parameter's shape when the optimizer was built
  float lr_ = 0.0f;
  int64_t steps_ = 0;  // steps taken; Adam's bias correction uses it (torch keeps it per parameter, all equal)
};

// Option checks shared by the optimizers and clipping. Messages read "<name>: got <value>, expected ...",
// with every NaN written "nan".
void check_finite_nonnegative(const char* name, float value);  // finite and >= 0
void check_finite(const char* name, float value);
void check_unit_interval(const char* name, float value);  // in [0, 1)
std::string format_option(float value);

// Limits on the factors torch leaves unbounded. A momentum, a weight decay or a |dampening| above 1000 scales a
// gradient or a weight by more than 1000 in one update: a typo, not a setting (1e30 overflows float within a step
// or two, and the stop message used to blame the learning rate). Up to the limit a run is allowed; if it diverges,
// the stop message names the unusual setting.
inline constexpr float kMaxMomentum = 1000.0f;
inline constexpr float kMaxDampening = 1000.0f;  // in [-1000, 1000]
inline constexpr float kMaxWeightDecay = 1000.0f;
// value <= hi (the checks above rule out NaN and the lower side): "momentum: got 1e+30, expected a number from 0 to 1000".
void check_at_most(const char* name, float value, float lo, float hi);
// eps > 0 where it is a denominator's floor (Adam, RMSprop): with 0, a weight whose gradient is 0 gets 0 / 0.
void check_positive_eps(float eps, const char* optimizer);

}  // namespace rnnlab
