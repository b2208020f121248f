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

}  // namespace rnnlab
