// The memory budget: the estimate bounds what training really allocates, and a request over the budget is
// refused before anything big is allocated, with the sizes, the estimate and the budget in the message.
#include <doctest/doctest.h>

#include <malloc.h>

#include "tasks/digits_data.h"
#include "tasks/digits_task.h"
#include "tasks/memory_budget.h"
#include "tasks/state_dict.h"
#include "tasks/seq_task.h"
#include "tasks/sine_task.h"
#include "tasks/trainer.h"

#if defined(__SANITIZE_ADDRESS__)
#define RNNLAB_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RNNLAB_TEST_ASAN 1
#endif
#endif
#ifdef RNNLAB_TEST_ASAN
// From the ASan runtime (<sanitizer/allocator_interface.h>, which GCC does not install).
extern "C" size_t __sanitizer_get_current_allocated_bytes();
#endif

using namespace rnnlab;

namespace {

// Bytes malloc has handed out and not taken back (ASan's allocator replaces glibc's under the debug preset).
int64_t allocated_bytes() {
#ifdef RNNLAB_TEST_ASAN
  return static_cast<int64_t>(__sanitizer_get_current_allocated_bytes());
#else
  return static_cast<int64_t>(mallinfo2().uordblks);
#endif
}

std::string text_of(char c, int n) { return std::string(static_cast<size_t>(n), c); }

std::string refused(const TrainerConfig& c) {
  try {
    Trainer t(c);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "accepted";
}

}  // namespace

TEST_CASE("memory budget: the estimate is above what training and inspecting really allocate") {
  TrainerConfig seq = seq_layer_preset("the quick brown fox jumps over the lazy dog, twice: " + text_of('x', 60),
                                       "he quick brown fox jumps over the lazy dog, twice: " + text_of('y', 61));
  seq.num_layers = 2;
  seq.bidirectional = true;
  seq.hidden_size = 48;
  TrainerConfig gru_sine = sine_preset();
  gru_sine.cell = "gru";
  gru_sine.hidden_size = 64;
  gru_sine.num_layers = 3;
  gru_sine.sine.points = 300;
  gru_sine.optimizer.amsgrad = true;
  TrainerConfig rnn_seq = seq_layer_preset(text_of('a', 500), text_of('b', 500));
  rnn_seq.cell = "rnn";
  rnn_seq.hidden_size = 256;
  rnn_seq.optimizer.kind = "rmsprop";
  rnn_seq.optimizer.centered = true;
  rnn_seq.optimizer.momentum = 0.5f;
  for (const TrainerConfig& c : {hello_preset(), sine_preset(), seq, gru_sine, rnn_seq}) {
    const int64_t before = allocated_bytes();
    int64_t estimate = 0, used = 0;
    {
      Trainer t(c);
      for (int i = 0; i < 3; ++i) t.step();
      if (c.task == "seq")
        (void)t.task_as<SeqTask>().probabilities();
      else
        (void)t.task_as<SineTask>().view(t.model());
      const int64_t steps = c.task == "seq" ? static_cast<int64_t>(t.task_as<SeqTask>().input_indices().size()) : c.sine.points - 1;
      estimate = estimated_training_bytes(t.model().config(), steps, c.optimizer);
      used = allocated_bytes() - before;
    }
    CAPTURE(c.task);
    CAPTURE(c.cell);
    CAPTURE(used);
    CAPTURE(estimate);
    CHECK(used > 0);
    CHECK(used <= estimate);
    // The estimate also counts the JS copies of the trace and the evaluation pass: at most several times the native
    // use, so the budget does not refuse much that would fit.
    CHECK(estimate <= 8 * used + kMiB);
  }
}

TEST_CASE("memory budget: a request over the budget is refused up front, naming sizes, estimate and budget") {
  TrainerConfig c = seq_layer_preset(text_of('a', 1000), text_of('b', 1000));
  c.hidden_size = 1024;
  c.num_layers = 8;
  c.bidirectional = true;
  const int64_t before = allocated_bytes();
  CHECK(refused(c) ==
        "memory: a lstm with hidden size 1024, 8 layers, bidirectional, 2 inputs and 1000 steps needs about "
        "7576.9 MB, over the budget of 128.0 MB for one model; lower the hidden size, the number of layers or the "
        "sequence length");
  CHECK(allocated_bytes() - before < 1024 * 1024);  // refused before the model was built
  // Each limit alone fits with small other sizes: the budget is what binds their products.
  c = seq_layer_preset("ab", "ba");
  c.hidden_size = kMaxHiddenSize;
  CHECK(refused(c) == "accepted");
  c = seq_layer_preset(text_of('a', kMaxSequenceLength), text_of('b', kMaxSequenceLength));
  c.num_layers = kMaxLayers;
  c.hidden_size = 16;
  CHECK(refused(c) == "accepted");
  TrainerConfig sine = sine_preset();
  sine.sine.points = 4096;
  sine.hidden_size = 1024;
  sine.cell = "lstm";
  CHECK(refused(sine).rfind("memory: a lstm with hidden size 1024, 2 layers, 1 inputs and 4095 steps needs about ", 0) ==
        0);
}

TEST_CASE("memory budget: the state-dict loader checks the config's size before building the model") {
  const std::string huge =
      R"({"format":"rnnlab.state_dict","version":1,"config":{"kind":"lstm","nonlinearity":"tanh","input_size":4096,)"
      R"("hidden_size":1024,"num_layers":8,"bias":true,"batch_first":false,"dropout":0,"bidirectional":true,)"
      R"("head":{"out_features":4096}},"tensors":{}})";
  const int64_t before = allocated_bytes();
  CHECK_THROWS_WITH_AS(load_state_dict(huge),
                       "memory: a lstm with hidden size 1024, 8 layers, bidirectional, 4096 inputs and 1 step needs "
                       "about 4583.7 MB, over the budget of 128.0 MB for one model; lower the hidden size, the number "
                       "of layers or the sequence length",
                       Error);
  CHECK(allocated_bytes() - before < 1024 * 1024);
  const std::string too_long(static_cast<size_t>(kMaxStateDictBytes) + 1, ' ');
  CHECK_THROWS_WITH_AS(load_state_dict(too_long),
                       "model file: 33554433 bytes, the limit is 33554432 (32 MB: the page's memory budget holds the "
                       "text and its parsed form at once)",
                       Error);
  std::string many = "[0";
  for (int i = 0; i < 2'000'000; ++i) many += ",0";
  CHECK_THROWS_WITH_AS(load_state_dict(many + "]"),
                       "model file: about 2000002 numbers, the limit is 2000000 (the page's memory budget holds the "
                       "file and its parsed form at once)",
                       Error);
}

TEST_CASE("memory budget: a trainer refuses to load a model too big for its sequence, and keeps its own") {
  TrainerConfig big = seq_layer_preset("ab", "ba");
  big.hidden_size = 600;
  big.cell = "lstm";
  Trainer small_seq(big);  // 2 steps: fits
  const std::string saved = small_seq.save();
  TrainerConfig long_seq = seq_layer_preset(text_of('a', 899) + "b", text_of('b', 899) + "a");
  Trainer t(long_seq);
  const std::string before = t.save();
  CHECK_THROWS_WITH_AS(t.load(saved),
                       "memory: a lstm with hidden size 600, 1 layer, 2 inputs and 900 steps needs about 141.4 MB, "
                       "over the budget of 128.0 MB for one model; lower the hidden size, the number of layers or the "
                       "sequence length",
                       Error);
  CHECK(t.save() == before);
  CHECK(!t.step().stopped);
}

TEST_CASE("memory budget: the digits task's estimate is above what its models allocate, the evaluation included") {
  // The images are the caller's (allocated before); the task's own data (order, batch input) is its data_bytes.
  const std::shared_ptr<const LabelledImages> images =
      load_digits_images("mnist", std::string(RNNLAB_SOURCE_DIR) + "/data");
  for (const char* model : {"cnn", "mlp", "lstm", "gru"}) {
    TrainerConfig c = digits_preset();
    c.digits.model = model;
    c.digits_images = images;
    if (std::string(model) == "gru") c.bidirectional = true, c.num_layers = 2, c.hidden_size = 64;
    const int64_t before = allocated_bytes();
    int64_t estimate = 0, used = 0;
    {
      Trainer t(c);
      for (int i = 0; i < 3; ++i) t.step();
      (void)t.prediction();  // evaluates the 2,000 held-out images
      Tape tape;
      (void)t.task_as<DigitsTask>().classify(t.model(), std::vector<float>(784, 0.5f), tape);
      const Task& task = t.task();
      estimate = estimated_training_bytes(t.model().config(), task.steps(), c.optimizer, task.batch(), task.data_bytes());
      used = allocated_bytes() - before;
    }
    MESSAGE(std::string(model) << ": allocated " << used << " bytes, estimate " << estimate);
    CHECK(used > 0);
    CHECK(used <= estimate);
    CHECK(estimate <= 8 * used + kMiB);
  }
}
