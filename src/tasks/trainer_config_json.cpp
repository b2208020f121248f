#include "tasks/trainer_config_json.h"

#include <array>
#include <cmath>
#include <limits>

#include "core/error.h"

namespace rnnlab {
namespace {

// The keys of the JS config, in the order of docs/js-api.md.
constexpr std::array<std::string_view, 27> kKeys{
    "task",   "input",  "target",   "points", "span",     "starts",   "arch",  "cell",        "nonlinearity",
    "hidden", "layers", "bidirectional", "dropout", "optim", "lr",    "momentum", "dampening", "nesterov",
    "beta1",  "beta2",  "eps",      "amsgrad", "alpha",   "centered", "weightDecay", "clip", "seed"};

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
  for (const json::Value::Member& m : object.as_object()) {
    bool known = false;
    for (std::string_view k : kKeys) known = known || m.key == k;
    if (!known) {
      std::string keys;
      for (size_t k = 0; k < kKeys.size(); ++k) keys += (k ? ", " : "") + std::string(kKeys[k]);
      fail("unknown config key \"", m.key, "\"; the keys are ", keys);
    }
  }
  std::string task = "seq";
  read(object, "task", task);
  TrainerConfig c = task == "sine" ? sine_preset() : hello_preset();
  if (task != "seq" && task != "hello" && task != "sine") c.task = task;  // Trainer rejects it, naming "task"
  read(object, "input", c.input);
  read(object, "target", c.target);
  read_integer(object, "points", c.sine.points);
  read_real(object, "span", c.sine.span);
  read_integer(object, "starts", c.sine.start_choices);
  read(object, "arch", c.arch);
  read(object, "cell", c.cell);
  read(object, "nonlinearity", c.nonlinearity);
  read_integer(object, "hidden", c.hidden_size);
  read_integer(object, "layers", c.num_layers);
  read(object, "bidirectional", c.bidirectional);
  read_real(object, "dropout", c.dropout);
  read(object, "optim", c.optimizer.kind);
  read_real(object, "lr", c.optimizer.lr);
  read_real(object, "momentum", c.optimizer.momentum);
  read_real(object, "dampening", c.optimizer.dampening);
  read(object, "nesterov", c.optimizer.nesterov);
  read_real(object, "beta1", c.optimizer.beta1);
  read_real(object, "beta2", c.optimizer.beta2);
  read_real(object, "eps", c.optimizer.eps);
  read(object, "amsgrad", c.optimizer.amsgrad);
  read_real(object, "alpha", c.optimizer.alpha);
  read(object, "centered", c.optimizer.centered);
  read_real(object, "weightDecay", c.optimizer.weight_decay);
  read_real(object, "clip", c.clip_norm);
  read_integer(object, "seed", c.seed);
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
