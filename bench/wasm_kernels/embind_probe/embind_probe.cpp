// embind_probe.cpp: a small embind module that uses Eigen the way rnnlab's binding will (a model object, typed
// arrays in and out, C++ errors that must reach JS), built in several flag sets by build_probe.sh to measure
// module size (raw and gzip), the cost of each exception-handling mode, and whether Node 20 and Chromium run it.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <Eigen/Core>
#include <cmath>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

// An LSTM cell written with plain Eigen expressions (temporaries, allocations, destructors: the code shape in
// which JS-based exceptions (-fexceptions) put invoke_* trampolines around calls).
class TinyLstm {
 public:
  TinyLstm(int input_size, int hidden_size, std::uint32_t seed) {
    if (input_size <= 0)
      throw std::invalid_argument("input_size: got " + std::to_string(input_size) + ", expected > 0");
    if (hidden_size <= 0 || hidden_size > 4096)
      throw std::invalid_argument("hidden_size: got " + std::to_string(hidden_size) + ", expected 1..4096");
    std::mt19937 rng(seed);
    const float k = 1.0f / std::sqrt(float(hidden_size));
    std::uniform_real_distribution<float> u(-k, k);
    auto init = [&](Eigen::MatrixXf& m, int r, int c) {
      m.resize(r, c);
      for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = u(rng);
    };
    init(W_ih_, 4 * hidden_size, input_size);
    init(W_hh_, 4 * hidden_size, hidden_size);
    Eigen::MatrixXf b;
    init(b, 4 * hidden_size, 1);
    bias_ = b.col(0);
    h_ = Eigen::VectorXf::Zero(hidden_size);
    c_ = Eigen::VectorXf::Zero(hidden_size);
  }

  int hidden_size() const { return int(h_.size()); }
  int input_size() const { return int(W_ih_.cols()); }

  // Runs the cell over a sequence x (T * input_size floats, row-major) and returns h for every step (T * H).
  std::vector<float> forward(const std::vector<float>& x) {
    const int I = input_size(), H = hidden_size();
    if (x.size() % std::size_t(I) != 0)
      throw std::invalid_argument("x: got " + std::to_string(x.size()) + " floats, expected a multiple of input_size " +
                                  std::to_string(I));
    const int T = int(x.size() / std::size_t(I));
    std::vector<float> out(std::size_t(T) * H);
    for (int t = 0; t < T; ++t) {
      const Eigen::VectorXf gates = W_ih_ * Eigen::Map<const Eigen::VectorXf>(x.data() + std::size_t(t) * I, I) +
                                    W_hh_ * h_ + bias_;
      const Eigen::ArrayXf i = gates.segment(0, H).array().logistic();
      const Eigen::ArrayXf f = gates.segment(H, H).array().logistic();
      const Eigen::ArrayXf g = gates.segment(2 * H, H).array().tanh();
      const Eigen::ArrayXf o = gates.segment(3 * H, H).array().logistic();
      c_ = (f * c_.array() + i * g).matrix();
      h_ = (o * c_.array().tanh()).matrix();
      Eigen::Map<Eigen::VectorXf>(out.data() + std::size_t(t) * H, H) = h_;
    }
    return out;
  }

  // Steps the cell `steps` times on a constant input; returns sum(h) so that the work cannot be dropped.
  float run(int steps) {
    if (steps < 0) throw std::invalid_argument("steps: got " + std::to_string(steps) + ", expected >= 0");
    std::vector<float> x(std::size_t(input_size()), 0.5f);
    float s = 0;
    for (int k = 0; k < steps; ++k) s += forward(x).back();
    return s;
  }

 private:
  Eigen::MatrixXf W_ih_, W_hh_;
  Eigen::VectorXf bias_, h_, c_;
};

// Errors cross into JS as JS Error objects carrying the C++ message: the binding catches every std::exception,
// leaves the catch block (so the C++ exception object is freed) and throws `new Error(message)` through
// emscripten::val. Works with -fexceptions and -fwasm-exceptions alike; with neither, a C++ throw aborts the module.
template <class F>
auto rethrow_as_js_error(F&& f) -> decltype(f()) {
  std::string message;
  try {
    return f();
  } catch (const std::exception& e) {
    message = e.what();
  }
  emscripten::val::global("Error").new_(message).throw_();
  __builtin_unreachable();
}

TinyLstm* make_lstm(int input_size, int hidden_size, std::uint32_t seed) {
  return rethrow_as_js_error([&] { return new TinyLstm(input_size, hidden_size, seed); });
}

emscripten::val lstm_forward(TinyLstm& m, const emscripten::val& x) {
  return rethrow_as_js_error([&] {
    const std::vector<float> out = m.forward(emscripten::convertJSArrayToNumberVector<float>(x));
    // A copy into a fresh Float32Array: a typed_memory_view would go stale when the heap grows.
    emscripten::val result = emscripten::val::global("Float32Array").new_(out.size());
    result.call<void>("set", emscripten::val(emscripten::typed_memory_view(out.size(), out.data())));
    return result;
  });
}

float lstm_run(TinyLstm& m, int steps) {
  return rethrow_as_js_error([&] { return m.run(steps); });
}

}  // namespace

EMSCRIPTEN_BINDINGS(embind_probe) {
  emscripten::class_<TinyLstm>("TinyLstm")
      .constructor(&make_lstm, emscripten::allow_raw_pointers())
      .property("hiddenSize", &TinyLstm::hidden_size)
      .property("inputSize", &TinyLstm::input_size)
      .function("forward", &lstm_forward)
      .function("run", &lstm_run);
}
