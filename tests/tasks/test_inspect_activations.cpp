// The inspector's activations and top-k (tasks/inspect_activations.h, inspect_topk.h): the run's h, c and gates
// are the forward's trace (the same model over a batch of two texts, row 0 the inspected one; the last layer's h
// is the layer output the head reads), and top-k is the softmax of the logits, sorted.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "tasks/inspect_activations.h"
#include "tasks/inspect_topk.h"
#include "tasks/sequence_model.h"

using namespace rnnlab;

namespace {

ModelConfig text_model(const char* kind, bool bidirectional) {
  ModelConfig m;
  m.kind = kind;
  m.embedding_dim = 3, m.num_embeddings = 6, m.input_size = 3;
  m.hidden_size = 4, m.num_layers = 2, m.bidirectional = bidirectional, m.head_out = 6;
  return m;
}

}  // namespace

TEST_CASE("inspect activations: h, c and gates equal the forward's trace, every layer and direction") {
  const std::vector<int32_t> text = {1, 4, 0, 5, 2, 2, 3};
  const std::vector<int32_t> other = {0, 0, 3, 1, 5, 4, 2};
  for (const char* kind : {"rnn", "lstm", "gru"})
    for (bool bidirectional : {false, true}) {
      CAPTURE(kind);
      CAPTURE(bidirectional);
      Rng rng(11);
      SequenceModel model(text_model(kind, bidirectional), rng);
      const Activations a = activations(InspectRun::of_tokens(model, text));
      // The reference: one forward over a batch of two (time-major tokens t * 2 + b), its trace's row 0.
      std::vector<int32_t> batch;
      for (size_t t = 0; t < text.size(); ++t) batch.push_back(text[t]), batch.push_back(other[t]);
      Tape tape;
      const RecurrentOutput out = model.forward_tokens(tape, batch, 7, 2);
      std::vector<LayerTrace> traces;
      model.traces(traces);
      const int64_t S = a.slots, T = a.steps, H = a.hidden, GH = a.gate_width();
      REQUIRE(S == 2 * (bidirectional ? 2 : 1));
      REQUIRE(T == 7);
      REQUIRE(H == 4);
      CHECK(a.c.empty() == (std::string(kind) != "lstm"));
      CHECK(a.gates.empty() == (std::string(kind) == "rnn"));
      for (int64_t s = 0; s < S; ++s) {
        const LayerTrace& tr = traces[static_cast<size_t>(s)];
        CHECK(a.layer_of(s) == s / (bidirectional ? 2 : 1));
        for (int64_t t = 0; t < T; ++t)
          for (int64_t j = 0; j < H; ++j) {
            const size_t at = static_cast<size_t>((s * T + t) * H + j);
            CHECK(a.h[at] == doctest::Approx((*tr.h)[(tr.h_row(t) * 2 + 0) * H + j]).epsilon(1e-6));
            if (tr.c) CHECK(a.c[at] == doctest::Approx((*tr.c)[(tr.h_row(t) * 2 + 0) * H + j]).epsilon(1e-6));
            for (int64_t g = 0; tr.gates && g < GH / H; ++g)
              CHECK(a.gates[static_cast<size_t>((s * T + t) * GH + g * H + j)] ==
                    doctest::Approx((*tr.gates)[(t * 2 + 0) * GH + g * H + j]).epsilon(1e-6));
          }
      }
      // The last layer's h, both directions side by side, is what the head read: recompute its logits.
      const Tensor& w = model.find_parameter("head.weight")->value;  // (6, D*H)
      const Tensor& bias = model.find_parameter("head.bias")->value;
      const int D = bidirectional ? 2 : 1;
      for (int64_t t = 0; t < T; ++t)
        for (int64_t k = 0; k < 6; ++k) {
          double z = bias[k];
          for (int d = 0; d < D; ++d)
            for (int64_t j = 0; j < H; ++j)
              z += double(w[k * D * H + d * H + j]) * a.h[static_cast<size_t>(((S - D + d) * T + t) * H + j)];
          CHECK(out.output.value()[(t * 2 + 0) * 6 + k] == doctest::Approx(z).epsilon(1e-5));
        }
    }
}

