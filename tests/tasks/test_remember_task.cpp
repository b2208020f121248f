// The remember task (tasks/remember_task.h): its data (the label is the symbol at the chosen place, drawn from the
// data generator; a fixed held-out set), its refusals (each names the key and the limit), what its view shows, a
// saved model that loads back, and that an LSTM learns a short distance.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "tasks/config_schema.h"
#include "tasks/remember_task.h"
#include "tasks/trainer.h"

using namespace rnnlab;

namespace {

std::string trainer_error(const TrainerConfig& c) {
  try {
    Trainer t(c);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "accepted";
}

const ViewData::Value* field(const ViewData& d, const std::string& name) {
  for (const auto& [key, value] : d.fields)
    if (key == name) return &value;
  return nullptr;
}

}  // namespace

TEST_CASE("remember data: the label is the symbol at the remembered position, all symbols in range") {
  RememberSettings s;
  s.length = 7;
  s.symbols = 3;
  for (int64_t distance : {0, 1, 3, 7}) {
    s.distance = distance;
    const int64_t at = remembered_position(s);
    CHECK(at == (distance == 0 ? 0 : 7 - distance));
    Rng rng(5);
    RememberBatch batch;
    draw_remember_batch(s, 4, rng, batch);
    REQUIRE(batch.tokens.size() == 28);
    REQUIRE(batch.labels.size() == 4);
    for (int64_t b = 0; b < 4; ++b) {
      CHECK(batch.labels[static_cast<size_t>(b)] == batch.tokens[static_cast<size_t>(at * 4 + b)]);
      CHECK(remember_text(batch, b).size() == 7);
      CHECK(remember_text(batch, b)[static_cast<size_t>(at)] == "ABC"[batch.labels[static_cast<size_t>(b)]]);
    }
    for (int32_t token : batch.tokens) CHECK((token >= 0 && token < 3));
  }
  // Every symbol comes up (uniform draws), and the same generator state gives the same batch.
  s.distance = 0;
  Rng a(9), b(9);
  RememberBatch x, y;
  draw_remember_batch(s, 32, a, x);
  draw_remember_batch(s, 32, b, y);
  CHECK(x.tokens == y.tokens);
  int counts[3] = {};
  for (int32_t token : x.tokens) ++counts[token];
  for (int c : counts) CHECK(c > 50);  // 224 draws, 74.7 expected each
}

TEST_CASE("remember task: bad settings name the key and the limit") {
  TrainerConfig c = remember_preset();
  c.remember.length = 0;
  CHECK(trainer_error(c) == "remember.length: got 0, expected 2 to 200");
  c.remember.length = 1'000'000;
  CHECK(trainer_error(c) == "remember.length: got 1e+06, expected 2 to 200");
  c = remember_preset();
  c.remember.symbols = 1;
  CHECK(trainer_error(c) == "remember.symbols: got 1, expected 2 to 64");
  c.remember.symbols = 65;
  CHECK(trainer_error(c) == "remember.symbols: got 65, expected 2 to 64");
  c = remember_preset();
  c.remember.distance = 51;
  CHECK(trainer_error(c) ==
        "remember.distance: got 51 with length 50, expected 0 to 50 (at most the length; 0 means the first symbol)");
  c.remember.distance = 201;
  CHECK(trainer_error(c) == "remember.distance: got 201, expected 1 to 200 (0 means the first symbol)");
  c.remember.distance = -1;
  CHECK(trainer_error(c) == "remember.distance: got -1, expected 1 to 200 (0 means the first symbol)");
  c = remember_preset();
  c.arch = "cell";
  CHECK(trainer_error(c) == "arch: got \"cell\", the remember task needs layer (a recurrent layer and a Linear head)");
  // In the JS vocabulary the key is named as the page knows it.
  try {
    TrainerConfig bad = remember_preset();
    bad.remember.distance = 60;
    Trainer t(bad);
    FAIL("accepted");
  } catch (const ConfigError& e) {
    CHECK(e.named("distance").rfind("distance: got 60 with length 50", 0) == 0);
  }
}

TEST_CASE("remember task: the held-out set is fixed by the seed and apart from the training draws") {
  TrainerConfig c = remember_preset();
  c.remember.length = 10;
  Trainer a(c), b(c);
  const RememberTask& ta = a.task_as<RememberTask>();
  CHECK(ta.held_out().batch == kHeldOutSequences);
  CHECK(ta.held_out().tokens == b.task_as<RememberTask>().held_out().tokens);
  a.step();
  CHECK(ta.last_batch().tokens != ta.held_out().tokens);
  CHECK(ta.last_batch().batch == kRememberBatch);
  c.seed = 1;
  Trainer other(c);
  CHECK(other.task_as<RememberTask>().held_out().tokens != ta.held_out().tokens);
}

TEST_CASE("remember task: the view shows the sequence, the answer, and the accuracies") {
  TrainerConfig c = remember_preset();
  c.remember.length = 6;
  c.remember.distance = 2;
  c.remember.symbols = 4;
  Trainer t(c);
  ViewData before = t.prediction();
  CHECK(std::get<std::string>(*field(before, "view")) == "remember");
  CHECK(std::get<std::string>(*field(before, "sequence")).empty());
  CHECK(std::get<double>(*field(before, "predicted")) == -1.0);
  CHECK(std::get<double>(*field(before, "heldOutAt")) == 0.0);  // the untrained model, evaluated
  t.step();
  ViewData d = t.prediction();
  const RememberTask& task = t.task_as<RememberTask>();
  CHECK(std::get<std::string>(*field(d, "alphabet")) == "ABCD");
  CHECK(std::get<double>(*field(d, "position")) == 4.0);
  const std::string sequence = std::get<std::string>(*field(d, "sequence"));
  REQUIRE(sequence.size() == 6);
  CHECK(sequence == remember_text(task.last_batch(), 0));
  CHECK(std::get<double>(*field(d, "label")) == task.last_batch().labels[0]);
  const auto& p = std::get<std::vector<float>>(*field(d, "probabilities"));
  REQUIRE(p.size() == 4);
  double sum = 0;
  for (float v : p) sum += v;
  CHECK(sum == doctest::Approx(1.0));
  const double accuracy = std::get<double>(*field(d, "heldOutAccuracy"));
  CHECK((accuracy >= 0.0 && accuracy <= 1.0));
  CHECK(std::get<double>(*field(d, "heldOutSize")) == double(kHeldOutSequences));
  // Not re-evaluated until kHeldOutEvery updates have passed; then it is.
  CHECK(std::get<double>(*field(d, "heldOutAt")) == 0.0);
  for (int i = 1; i < kHeldOutEvery; ++i) t.step();
  CHECK(std::get<double>(*field(t.prediction(), "heldOutAt")) == double(kHeldOutEvery));
  CHECK(std::isfinite(task.batch_accuracy()));
}

TEST_CASE("remember task: a saved model loads back into the same task and is refused by another size") {
  TrainerConfig c = remember_preset();
  c.remember.length = 8;
  c.hidden_size = 6;
  Trainer t(c);
  for (int i = 0; i < 3; ++i) t.step();
  const std::string saved = t.save();
  Trainer u(c);
  u.load(saved);
  CHECK(u.iteration() == 3);
  CHECK(u.task_as<RememberTask>().held_out_accuracy(u.model()) ==
        t.task_as<RememberTask>().held_out_accuracy(t.model()));
  c.remember.symbols = 5;
  Trainer v(c);
  CHECK_THROWS_WITH(v.load(saved), "config: the model maps 8 inputs to 8 outputs; this task has 5 symbols");
}

TEST_CASE("remember task: an LSTM learns to remember the symbol 5 steps back (held-out accuracy >= 95%)") {
  TrainerConfig c = remember_preset();
  c.remember.length = 10;
  c.remember.distance = 5;
  Trainer t(c);
  RememberTask& task = t.task_as<RememberTask>();
  const double chance = task.held_out_accuracy(t.model());
  for (int i = 0; i < 300; ++i) REQUIRE_FALSE(t.step().stopped);
  const double learned = task.held_out_accuracy(t.model());
  MESSAGE("held-out accuracy before " << chance << ", after 300 steps " << learned);
  CHECK(chance < 0.25);
  CHECK(learned >= 0.95);
}
