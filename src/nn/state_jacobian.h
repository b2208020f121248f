// The gradient through time of a layer's state, read from its trace: for one sequence (batch row) of the trace,
// J_t = d h_last / d h_t (H, H) for every step t, where h_last is the state after the direction's last step (time
// T-1 forward, time 0 reverse). Each h_t is taken as torch takes an intermediate tensor: the layer's inputs x and
// (LSTM) the cell state c_t are held fixed, so J_t is the effect of h_t alone through the steps after it.
// J_last = I; the norm reported is Frobenius, ||J||_F = sqrt(sum_ij J_ij^2) (sqrt(H) at the last step).
//
// How: backward through time with H seeds at once. Row k of J is the gradient of unit k of h_last; the
// vector-Jacobian product of one step, applied to all H rows as one matrix product, takes J one step back. The
// products are those of the layer's own backward (recurrent_rnn/lstm/gru.cpp), on the activations the forward
// stored in the trace and the weights it ran with (the node's copy of W_hh^T): no finite differences, no second
// model. Forward and backward of a step side by side (rows: units of h_last; "*" each column scaled, "." matrix
// product):
//
//   RNN   h_t = tanh(a_t), a_t = W_ih x_t + b + W_hh h_{t-1}    D = J_t * (1 - h_t^2)          (H, H)
//                                                               J_{t-1} = D . W_hh             (H, H)(H, H)
//   LSTM  c_t = f c_{t-1} + i g,  h_t = o tanh(c_t)             Jc = J_t * o (1 - tanh(c_t)^2) + Jc_t   (H, H)
//         gates [i f g o] = act(W_ih x_t + b + W_hh h_{t-1})    D = [Jc * g i(1-i), Jc * c_{t-1} f(1-f),
//                                                                    Jc * i (1-g^2), J_t * tanh(c_t) o(1-o)]
//                                                               J_{t-1} = D . W_hh             (H, 4H)(4H, H)
//                                                               Jc_{t-1} = Jc * f   (d h_last / d c_{t-1})
//   GRU   n = tanh(W_in x + b_in + r (W_hn h_{t-1} + b_hn))     Dn = J_t * (1 - z)(1 - n^2)
//         h_t = (1 - z) n + z h_{t-1}                           Dz = J_t * (h_{t-1} - n) z(1 - z)
//                                                               Dr = Dn * (W_hn h_{t-1} + b_hn) r(1 - r)
//                                                               J_{t-1} = J_t * z + [Dr, Dz, Dn * r] . W_hh
//
// Cost: one (H, G*H) x (G*H, H) product per step, T * G * H^3 multiply-adds per sequence (state_jacobian_work).
// In double, so a gradient that vanishes over hundreds of steps stays a number instead of rounding to 0.
#pragma once
#include <Eigen/Core>
#include <cstdint>
#include <functional>
#include <vector>

#include "nn/recurrent_trace.h"

namespace rnnlab {

// Calls visit(t, J_t) for every step, from the direction's last step back to its first (t in time order: T-1
// down to 0 forward, 0 up to T-1 reverse). `row` is the batch row, 0 <= row < trace.batch.
using StateJacobianVisitor = std::function<void(int64_t t, const Eigen::MatrixXd& jacobian)>;
void state_jacobians(const LayerTrace& trace, int64_t row, const StateJacobianVisitor& visit);

// ||d h_last / d h_t||_F for t = 0 .. T-1 (time order) of batch row `row`.
std::vector<double> state_jacobian_norms(const LayerTrace& trace, int64_t row);

// Multiply-adds state_jacobian_norms takes for one row: T * G * H^3.
int64_t state_jacobian_work(const LayerTrace& trace);
// What a caller that computes them unasked (the trace sent to the page) spends at most per layer and row: about
// 20 ms of the browser's time. An LSTM of 32 units over 200 steps takes 26M.
inline constexpr int64_t kMaxStateJacobianWork = int64_t{1} << 26;

}  // namespace rnnlab
