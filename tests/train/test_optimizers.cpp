#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <memory>
#include <vector>

#include "train/adam.h"
#include "train/rmsprop.h"
#include "train/sgd.h"

using namespace rnnlab;

namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr float kInf = std::numeric_limits<float>::infinity();

// Three steps on one parameter (1, -2) with gradients (0.5, -0.25), (0, 1), (-0.3, 0.2); `want` holds the
// parameter after each step as torch 1.13 computes it (/usr/bin/python3, torch.optim.*, 9 digits).
void check_three_steps(Optimizer& optimizer, Parameter& p, const std::vector<std::vector<float>>& want) {
  const std::vector<std::vector<float>> grads{{0.5f, -0.25f}, {0.0f, 1.0f}, {-0.3f, 0.2f}};
  for (size_t step = 0; step < grads.size(); ++step) {
    p.grad = Tensor(Shape{2}, grads[step]);
    optimizer.step();
    for (int64_t k = 0; k < 2; ++k) {
      INFO("step ", step, " element ", k);
      CHECK(p.value[k] == doctest::Approx(want[step][static_cast<size_t>(k)]).epsilon(1e-6));
    }
  }
}

Parameter start() {
  Parameter p(Shape{2});
  p.value[0] = 1.0f;
  p.value[1] = -2.0f;
  return p;
}

}  // namespace

TEST_CASE("SGD: plain steps, p -= lr * grad") {
  Parameter p = start();
  SGD sgd({&p}, {.lr = 0.1f});
  check_three_steps(sgd, p, {{0.95f, -1.975f}, {0.95f, -2.075f}, {0.98f, -2.095f}});
}

TEST_CASE("SGD: the first momentum step takes the gradient as the buffer, undamped (torch's rule)") {
  // Step 1: buf = g = (0.5, -0.25), p = (0.95, -1.975). Step 2: buf = 0.9 buf + 0.9 g = (0.405, 0.675):
  // p = (0.9045, -2.0425). Damping the first step would give buf = 0.45 g and p = (0.9775, -1.9875) instead.
  Parameter p = start();
  SGD sgd({&p}, {.lr = 0.1f, .momentum = 0.9f, .dampening = 0.1f});
  check_three_steps(sgd, p, {{0.949999988f, -1.97500002f}, {0.904999971f, -2.04250002f}, {0.891499996f, -2.12124991f}});
}

TEST_CASE("SGD: nesterov with weight decay") {
  // Step 1: d_p = g + 0.1 p = (0.6, -0.45), buf = d_p, p -= 0.1 (d_p + 0.9 buf) = 0.1 * 1.9 d_p -> (0.886, -1.9145).
  Parameter p = start();
  SGD sgd({&p}, {.lr = 0.1f, .momentum = 0.9f, .weight_decay = 0.1f, .nesterov = true});
  check_three_steps(sgd, p, {{0.885999978f, -1.9145f}, {0.820565999f, -2.03167462f}, {0.81105864f, -2.06376028f}});
}

TEST_CASE("Adam: bias-corrected steps") {
  // Step 1: m / bias_correction1 = g and sqrt(v / bias_correction2) = |g|, so p moves by lr * sign(g).
  Parameter p = start();
  Adam adam({&p}, {.lr = 0.01f});
  check_three_steps(adam, p, {{0.99000001f, -1.99000001f}, {0.983299434f, -1.9955951f}, {0.98214823f, -2.0010581f}});
}

TEST_CASE("Adam: amsgrad keeps the largest second moment; weight decay is L2 on the gradient") {
  // Element 0, step 2 (g = 0 + 0.1 p): v falls from 0.5 * 0.6^2 to about 0.5 of that, amsgrad keeps the first.
  Parameter p = start();
  Adam adam({&p}, {.lr = 0.01f, .beta1 = 0.8f, .beta2 = 0.5f, .weight_decay = 0.1f, .amsgrad = true});
  check_three_steps(adam, p, {{0.99000001f, -1.99000001f}, {0.983434021f, -1.99348152f}, {0.981070697f, -1.99570489f}});
}

