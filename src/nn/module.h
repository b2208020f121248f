// Module: named parameters in PyTorch's state_dict order, child modules, and train/eval mode.
#pragma once
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/parameter.h"

namespace rnnlab {

struct NamedParameter {
  std::string name;  // PyTorch's state_dict key, e.g. "weight_ih_l0" or "head.bias"
  Parameter* param;
};

class Module {
 public:
  Module() = default;
  virtual ~Module() = default;
  // Parameters are referred to by address from tapes and optimizers: a module stays where it was built.
  Module(const Module&) = delete;
  Module& operator=(const Module&) = delete;

  // Own parameters in registration order, then each child's under "child.", as torch's state_dict().
  std::vector<NamedParameter> named_parameters(const std::string& prefix = "") const;
  std::vector<Parameter*> parameters() const;
  Parameter* find_parameter(const std::string& name) const;  // nullptr when absent
  int64_t num_parameters() const;                            // total element count

  void zero_grad();
  virtual void train(bool on = true);
  void eval() { train(false); }
  bool is_training() const { return training_; }

 protected:
  Parameter& register_parameter(std::string name, const Shape& shape);
  void register_module(std::string name, Module& child);

 private:
  std::vector<std::pair<std::string, std::unique_ptr<Parameter>>> params_;
  std::vector<std::pair<std::string, Module*>> children_;
  bool training_ = true;
};

}  // namespace rnnlab
