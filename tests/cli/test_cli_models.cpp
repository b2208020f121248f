// Saved models: train --save, then predict and forward on the file; and torch's interop fixtures through forward.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <sstream>

#include "cli/cli_runner.h"
#include "core/tape.h"
#include "io/tensor_json.h"
#include "support/fixtures.h"
#include "tasks/state_dict.h"
#include "tasks/seq_task.h"
#include "tasks/sine_task.h"
#include "tasks/trainer.h"

using namespace rnnlab;
using testing::run_rnnlab;

namespace {

json::Value parse_output(const testing::CliResult& r) {
  REQUIRE(r.code == 0);
  REQUIRE(r.err.empty());
  REQUIRE(r.lines().size() == 1);  // one line of JSON
  return json::parse(r.out);
}

}  // namespace

TEST_CASE("cli save -> predict (seq): the saved weights' prediction, and the vocabulary guards the input") {
  testing::TempDir dir;
  const std::string model = dir.file("seq.json");
  const testing::CliResult trained = run_rnnlab({"train", "seq", "--input", "hello world", "--target", "ello worldh",
                                                 "--clip", "5", "--seed", "1", "--save", model});
  REQUIRE(trained.code == 0);
  CHECK(trained.lines().back() == "Saved the model to " + model);

  // The file is Trainer::save() of the same run.
  TrainerConfig config = seq_layer_preset("hello world", "ello worldh");
  config.clip_norm = 5.0f;
  config.seed = 1;
  Trainer trainer(config);
  for (int i = 0; i < 200; ++i) trainer.step();
  CHECK_MESSAGE((testing::read_file(model) == trainer.save()), "the file is not Trainer::save() of the same run");
  // One more step's forward runs on the saved weights: its prediction is what predict must print.
  trainer.step();
  const std::string expected = trainer.task_as<SeqTask>().predicted_text();
  CHECK(expected == "ello worldh");
  const testing::CliResult r = run_rnnlab({"predict", "--model", model, "--input", "hello world"});
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  CHECK(r.out == expected + "\n");

  // Another text over the same characters: one predicted character each.
  const testing::CliResult other = run_rnnlab({"predict", "--model", model, "--input", "world"});
  REQUIRE(other.code == 0);
  REQUIRE(other.out.size() == 6);
  for (char ch : other.out.substr(0, 5)) CHECK(std::string("dehlorw ").find(ch) != std::string::npos);

  const testing::CliResult unknown = run_rnnlab({"predict", "--model", model, "--input", "help"});
  CHECK(unknown.code == 2);
  CHECK(unknown.out.empty());
  CHECK(unknown.err ==
        "rnnlab: predict: --input: character 'p' (U+0070) at position 3 is not in the vocabulary (8 characters:  dehlorw)\n");
}

TEST_CASE("cli save -> predict (sine): a generation from sin(start), each prediction fed back") {
  testing::TempDir dir;
  const std::string model = dir.file("sine.json");
  REQUIRE(run_rnnlab({"train", "sine", "--iters", "200", "--save", model}).code == 0);
  const testing::CliResult r = run_rnnlab({"predict", "--model", model, "--points", "30", "--start", "1.5"});
  REQUIRE(r.code == 0);
  const std::vector<std::string> lines = r.lines();
  REQUIRE(lines.size() == 31);
  CHECK(lines[0] == "t,true,generation");
  std::vector<double> t(30), truth(30), generated(30);
  for (size_t k = 0; k < 30; ++k)
    REQUIRE(std::sscanf(lines[k + 1].c_str(), "%lf,%lf,%lf", &t[k], &truth[k], &generated[k]) == 3);
  for (size_t k = 0; k < 30; ++k) {
    CHECK(t[k] == doctest::Approx(1.5 + 10.0 / 59.0 * double(k + 1)).epsilon(1e-8));
    CHECK(truth[k] == doctest::Approx(std::sin(t[k])).epsilon(1e-8));
  }
  // Fed back step by step, the generation is the model's output on the sequence sin(1.5), g_1, ..., g_29 in one
  // pass from a zero state: a check through the sequence path of the same model.
  LoadedModel loaded = load_state_dict(testing::read_file(model));
  Tensor x(Shape{1, 30, 1});
  x[0] = static_cast<float>(std::sin(1.5));
  for (int64_t k = 1; k < 30; ++k) x[k] = static_cast<float>(generated[static_cast<size_t>(k - 1)]);
  Tape tape;
  const Tensor& y = loaded.model->forward(tape, tape.constant(x)).output.value();  // (1, 30, 1)
  for (int64_t k = 0; k < 30; ++k) CHECK(y[k] == doctest::Approx(generated[static_cast<size_t>(k)]).epsilon(1e-5));
  // The default is 59 points from 0.
  CHECK(run_rnnlab({"predict", "--model", model}).lines().size() == 60);
}

