// Element-wise ops. Binary ops take equal shapes, or for add/sub a right-hand side whose shape equals the
// trailing dimensions of the left (a bias (N) added to every row of (..., N)).
#pragma once
#include "core/tape.h"

namespace rnnlab {

Var add(Var a, Var b);
Var sub(Var a, Var b);
Var mul(Var a, Var b);
Var scale(Var a, float s);
Var tanh(Var x);
Var sigmoid(Var x);
Var relu(Var x);
Var exp(Var x);
Var log(Var x);

}  // namespace rnnlab
