#include "nn/dropout.h"

namespace rnnlab {
namespace {

void check_probability(const char* who, float p) {
  // Written so that NaN fails too.
  check(p >= 0.0f && p < 1.0f, who, ": p is ", p, ", expected 0 <= p < 1");
}

}  // namespace

// y = x * mask, mask_i = 1/(1-p) with probability 1-p, else 0; dx += dy * mask
Var dropout(Var x, float p, Rng& rng, bool training) {
  check_probability("dropout", p);
  if (!training || p == 0.0f) return x;
  auto [out, node] = x.tape->record({x});
  const Tensor& xv = x.value();
  node.saved.resize(1);
  Tensor& mask = node.saved[0];  // (x's shape)
  mask.resize(xv.shape());
  const float keep_scale = 1.0f / (1.0f - p);
  for (int64_t i = 0; i < mask.numel(); ++i) mask[i] = rng.uniform() < p ? 0.0f : keep_scale;
  node.value.resize(xv.shape());
  node.value.arr() = xv.arr() * mask.arr();
  node.backward = [](Tape& tape, Node& n) {
    if (Tensor* dx = tape.grad_if(n.inputs[0])) dx->arr() += n.grad.arr() * n.saved[0].arr();
  };
  return out;
}

Dropout::Dropout(float p) : p_(p) { check_probability("Dropout", p); }

}  // namespace rnnlab
