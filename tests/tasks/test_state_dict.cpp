#include <doctest/doctest.h>

#include <string>

#include "io/tensor_json.h"
#include "support/fixtures.h"
#include "support/replace_once.h"
#include "tasks/state_dict.h"

using namespace rnnlab;
using rnnlab::testing::check_close;
using rnnlab::testing::fixture_tensor;
using rnnlab::testing::load_fixture;
using rnnlab::testing::replace_once;

namespace {

std::string load_error(const std::string& text) {
  try {
    load_state_dict(text);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "accepted";
}

// A small valid file to break in one place at a time.
std::string valid_rnn_file() {
  ModelConfig c;
  c.kind = "gru";
  c.input_size = 2;
  c.hidden_size = 3;
  c.head_out = 2;
  Rng rng(1);
  SequenceModel m(c, rng);
  return save_state_dict(m);
}

}  // namespace

TEST_CASE("state dict: torch's exported models load and give torch's outputs") {
  for (const char* name : {"lstm2_bi_head", "gru1_bf_head", "rnn_cell_hello"}) {
    const std::string base = std::string("interop/") + name;
    const json::Value model_file = load_fixture(base + ".model.json");
    LoadedModel loaded = load_state_dict(json::dump(model_file));
    loaded.model->eval();
    const json::Value input = load_fixture(base + ".input.json");
    const json::Value expected = load_fixture(base + ".expected.json");
    Tape tape;
    RecurrentOutput out = loaded.model->forward(tape, tape.constant(tensor_from_json(input, "input")));
    check_close(out.output.value(), fixture_tensor(expected, "output"), 1e-5f, base + " output");
    check_close(out.h_n.value(), fixture_tensor(expected, "h_n"), 1e-5f, base + " h_n");
    if (expected.find("c_n")) check_close(out.c_n.value(), fixture_tensor(expected, "c_n"), 1e-5f, base + " c_n");
  }
}

TEST_CASE("state dict: save then load gives the same tensors, names in torch's order") {
  const std::string text = valid_rnn_file();
  LoadedModel loaded = load_state_dict(text);
  CHECK(save_state_dict(*loaded.model) == text);
  const json::Value root = json::parse(text);
  std::vector<std::string> names;
  for (const auto& m : root.find("tensors")->as_object()) names.push_back(m.key);
  CHECK(names == std::vector<std::string>{"rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0", "rnn.bias_hh_l0",
                                          "head.weight", "head.bias"});
}

TEST_CASE("state dict: every kind of bad file is refused, naming the field or tensor") {
  const std::string ok = valid_rnn_file();
  CHECK(load_error(ok) == "accepted");
  CHECK(load_error("") == "JSON parse error at line 1, column 1: unexpected end of input, expected a value");
  CHECK(load_error("[1]") == "model file: expected a JSON object, got an array");
  CHECK(load_error(replace_once(ok, "rnnlab.state_dict", "other")) ==
        "format: got \"other\", expected \"rnnlab.state_dict\"");
  CHECK(load_error(replace_once(ok, "\"version\":1", "\"version\":2")) ==
        "version: got 2, this rnnlab reads version 1");
  CHECK(load_error(replace_once(ok, "\"kind\":\"gru\"", "\"kind\":\"tcn\"")) ==
        "config.kind: got \"tcn\", expected rnn, lstm, gru, rnn_cell, lstm_cell, gru_cell, mlp or cnn");
  CHECK(load_error(replace_once(ok, "\"hidden_size\":3", "\"hidden_size\":0")).rfind("config.hidden_size", 0) == 0);
  CHECK(load_error(replace_once(ok, "\"bias\":true", "\"bias\":true,\"extra\":1")) == "config.extra: unknown field");
  CHECK(load_error(replace_once(ok, "\"head.bias\"", "\"head.bias2\"")) ==
        "tensors.head.bias: missing (a gru model with this config has it)");
  const std::string extra_tensor = R"("tensors":{"rnn.weight_ih_l9":{"shape":[1],"data":[1.0]},)";
  CHECK(load_error(replace_once(ok, "\"tensors\":{", extra_tensor)) ==
        "tensors.rnn.weight_ih_l9: unknown tensor for a gru model");
  CHECK(load_error(replace_once(ok, "\"shape\":[9,2]", "\"shape\":[2,9]")) ==
        "tensors.rnn.weight_ih_l0: shape [2, 9], expected [9, 2]");
  const std::string huge = replace_once(ok, "\"data\":[", "\"data\":[1e39,");
  CHECK(load_error(replace_once(huge, "\"shape\":[9,2]", "\"shape\":[19,1]")).find("is not a finite float32") !=
        std::string::npos);
  CHECK(load_error(ok.substr(0, ok.size() - 10)).rfind("JSON parse error", 0) == 0);
}
