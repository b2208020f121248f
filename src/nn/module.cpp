#include "nn/module.h"

namespace rnnlab {

std::vector<NamedParameter> Module::named_parameters(const std::string& prefix) const {
  std::vector<NamedParameter> out;
  for (const auto& [name, p] : params_) out.push_back({prefix + name, p.get()});
  for (const auto& [name, child] : children_)
    for (NamedParameter& np : child->named_parameters(prefix + name + ".")) out.push_back(std::move(np));
  return out;
}

std::vector<Parameter*> Module::parameters() const {
  std::vector<Parameter*> out;
  for (const NamedParameter& np : named_parameters()) out.push_back(np.param);
  return out;
}

Parameter* Module::find_parameter(const std::string& name) const {
  for (const NamedParameter& np : named_parameters())
    if (np.name == name) return np.param;
  return nullptr;
}

int64_t Module::num_parameters() const {
  int64_t n = 0;
  for (const NamedParameter& np : named_parameters()) n += np.param->value.numel();
  return n;
}

void Module::zero_grad() {
  for (Parameter* p : parameters()) p->grad.set_zero();
}

void Module::train(bool on) {
  training_ = on;
  for (auto& [name, child] : children_) child->train(on);
}

Parameter& Module::register_parameter(std::string name, const Shape& shape) {
  for (const auto& [existing, p] : params_) check(existing != name, "Module: parameter \"", name, "\" registered twice");
  params_.emplace_back(std::move(name), std::make_unique<Parameter>(shape));
  return *params_.back().second;
}

void Module::register_module(std::string name, Module& child) {
  for (const auto& [existing, m] : children_) check(existing != name, "Module: child \"", name, "\" registered twice");
  children_.emplace_back(std::move(name), &child);
}

}  // namespace rnnlab
