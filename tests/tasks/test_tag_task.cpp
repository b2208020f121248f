// The tag task (tasks/tag_task.h): its tags (1 when the symbol occurs again later), the bound of a model that
// reads only the past, and the lesson: after 1,000 steps (seeds 0 and 1) a unidirectional LSTM stays at that
// bound while a bidirectional one tags almost every step right.
#include <doctest/doctest.h>

#include <string>

#include "tasks/tag_task.h"
#include "tasks/trainer.h"

using namespace rnnlab;

TEST_CASE("tag data: a tag is 1 exactly when its symbol occurs at a later step of the same sequence") {
  Rng rng(3);
  TagBatch batch;
  const int64_t T = 9, K = 4, B = 5;
  draw_tag_batch(T, K, B, rng, batch);
  REQUIRE(batch.tokens.size() == static_cast<size_t>(T * B));
  for (int64_t b = 0; b < B; ++b)
    for (int64_t t = 0; t < T; ++t) {
      int32_t later = 0;
      for (int64_t u = t + 1; u < T; ++u) later |= batch.tokens[static_cast<size_t>(u * B + b)] == batch.tokens[static_cast<size_t>(t * B + b)];
      CHECK(batch.tags[static_cast<size_t>(t * B + b)] == later);
      CHECK((batch.tokens[static_cast<size_t>(t * B + b)] >= 0 && batch.tokens[static_cast<size_t>(t * B + b)] < K));
    }
}

TEST_CASE("tag: the bound of reading only the past") {
  CHECK(tag_position_bound(2, 2) == doctest::Approx(0.75));  // t = 0: p = 1/2; t = 1: never repeats
  CHECK(tag_position_bound(16, 8) == doctest::Approx(0.7352382249));
}

TEST_CASE("tag: a unidirectional LSTM cannot pass it, a bidirectional one can (1,000 steps, seeds 0 and 1)") {
  for (uint64_t seed : {0u, 1u}) {
    for (bool bidirectional : {false, true}) {
      TrainerConfig c = tag_preset();  // T 16, K 8, LSTM 16, Adam 1e-2, clip 1
      c.seed = seed;
      c.bidirectional = bidirectional;
      Trainer trainer(c);
      for (int i = 0; i < 1000; ++i) REQUIRE(!trainer.step().stopped);
      const double accuracy = trainer.task_as<TagTask>().held_out_accuracy(trainer.model());
      CAPTURE(seed);
      CAPTURE(bidirectional);
      CAPTURE(accuracy);
      // Measured: unidirectional 73.3% (seed 0), 74.4% (1) against the bound 73.5%; bidirectional 99.8%, 98.8%.
      if (bidirectional) CHECK(accuracy >= 0.95);
      else CHECK(accuracy <= tag_position_bound(16, 8) + 0.03);
    }
  }
}

TEST_CASE("tag: the view's data and a refused arch") {
  TrainerConfig c = tag_preset();
  c.bidirectional = true;
  Trainer trainer(c);
  trainer.step();
  const ViewData d = trainer.prediction();
  bool has_tags = false;
  for (const auto& [key, value] : d.fields)
    if (key == "predictedTags") has_tags = std::get<std::vector<int32_t>>(value).size() == 16;
  CHECK(has_tags);
  TrainerConfig cell = tag_preset();
  cell.arch = "cell";
  CHECK_THROWS_WITH(Trainer{cell}, "arch: got \"cell\", the tag task needs layer (a recurrent layer and a Linear head)");
}
