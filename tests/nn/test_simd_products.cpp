// The hand four-lane products the wasm build uses (nn/simd_products.h), compiled natively (SSE2 lanes), against
// Eigen on the same row-major buffers: each mapping of a layer buffer onto the kernels' column-major arguments,
// at sizes that take every kernel path (register blocks, streaming GEMV, K panels, scalar tails).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <utility>
#include <string>
#include <vector>

#include "core/rng.h"
#include "core/tensor.h"
#include "nn/simd_lstm_gates.h"
#include "nn/simd_products.h"
#include "support/test_tensors.h"

using namespace rnnlab;
using rnnlab::testing::random_tensor;

namespace {

// Relative to the largest magnitude of the reference: the sums run in another order than Eigen's.
void check_close(const Tensor& got, const Tensor& want, const std::string& what) {
  const float scale = std::max(1.0f, want.arr().abs().maxCoeff());
  const float d = max_abs_diff(got, want);
  INFO(what, ": max abs diff ", d, " at scale ", scale);
  CHECK(d <= 2e-6f * scale);
}

struct Size {
  int64_t B, H, G, I, T;
};

}  // namespace

TEST_CASE("simd products = Eigen on the layer's row-major buffers, sizes of W2-W5 and odd tails") {
  // W2 (H=10), W5 (H=32), W3 (H=128, streaming GEMV), W4 (B=16), and odd sizes for the scalar tails.
  for (const Size s : {Size{1, 10, 1, 1, 59}, Size{1, 10, 1, 10, 59}, Size{1, 32, 4, 16, 32}, Size{1, 128, 4, 64, 64},
                       Size{16, 128, 4, 64, 8}, Size{3, 7, 3, 5, 9}, Size{5, 13, 4, 3, 7},
                       Size{64, 128, 4, 28, 5}, Size{7, 24, 4, 3, 37}}) {  // W7's shapes (T cut), a long odd K
    const int64_t GH = s.G * s.H, rows = s.T * s.B;
    const std::string size = "B=" + std::to_string(s.B) + " H=" + std::to_string(s.H) + " G=" + std::to_string(s.G) +
                             " I=" + std::to_string(s.I) + " rows=" + std::to_string(rows);
    Rng rng(5 + static_cast<uint64_t>(s.H));
    const Tensor h = random_tensor(Shape{s.B, s.H}, rng), w_hh = random_tensor(Shape{GH, s.H}, rng);
    const Tensor w_ih = random_tensor(Shape{GH, s.I}, rng), x = random_tensor(Shape{rows, s.I}, rng);
    const Tensor d_gates = random_tensor(Shape{rows, GH}, rng), h_prev = random_tensor(Shape{rows, s.H}, rng);
    const Tensor start_gates = random_tensor(Shape{s.B, GH}, rng), start_h = random_tensor(Shape{s.B, s.H}, rng);
    Tensor w_hh_t(Shape{s.H, GH});
    w_hh_t.mat() = w_hh.mat().transpose();

    Tensor got(start_gates.shape()), want(start_gates.shape());
    got.assign(start_gates);
    want.assign(start_gates);
    simd::hidden_projection(h.data(), w_hh_t.data(), got.data(), s.B, s.H, GH);
    want.mat().noalias() += h.mat() * w_hh.mat().transpose();
    check_close(got, want, "hidden_projection " + size);

    const ConstMatrixMap d_step(d_gates.data(), s.B, GH);  // the first B rows as one step's dG
    got.resize(start_h.shape());
    want.resize(start_h.shape());
    got.assign(start_h);
    want.assign(start_h);
    simd::hidden_gradient(d_gates.data(), w_hh.data(), got.data(), s.B, s.H, GH);
    want.mat().noalias() += d_step * w_hh.mat();
    check_close(got, want, "hidden_gradient " + size);

    // The same two step products with W_hh packed once for the sweep (the wasm recurrence's StepProducts): the
    // same bits as packing per product.
    {
      simd::PackedA w_hh_t_packed(int(GH), int(s.H), w_hh_t.data(), int(GH)), w_hh_packed(int(s.H), int(GH), w_hh.data(), int(s.H));
      Tensor once(start_gates.shape()), each(start_gates.shape());
      once.assign(start_gates);
      each.assign(start_gates);
      simd::hidden_projection_packed(w_hh_t_packed, h.data(), once.data(), s.B, s.H, GH);
      simd::hidden_projection(h.data(), w_hh_t.data(), each.data(), s.B, s.H, GH);
      CHECK_MESSAGE(max_abs_diff(once, each) == 0.0f, "hidden_projection_packed " << size);
      once.resize(start_h.shape());
      each.resize(start_h.shape());
      once.assign(start_h);
      each.assign(start_h);
      simd::hidden_gradient_packed(w_hh_packed, d_gates.data(), once.data(), s.B, s.H, GH);
      simd::hidden_gradient(d_gates.data(), w_hh.data(), each.data(), s.B, s.H, GH);
      CHECK_MESSAGE(max_abs_diff(once, each) == 0.0f, "hidden_gradient_packed " << size);
    }

    got = random_tensor(Shape{GH, s.H}, rng);
    want.assign(got);
    simd::weight_gradient(d_gates.data(), h_prev.data(), got.data(), rows, GH, s.H);
    want.mat().noalias() += d_gates.mat().transpose() * h_prev.mat();
    check_close(got, want, "weight_gradient (W_hh) " + size);

    got = random_tensor(Shape{GH, s.I}, rng);
    want.assign(got);
    simd::weight_gradient(d_gates.data(), x.data(), got.data(), rows, GH, s.I);
    want.mat().noalias() += d_gates.mat().transpose() * x.mat();
    check_close(got, want, "weight_gradient (W_ih) " + size);

    // The transposed product the wasm layer runs for few columns (K < 64: W7's W_ih), K = I here.
    got = random_tensor(Shape{GH, s.I}, rng);
    want.assign(got);
    simd::weight_gradient_few_columns(d_gates.data(), x.data(), got.data(), rows, GH, s.I);
    want.mat().noalias() += d_gates.mat().transpose() * x.mat();
    check_close(got, want, "weight_gradient_few_columns (W_ih) " + size);

    got = random_tensor(Shape{rows, GH}, rng);  // overwritten, not accumulated
    want.resize(Shape{rows, GH});
    simd::input_projection(x.data(), w_ih.data(), got.data(), rows, s.I, GH);
    want.mat().noalias() = x.mat() * w_ih.mat().transpose();
    check_close(got, want, "input_projection " + size);

    got = random_tensor(Shape{rows, s.I}, rng);
    want.assign(got);
    simd::input_gradient(d_gates.data(), w_ih.data(), got.data(), rows, s.I, GH);
    want.mat().noalias() += d_gates.mat() * w_ih.mat();
    check_close(got, want, "input_gradient " + size);
  }
}

