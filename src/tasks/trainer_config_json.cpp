#include "tasks/trainer_config_json.h"

#include <array>
#include <cmath>
#include <limits>
#include <type_traits>

#include "core/error.h"
#include "tasks/trainer_config_keys.h"

namespace rnnlab {
namespace {

// Each reader leaves `out` alone when the key is absent (the preset's value stays).
void read(const json::Value& o, std::string_view key, std::string& out) {
  if (const json::Value* v = o.find(key)) out = v->as_string(key);
}

void read(const json::Value& o, std::string_view key, bool& out) {
  if (const json::Value* v = o.find(key)) out = v->as_bool(key);
}

// Any number the field's type holds; Trainer checks the range. A double beyond float's range would become
// infinite (and then have no JSON form: the config fuzzer's first finding), so it is refused here.
template <class Real>
void read_real(const json::Value& o, std::string_view key, Real& out) {
  const json::Value* v = o.find(key);
  if (!v) return;
  const double x = v->as_number(key);
  check(std::abs(x) <= static_cast<double>(std::numeric_limits<Real>::max()), key, ": value ", x,
        " is outside the range of a ", sizeof(Real) == 4 ? "float32" : "float64", " number");
  out = static_cast<Real>(x);
}

template <class Int>
void read_integer(const json::Value& o, std::string_view key, Int& out) {
  const json::Value* v = o.find(key);
  if (!v) return;
  constexpr int64_t kExact = (int64_t{1} << 53) - 1;  // what a JS number holds exactly, as the JS config
  const int64_t lo = std::max<int64_t>(-kExact, std::numeric_limits<Int>::min());
  const auto hi = static_cast<int64_t>(std::min<uint64_t>(kExact, std::numeric_limits<Int>::max()));
  out = static_cast<Int>(v->as_int(key, lo, hi));
}

}  // namespace

TrainerConfig trainer_config_from_json(const json::Value& object) {
  check(object.is_object(), "config: expected a JSON object, got ", json::type_name(object.type()));
  for (const json::Value::Member& m : object.as_object()) check_trainer_config_key(m.key);
  std::string task = "seq";
  read(object, "task", task);
  TrainerConfig c = trainer_config_preset(task);
  for_each_trainer_config_field(c, [&](std::string_view key, auto& field) {
    using Field = std::decay_t<decltype(field)>;
    if constexpr (std::is_same_v<Field, std::string> || std::is_same_v<Field, bool>) read(object, key, field);
    else if constexpr (std::is_integral_v<Field>) read_integer(object, key, field);
    else read_real(object, key, field);
  });
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
  w.key("task").string(c.task);
  for_each_trainer_config_field(c, [&](std::string_view key, const auto& field) {
    using Field = std::decay_t<decltype(field)>;
    w.key(key);
    if constexpr (std::is_same_v<Field, std::string>) w.string(field);
    else if constexpr (std::is_same_v<Field, bool>) w.boolean(field);
    else if constexpr (std::is_same_v<Field, float>) w.float32(field);
    else w.number(static_cast<double>(field));
  });
  w.end_object();
  return w.take();
}

}  // namespace rnnlab