TEST_CASE("inspect top-k: the k most probable classes of each step's softmax, best first") {
  Rng rng(2);
  SequenceModel model(text_model("lstm", false), rng);
  const std::vector<int32_t> text = {3, 1, 4, 1, 5};
  const InspectRun run = InspectRun::of_tokens(model, text);
  const TopK top = topk(run, 3);
  REQUIRE(top.classes.size() == 15);
  for (int64_t t = 0; t < 5; ++t) {
    std::vector<double> p(6);
    double sum = 0.0;
    for (int64_t j = 0; j < 6; ++j) sum += p[static_cast<size_t>(j)] = std::exp(double(run.output()[static_cast<size_t>(t * 6 + j)]));
    std::vector<int> order = {0, 1, 2, 3, 4, 5};
    std::sort(order.begin(), order.end(), [&](int x, int y) { return p[x] > p[y]; });
    for (int64_t j = 0; j < 3; ++j) {
      CHECK(top.classes[static_cast<size_t>(t * 3 + j)] == order[static_cast<size_t>(j)]);
      CHECK(top.probabilities[static_cast<size_t>(t * 3 + j)] ==
            doctest::Approx(p[static_cast<size_t>(order[static_cast<size_t>(j)])] / sum).epsilon(1e-5));
    }
  }
  CHECK_THROWS_WITH(topk(run, 0), doctest::Contains("k: got 0, expected 1 to 6"));
  CHECK_THROWS_WITH(topk(run, 7), doctest::Contains("k: got 7, expected 1 to 6"));
}

TEST_CASE("inspect run: the model's train mode is restored and an empty text is refused") {
  Rng rng(4);
  SequenceModel model(text_model("gru", false), rng);
  model.train(true);
  (void)InspectRun::of_tokens(model, std::vector<int32_t>{1, 2});
  CHECK(model.is_training());
  CHECK_THROWS_WITH(InspectRun::of_tokens(model, std::vector<int32_t>{}), doctest::Contains("text: got 0 characters, expected 1 to 2000"));
  CHECK_THROWS_WITH(InspectRun::of_tokens(model, std::vector<int32_t>(2001, 1)),
                    doctest::Contains("text: got 2001 characters, expected 1 to 2000"));
}

TEST_CASE("inspect run: a text whose run would not fit 64 MB is refused, naming how many characters fit") {
  ModelConfig w6;
  w6.kind = "lstm", w6.embedding_dim = 128, w6.num_embeddings = 65, w6.input_size = 128, w6.hidden_size = 128;
  w6.num_layers = 2, w6.head_out = 65;
  CHECK(inspect_bytes(w6, 2000) == 2 * (4 * 512 + 8 * 128 + 128) * 2000 * 4);  // 51.2 MB: W6 reads 2,000
  CHECK(inspect_bytes(w6, 2000) <= kMaxInspectBytes);
  ModelConfig wide;
  wide.kind = "gru", wide.input_size = 4, wide.hidden_size = 512, wide.num_layers = 3, wide.head_out = 4;
  Rng rng(1);
  SequenceModel model(wide, rng);
  const int64_t per_step = inspect_bytes(wide, 1), fits = kMaxInspectBytes / per_step;
  CHECK_NOTHROW(InspectRun::of_tokens(model, std::vector<int32_t>(static_cast<size_t>(fits), 1)));
  CHECK_THROWS_WITH(InspectRun::of_tokens(model, std::vector<int32_t>(static_cast<size_t>(fits + 1), 1)),
                    doctest::Contains(("so at most " + std::to_string(fits) + " fit its 64 MB").c_str()));
}
