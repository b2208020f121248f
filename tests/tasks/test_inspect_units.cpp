// What units track (tasks/inspect_features.h, inspect_ranking.h, inspect_saturation.h): the text's features, a
// model with one hand-set LSTM unit that toggles on every quote mark is ranked first for "quote", and gate
// saturation counts of a model whose gates are set by hand.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "tasks/inspect_ranking.h"
#include "tasks/inspect_saturation.h"
#include "tasks/sequence_model.h"
#include "tasks/vocabulary.h"

using namespace rnnlab;

namespace {

const TextFeature* find_feature(const std::vector<TextFeature>& fs, const std::string& name) {
  for (const TextFeature& f : fs)
    if (f.name == name) return &f;
  return nullptr;
}

std::vector<float> values_of(const std::vector<TextFeature>& fs, const std::string& name) {
  const TextFeature* f = find_feature(fs, name);
  REQUIRE(f != nullptr);
  return f->values;
}

// Sets rnn.<name>[gate block * H + unit][column] of an LSTM/GRU layer.
void set(SequenceModel& model, const std::string& name, int64_t row, int64_t col, float v) {
  Tensor& w = model.find_parameter(name)->value;
  const int64_t cols = w.shape().rank() == 2 ? w.dim(1) : 1;
  w[row * cols + col] = v;
}

}  // namespace

