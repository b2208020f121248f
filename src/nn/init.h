// PyTorch's default initializations, drawn from an explicit generator.
//
// The distributions match torch (so a model starts at the same scale); the numbers do not, because torch's
// generator is not ours.
#pragma once
#include <cstdint>

#include "core/rng.h"
#include "core/tensor.h"

namespace rnnlab {

// Fills `t` with U(-bound, bound).
void init_uniform(Tensor& t, float bound, Rng& rng);

// torch.nn.RNN/LSTM/GRU and their cells: every weight and bias ~ U(-1/sqrt(hidden_size), 1/sqrt(hidden_size)).
float recurrent_init_bound(int64_t hidden_size);
void init_recurrent(Tensor& t, int64_t hidden_size, Rng& rng);

// torch.nn.Linear: kaiming_uniform_(weight, a=sqrt(5)) has gain sqrt(2 / (1 + 5)) = 1/sqrt(3) and bound
// gain * sqrt(3 / fan_in) = 1/sqrt(in_features); the bias uses the same bound. Weight (out, in), bias (out).
float linear_init_bound(int64_t in_features);
void init_linear(Tensor& weight, Tensor* bias, Rng& rng);

}  // namespace rnnlab
