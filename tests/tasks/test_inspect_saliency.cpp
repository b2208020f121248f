// Saliency (tasks/inspect_saliency.h): the gradient of one prediction's log-probability with respect to every
// input, from one backward pass, against torch's autograd (tests/fixtures/saliency.json, gen_saliency.py) and
// against central finite differences of the model's own forward (RNN tanh/relu, LSTM, GRU; one and two layers;
// embedding and one-hot inputs; a bidirectional model; a cell; a model of values, as sine's).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/ops_reduce.h"
#include "support/fixtures.h"
#include "tasks/inspect_saliency.h"
#include "tasks/sequence_model.h"

using namespace rnnlab;
using namespace rnnlab::testing;

namespace {

ModelConfig config_of(const std::string& kind, const std::string& nonlinearity, int64_t vocab, int64_t embedding,
                      int64_t hidden, int64_t layers, bool bidirectional) {
  ModelConfig m;
  m.kind = kind;
  m.nonlinearity = nonlinearity;
  m.input_size = embedding ? embedding : vocab;
  m.hidden_size = hidden;
  m.num_layers = layers;
  m.bidirectional = bidirectional;
  m.head_out = vocab;
  if (embedding) m.embedding_dim = embedding, m.num_embeddings = vocab;
  return m;
}

// What the first layer reads, (T, 1, I): the embedding's rows or one-hot vectors.
Tensor layer_input(const SequenceModel& model, const std::vector<int32_t>& tokens) {
  const ModelConfig& m = model.config();
  const int64_t T = static_cast<int64_t>(tokens.size()), I = m.input_size;
  Tensor x(Shape{T, 1, I});
  for (int64_t t = 0; t < T; ++t) {
    if (m.has_embedding()) {
      const Tensor& table = model.find_parameter("embedding.weight")->value;
      for (int64_t i = 0; i < I; ++i) x[t * I + i] = table[tokens[static_cast<size_t>(t)] * I + i];
    } else {
      x[t * I + tokens[static_cast<size_t>(t)]] = 1.0f;
    }
  }
  return x;
}

// log softmax(logits[step])[target] of the model over the dense input x, in double for the differences.
double objective(SequenceModel& model, const Tensor& x, int64_t step, int32_t target) {
  Tape tape;
  const Tensor& logits = model.forward(tape, tape.constant(x)).output.value();  // (T, 1, K)
  const int64_t K = logits.dim(2);
  double top = -1e300, sum = 0.0;
  for (int64_t j = 0; j < K; ++j) top = std::max(top, double(logits[step * K + j]));
  for (int64_t j = 0; j < K; ++j) sum += std::exp(double(logits[step * K + j]) - top);
  return double(logits[step * K + target]) - top - std::log(sum);
}

// Every component of d objective / dx by central differences, against the saliency's input gradient.
void check_against_differences(SequenceModel& model, const std::vector<int32_t>& tokens, int64_t position) {
  CAPTURE(position);
  InspectRun run = InspectRun::of_tokens(model, tokens);
  InputGradientScratch scratch;
  const Saliency s = saliency(run, position, scratch);
  const Tensor x = layer_input(model, tokens);
  const int64_t T = x.dim(0), I = x.dim(2);
  REQUIRE(s.input_size == I);
  const float eps = 1e-2f;
  for (int64_t k = 0; k < T; ++k) {
    double norm = 0.0;
    for (int64_t i = 0; i < I; ++i) {
      Tensor plus = x, minus = x;
      plus[k * I + i] += eps, minus[k * I + i] -= eps;
      const double fd = (objective(model, plus, position - 1, s.target) - objective(model, minus, position - 1, s.target)) /
                        (2.0 * eps);
      CAPTURE(k);
      CAPTURE(i);
      CHECK(s.input_gradient[static_cast<size_t>(k * I + i)] == doctest::Approx(fd).epsilon(2e-2).scale(0.05));
      norm += fd * fd;
    }
    if (k < position) CHECK(s.norms[static_cast<size_t>(k)] == doctest::Approx(std::sqrt(norm)).epsilon(2e-2).scale(0.05));
  }
}

}  // namespace

