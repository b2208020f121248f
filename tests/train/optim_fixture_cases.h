// Reading tests/fixtures/optim.json (written by tests/fixtures/gen_optim.py): the parameters of its model by
// state_dict name, and an optimizer built from a case's spelled-out torch options.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/parameter.h"
#include "io/json.h"
#include "train/optimizer.h"

namespace rnnlab::testing {

// Parameters in the order of an object of tensors keyed by state_dict name ("init", a step's "params").
struct NamedTensors {
  std::vector<std::string> names;
  std::vector<std::unique_ptr<Parameter>> params;
  std::vector<Parameter*> pointers() const;
};
NamedTensors fixture_parameters(const json::Value& tensors, std::string_view path);

// SGD, Adam or RMSprop from case["optimizer"] and case["options"]; options this library does not offer must
// hold torch's default (maximize false).
std::unique_ptr<Optimizer> fixture_optimizer(const json::Value& fixture_case, std::vector<Parameter*> params,
                                             std::string_view path);

}  // namespace rnnlab::testing
