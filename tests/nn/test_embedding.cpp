// nn.Embedding: torch's values and gradient from a fixture (tests/fixtures/gen_embedding.py), a finite-difference
// check of the weight's gradient, torch's N(0, 1) init, and indices outside the table refused.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "core/gradcheck.h"
#include "nn/embedding.h"
#include "support/fixtures.h"
#include "support/test_tensors.h"

using namespace rnnlab;
using rnnlab::testing::Args;
using rnnlab::testing::check_close;

TEST_CASE("embedding: values and weight gradient match torch (fixture embedding.json)") {
  const json::Value f = rnnlab::testing::load_fixture("embedding.json");
  std::vector<int32_t> indices;
  for (const json::Value& i : f.find("indices")->as_array("indices"))
    indices.push_back(static_cast<int32_t>(i.as_int("indices[]", 0, 4)));
  Rng rng(0);
  Embedding emb(5, 3, rng);
  emb.weight().value.assign(rnnlab::testing::fixture_tensor(f, "weight"));
  Tape tape;
  Var y = emb.forward(tape, indices);  // (6, 3)
  check_close(y.value(), rnnlab::testing::fixture_tensor(f, "output"), 0.0f, "output");
  tape.backward(y, rnnlab::testing::fixture_tensor(f, "w"));  // dL/dy = w for L = sum(y * w)
  check_close(emb.weight().grad, rnnlab::testing::fixture_tensor(f, "grad_weight"), 1e-6f, "grad_weight");
}

TEST_CASE("embedding: gradcheck of the weight with repeated indices") {
  const int32_t indices[] = {1, 3, 1, 0, 1};
  auto r = gradcheck([&indices](Tape&, Args v) { return embedding(v[0], indices); },
                     {rnnlab::testing::ramp(Shape{4, 3}, -1, 0.15f)},
                     GradCheckOptions{.eps = 1e-2f, .atol = 1e-3f, .rtol = 1e-3f});
  CHECK_MESSAGE(r.ok, r.worst);
}

TEST_CASE("embedding: weight is (V, D) ~ N(0, 1) from the explicit generator, named as torch") {
  Rng a(7), b(7);
  Embedding e1(64, 32, a), e2(64, 32, b);
  CHECK(e1.named_parameters().size() == 1);
  CHECK(e1.named_parameters()[0].name == "weight");
  CHECK(e1.weight().value.shape() == Shape{64, 32});
  CHECK(e1.weight().value.to_vector() == e2.weight().value.to_vector());  // same seed, same weights
  const std::vector<float> w = e1.weight().value.to_vector();
  double mean = 0, var = 0;
  for (float x : w) mean += x;
  mean /= double(w.size());
  for (float x : w) var += (x - mean) * (x - mean);
  var /= double(w.size());
  CHECK(std::abs(mean) < 0.1);       // 2048 draws: the mean's sd is 0.022
  CHECK(std::abs(var - 1.0) < 0.15); // and the variance's about 0.031
}

TEST_CASE("embedding: an index outside the table is refused, naming it and the limit") {
  Rng rng(0);
  Embedding emb(5, 2, rng);
  Tape tape;
  const int32_t bad[] = {0, 5};
  CHECK_THROWS_WITH_AS(emb.forward(tape, bad),
                       "embedding: indices[1] is 5, expected an index in [0, 5) (num_embeddings 5)", Error);
}
