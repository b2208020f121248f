// The one config schema: what it generates is what the repository holds (the web's module, the doc table), every
// reader takes its keys and ranges, and the implied defaults fit the rest of the config.
#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "tasks/config_schema.h"
#include "tasks/task_registry.h"
#include "tasks/trainer.h"
#include "tasks/trainer_config_json.h"

using namespace rnnlab;

namespace {

std::string read_source(const std::string& relative) {
  std::ifstream in(std::string(RNNLAB_SOURCE_DIR) + "/" + relative, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), relative);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("config schema: the web's module and the doc table are what the schema generates (scripts/gen-schema.sh)") {
  const std::string module = read_source("web/src/api/config-schema.js");
  CHECK_MESSAGE(module.find("(" + config_schema_json().substr(0, config_schema_json().size() - 1) + ");\n") !=
                    std::string::npos,
                "web/src/api/config-schema.js differs from the schema: run bash scripts/gen-schema.sh");
  const std::string doc = read_source("docs/js-api.md");
  CHECK_MESSAGE(doc.find("-->\n" + config_schema_markdown() + "<!-- schema:end -->") != std::string::npos,
                "docs/js-api.md's config table differs from the schema: run bash scripts/gen-schema.sh");
}

TEST_CASE("config schema: every key once, each its own field, every preset within every range") {
  std::set<std::string_view> keys, flags, fields;
  std::set<const void*> targets;
  TrainerConfig c;
  for (const ConfigKey& k : config_schema()) {
    CHECK_MESSAGE(keys.insert(k.key).second, k.key);
    CHECK_MESSAGE(fields.insert(k.field).second, k.key);
    if (!k.flag.empty()) CHECK_MESSAGE(flags.insert(k.flag).second, k.key);
    CHECK_MESSAGE(targets.insert(std::visit([](auto* p) -> const void* { return p; }, k.of(c))).second, k.key);
    CHECK_MESSAGE(!k.doc.empty(), k.key);
    for (const TaskInfo& t : task_list())
      if (k.key == "task") CHECK(k.accepts(t.name));
  }
  CHECK(config_schema().front().key == "task");
  for (const TaskInfo& t : task_list()) {
    CAPTURE(t.name);
    CHECK_NOTHROW(check_config_ranges(t.preset()));
    CHECK(config_preset(t.name).task == t.name);
  }
}

TEST_CASE("config schema: a bad value names the key in each caller's vocabulary") {
  TrainerConfig c = hello_preset();
  const ConfigKey& hidden = *find_config_key("hidden");
  try {
    set_config_value(hidden, c, 5000.0);
    FAIL("accepted");
  } catch (const ConfigError& e) {
    CHECK(std::string(e.what()) == "hidden_size: got 5000, expected 1 to 1024");  // C++: the field
    CHECK(e.named("hidden") == "hidden: got 5000, expected 1 to 1024");          // JS: the key
    CHECK(e.named("--hidden") == "--hidden: got 5000, expected 1 to 1024");      // CLI: the flag
    CHECK(&e.key() == &hidden);
  }
  CHECK(c.hidden_size == 0);  // nothing changed
  CHECK_THROWS_WITH_AS(set_config_value(*find_config_key("hidden"), c, 1e308), "hidden_size: got 1e+308, expected 1 to 1024",
                       ConfigError);
  CHECK_THROWS_WITH_AS(set_config_value(*find_config_key("eps"), c, -1.0), "eps: got -1, expected a finite number >= 0",
                       ConfigError);
  c.optimizer.eps = 0;  // a range every optimizer shares; adam and rmsprop need more, which the Trainer checks
  CHECK_THROWS_WITH_AS(Trainer::validate(c), "eps: got 0, expected a number > 0 for adam", ConfigError);
  c.optimizer.kind = "sgd";
  CHECK_NOTHROW(Trainer::validate(c));
  CHECK_THROWS_WITH_AS(set_config_value(*find_config_key("cell"), c, std::string("tcn")),
                       "cell: got \"tcn\", expected rnn, lstm or gru", ConfigError);
  CHECK_THROWS_WITH_AS(config_preset("cosine"), "task: got \"cosine\", expected seq, sine, text, remember, classify, tag or digits", ConfigError);
  CHECK_THROWS_WITH_AS(config_preset("SINE"), "task: got \"SINE\", expected seq, sine, text, remember, classify, tag or digits", ConfigError);
  CHECK(config_preset("hello").task == "seq");
}

TEST_CASE("config schema: a key left out takes a default that fits the keys given") {
  // arch layer without hidden: 16 units; the user's text stays.
  TrainerConfig c = trainer_config_from_json_text(R"({"input":"abcd","target":"bcda","arch":"layer","cell":"rnn"})");
  CHECK(c.hidden_size == 16);
  CHECK(c.input == "abcd");
  CHECK_NOTHROW(Trainer{c});
  // A preset's own hidden size is kept (sine: 10), and a given one always wins.
  CHECK(trainer_config_from_json_text(R"({"task":"sine"})").hidden_size == 10);
  CHECK(trainer_config_from_json_text(R"({"task":"sine","arch":"layer"})").hidden_size == 10);
  CHECK(trainer_config_from_json_text(R"({"arch":"layer","hidden":5})").hidden_size == 5);
  // arch cell without hidden: 0, the vocabulary size, whatever the starting point had.
  CHECK(trainer_config_from_json_text(R"({"arch":"cell"})").hidden_size == 0);
  // A digits model takes the settings tuned for it unless given (docs/digits.md); the preset is the LSTM's.
  const TrainerConfig cnn = trainer_config_from_json_text(R"({"task":"digits","model":"cnn"})");
  CHECK(cnn.batch == 32);
  CHECK(cnn.optimizer.lr == 1e-3f);
  CHECK(cnn.clip_norm == 0.0f);
  const TrainerConfig mlp = trainer_config_from_json_text(R"({"task":"digits","model":"mlp","optim":"sgd","lr":0.1})");
  CHECK(mlp.optimizer.lr == 0.1f);
  CHECK(mlp.batch == 64);
  const TrainerConfig preset = trainer_config_from_json_text(R"({"task":"digits"})");
  CHECK(preset.optimizer.lr == 5e-3f);
  CHECK(preset.clip_norm == 1.0f);
  CHECK(preset.optimizer.lr == digits_preset().optimizer.lr);
}