TEST_CASE("saliency: the input gradient of log p(y) equals torch's autograd for every case and position") {
  const json::Value fixture = load_fixture("saliency.json");
  const json::Value::Array& cases = fixture.find("cases")->as_array();
  REQUIRE(cases.size() == 6);
  float worst = 0.0f;
  for (const json::Value& c : cases) {
    const std::string name = c.find("name")->as_string();
    CAPTURE(name);
    const auto num = [&](const char* key) { return static_cast<int64_t>(c.find(key)->as_number()); };
    ModelConfig m = config_of(c.find("kind")->as_string(), c.find("nonlinearity")->as_string(), num("vocab"),
                              num("embedding_dim"), num("hidden"), num("layers"), c.find("bidirectional")->as_bool());
    Rng rng(0);
    SequenceModel model(m, rng);
    load_fixture_params(model, *c.find("params"));
    std::vector<int32_t> tokens;
    for (const json::Value& t : c.find("tokens")->as_array()) tokens.push_back(static_cast<int32_t>(t.as_number()));
    InspectRun run = InspectRun::of_tokens(model, tokens);
    InputGradientScratch scratch;
    for (const json::Value& q : c.find("queries")->as_array()) {
      const int64_t position = static_cast<int64_t>(q.find("position")->as_number());
      CAPTURE(position);
      const Saliency s = saliency(run, position, scratch);
      CHECK(s.target == static_cast<int32_t>(q.find("target")->as_number()));
      const Tensor expected = fixture_tensor(q, "input_gradient", name);  // (T, I)
      const Tensor actual(expected.shape(), s.input_gradient);
      worst = std::max(worst, check_close(actual, expected, 2e-5f, name));
      REQUIRE(s.norms.size() == static_cast<size_t>(position));
      const int64_t I = expected.dim(1);
      for (int64_t k = 0; k < position; ++k) {
        double sum = 0.0;
        for (int64_t i = 0; i < I; ++i) sum += double(expected[k * I + i]) * expected[k * I + i];
        CHECK(s.norms[static_cast<size_t>(k)] == doctest::Approx(std::sqrt(sum)).epsilon(1e-5));
      }
      if (!m.bidirectional)  // a forward-only model's prediction at p cannot depend on inputs from p on
        for (int64_t k = position; k < expected.dim(0); ++k)
          for (int64_t i = 0; i < I; ++i) CHECK(s.input_gradient[static_cast<size_t>(k * I + i)] == 0.0f);
    }
  }
  MESSAGE("saliency vs torch: max |diff| " << worst);
}

TEST_CASE("saliency: equals central finite differences (RNN, LSTM, GRU; 2 layers; embedding and one-hot)") {
  struct Case {
    const char* kind;
    const char* nonlinearity;
    int64_t embedding, layers;
    bool bidirectional;
  };
  const Case cases[] = {{"rnn", "tanh", 0, 2, false}, {"rnn", "relu", 3, 1, false}, {"lstm", "tanh", 3, 2, false},
                        {"lstm", "tanh", 0, 1, true},  {"gru", "tanh", 0, 2, false},  {"gru", "tanh", 4, 2, true}};
  const std::vector<int32_t> tokens = {0, 2, 1, 4, 4, 3, 0};
  for (const Case& c : cases) {
    CAPTURE(c.kind);
    CAPTURE(c.embedding);
    CAPTURE(c.bidirectional);
    Rng rng(7);
    SequenceModel model(config_of(c.kind, c.nonlinearity, 5, c.embedding, 4, c.layers, c.bidirectional), rng);
    for (int64_t position : {1, 3, 7}) check_against_differences(model, tokens, position);
  }
}

TEST_CASE("saliency: a single cell (arch cell, no head) and a model of values") {
  SUBCASE("lstm cell over one-hot input, the hidden state as logits") {
    ModelConfig m;
    m.kind = "lstm_cell";
    m.input_size = 4, m.hidden_size = 4;
    Rng rng(3);
    SequenceModel model(m, rng);
    check_against_differences(model, {1, 0, 3, 2, 2}, 4);
  }
  SUBCASE("sine: d prediction / d value") {
    ModelConfig m;
    m.kind = "lstm";
    m.input_size = 1, m.hidden_size = 5, m.num_layers = 2, m.batch_first = true, m.head_out = 1;
    Rng rng(5);
    SequenceModel model(m, rng);
    const std::vector<float> values = {0.0f, 0.4f, 0.8f, 0.9f, 0.5f, -0.1f};
    InspectRun run = InspectRun::of_values(model, values);
    InputGradientScratch scratch;
    const Saliency s = saliency(run, 5, scratch);
    CHECK(s.target == -1);
    const auto predict = [&](std::vector<float> v) {
      Tape tape;
      return double(model.forward(tape, tape.constant(Tensor(Shape{1, 6, 1}, v))).output.value()[4]);
    };
    for (size_t k = 0; k < 5; ++k) {
      std::vector<float> plus = values, minus = values;
      plus[k] += 1e-2f, minus[k] -= 1e-2f;
      const double fd = (predict(plus) - predict(minus)) / 2e-2;
      CAPTURE(k);
      CHECK(s.input_gradient[k] == doctest::Approx(fd).epsilon(2e-2).scale(0.05));
      CHECK(s.norms[k] == doctest::Approx(std::abs(fd)).epsilon(2e-2).scale(0.05));
    }
  }
}

TEST_CASE("saliency: a position outside 1 .. T names the argument and the range") {
  ModelConfig m = config_of("lstm", "tanh", 5, 0, 3, 1, false);
  Rng rng(1);
  SequenceModel model(m, rng);
  InspectRun run = InspectRun::of_tokens(model, std::vector<int32_t>{0, 1, 2});
  InputGradientScratch scratch;
  CHECK_THROWS_WITH(saliency(run, 0, scratch), doctest::Contains("position: got 0, expected 1 to 3"));
  CHECK_THROWS_WITH(saliency(run, 4, scratch), doctest::Contains("position: got 4, expected 1 to 3"));
}