// The products over the nonzero rows of an input only (the wasm layer's route for a digit's blank pixel rows):
// input_projection_rows writes the listed rows and leaves the others alone; weight_gradient_few_columns with the
// rows equals the product over every row, the zero rows adding nothing. Sizes: W7's (I = 28, 4H = 512, 1,792 rows in
// panels), a small one that takes gemm_tn's dot products, and N past the last block of 4.
TEST_CASE("simd products over the nonzero rows of x = the products over every row") {
  struct Case { int64_t rows, I, GH; };
  for (const Case c : {Case{1792, 28, 512}, Case{13, 4, 12}, Case{203, 8, 64}}) {
    Rng rng(uint64_t(c.rows));
    Tensor x = random_tensor(Shape{c.rows, c.I}, rng);
    const Tensor w_ih = random_tensor(Shape{c.GH, c.I}, rng), d_gates = random_tensor(Shape{c.rows, c.GH}, rng);
    std::vector<int> rows;
    std::vector<float> x_rows;
    for (int64_t r = 0; r < c.rows; ++r) {
      if (r % 3 == 1) {  // a third of the rows zero
        std::fill_n(x.data() + r * c.I, c.I, 0.0f);
        continue;
      }
      rows.push_back(int(r));
      x_rows.insert(x_rows.end(), x.data() + r * c.I, x.data() + (r + 1) * c.I);
    }
    const std::string size = "rows=" + std::to_string(c.rows) + " I=" + std::to_string(c.I) + " GH=" +
                             std::to_string(c.GH);

    Tensor got(Shape{c.rows, c.GH}), want(Shape{c.rows, c.GH});
    got.fill(7.0f);
    simd::input_projection_rows(x_rows.data(), rows.data(), int(rows.size()), w_ih.data(), got.data(), c.I, c.GH);
    want.mat().noalias() = x.mat() * w_ih.mat().transpose();
    for (int64_t r = 0; r < c.rows; ++r)
      if (r % 3 == 1) std::fill_n(want.data() + r * c.GH, c.GH, 7.0f);  // not listed: left alone
    check_close(got, want, "input_projection_rows " + size);

    if (c.I % 4 != 0) continue;
    got = random_tensor(Shape{c.GH, c.I}, rng);
    want.assign(got);
    simd::weight_gradient_few_columns(d_gates.data(), x_rows.data(), got.data(), int64_t(rows.size()), c.GH, c.I,
                                      rows.data());
    want.mat().noalias() += d_gates.mat().transpose() * x.mat();
    check_close(got, want, "weight_gradient_few_columns over the nonzero rows " + size);
  }
}

