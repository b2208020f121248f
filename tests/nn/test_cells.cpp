// The reference cells: gradient checks, parameter layout, init, a hand-written recurrence and bad sizes.
// (Agreement with PyTorch over whole sequences is in test_cells_fixture.cpp.)
#include <doctest/doctest.h>

#include <cmath>

#include "core/gradcheck.h"
#include "core/ops.h"
#include "nn/gru_cell.h"
#include "nn/lstm_cell.h"
#include "nn/rnn_cell.h"
#include "support/fixtures.h"
#include "support/test_tensors.h"

using namespace rnnlab;
using rnnlab::testing::random_tensor;
using rnnlab::testing::check_close;

namespace {

// gradcheck inputs 0.. are the step's inputs, then weight_ih, weight_hh and (with bias) bias_ih, bias_hh.
CellParams params_from(const std::vector<Var>& v, size_t first, bool bias) {
  return {v[first], v[first + 1], bias ? v[first + 2] : Var{}, bias ? v[first + 3] : Var{}};
}

std::vector<Tensor> cell_weights(const RecurrentCell& cell) {
  std::vector<Tensor> out;
  for (Parameter* p : cell.parameters()) out.push_back(p->value);
  return out;
}

const GradCheckOptions kCellCheck{.eps = 1e-3f, .atol = 1e-3f, .rtol = 1e-2f};

}  // namespace

TEST_CASE("cells: gradient check of one step, every input and parameter") {
  const int64_t batch = 2, input_size = 3, hidden_size = 2;
  Rng rng(21);
  const Tensor x = random_tensor(Shape{batch, input_size}, rng);
  const Tensor h = random_tensor(Shape{batch, hidden_size}, rng);
  const Tensor c = random_tensor(Shape{batch, hidden_size}, rng);

  for (bool bias : {true, false}) {
    CAPTURE(bias);
    for (const char* nonlinearity : {"tanh", "relu"}) {
      CAPTURE(nonlinearity);
      RNNCell cell(input_size, hidden_size, bias, nonlinearity, rng);
      std::vector<Tensor> inputs{x, h};
      for (Tensor& w : cell_weights(cell)) inputs.push_back(w);
      auto r = gradcheck([&](Tape&, const std::vector<Var>& v) { return cell.step(params_from(v, 2, bias), v[0], v[1]); },
                         inputs, kCellCheck);
      CHECK_MESSAGE(r.ok, r.worst);
    }
    {
      LSTMCell cell(input_size, hidden_size, bias, rng);
      std::vector<Tensor> inputs{x, h, c};
      for (Tensor& w : cell_weights(cell)) inputs.push_back(w);
      // Both outputs at once: h' and c' side by side, so the check covers the gradient through c' too.
      auto r = gradcheck(
          [&](Tape&, const std::vector<Var>& v) {
            LstmState s = cell.step(params_from(v, 3, bias), v[0], v[1], v[2]);
            const Var both[] = {s.h, s.c};
            return concat(both, 1);
          },
          inputs, kCellCheck);
      CHECK_MESSAGE(r.ok, r.worst);
    }
    {
      GRUCell cell(input_size, hidden_size, bias, rng);
      std::vector<Tensor> inputs{x, h};
      for (Tensor& w : cell_weights(cell)) inputs.push_back(w);
      auto r = gradcheck([&](Tape&, const std::vector<Var>& v) { return cell.step(params_from(v, 2, bias), v[0], v[1]); },
                         inputs, kCellCheck);
      CHECK_MESSAGE(r.ok, r.worst);
    }
  }
}

TEST_CASE("cells: gradient check through three steps of a GRU and an LSTM") {
  Rng rng(5);
  const Tensor xs = random_tensor(Shape{3, 2, 3}, rng);  // (T, B, I)
  GRUCell gru(3, 2, rng);
  auto r = gradcheck(
      [&](Tape& tape, const std::vector<Var>& v) {
        CellParams p = bind_params(tape, gru);
        Var h;
        for (int64_t t = 0; t < 3; ++t) h = gru.step(p, select(v[0], t), h);
        return h;
      },
      {xs}, kCellCheck);
  CHECK_MESSAGE(r.ok, r.worst);
  LSTMCell lstm(3, 2, rng);
  auto r2 = gradcheck(
      [&](Tape& tape, const std::vector<Var>& v) {
        CellParams p = bind_params(tape, lstm);
        LstmState s;
        for (int64_t t = 0; t < 3; ++t) s = lstm.step(p, select(v[0], t), s.h, s.c);
        return s.c;
      },
      {xs}, kCellCheck);
  CHECK_MESSAGE(r2.ok, r2.worst);
}

