// What each task gives the inspector (Task::input_vocabulary, inspection_text, inspection_values): remember and tag
// read their symbols as the letters A..Z a..z 0..9 + / (class k is letter k, including the digits that come after
// the letters, so the vocabulary keeps that order), classify reads its examples' characters, sine offers a series
// of its wave; and the inspector runs on each task's own model: the saliency of the last step's answer over every
// input equals central finite differences of the model's own forward.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "tasks/classify_task.h"
#include "tasks/inspect_activations.h"
#include "tasks/inspect_saliency.h"
#include "tasks/remember_task.h"
#include "tasks/trainer.h"

using namespace rnnlab;

namespace {

// log softmax(logits of step `position` - 1)[target] for the one-hot rows `x` (T, V) of one sequence.
double log_p(SequenceModel& model, const std::vector<float>& x, int64_t T, int64_t V, int64_t position, int32_t target) {
  Tape tape;
  const Shape shape = model.config().batch_first ? Shape{1, T, V} : Shape{T, 1, V};  // one sequence: one buffer
  const Tensor y = model.forward(tape, tape.constant(Tensor(shape, x))).output.value();
  const int64_t K = y.dim(2);
  const float* row = y.data() + (position - 1) * K;
  double top = row[0], sum = 0.0;
  for (int64_t j = 1; j < K; ++j) top = std::max(top, double(row[j]));
  for (int64_t j = 0; j < K; ++j) sum += std::exp(double(row[j]) - top);
  return double(row[target]) - top - std::log(sum);
}

// The trainer's model, read through the task's own text: the saliency of the last position against differences.
void check_task_saliency(Trainer& trainer) {
  const Vocabulary* v = trainer.task().input_vocabulary();
  REQUIRE(v != nullptr);
  const std::u32string text = trainer.task().inspection_text(kMaxInspectLength);
  REQUIRE(!text.empty());
  const std::vector<int32_t> tokens = v->encode(text, "text");
  SequenceModel& model = trainer.model();
  model.eval();
  InspectRun run = InspectRun::of_tokens(model, tokens);
  const int64_t T = run.steps(), V = model.config().input_classes();
  InputGradientScratch scratch;
  const Saliency s = saliency(run, T, scratch);
  REQUIRE(static_cast<int64_t>(s.norms.size()) == T);
  REQUIRE(s.input_size == V);  // one-hot inputs: the gradient is per input column
  std::vector<float> x(static_cast<size_t>(T * V), 0.0f);
  for (int64_t t = 0; t < T; ++t) x[static_cast<size_t>(t * V + tokens[static_cast<size_t>(t)])] = 1.0f;
  const float h = 1e-2f;
  for (int64_t t : {int64_t{0}, T / 2, T - 1}) {
    const int64_t j = tokens[static_cast<size_t>(t)];
    std::vector<float> plus = x, minus = x;
    plus[static_cast<size_t>(t * V + j)] += h, minus[static_cast<size_t>(t * V + j)] -= h;
    const double fd = (log_p(model, plus, T, V, T, s.target) - log_p(model, minus, T, V, T, s.target)) / (2 * h);
    CAPTURE(t);
    CHECK(s.input_gradient[static_cast<size_t>(t * V + j)] == doctest::Approx(fd).epsilon(2e-2).scale(1e-3));
  }
  model.train();
}

}  // namespace

TEST_CASE("vocabulary in order: the remember letters keep class k as letter k, digits after the letters") {
  const Vocabulary v = remember_vocabulary(64);
  CHECK(v.size() == 64);
  CHECK(v.index_of(U'A') == 0);
  CHECK(v.index_of(U'z') == 51);
  CHECK(v.index_of(U'0') == 52);
  CHECK(v.index_of(U'/') == 63);
  CHECK(v.index_of(U'#') == -1);
  CHECK(v.encode(U"Az09+/", "text") == std::vector<int32_t>{0, 51, 52, 61, 62, 63});
  CHECK(remember_vocabulary(8).symbols() == U"ABCDEFGH");
  CHECK_THROWS_WITH(Vocabulary::in_order(U"ABA"), doctest::Contains("must be unique, 'A'"));
}

TEST_CASE("inspector texts: remember's and tag's first held-out sequence, classify's first held-out example") {
  SUBCASE("remember") {
    TrainerConfig c = remember_preset();
    c.remember.length = 12, c.remember.symbols = 60;
    Trainer t(c);
    const RememberTask& task = t.task_as<RememberTask>();
    CHECK(t.task().inspection_text(100) == decode_utf8(remember_text(task.held_out(), 0), "text"));
    CHECK(t.task().inspection_text(5).size() == 5);
    check_task_saliency(t);
  }
  SUBCASE("tag (bidirectional)") {
    TrainerConfig c = tag_preset();
    c.remember.length = 10;
    Trainer t(c);
    CHECK(t.task().inspection_text(100).size() == 10);
    check_task_saliency(t);
  }
  SUBCASE("classify") {
    Trainer t(classify_preset());
    const ClassExamples& data = t.task_as<ClassifyTask>().examples();
    CHECK(t.task().inspection_text(100) == data.vocabulary.decode(data.held_out.front().symbols));
    check_task_saliency(t);
  }
  SUBCASE("sine: values, not characters") {
    Trainer t(sine_preset());
    CHECK(t.task().input_vocabulary() == nullptr);
    CHECK(t.task().inspection_text(100).empty());
    const std::vector<float> values = t.task().inspection_values(kMaxInspectLength);
    REQUIRE(values.size() == 120);
    CHECK(values[0] == 0.0f);
    CHECK(values[10] == doctest::Approx(std::sin(10 * 10.0 / 59)).epsilon(1e-6));
    CHECK(t.task().inspection_values(7).size() == 7);
    InspectRun run = InspectRun::of_values(t.model(), values);
    CHECK(activations(run).steps == 120);
  }
}
