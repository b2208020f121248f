// One schema for every setting of a training run. Each key is written here once: its JS/URL/attribute name, its
// CLI flag, the C++ field it sets, its type, range or choices, the tasks it applies to and one line of doc. The
// JSON and JS-object readers, the CLI's flags and --help, the generated JS schema (web/src/api/config-schema.js)
// and the config table of docs/js-api.md all come from this table; the default of each preset is read off the
// preset itself (tasks/task_registry.h).
//
// A check that fails throws a ConfigError that knows its key, so every caller names it in its own vocabulary
// (the C++ field for C++ callers, the JS key in the binding, the flag in the CLI) without rewriting strings.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "core/error.h"
#include "tasks/trainer_config.h"

namespace rnnlab {

enum class KeyType { String, Integer, Number, Boolean };

// A pointer to the field a key sets.
using FieldRef = std::variant<std::string*, bool*, int*, int64_t*, uint64_t*, float*, double*>;

struct ConfigKey {
  std::string_view key;    // JS object, URL hash and widget attribute: "weightDecay"
  std::string_view flag;   // CLI flag, without its dashes: "weight-decay"; empty for "task" (the command word)
  std::string_view field;  // the C++ field, as C++ messages name it: "optimizer.weight_decay"
  KeyType type;
  std::string_view choices;  // strings: the allowed values, space-separated ("rnn lstm gru"); empty: any text
  double min = 0, max = 0;   // numbers: the accepted range
  bool min_open = false, max_open = false;  // the range excludes min / max
  std::string_view tasks;       // the tasks it applies to, space-separated
  std::string_view optimizers;  // optimizer settings: the optimizers that read it; empty: all
  std::string_view doc;
  FieldRef (*ref)(TrainerConfig&);
  std::string_view note = {};  // said after the range in messages: "0 turns clipping off"
  std::string_view zero = {};  // integers: what 0 means when it is accepted outside [min, max]

  FieldRef of(TrainerConfig& c) const { return ref(c); }
  bool applies_to(std::string_view task) const;
  bool read_by(std::string_view optimizer) const;
  std::string optimizers_text() const;  // "sgd or rmsprop"
  bool accepts(std::string_view choice) const;  // strings with choices: one of them
  // What a value must be, in words: "an integer from 1 to 8", "a number in [0, 1)", "rnn, lstm or gru".
  std::string expected() const;
  std::string expected_range() const;  // without the note
};

// Every key, in the order of docs/js-api.md; "task" first.
std::span<const ConfigKey> config_schema();
// The row of a key by its JS name, or nullptr.
const ConfigKey* find_config_key(std::string_view key);
// The row whose C++ field is `field` ("hidden_size"), or nullptr.
const ConfigKey* find_config_field(std::string_view field);
// Throws "unknown config key \"hiden\"; the keys are task, input, ..." unless `key` is one.
void check_config_key(std::string_view key);

// A bad value of one key. what() names the C++ field ("hidden_size: got 0, expected 1 to 1024"); key() and
// detail() let other callers name it their way ("--hidden: got 0, ...", key "hidden").
class ConfigError : public Error {
 public:
  ConfigError(const ConfigKey& key, const std::string& detail)
      : Error(std::string(key.field) + ": " + detail), key_(&key), detail_(detail) {}
  // A message about several keys that every caller shows as it is ("input and target must have the same
  // length: ..."), still attributed to `key`.
  static ConfigError verbatim(const ConfigKey& key, const std::string& text) { return ConfigError(key, text, true); }

  const ConfigKey& key() const { return *key_; }
  const std::string& detail() const { return detail_; }
  bool is_verbatim() const { return verbatim_; }
  // The message with the key named as `name` ("--hidden", "hidden").
  std::string named(std::string_view name) const {
    return verbatim_ ? detail_ : std::string(name) + ": " + detail_;
  }

 private:
  ConfigError(const ConfigKey& key, const std::string& text, bool) : Error(text), key_(&key), detail_(text), verbatim_(true) {}
  const ConfigKey* key_;
  std::string detail_;
  bool verbatim_ = false;
};

// Throws a ConfigError for the key with the JS name `key` (a programming error if there is none).
template <typename... Parts>
[[noreturn]] void fail_key(std::string_view key, const Parts&... parts) {
  const ConfigKey* row = find_config_key(key);
  if (!row) fail("config schema: no key \"", key, "\"");
  throw ConfigError(*row, message(parts...));
}

// A value as the readers hand it over: a string, a boolean, or a number (integers as exact doubles).
using ConfigValue = std::variant<std::string, bool, double>;
// Checks `value` against the key's type, range and choices and stores it; throws a ConfigError otherwise.
void set_config_value(const ConfigKey& key, TrainerConfig& c, const ConfigValue& value);
// The field's current value.
ConfigValue config_value(const ConfigKey& key, const TrainerConfig& c);
// Checks every key that applies to c.task against its type's range and choices (what set_config_value checks,
// for a config built in C++).
void check_config_ranges(const TrainerConfig& c);

// A default that depends on another key: when `key` was not given and the config has `when_key` = `when_value`,
// the key takes `value` (if `only_zero`, only when it is 0): arch "layer" without a hidden size gets 16 units,
// arch "cell" without one gets 0, the vocabulary size.
struct ImpliedDefault {
  std::string_view when_key, when_value, key;
  double value;
  bool only_zero;
};
std::span<const ImpliedDefault> implied_defaults();
// Whether `d` completes configs of c's task: only where its when_key applies (the digits task has no arch).
bool implied_default_applies(const ImpliedDefault& d, const TrainerConfig& c);

// The config a reader starts from for `task` (its preset); an unknown task is a ConfigError naming the tasks.
TrainerConfig config_preset(std::string_view task);
// Applies `d` to c: sets its key when c has d's when_key = when_value (and, if only_zero, the key is 0) and d's
// when_key applies to c's task.
void apply_implied_default(const ImpliedDefault& d, TrainerConfig& c);
// Applies the implied defaults to the keys for which given(key) is false.
template <class Given>
void apply_implied_defaults(TrainerConfig& c, Given&& given) {
  for (const ImpliedDefault& d : implied_defaults())
    if (!given(d.key)) apply_implied_default(d, c);
}

// The schema as JSON: {"keys": [...], "presets": {...}, "aliases": {...}, "families": {task: family},
// "implied": [...]}, for the web's generated module (the families pick the page's module of each task).
std::string config_schema_json();
// The config table of docs/js-api.md, as Markdown.
std::string config_schema_markdown();

}  // namespace rnnlab
