// The JSON text form of a trainer config: the JS config's keys, presets for what is missing, errors naming the key.
#include <doctest/doctest.h>

#include "tasks/trainer.h"
#include "tasks/trainer_config_json.h"

using namespace rnnlab;

TEST_CASE("config json: keys set the fields, missing keys come from the task's preset") {
  const TrainerConfig c = trainer_config_from_json_text(
      R"({"task":"sine","hidden":16,"layers":3,"cell":"gru","lr":0.25,"clip":1.5,"points":30,"seed":7,"amsgrad":true})");
  CHECK(c.task == "sine");
  CHECK(c.arch == "layer");  // sine preset
  CHECK(c.hidden_size == 16);
  CHECK(c.num_layers == 3);
  CHECK(c.cell == "gru");
  CHECK(c.optimizer.lr == 0.25f);
  CHECK(c.optimizer.amsgrad);
  CHECK(c.clip_norm == 1.5f);
  CHECK(c.sine.points == 30);
  CHECK(c.seed == 7);
  const TrainerConfig hello = trainer_config_from_json_text("{}");
  CHECK(hello.input == "hello");
  CHECK(hello.optimizer.lr == 0.1f);
  // The written form reads back to the same text.
  const std::string text = trainer_config_to_json(c);
  CHECK(trainer_config_to_json(trainer_config_from_json_text(text)) == text);
}

TEST_CASE("config json: fuzz finding 1, a number past float's range is refused, not written back as inf") {
  // fuzz/fuzz_config found: {"lr": 6.7e111} became an infinite float that trainer_config_to_json could not write.
  const std::string text = R"({"task":"sine","points":6,"hidden":4,"layers":3,"lr":6)" + std::string(110, '6') + "0.01}";
  CHECK_THROWS_WITH_AS(trainer_config_from_json_text(text),
                       "lr: value 6.66667e+111 is outside the range of a float32 number", Error);
}

TEST_CASE("config json: wrong types, unknown keys and bad numbers are refused naming the key") {
  auto refused = [](std::string_view text) -> std::string {
    try {
      Trainer t(trainer_config_from_json_text(text));
    } catch (const std::exception& e) {
      return e.what();
    }
    return "accepted";
  };
  CHECK(refused(R"({"hidden":"8"})") == "hidden: expected a number, got a string");
  CHECK(refused(R"({"layers":2.5})") == "layers: value 2.5 is not an integer");
  CHECK(refused(R"({"seed":-1})") == "seed: value -1 is outside [0, 9007199254740991]");
  CHECK(refused(R"({"bidirectional":1})") == "bidirectional: expected a boolean, got a number");
  CHECK(refused(R"({"lr":1e39})") == "lr: value 1e+39 is outside the range of a float32 number");
  CHECK(refused(R"({"task":"sine","span":1e300})") == "sine.span: got 1e+300, expected a number in (0, 1000]");
  CHECK(refused(R"({"task":"cosine"})") == "task: got \"cosine\", expected seq, sine, text, remember or digits");
  CHECK(refused("[]") == "config: expected a JSON object, got an array");
  CHECK(refused(R"({"hiden":8})").rfind("unknown config key \"hiden\"; the keys are task, input, target, ", 0) == 0);
  CHECK(refused(R"({"task":"seq",})") == "JSON parse error at line 1, column 15: expected a string key");
  CHECK(refused(std::string(2u << 20, ' ')).rfind("JSON parse error", 0) == 0);  // over 1 MB
}
