// Sequential: layers applied in order, each named by its index as torch.nn.Sequential names them, so a state dict
// reads "0.weight", "0.bias", "4.weight", ... (layers without parameters take an index and add no key).
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/tape.h"
#include "nn/module.h"

namespace rnnlab {

class Sequential : public Module {
 public:
  // Appends a layer (any module with `Var forward(Tape&, Var) const`) under the name of its index; returns it.
  template <class Layer>
  Layer& append(std::unique_ptr<Layer> layer) {
    check(layer != nullptr, "Sequential: layer ", layers_.size(), " is null");
    Layer& ref = *layer;
    register_module(std::to_string(layers_.size()), ref);
    forwards_.push_back([&ref](Tape& tape, Var x) { return ref.forward(tape, x); });
    layers_.push_back(std::move(layer));
    return ref;
  }
  template <class Layer, class... Args>
  Layer& emplace(Args&&... args) {
    return append(std::make_unique<Layer>(std::forward<Args>(args)...));
  }

  // x through every layer in order; the input itself when there are none.
  Var forward(Tape& tape, Var x) const;

  size_t size() const { return layers_.size(); }
  Module& layer(size_t i) const;

 private:
  std::vector<std::unique_ptr<Module>> layers_;
  std::vector<std::function<Var(Tape&, Var)>> forwards_;  // forwards_[i] calls layers_[i]'s forward
};

}  // namespace rnnlab