// The four-lane LSTM forward row the wasm build uses (nn/simd_lstm_gates.h) against the scalar activations, here with
// SSE2 lanes; under wasm they give the scalar code's bits (no fused multiply-add there), natively g++ may fuse
// the scalar code's mul + add, hence a tolerance.
TEST_CASE("simd LSTM row forward = the scalar rational activations") {
  constexpr int64_t H = 13;  // three vectors and a scalar tail
  Rng rng(17);
  const Tensor pre = random_tensor(Shape{4 * H}, rng, 9.0f), c_prev = random_tensor(Shape{H}, rng, 2.0f);
  Tensor act(pre.shape());
  act.assign(pre);
  Tensor c(Shape{H}), tanh_c(Shape{H}), h(Shape{H});
  float* g = act.data();
  simd::lstm_row_forward(g, g + H, g + 2 * H, g + 3 * H, c_prev.data(), c.data(), tanh_c.data(), h.data(), H);
  float worst = 0.0f;
  for (int64_t j = 0; j < H; ++j) {
    const float i = recurrent::rational_sigmoid(pre[j]), f = recurrent::rational_sigmoid(pre[H + j]);
    const float gg = recurrent::rational_tanh(pre[2 * H + j]), o = recurrent::rational_sigmoid(pre[3 * H + j]);
    const double cj = double(f) * c_prev[j] + double(i) * gg;
    for (const auto& [got, want] : {std::pair{act[j], double(i)}, std::pair{act[H + j], double(f)},
                                   std::pair{act[2 * H + j], double(gg)}, std::pair{act[3 * H + j], double(o)},
                                   std::pair{c[j], cj}, std::pair{tanh_c[j], double(recurrent::rational_tanh(c[j]))},
                                   std::pair{h[j], double(o) * tanh_c[j]}})
      worst = std::max(worst, float(std::abs(got - want)));
  }
  CHECK(worst <= 1e-6f);
  // Special values take the scalar branches: tiny inputs pass through, large ones saturate.
  Tensor special(Shape{4}, {1e-5f, -3e-4f, 50.0f, -50.0f});
  simd::lstm_row_forward(special.data(), special.data() + 1, special.data() + 2, special.data() + 3, c_prev.data(),
                         c.data(), tanh_c.data(), h.data(), 1);
  CHECK(special[2] == recurrent::rational_tanh(50.0f));
}