TEST_CASE("cells: state_dict names, order and shapes follow torch") {
  Rng rng(1);
  const int64_t I = 3, H = 5;
  RNNCell rnn(I, H, rng);
  LSTMCell lstm(I, H, rng);
  GRUCell gru(I, H, rng);
  for (const RecurrentCell* cell : {static_cast<const RecurrentCell*>(&rnn), static_cast<const RecurrentCell*>(&lstm),
                                    static_cast<const RecurrentCell*>(&gru)}) {
    const int64_t G = gate_count(cell->kind());
    auto params = cell->named_parameters();
    REQUIRE(params.size() == 4);
    CHECK(params[0].name == "weight_ih");
    CHECK(params[0].param->value.shape() == Shape{G * H, I});
    CHECK(params[1].name == "weight_hh");
    CHECK(params[1].param->value.shape() == Shape{G * H, H});
    CHECK(params[2].name == "bias_ih");
    CHECK(params[2].param->value.shape() == Shape{G * H});
    CHECK(params[3].name == "bias_hh");
    CHECK(params[3].param->value.shape() == Shape{G * H});
  }
  CHECK(rnn.kind() == CellKind::RnnTanh);
  CHECK(RNNCell(I, H, true, "relu", rng).kind() == CellKind::RnnRelu);

  LSTMCell no_bias(I, H, false, rng);
  auto params = no_bias.named_parameters();
  REQUIRE(params.size() == 2);
  CHECK(params[0].name == "weight_ih");
  CHECK(params[1].name == "weight_hh");
  CHECK_FALSE(no_bias.has_bias());
}

TEST_CASE("cells: every parameter starts in U(-1/sqrt(H), 1/sqrt(H))") {
  Rng rng(8);
  LSTMCell cell(6, 16, rng);
  for (const NamedParameter& np : cell.named_parameters()) {
    CAPTURE(np.name);
    const Tensor& v = np.param->value;
    float lo = 1, hi = -1;
    for (int64_t i = 0; i < v.numel(); ++i) {
      lo = std::min(lo, v[i]);
      hi = std::max(hi, v[i]);
    }
    CHECK(lo >= -0.25f);
    CHECK(hi <= 0.25f);
    CHECK(lo < -0.2f);  // 64 draws or more: the extremes come close to the bound
    CHECK(hi > 0.2f);
  }
}

TEST_CASE("cells: bind_params puts each parameter on the tape once for a whole sequence") {
  Rng rng(2);
  LSTMCell cell(3, 4, rng);
  Tape tape;
  Var x = tape.constant(random_tensor(Shape{6, 2, 3}, rng));
  CellParams p = bind_params(tape, cell);
  LstmState s;
  for (int64_t t = 0; t < 6; ++t) s = cell.step(p, select(x, t), s.h, s.c);
  int parameter_leaves = 0;
  for (size_t i = 0; i < tape.size(); ++i) parameter_leaves += tape.node(static_cast<int>(i)).param != nullptr;
  CHECK(parameter_leaves == 4);
}

TEST_CASE("cells: an absent state is zeros") {
  Rng rng(3);
  GRUCell gru(3, 4, rng);
  LSTMCell lstm(3, 4, rng);
  Tape tape;
  Var x = tape.constant(random_tensor(Shape{2, 3}, rng));
  Var zeros = tape.constant(Tensor(Shape{2, 4}));
  check_close(gru.forward(tape, x).value(), gru.forward(tape, x, zeros).value(), 0.0f, "GRU h'");
  LstmState a = lstm.forward(tape, x), b = lstm.forward(tape, x, zeros, zeros);
  check_close(a.h.value(), b.h.value(), 0.0f, "LSTM h'");
  check_close(a.c.value(), b.c.value(), 0.0f, "LSTM c'");
}