TEST_CASE("RMSprop: eps outside the square root") {
  // Step 1: square_avg = 0.01 g^2, p -= 0.01 * g / (0.1 |g| + 1e-8) = 0.1 sign(g).
  Parameter p = start();
  RMSprop rmsprop({&p}, {.lr = 0.01f});
  check_three_steps(rmsprop, p, {{0.900000036f, -1.9000001f}, {0.900000036f, -1.99704289f}, {0.951830208f, -2.01618838f}});
}

TEST_CASE("RMSprop: centered, with momentum and weight decay") {
  Parameter p = start();
  RMSprop rmsprop({&p}, {.lr = 0.01f, .alpha = 0.9f, .weight_decay = 0.1f, .momentum = 0.5f, .centered = true});
  check_three_steps(rmsprop, p, {{0.966666698f, -1.9666667f}, {0.944350898f, -1.97819626f}, {0.944530189f, -1.98404157f}});
}

TEST_CASE("optimizers: lr can change between steps") {
  Parameter p = start();
  SGD sgd({&p}, {.lr = 0.1f});
  p.grad.fill(1.0f);
  sgd.step();
  sgd.set_lr(0.5f);
  sgd.step();
  CHECK(sgd.lr() == 0.5f);
  CHECK(sgd.options().lr == 0.5f);
  CHECK(p.value[0] == doctest::Approx(1.0f - 0.1f - 0.5f));
  CHECK(sgd.steps_taken() == 2);
}

TEST_CASE("optimizers: a NaN lr is refused and the parameters stay as they were") {
  Parameter p = start();
  Adam adam({&p}, {.lr = 0.01f});
  p.grad.fill(1.0f);
  CHECK_THROWS_WITH_AS(adam.set_lr(kNaN), "lr: got nan, expected a finite number >= 0", Error);
  CHECK_THROWS_WITH_AS(adam.set_lr(-kNaN), "lr: got nan, expected a finite number >= 0", Error);
  CHECK_THROWS_WITH_AS(adam.set_lr(kInf), "lr: got inf, expected a finite number >= 0", Error);
  CHECK_THROWS_WITH_AS(adam.set_lr(-0.5f), "lr: got -0.5, expected a finite number >= 0", Error);
  CHECK(adam.lr() == 0.01f);
  CHECK(p.value[0] == 1.0f);
  CHECK(p.value[1] == -2.0f);
  Parameter q = start();
  CHECK_THROWS_WITH_AS(SGD({&q}, {.lr = kNaN}), "lr: got nan, expected a finite number >= 0", Error);
  CHECK(q.value[0] == 1.0f);
  adam.step();  // the old rate is still in use
  CHECK(p.value[0] == doctest::Approx(0.99f));
}

