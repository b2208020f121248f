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

// read_trainer_config_fields' reader over a JSON object.
struct JsonObjectReader {
  const json::Value& object;
  void read(std::string_view key, std::string& out) const { rnnlab::read(object, key, out); }
  void read(std::string_view key, bool& out) const { rnnlab::read(object, key, out); }
  template <class Number>
  void read(std::string_view key, Number& out) const {
    if constexpr (std::is_integral_v<Number>) read_integer(object, key, out);
    else read_real(object, key, out);
  }
};

}  // namespace

TrainerConfig trainer_config_from_json(const json::Value& object) {
  check(object.is_object(), "config: expected a JSON object, got ", json::type_name(object.type()));
  for (const json::Value::Member& m : object.as_object()) check_trainer_config_key(m.key);
  std::string task = "seq";
  read(object, "task", task);
  TrainerConfig c = trainer_config_preset(task);
  JsonObjectReader reader{object};
  read_trainer_config_fields(reader, c);
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
  w.key("input").string(c.input);
  w.key("target").string(c.target);
  w.key("points").number(c.sine.points);
  w.key("span").number(c.sine.span);
  w.key("starts").number(c.sine.start_choices);
  w.key("arch").string(c.arch);
  w.key("cell").string(c.cell);
  w.key("nonlinearity").string(c.nonlinearity);
  w.key("hidden").number(static_cast<double>(c.hidden_size));
  w.key("layers").number(static_cast<double>(c.num_layers));
  w.key("bidirectional").boolean(c.bidirectional);
  w.key("dropout").float32(c.dropout);
  w.key("optim").string(c.optimizer.kind);
  w.key("lr").float32(c.optimizer.lr);
  w.key("momentum").float32(c.optimizer.momentum);
  w.key("dampening").float32(c.optimizer.dampening);
  w.key("nesterov").boolean(c.optimizer.nesterov);
  w.key("beta1").float32(c.optimizer.beta1);
  w.key("beta2").float32(c.optimizer.beta2);
  w.key("eps").float32(c.optimizer.eps);
  w.key("amsgrad").boolean(c.optimizer.amsgrad);
  w.key("alpha").float32(c.optimizer.alpha);
  w.key("centered").boolean(c.optimizer.centered);
  w.key("weightDecay").float32(c.optimizer.weight_decay);
  w.key("clip").float32(c.clip_norm);
  w.key("seed").number(static_cast<double>(c.seed));
  w.end_object();
  return w.take();
}

}  // namespace rnnlab
