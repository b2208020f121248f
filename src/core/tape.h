// The tape: records each op with its backward, then runs them in reverse. Owned by the caller; no global graph.
//
// Nodes are reused: clear() forgets the recorded ops but keeps every node's buffers, so a training loop that
// records the same ops with the same shapes each step does not allocate after its first step.
#pragma once
#include <array>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <vector>

#include "core/parameter.h"
#include "core/tensor.h"

namespace rnnlab {

class Tape;
struct Node;

// Adds the node's contribution to its inputs' gradients (read node.grad, write tape.grad_if(node.inputs[k])).
using BackwardFn = void (*)(Tape& tape, Node& node);

struct Node {
  Tensor value;              // the op's output (unused for a parameter leaf: the parameter holds it)
  Tensor grad;               // dL/dvalue, zeroed at the start of backward()
  Parameter* param = nullptr;  // a leaf bound to a parameter: value and grad live there
  BackwardFn backward = nullptr;
  std::vector<int> inputs;  // tape ids; -1 for an absent optional input (capacity kept across steps)
  bool requires_grad = false;

  // Scratch an op keeps for its backward. `saved` is not cleared by record(): an op resizes it to what it needs
  // and so reuses last step's buffers. `indices` is cleared (capacity kept).
  std::array<int64_t, 4> ints{};
  std::array<float, 4> floats{};
  std::vector<Tensor> saved;
  std::vector<int32_t> indices;

  Tensor& out() { return param ? param->value : value; }
  const Tensor& out() const { return param ? param->value : value; }
  Tensor& out_grad() { return param ? param->grad : grad; }
};

// A handle to a value on a tape. Absent optional inputs are a default Var (no tape).
struct Var {
  Tape* tape = nullptr;
  int id = -1;

  bool defined() const { return tape != nullptr; }
  const Tensor& value() const;
  const Tensor& grad() const;
  const Shape& shape() const { return value().shape(); }
  bool requires_grad() const;
};

class Tape {
 public:
  explicit Tape(size_t reserve_nodes = 256) { nodes_.reserve(reserve_nodes); }
  Tape(const Tape&) = delete;
  Tape& operator=(const Tape&) = delete;

  // Leaves.
  Var constant(const Tensor& value);                      // no gradient
  Var input(const Tensor& value, bool requires_grad);     // keeps dL/dinput when asked (grad checks, fixtures)
  Var param(Parameter& p);                                // value read from p; gradient accumulated into p.grad

  // For op implementers: appends a node whose inputs are `inputs` and returns it with its handle. Node
  // references stay valid until the next record(); read input values after recording, through the tape.
  struct Recorded {
    Var var;
    Node& node;
  };
  Recorded record(std::initializer_list<Var> inputs) { return record(std::span<const Var>(inputs.begin(), inputs.size())); }
  Recorded record(std::span<const Var> inputs);

  Node& node(int id) { return nodes_[static_cast<size_t>(id)]; }
  const Node& node(int id) const { return nodes_[static_cast<size_t>(id)]; }
  const Tensor& value(int id) const { return node(id).out(); }
  // The gradient buffer of input `id`, or nullptr when nothing upstream needs it (absent or no grad).
  Tensor* grad_if(int id) {
    if (id < 0) return nullptr;
    Node& n = node(id);
    return n.requires_grad ? &n.out_grad() : nullptr;
  }

  // Runs backward from a one-element `loss` (dL/dloss = 1).
  void backward(Var loss);
  // Runs backward from any output with an explicit seed gradient of the output's shape (a vector-Jacobian product).
  void backward(Var output, const Tensor& seed);

  // Forgets recorded ops; keeps buffers for reuse.
  void clear() { size_ = 0; }
  size_t size() const { return size_; }

 private:
  Var push_leaf(const Tensor* value, Parameter* p, bool requires_grad);
  void zero_grads(int last);
  void run_backward(int from);
  Var check_owned(Var v, const char* what) const;

  std::vector<Node> nodes_;
  size_t size_ = 0;
};

}  // namespace rnnlab
