// The classify task (tasks/classify_task.h, classify_examples.h): the padded readout against torch's
// pack_padded_sequence (tests/fixtures/classify_padded.json, gen_classify_padded.py), the examples' refusals (each
// names the key and the limit), the split fixed by the seed, a typed string's probabilities, and that an LSTM
// learns the bundled surnames.
#include <doctest/doctest.h>

#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "support/fixtures.h"
#include "tasks/classify_task.h"
#include "tasks/many_to_one.h"
#include "tasks/trainer.h"

using namespace rnnlab;
using namespace rnnlab::testing;

namespace {

std::string trainer_error(const TrainerConfig& c) {
  try {
    Trainer t(c);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "accepted";
}

TrainerConfig with_examples(std::string json) {
  TrainerConfig c = classify_preset();
  c.classify.examples = std::move(json);
  return c;
}

std::string classes_json(int count, const std::string& examples = R"(["ab", "cd"])") {
  std::string s = R"({"classes": [)";
  for (int i = 0; i < count; ++i)
    s += (i ? ", " : "") + std::string(R"({"name": "c)") + std::to_string(i) + R"(", "examples": )" + examples + "}";
  return s + "]}";
}

}  // namespace

TEST_CASE("classify: each string's own last step of a padded batch equals torch's pack_padded_sequence readout") {
  const json::Value fixture = load_fixture("classify_padded.json");
  const json::Value::Array& cases = fixture.find("cases")->as_array();
  REQUIRE(cases.size() == 6);
  for (const json::Value& c : cases) {
    const std::string name = c.find("name")->as_string();
    CAPTURE(name);
    ModelConfig m;
    m.kind = c.find("kind")->as_string();
    m.nonlinearity = c.find("nonlinearity")->as_string();
    m.input_size = static_cast<int64_t>(c.find("symbols")->as_number());
    m.hidden_size = static_cast<int64_t>(c.find("hidden_size")->as_number());
    m.num_layers = static_cast<int64_t>(c.find("num_layers")->as_number());
    m.head_out = static_cast<int64_t>(c.find("classes")->as_number());
    Rng rng(0);
    SequenceModel model(m, rng);
    load_fixture_params(model, *c.find("params"));
    std::vector<int32_t> tokens, labels;
    std::vector<int64_t> lengths;
    for (const json::Value& v : c.find("tokens")->as_array()) tokens.push_back(static_cast<int32_t>(v.as_number()));
    for (const json::Value& v : c.find("labels")->as_array()) labels.push_back(static_cast<int32_t>(v.as_number()));
    for (const json::Value& v : c.find("lengths")->as_array()) lengths.push_back(static_cast<int64_t>(v.as_number()));
    const int64_t T = static_cast<int64_t>(c.find("steps")->as_number());
    const int64_t B = static_cast<int64_t>(c.find("batch")->as_number());

    Tape tape;
    const TaskStep s = many_to_one_padded_loss(tape, model, tokens, T, B, lengths, labels, nullptr);
    check_close(s.out.output.value(), fixture_tensor(c, "logits", name), 1e-6f, name + " logits");
    CHECK(s.loss.value().item() == doctest::Approx(c.find("loss")->as_number()).epsilon(1e-6));
    tape.backward(s.loss);
    for (const NamedParameter& p : model.named_parameters())
      check_close(p.param->grad, fixture_tensor(*c.find("grads"), p.name, name), 1e-6f, name + " d" + p.name);

    // Other padding symbols: the same logits, bit for bit (nothing reads the padding).
    std::vector<int32_t> repadded = tokens;
    for (int64_t t = 0; t < T; ++t)
      for (int64_t b = 0; b < B; ++b)
        if (t >= lengths[static_cast<size_t>(b)]) repadded[static_cast<size_t>(t * B + b)] = 0;
    Tape tape2;
    const Var again = padded_last_step_logits(tape2, model, repadded, T, B, lengths, nullptr, nullptr);
    for (int64_t i = 0; i < again.value().numel(); ++i) CHECK(again.value()[i] == s.out.output.value()[i]);
  }
}

TEST_CASE("classify: bad examples are refused with the key and the limit") {
  CHECK(trainer_error(with_examples(R"({"classes": []})")) == "classify.examples: no classes, expected 2 to 16");
  CHECK(trainer_error(with_examples(classes_json(1))) == "classify.examples: one class, expected 2 to 16");
  CHECK(trainer_error(with_examples(classes_json(17))) == "classify.examples: 17 classes, expected 2 to 16");
  CHECK(trainer_error(with_examples(classes_json(2, R"(["ab", ""])"))) ==
        "classify.examples: classes[0].examples[1] is empty, expected 1 to 32 characters");
  CHECK(trainer_error(with_examples(classes_json(2, "[\"ab\", \"" + std::string(33, 'x') + "\"]"))) ==
        "classify.examples: classes[0].examples[1] has 33 characters, expected 1 to 32");
  CHECK(trainer_error(with_examples(classes_json(2, R"(["ab", "c\td"])"))) ==
        "classify.examples: classes[0].examples[1] has the control character U+0009 at position 1, expected "
        "printable characters only");
  CHECK(trainer_error(with_examples(classes_json(2, R"(["ab"])"))) ==
        "classify.examples: classes[0] (\"c0\") has 1 examples, expected at least 2 (one to train on, one held out)");
  CHECK(trainer_error(with_examples(R"({"classes": [{"name": "a", "examples": ["x", "y"]}, {"name": "a", "examples": ["x", "y"]}]})")) ==
        "classify.examples: classes[1].name \"a\" names another class too, expected distinct names");
  CHECK(trainer_error(with_examples("[1, 2]")).rfind("classify.examples: expected an object", 0) == 0);
  CHECK(trainer_error(with_examples("{")).rfind("classify.examples: JSON parse error", 0) == 0);
  TrainerConfig bi = classify_preset();
  bi.bidirectional = true;
  CHECK(trainer_error(bi).rfind("bidirectional: the classify task reads each string's own last step", 0) == 0);
  CHECK(trainer_error(with_examples(classes_json(2))) == "accepted");
}

TEST_CASE("classify: the bundled surnames split into training and held-out examples fixed by the seed") {
  const ClassExamples a = parse_class_examples(default_classify_examples(), 0);
  const ClassExamples b = parse_class_examples(default_classify_examples(), 0);
  const ClassExamples other = parse_class_examples(default_classify_examples(), 1);
  REQUIRE(a.classes() == 5);
  CHECK(a.names[0] == "English");
  CHECK(a.held_out.size() == 60);  // 12 of each class's 60
  CHECK(a.train.size() == 240);
  for (const auto& of_class : a.train_of_class) CHECK(of_class.size() == 48);
  bool same = true, differs = false;
  for (size_t i = 0; i < a.held_out.size(); ++i) {
    same = same && a.held_out[i].symbols == b.held_out[i].symbols;
    differs = differs || a.held_out[i].symbols != other.held_out[i].symbols;
  }
  CHECK(same);
  CHECK(differs);
  // A character no example has maps to the last index.
  const std::vector<int32_t> probe = a.encode("Zß", "text");
  CHECK(probe[1] == a.vocabulary.size());
  CHECK(probe[0] == a.vocabulary.index_of(U'Z'));
}

TEST_CASE("classify: an LSTM learns surnames by language; a typed string's probabilities") {
  TrainerConfig c = classify_preset();  // seed 0
  Trainer trainer(c);
  ClassifyTask& task = trainer.task_as<ClassifyTask>();
  for (int i = 0; i < 300; ++i) REQUIRE(!trainer.step().stopped);
  const double accuracy = task.held_out_accuracy(trainer.model());
  CHECK(accuracy >= 0.6);  // measured 75.0% (chance 20%)
  // A Japanese training name, typed: its probabilities sum to 1 and the largest is Japanese's.
  const ClassExamples& data = task.examples();
  const ClassifyExample& known = data.train[static_cast<size_t>(data.train_of_class[3][0])];
  const std::string typed = encode_utf8(data.vocabulary.decode(known.symbols));
  CAPTURE(typed);
  const std::vector<float> p = task.classify(trainer.model(), typed);
  REQUIRE(p.size() == 5);
  CHECK(std::accumulate(p.begin(), p.end(), 0.0f) == doctest::Approx(1.0f).epsilon(1e-5));
  CHECK(std::max_element(p.begin(), p.end()) - p.begin() == 3);
  CHECK_THROWS_WITH(task.classify(trainer.model(), ""), "text: got 0 characters, expected 1 to 32");
  const ViewData d = trainer.prediction();
  CHECK(d.fields.size() > 5);
}

TEST_CASE("forgetBias: an LSTM's forget gates start at torch's init + the offset; other parameters and cells unchanged") {
  ModelConfig m;
  m.kind = "lstm";
  m.input_size = 3;
  m.hidden_size = 4;
  m.num_layers = 2;
  m.bidirectional = true;
  m.head_out = 2;
  Rng a(7), b(7);
  SequenceModel plain(m, a), shifted(m, b);
  shifted.add_forget_bias(5.0f);
  const auto p = plain.named_parameters(), q = shifted.named_parameters();
  REQUIRE(p.size() == q.size());
  int biases = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    CAPTURE(p[i].name);
    const bool bias_ih = p[i].name.rfind("rnn.bias_ih_l", 0) == 0;
    biases += bias_ih;
    for (int64_t k = 0; k < p[i].param->value.numel(); ++k)
      CHECK(q[i].param->value[k] == p[i].param->value[k] + (bias_ih && k >= 4 && k < 8 ? 5.0f : 0.0f));
  }
  CHECK(biases == 4);  // 2 layers x 2 directions
  m.kind = "gru";
  Rng c(7), d(7);
  SequenceModel gru(m, c), gru_shifted(m, d);
  gru_shifted.add_forget_bias(5.0f);
  for (size_t i = 0; i < gru.named_parameters().size(); ++i)
    for (int64_t k = 0; k < gru.named_parameters()[i].param->value.numel(); ++k)
      CHECK(gru_shifted.named_parameters()[i].param->value[k] == gru.named_parameters()[i].param->value[k]);
}