TEST_CASE("text features: quotes, brackets, line position, space, vowel, digit, capital") {
  const std::u32string text = U"a \"Bc\" (1)\nde";
  const std::vector<TextFeature> fs = text_features(text);
  using V = std::vector<float>;
  //                                   a  ' ' "  B  c  "  ' ' (  1  )  \n d  e
  CHECK(values_of(fs, "quote") ==   V{0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0});
  CHECK(values_of(fs, "bracket") == V{0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0});
  CHECK(values_of(fs, "line") ==    V{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0, 1});
  CHECK(values_of(fs, "space") ==   V{0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0});
  CHECK(values_of(fs, "vowel") ==   V{1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
  CHECK(values_of(fs, "digit") ==   V{0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0});
  CHECK(values_of(fs, "capital") == V{0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  CHECK(find_feature(fs, "poem") == nullptr);  // no CJK
  // A feature constant over the text is left out.
  CHECK(find_feature(text_features(U"abc abc"), "digit") == nullptr);
}

TEST_CASE("text features: the Tang poems' position within the five-character line") {
  const std::vector<TextFeature> fs = text_features(U"床前明月光，疑是地上霜。\n");
  using V = std::vector<float>;
  CHECK(values_of(fs, "poem") == V{1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5, 0, 0});
  CHECK(find_feature(fs, "quote") == nullptr);  // constant over this text: left out
}

TEST_CASE("unit ranking: a planted LSTM unit that toggles on quote marks ranks first for the quote feature") {
  const std::u32string text =
      U"he said \"a bab.\" then a \"ba ab\" and b. \"ab\" a b. she is \"in a tent\" and he is not. \"ha\" he said.";
  const Vocabulary vocab = Vocabulary::from_texts({text});
  const int64_t V = vocab.size(), H = 4, k = 2, q = vocab.index_of(U'"');
  ModelConfig m;
  m.kind = "lstm";
  m.input_size = V, m.hidden_size = H, m.num_layers = 2, m.head_out = V;
  Rng rng(9);
  SequenceModel model(m, rng);
  // Unit k of layer 0 (gate rows i: k, f: H + k, g: 2H + k, o: 3H + k): it reads only the quote mark and itself.
  for (int64_t gate = 0; gate < 4; ++gate) {
    for (int64_t col = 0; col < V; ++col) set(model, "rnn.weight_ih_l0", gate * H + k, col, 0.0f);
    for (int64_t col = 0; col < H; ++col) set(model, "rnn.weight_hh_l0", gate * H + k, col, 0.0f);
    set(model, "rnn.bias_hh_l0", gate * H + k, 0, 0.0f);
  }
  // On a quote mark i = 1, f = 0, so c = g = tanh(3 - 10 h_{t-1}): +1 from outside (h <= 0), -1 from inside
  // (h = tanh(1) o); on any other character i = 0, f = 1, so c stays. o = 1.
  set(model, "rnn.weight_ih_l0", 0 * H + k, q, 20.0f), set(model, "rnn.bias_ih_l0", 0 * H + k, 0, -10.0f);
  set(model, "rnn.weight_ih_l0", 1 * H + k, q, -20.0f), set(model, "rnn.bias_ih_l0", 1 * H + k, 0, 10.0f);
  set(model, "rnn.weight_hh_l0", 2 * H + k, k, -10.0f), set(model, "rnn.bias_ih_l0", 2 * H + k, 0, 3.0f);
  set(model, "rnn.bias_ih_l0", 3 * H + k, 0, 10.0f);

  const Activations a = activations(InspectRun::of_tokens(model, vocab.encode(text, "text")));
  const std::vector<TextFeature> features = text_features(text);
  const std::vector<UnitCorrelation> ranked = rank_units(a, features, 3);
  REQUIRE(ranked.size() == 3 * features.size());
  const auto quote = std::find_if(ranked.begin(), ranked.end(), [](const UnitCorrelation& u) { return u.feature == "quote"; });
  REQUIRE(quote != ranked.end());
  CHECK(quote->layer == 0);
  CHECK(quote->direction == 0);
  CHECK(quote->unit == k);
  CHECK(quote->correlation > 0.9f);
  // The best two for quote are that unit's h and c; the third is another unit (layer 1 reads the planted one).
  CHECK((quote + 1)->unit == k);
  CHECK((quote + 1)->layer == 0);
  CHECK((quote + 1)->kind != quote->kind);
  CHECK(((quote + 2)->layer != 0 || (quote + 2)->unit != k));
  CHECK(std::abs((quote + 2)->correlation) <= std::abs((quote + 1)->correlation));
  // The correlation is Pearson's r: for the planted c, computed here directly.
  const std::vector<float> f = values_of(features, "quote");
  const int64_t T = a.steps;
  double mf = 0, mc = 0;
  for (int64_t t = 0; t < T; ++t) mf += f[static_cast<size_t>(t)], mc += a.c[static_cast<size_t>(t * H + k)];
  mf /= T, mc /= T;
  double fc = 0, ff = 0, cc = 0;
  for (int64_t t = 0; t < T; ++t) {
    const double x = f[static_cast<size_t>(t)] - mf, y = a.c[static_cast<size_t>(t * H + k)] - mc;
    fc += x * y, ff += x * x, cc += y * y;
  }
  const std::vector<float> r = unit_correlations(a, f);
  CHECK(r[static_cast<size_t>((1 * a.slots + 0) * H + k)] == doctest::Approx(fc / std::sqrt(ff * cc)).epsilon(1e-5));
}

TEST_CASE("gate saturation: fractions of steps below 0.1 and above 0.9 per gate unit, for hand-set gates") {
  const std::u32string text = U"abacab";  // 'a' at 3 of 6 steps
  const Vocabulary vocab = Vocabulary::from_texts({text});
  const int64_t V = vocab.size(), H = 2, a_col = vocab.index_of(U'a');
  ModelConfig m;
  m.kind = "lstm";
  m.input_size = V, m.hidden_size = H, m.head_out = V;
  Rng rng(1);
  SequenceModel model(m, rng);
  for (const char* name : {"rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0", "rnn.bias_hh_l0"}) {
    Tensor& w = model.find_parameter(name)->value;
    std::fill(w.data(), w.data() + w.numel(), 0.0f);
  }
  set(model, "rnn.bias_ih_l0", 0 * H + 0, 0, 10.0f);   // i, unit 0: always ~1
  set(model, "rnn.bias_ih_l0", 0 * H + 1, 0, -10.0f);  // i, unit 1: always ~0
  set(model, "rnn.weight_ih_l0", 1 * H + 1, a_col, 20.0f), set(model, "rnn.bias_ih_l0", 1 * H + 1, 0, -10.0f);  // f1: 'a'
  const std::vector<GateSaturation> sat = gate_saturation(activations(InspectRun::of_tokens(model, vocab.encode(text, "t"))));
  REQUIRE(sat.size() == 3);  // i, f, o: g is a candidate, not a gate
  CHECK(sat[0].gate == "i");
  CHECK(sat[1].gate == "f");
  CHECK(sat[2].gate == "o");
  using V2 = std::vector<float>;
  CHECK(sat[0].left == V2{0.0f, 1.0f});
  CHECK(sat[0].right == V2{1.0f, 0.0f});
  CHECK(sat[1].left == V2{0.0f, 0.5f});  // f0 = sigmoid(0) = 0.5: neither
  CHECK(sat[1].right == V2{0.0f, 0.5f});
  CHECK(sat[2].left == V2{0.0f, 0.0f});
  CHECK(sat[2].right == V2{0.0f, 0.0f});

  SUBCASE("GRU: r and z, not n; an RNN has no gates") {
    ModelConfig g = m;
    g.kind = "gru";
    SequenceModel gru(g, rng);
    const std::vector<GateSaturation> s = gate_saturation(activations(InspectRun::of_tokens(gru, vocab.encode(text, "t"))));
    REQUIRE(s.size() == 2);
    CHECK(s[0].gate == "r");
    CHECK(s[1].gate == "z");
    g.kind = "rnn";
    SequenceModel rnn(g, rng);
    CHECK(gate_saturation(activations(InspectRun::of_tokens(rnn, vocab.encode(text, "t")))).empty());
  }
}
