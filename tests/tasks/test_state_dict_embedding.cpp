// A model with an embedding in front (the text task's): torch's exported file loads and gives torch's outputs on
// class indices; save then load gives the same file, "embedding.weight" first as in torch's state_dict; bad
// embedding configs are refused naming the field.
#include <doctest/doctest.h>

#include <string>
#include <vector>

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

ModelConfig char_model() {
  ModelConfig c;
  c.kind = "lstm";
  c.input_size = 4;
  c.hidden_size = 6;
  c.num_layers = 2;
  c.head_out = 7;
  c.embedding_dim = 4;
  c.num_embeddings = 7;
  return c;
}

std::string load_error(const std::string& text) {
  try {
    load_state_dict(text);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "accepted";
}

}  // namespace

TEST_CASE("state dict embedding: torch's Embedding + LSTM + Linear loads and gives torch's outputs on indices") {
  const json::Value model_file = load_fixture("interop/char_lstm_emb.model.json");
  LoadedModel loaded = load_state_dict(json::dump(model_file));
  CHECK(loaded.model->config().embedding_dim == 4);
  CHECK(loaded.model->config().num_embeddings == 7);
  const Tensor x = tensor_from_json(load_fixture("interop/char_lstm_emb.input.json"), "input");  // (T=5, B=2)
  std::vector<int32_t> tokens;
  for (int64_t i = 0; i < x.numel(); ++i) tokens.push_back(static_cast<int32_t>(x[i]));
  const json::Value expected = load_fixture("interop/char_lstm_emb.expected.json");
  Tape tape;
  RecurrentOutput out = loaded.model->forward_tokens(tape, tokens, x.dim(0), x.dim(1));
  check_close(out.output.value(), fixture_tensor(expected, "output"), 1e-5f, "output");
  check_close(out.h_n.value(), fixture_tensor(expected, "h_n"), 1e-5f, "h_n");
  check_close(out.c_n.value(), fixture_tensor(expected, "c_n"), 1e-5f, "c_n");
}

TEST_CASE("state dict embedding: save then load round-trips, embedding.weight first") {
  Rng rng(3);
  SequenceModel m(char_model(), rng);
  const std::string text = save_state_dict(m);
  LoadedModel loaded = load_state_dict(text);
  CHECK(save_state_dict(*loaded.model) == text);
  const json::Value root = json::parse(text);
  CHECK(root.find("tensors")->as_object().front().key == "embedding.weight");
  CHECK(json::dump(*root.find("config")->find("embedding")) == R"({"num_embeddings":7,"embedding_dim":4})");
  // Without an embedding the key is absent: files of one-hot models are as before.
  ModelConfig plain = char_model();
  plain.embedding_dim = plain.num_embeddings = 0;
  plain.input_size = 7;
  SequenceModel p(plain, rng);
  CHECK(save_state_dict(p).find("embedding") == std::string::npos);
}

TEST_CASE("state dict embedding: bad embedding configs are refused, naming the field") {
  Rng rng(3);
  SequenceModel m(char_model(), rng);
  const std::string text = save_state_dict(m);
  CHECK(load_error(replace_once(text, R"("input_size":4)", R"("input_size":5)")) ==
        "config.input_size: got 5, expected the embedding_dim 4 (the recurrent layer takes the embeddings)");
  CHECK(load_error(replace_once(text, R"("num_embeddings":7)", R"("num_embeddings":9000)")) ==
        "config.embedding.num_embeddings: value 9000 is outside [1, 8192]");
  CHECK(load_error(replace_once(text, R"("embedding_dim":4})", R"("embedding_dim":4,"x":1})")) ==
        "config.embedding.x: unknown field");
}