TEST_CASE("optimizers: bad options are refused with exact messages") {
  Parameter p = start();
  std::vector<Parameter*> ps{&p};
  CHECK_THROWS_WITH_AS(SGD(ps, {.momentum = -0.1f}), "momentum: got -0.1, expected a finite number >= 0", Error);
  CHECK_THROWS_WITH_AS(SGD(ps, {.dampening = kNaN}), "dampening: got nan, expected a finite number", Error);
  CHECK_THROWS_WITH_AS(SGD(ps, {.weight_decay = -1.0f}), "weight_decay: got -1, expected a finite number >= 0", Error);
  CHECK_THROWS_WITH_AS(SGD(ps, {.nesterov = true}),
                       "nesterov: got true with momentum 0 and dampening 0, expected momentum > 0 and dampening 0",
                       Error);
  CHECK_THROWS_WITH_AS(SGD(ps, {.momentum = 0.9f, .dampening = 0.1f, .nesterov = true}),
                       "nesterov: got true with momentum 0.9 and dampening 0.1, expected momentum > 0 and dampening 0",
                       Error);
  CHECK_THROWS_WITH_AS(Adam(ps, {.beta1 = 1.0f}), "betas[0]: got 1, expected a number in [0, 1)", Error);
  CHECK_THROWS_WITH_AS(Adam(ps, {.beta2 = -0.1f}), "betas[1]: got -0.1, expected a number in [0, 1)", Error);
  CHECK_THROWS_WITH_AS(Adam(ps, {.beta2 = kNaN}), "betas[1]: got nan, expected a number in [0, 1)", Error);
  CHECK_THROWS_WITH_AS(Adam(ps, {.eps = -1e-8f}), "eps: got -1e-08, expected a finite number >= 0", Error);
  CHECK_THROWS_WITH_AS(Adam(ps, {.weight_decay = kInf}), "weight_decay: got inf, expected a finite number >= 0", Error);
  CHECK_THROWS_WITH_AS(RMSprop(ps, {.alpha = -0.5f}), "alpha: got -0.5, expected a finite number >= 0", Error);
  CHECK_THROWS_WITH_AS(RMSprop(ps, {.eps = kNaN}), "eps: got nan, expected a finite number >= 0", Error);
  CHECK_THROWS_WITH_AS(RMSprop(ps, {.momentum = -1.0f}), "momentum: got -1, expected a finite number >= 0", Error);
  CHECK_THROWS_WITH_AS(SGD({&p, nullptr}), "optimizer: parameter 1 is null", Error);
  CHECK_THROWS_WITH_AS(SGD({&p, &p}), "optimizer: parameter 1 is the same as parameter 0, expected each parameter once",
                       Error);
  // Boundaries torch accepts are accepted.
  CHECK_NOTHROW(SGD(ps, {.lr = 0.0f, .momentum = 0.5f, .nesterov = true}));
  CHECK_NOTHROW(Adam(ps, {.beta1 = 0.0f, .beta2 = 0.0f, .eps = 1e-30f}));
  // torch also accepts eps 0, which divides 0 by 0 for any weight whose gradient is 0: refused here.
  CHECK_THROWS_WITH_AS(Adam(ps, {.eps = 0.0f}), "eps: got 0, expected a number > 0 for adam", Error);
  CHECK_THROWS_WITH_AS(RMSprop(ps, {.eps = 0.0f}), "eps: got 0, expected a number > 0 for rmsprop", Error);
  // Momentum, dampening and weight decay have limits torch does not (train/optimizer.h says why).
  CHECK_THROWS_WITH_AS(SGD(ps, {.momentum = 1001.0f}), "momentum: got 1001, expected a number from 0 to 1000", Error);
  CHECK_THROWS_WITH_AS(SGD(ps, {.dampening = -1001.0f}), "dampening: got -1001, expected a number from -1000 to 1000", Error);
  CHECK_THROWS_WITH_AS(RMSprop(ps, {.weight_decay = 1e30f}), "weight_decay: got 1e+30, expected a number from 0 to 1000", Error);
  CHECK_NOTHROW(RMSprop(ps, {.alpha = 0.0f}));
}

TEST_CASE("optimizers: a gradient of the wrong shape is refused before any parameter changes") {
  Parameter a = start();
  Parameter b(Shape{3});
  b.grad = Tensor(Shape{2});  // wrong
  a.grad.fill(1.0f);
  std::unique_ptr<Optimizer> optimizers[] = {std::make_unique<SGD>(std::vector<Parameter*>{&a, &b}),
                                             std::make_unique<Adam>(std::vector<Parameter*>{&a, &b}),
                                             std::make_unique<RMSprop>(std::vector<Parameter*>{&a, &b})};
  const char* names[] = {"SGD", "Adam", "RMSprop"};
  for (size_t i = 0; i < 3; ++i) {
    CHECK_THROWS_WITH_AS(optimizers[i]->step(),
                         (std::string(names[i]) + ": parameter 1 is [3] but its gradient is [2], expected equal shapes")
                             .c_str(),
                         Error);
    CHECK(a.value[0] == 1.0f);
    CHECK(optimizers[i]->steps_taken() == 0);
  }
  b.value = Tensor(Shape{4});
  b.grad = Tensor(Shape{4});
  CHECK_THROWS_WITH_AS(optimizers[1]->step(),
                       "Adam: parameter 1 is [4] but was [3] when the optimizer was built, expected it unchanged", Error);
}

TEST_CASE("optimizers: zero_grad zeroes every gradient") {
  Parameter a = start();
  Parameter b(Shape{2, 2});
  a.grad.fill(3.0f);
  b.grad.fill(-1.0f);
  Adam adam({&a, &b});
  adam.zero_grad();
  CHECK(a.grad.arr().abs().sum() == 0.0f);
  CHECK(b.grad.arr().abs().sum() == 0.0f);
  // Steps with zero gradients leave parameters (no weight decay) where they were.
  adam.step();
  CHECK(a.value[0] == 1.0f);
}
