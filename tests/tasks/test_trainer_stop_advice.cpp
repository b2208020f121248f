// A stopped run names the setting at fault: eps 0 and absurd momentum, dampening or weight decay are
// refused up front with their range; a run that diverges because of an unusual momentum or weight decay says to
// lower that, not only the learning rate.
#include <doctest/doctest.h>

#include "tasks/trainer.h"

using namespace rnnlab;

namespace {

std::string refused(const TrainerConfig& c) {
  try {
    Trainer::validate(c);
  } catch (const std::exception& e) {
    try {
      Trainer t(c);
    } catch (const std::exception& built) {
      CHECK(std::string(built.what()) == e.what());  // the constructor says the same as validate()
    }
    return e.what();
  }
  return "accepted";
}

// The run: `rnnlab train seq --input abc --target bca --hidden 4` with one optimizer setting changed.
TrainerConfig abc(const std::string& optimizer) {
  TrainerConfig c = seq_layer_preset("abc", "bca");
  c.hidden_size = 4;
  c.optimizer.kind = optimizer;
  return c;
}

// Steps until the run stops (at most 1000 iterations) and returns the stop message, or "did not stop".
std::string stop_message(const TrainerConfig& c) {
  Trainer t(c);
  for (int i = 0; i < 1000; ++i) {
    const StepResult r = t.step();
    if (r.stopped) return r.message;
  }
  return "did not stop";
}

std::string advice(const std::string& message) {
  const size_t at = message.find(". ");
  return at == std::string::npos ? message : message.substr(at + 2);
}

}  // namespace

TEST_CASE("trainer stop advice: eps 0 is refused up front for adam and rmsprop, naming eps and the limit") {
  TrainerConfig c = abc("adam");
  c.optimizer.eps = 0.0f;
  CHECK(refused(c) == "eps: got 0, expected a number > 0 for adam");
  c.optimizer.kind = "rmsprop";
  CHECK(refused(c) == "eps: got 0, expected a number > 0 for rmsprop");
  c.optimizer.eps = 1e-30f;  // tiny is allowed, as in torch
  CHECK(refused(c) == "accepted");
  c.optimizer.kind = "sgd";
  c.optimizer.eps = 0.0f;  // sgd has no eps
  CHECK(refused(c) == "accepted");
}

TEST_CASE("trainer stop advice: absurd momentum, dampening and weight decay are refused with their range") {
  TrainerConfig c = abc("sgd");
  c.optimizer.momentum = 1e30f;
  CHECK(refused(c) == "momentum: got 1e+30, expected a number from 0 to 1000");
  c.optimizer.kind = "rmsprop";
  CHECK(refused(c) == "momentum: got 1e+30, expected a number from 0 to 1000");
  c = abc("sgd");
  c.optimizer.momentum = 0.9f;
  c.optimizer.dampening = -1e38f;
  CHECK(refused(c) == "dampening: got -1e+38, expected a number from -1000 to 1000");
  c.optimizer.dampening = 1e4f;
  CHECK(refused(c) == "dampening: got 10000, expected a number from -1000 to 1000");
  for (const char* kind : {"adam", "sgd", "rmsprop"}) {
    c = abc(kind);
    c.optimizer.weight_decay = 3e38f;
    CHECK(refused(c) == "weight_decay: got 3e+38, expected a number from 0 to 1000");
  }
  // The limits themselves are allowed (a run with them may diverge, and then says so).
  c = abc("sgd");
  c.optimizer.momentum = 1000.0f;
  c.optimizer.dampening = -1000.0f;
  c.optimizer.weight_decay = 1000.0f;
  CHECK(refused(c) == "accepted");
}

TEST_CASE("trainer stop advice: the message names the settings that can cause the stop") {
  // An ordinary optimizer: the learning rate (and clipping, when off), as before.
  TrainerConfig c = abc("sgd");
  c.optimizer.lr = 1e30f;
  CHECK(advice(stop_message(c)) == "Lower the learning rate (now 1e+30) or turn on gradient clipping, then start again.");
  // Momentum above 1 makes the velocity grow every step: it is named.
  c = abc("sgd");
  c.optimizer.momentum = 5.0f;
  CHECK(advice(stop_message(c)) ==
        "Lower the learning rate (now 0.01) or the momentum (now 5), or turn on gradient clipping, then start again.");
  c.clip_norm = 1.0f;  // clipping does not help against it, and is on: not suggested
  CHECK(advice(stop_message(c)) == "Lower the learning rate (now 0.01) or the momentum (now 5), then start again.");
  // A weight decay of 1 or more (lr 0.1 times 100: each step multiplies the weights by -9).
  c = abc("sgd");
  c.optimizer.lr = 0.1f;
  c.optimizer.weight_decay = 100.0f;
  CHECK(advice(stop_message(c)) ==
        "Lower the learning rate (now 0.1) or the weight decay (now 100), or turn on gradient clipping, then start again.");
}
