#include "core/tape.h"

namespace rnnlab {

const Tensor& Var::value() const {
  check(defined(), "Var: value of an undefined variable");
  return tape->value(id);
}

const Tensor& Var::grad() const {
  check(defined(), "Var: grad of an undefined variable");
  const Node& n = tape->node(id);
  return n.param ? n.param->grad : n.grad;
}

bool Var::requires_grad() const { return defined() && tape->node(id).requires_grad; }

Tape::Recorded Tape::record(std::span<const Var> inputs) {
  if (size_ == nodes_.size()) nodes_.emplace_back();
  const int id = static_cast<int>(size_++);
  Node& n = nodes_[static_cast<size_t>(id)];
  n.param = nullptr;
  n.backward = nullptr;
  n.requires_grad = false;
  n.inputs.clear();
  n.indices.clear();
  for (Var v : inputs) {
    int in = -1;
    if (v.defined()) {
      check(v.tape == this, "Tape: an op mixes variables from two tapes");
      check(v.id >= 0 && v.id < id, "Tape: input id ", v.id, " is not on this tape (size ", id, ")");
      in = v.id;
      n.requires_grad = n.requires_grad || nodes_[static_cast<size_t>(in)].requires_grad;
    }
    n.inputs.push_back(in);
  }
  return {Var{this, id}, n};
}

Var Tape::push_leaf(const Tensor* value, Parameter* p, bool requires_grad) {
  // `value` may live on this tape (constant(v.value())): when recording grows the node vector it would move,
  // so copy it first. Growth is rare (nodes are reused), so this costs nothing in a steady loop.
  Tensor moved_out;
  if (value && size_ == nodes_.size() && nodes_.size() == nodes_.capacity()) {
    moved_out.assign(*value);
    value = &moved_out;
  }
  auto [var, n] = record({});
  n.param = p;
  n.requires_grad = requires_grad;
  if (value) n.value.assign(*value);
  return var;
}

Var Tape::constant(const Tensor& value) { return push_leaf(&value, nullptr, false); }
Var Tape::input(const Tensor& value, bool requires_grad) { return push_leaf(&value, nullptr, requires_grad); }
Var Tape::param(Parameter& p) { return push_leaf(nullptr, &p, true); }

Var Tape::check_owned(Var v, const char* what) const {
  check(v.defined() && v.tape == this && v.id >= 0 && static_cast<size_t>(v.id) < size_, "backward: ", what,
        " is not a variable on this tape");
  return v;
}

void Tape::backward(Var loss) {
  check_owned(loss, "loss");
  const Tensor& value = loss.value();
  check(value.numel() == 1, "backward: loss has shape ", value.shape(),
        ", expected a single value (pass a seed gradient for a non-scalar output)");
  check(node(loss.id).requires_grad, "backward: the loss does not depend on anything that requires grad");
  zero_grads(loss.id);
  node(loss.id).out_grad()[0] += 1.0f;  // dL/dL, written in place: no seed tensor to allocate each step
  run_backward(loss.id);
}

void Tape::backward(Var output, const Tensor& seed) {
  check_owned(output, "output");
  check(seed.shape() == output.value().shape(), "backward: seed gradient has shape ", seed.shape(),
        ", expected the output's shape ", output.value().shape());
  check(node(output.id).requires_grad, "backward: the output does not depend on anything that requires grad");
  zero_grads(output.id);
  node(output.id).out_grad().arr() += seed.arr();
  run_backward(output.id);
}

// Zeroes every intermediate gradient up to `last`; parameter gradients accumulate, as in torch.
void Tape::zero_grads(int last) {
  for (int i = 0; i <= last; ++i) {
    Node& n = node(i);
    if (n.requires_grad && !n.param) n.grad.resize(n.value.shape());
  }
}

void Tape::run_backward(int from) {
  for (int i = from; i >= 0; --i) {
    Node& n = node(i);
    if (n.requires_grad && n.backward) n.backward(*this, n);
  }
}

}  // namespace rnnlab
