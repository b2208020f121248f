#include "train/optimizer.h"

#include <cmath>

namespace rnnlab {

std::string format_option(float value) { return message(value); }

void check_finite_nonnegative(const char* name, float value) {
  check(std::isfinite(value) && value >= 0.0f, name, ": got ", format_option(value), ", expected a finite number >= 0");
}

void check_finite(const char* name, float value) {
  check(std::isfinite(value), name, ": got ", format_option(value), ", expected a finite number");
}

void check_unit_interval(const char* name, float value) {
  check(value >= 0.0f && value < 1.0f, name, ": got ", format_option(value), ", expected a number in [0, 1)");
}

void check_at_most(const char* name, float value, float lo, float hi) {
  check(value >= lo && value <= hi, name, ": got ", format_option(value), ", expected a number from ",
        format_option(lo), " to ", format_option(hi));
}

void check_positive_eps(float eps, const char* optimizer) {
  check(eps > 0.0f, "eps: got ", format_option(eps), ", expected a number > 0 for ", optimizer);
}

Optimizer::Optimizer(std::vector<Parameter*> params, float lr) : params_(std::move(params)) {
  for (size_t i = 0; i < params_.size(); ++i) {
    check(params_[i] != nullptr, "optimizer: parameter ", i, " is null");
    for (size_t j = 0; j < i; ++j)
      check(params_[j] != params_[i], "optimizer: parameter ", i, " is the same as parameter ", j,
            ", expected each parameter once");
  }
  for (Parameter* p : params_) shapes_.push_back(p->value.shape());
  set_lr(lr);
}

void Optimizer::set_lr(float lr) {
  check_finite_nonnegative("lr", lr);
  lr_ = lr;
}

void Optimizer::zero_grad() {
  for (Parameter* p : params_) p->grad.set_zero();
}

void Optimizer::check_shapes(const char* optimizer) const {
  for (size_t i = 0; i < params_.size(); ++i) {
    const Parameter& p = *params_[i];
    check(p.value.shape() == shapes_[i], optimizer, ": parameter ", i, " is ", p.value.shape(), " but was ",
          shapes_[i], " when the optimizer was built, expected it unchanged");
    check(p.grad.shape() == p.value.shape(), optimizer, ": parameter ", i, " is ", p.value.shape(),
          " but its gradient is ", p.grad.shape(), ", expected equal shapes");
  }
}

}  // namespace rnnlab