// The seed tutorial (hello -> ohlol with nn.RNNCell, input_size = hidden_size = 4, batch 1) checks its cell against
// h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh) written out by hand. Here the same with plain Eigen loops.
TEST_CASE("cells: RNNCell matches a hand-written recurrence over 'hello'") {
  const int64_t size = 4;                 // idx2char = ['e', 'h', 'l', 'o']
  const int hello[] = {1, 0, 2, 2, 3};   // h e l l o
  Rng rng(777);
  RNNCell cell(size, size, rng);

  const RowMatrix w_ih = cell.weight_ih().value.mat();  // (H, I)
  const RowMatrix w_hh = cell.weight_hh().value.mat();  // (H, H)
  const Eigen::VectorXf b_ih = Eigen::Map<const Eigen::VectorXf>(cell.bias_ih()->value.data(), size);
  const Eigen::VectorXf b_hh = Eigen::Map<const Eigen::VectorXf>(cell.bias_hh()->value.data(), size);
  Eigen::VectorXf h_by_hand = Eigen::VectorXf::Zero(size);

  Tape tape;
  Var h;
  for (int c : hello) {
    Eigen::VectorXf x = Eigen::VectorXf::Zero(size);
    x(c) = 1.0f;
    Eigen::VectorXf pre(size);
    for (int64_t i = 0; i < size; ++i) {
      float acc = b_ih(i) + b_hh(i);
      for (int64_t j = 0; j < size; ++j) acc += w_ih(i, j) * x(j) + w_hh(i, j) * h_by_hand(j);
      pre(i) = acc;
    }
    h_by_hand = pre.array().tanh();

    Tensor one_hot(Shape{1, size});
    one_hot[c] = 1.0f;
    h = cell.forward(tape, tape.constant(one_hot), h);
    Tensor expected(Shape{1, size});
    for (int64_t i = 0; i < size; ++i) expected[i] = h_by_hand(i);
    check_close(h.value(), expected, 1e-6f, "h_t");
  }
}

TEST_CASE("cells: bad sizes are refused with their values") {
  Rng rng(1);
  CHECK_THROWS_WITH_AS(RNNCell(0, 4, rng), "RNNCell: input_size is 0, expected >= 1", Error);
  CHECK_THROWS_WITH_AS(LSTMCell(3, 0, rng), "LSTMCell: hidden_size is 0, expected >= 1", Error);
  CHECK_THROWS_WITH_AS(GRUCell(3, -2, rng), "GRUCell: hidden_size is -2, expected >= 1", Error);
  CHECK_THROWS_WITH_AS(RNNCell(3, 4, true, "sigmoid", rng),
                       "RNNCell: nonlinearity is \"sigmoid\", expected \"tanh\" or \"relu\"", Error);

  RNNCell rnn(4, 4, rng);
  LSTMCell lstm(4, 4, rng);
  GRUCell gru(4, 4, rng);
  Tape tape;
  Var x5 = tape.constant(Tensor(Shape{2, 5}));
  Var x = tape.constant(Tensor(Shape{2, 4}));
  Var h = tape.constant(Tensor(Shape{2, 4}));
  CHECK_THROWS_WITH_AS(rnn.forward(tape, x5), "RNNCell: input has 5 features, expected input_size 4", Error);
  CHECK_THROWS_WITH_AS(lstm.forward(tape, x5), "LSTMCell: input has 5 features, expected input_size 4", Error);
  CHECK_THROWS_WITH_AS(gru.forward(tape, tape.constant(Tensor(Shape{5, 2, 4}))),
                       "GRUCell: input has shape [5, 2, 4], expected (batch, input_size) = (B, 4)", Error);
  CHECK_THROWS_WITH_AS(rnn.forward(tape, x, tape.constant(Tensor(Shape{2, 3}))),
                       "RNNCell: hidden state has shape [2, 3], expected (batch, hidden_size) = [2, 4]", Error);
  CHECK_THROWS_WITH_AS(gru.forward(tape, x, tape.constant(Tensor(Shape{3, 4}))),
                       "GRUCell: hidden state has shape [3, 4], expected (batch, hidden_size) = [2, 4]", Error);
  CHECK_THROWS_WITH_AS(lstm.forward(tape, x, h), "LSTMCell: h is given and c is undefined, expected both or neither",
                       Error);
  CHECK_THROWS_WITH_AS(lstm.forward(tape, x, h, tape.constant(Tensor(Shape{2, 4, 1}))),
                       "LSTMCell: cell state c has shape [2, 4, 1], expected (batch, hidden_size) = [2, 4]", Error);
  CHECK_THROWS_WITH_AS(rnn.forward(tape, Var{}), "RNNCell: input is undefined", Error);
}
