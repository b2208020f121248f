#include "tasks/trainer_config_json.h"

#include <array>
#include <cmath>
#include <limits>
#include <type_traits>

#include "core/error.h"
#include "tasks/config_schema.h"

namespace rnnlab {
namespace {

// One key's value from the JSON object, checked for its JSON type (messages name the key as the file does).
ConfigValue read_value(const ConfigKey& key, const json::Value& v, const TrainerConfig& c) {
  switch (key.type) {
    case KeyType::String:
      return v.as_string(key.key);
    case KeyType::Boolean:
      return v.as_bool(key.key);
    case KeyType::Integer: {
      constexpr int64_t kExact = (int64_t{1} << 53) - 1;  // what a JS number holds exactly, as the JS config
      const bool unsigned_field = std::holds_alternative<uint64_t*>(key.of(const_cast<TrainerConfig&>(c)));
      return static_cast<double>(v.as_int(key.key, unsigned_field ? 0 : -kExact, kExact));
    }
    case KeyType::Number: {
      // A double beyond float's range would become infinite (and then have no JSON form: the config fuzzer's
      // first finding), so it is refused here.
      const double x = v.as_number(key.key);
      if (std::holds_alternative<float*>(key.of(const_cast<TrainerConfig&>(c))))
        check(std::abs(x) <= static_cast<double>(std::numeric_limits<float>::max()), key.key, ": value ", x,
              " is outside the range of a float32 number");
      return x;
    }
  }
  return {};
}

}  // namespace

TrainerConfig trainer_config_from_json(const json::Value& object) {
  check(object.is_object(), "config: expected a JSON object, got ", json::type_name(object.type()));
  for (const json::Value::Member& m : object.as_object()) check_config_key(m.key);
  std::string task = "seq";
  if (const json::Value* v = object.find("task")) task = v->as_string("task");
  TrainerConfig c = config_preset(task);
  for (const ConfigKey& key : config_schema())
    if (const json::Value* v = key.key == "task" ? nullptr : object.find(key.key))
      set_config_value(key, c, read_value(key, *v, c));
  apply_implied_defaults(c, [&](std::string_view key) { return object.find(key) != nullptr; });
  return c;
}

TrainerConfig trainer_config_from_json_text(std::string_view text) {
  json::ParseLimits limits;
  limits.max_depth = 4;
  limits.max_input_bytes = std::size_t{1} << 20;
  return trainer_config_from_json(json::parse(text, limits));
}

std::string trainer_config_to_json(const TrainerConfig& c) {
  json::Writer w;
  w.begin_object();
  for (const ConfigKey& key : config_schema()) {
    w.key(key.key);
    const ConfigValue v = config_value(key, c);
    if (const auto* s = std::get_if<std::string>(&v)) w.string(*s);
    else if (const auto* b = std::get_if<bool>(&v)) w.boolean(*b);
    else if (std::holds_alternative<float*>(key.of(const_cast<TrainerConfig&>(c)))) w.float32(static_cast<float>(std::get<double>(v)));
    else w.number(std::get<double>(v));
  }
  w.end_object();
  return w.take();
}

}  // namespace rnnlab