TEST_CASE("cli save -> forward: the saved model's output, h_n as the library computes them") {
  testing::TempDir dir;
  const std::string model = dir.file("hello.json"), input = dir.file("hello_in.json");
  REQUIRE(run_rnnlab({"train", "hello", "--save", model}).code == 0);
  // "hello" one-hot over e, h, l, o: (T=5, B=1, I=4)
  testing::write_file(input, R"({"shape": [5, 1, 4], "data": [0,1,0,0, 1,0,0,0, 0,0,1,0, 0,0,1,0, 0,0,0,1]})");
  const json::Value out = parse_output(run_rnnlab({"forward", "--model", model, "--input", input}));
  CHECK(out.size() == 2);  // output and h_n; no c_n for an RNN cell
  const Tensor output = tensor_from_json(json::require(out, "output", ""), "output");
  const Tensor h_n = tensor_from_json(json::require(out, "h_n", ""), "h_n");

  LoadedModel loaded = load_state_dict(testing::read_file(model));
  loaded.model->eval();
  Tape tape;
  const Tensor x = tensor_from_json(json::parse(testing::read_file(input)), "input");
  const RecurrentOutput expected = loaded.model->forward(tape, tape.constant(x));
  CHECK(output.shape() == Shape{5, 1, 4});
  CHECK(h_n.shape() == Shape{1, 4});
  CHECK(max_abs_diff(output, expected.output.value()) == 0.0f);  // shortest decimals read back bit for bit
  CHECK(max_abs_diff(h_n, expected.h_n.value()) == 0.0f);
  for (int64_t i = 0; i < 4; ++i) CHECK(h_n[i] == output[16 + i]);  // a single cell: h_n is the last output
  // The argmax per step is predict's answer.
  std::string argmax;
  for (int64_t t = 0; t < 5; ++t) {
    int64_t best = 0;
    for (int64_t k = 1; k < 4; ++k)
      if (output[t * 4 + k] > output[t * 4 + best]) best = k;
    argmax += "ehlo"[best];
  }
  CHECK(run_rnnlab({"predict", "--model", model, "--input", "hello"}).out == argmax + "\n");
}

TEST_CASE("cli forward: torch's interop fixtures within 1e-5") {
  for (const char* name : {"lstm2_bi_head", "gru1_bf_head", "rnn_cell_hello"}) {
    CAPTURE(name);
    const json::Value out = parse_output(run_rnnlab({"forward", "--model", testing::interop_fixture(std::string(name) + ".model.json"),
                                                     "--input", testing::interop_fixture(std::string(name) + ".input.json")}));
    const json::Value expected = json::parse(testing::read_file(testing::interop_fixture(std::string(name) + ".expected.json")));
    REQUIRE(out.size() == expected.size());  // c_n exactly when torch has it (LSTM)
    for (const json::Value::Member& m : expected.as_object()) {
      const json::Value* mine = out.find(m.key);
      REQUIRE_MESSAGE(mine != nullptr, "missing ", m.key);
      testing::check_close(tensor_from_json(*mine, m.key), tensor_from_json(m.value, m.key), 1e-5f,
                           std::string(name) + " " + m.key);
    }
  }
}
