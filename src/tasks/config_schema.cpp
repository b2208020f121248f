#include "tasks/config_schema.h"

#include <array>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <limits>
#include <type_traits>
#include <vector>

#include "io/json.h"
#include "tasks/model_config.h"
#include "tasks/task_registry.h"
#include "tasks/trainer_config_json.h"
#include "train/optimizer.h"

namespace rnnlab {
namespace {

constexpr double kFloatMax = FLT_MAX;
constexpr double kExact = 9007199254740991.0;  // 2^53 - 1: the integers a JS number holds exactly
constexpr double kMaxForgetBias = 20.0;  // sigmoid(20) is 1 - 2e-9: more only saturates

#define RNNLAB_FIELD(expr) [](TrainerConfig& c) -> FieldRef { return &c.expr; }

constexpr std::string_view kAll = "seq sine text remember classify tag digits";
constexpr std::string_view kCellTasks = "seq sine text remember classify tag";  // arch and cell: digits has its model key
using enum KeyType;

// clang-format off
const std::array<ConfigKey, 40> kSchema{{
  {"task", "", "task", String, "seq sine text remember classify tag digits", 0, 0, false, false, kAll, "",
   "which task; picks the default of every other key (hello is another name for seq)", RNNLAB_FIELD(task)},
  {"input", "input", "input", String, "", 0, 0, false, false, "seq", "",
   "the input text, 1 to 1000 characters", RNNLAB_FIELD(input)},
  {"target", "target", "target", String, "", 0, 0, false, false, "seq", "",
   "the target text, as long as the input", RNNLAB_FIELD(target)},
  {"points", "points", "sine.points", Integer, "", 3, 4096, false, false, "sine", "",
   "samples per sequence", RNNLAB_FIELD(sine.points)},
  {"span", "span", "sine.span", Number, "", 0, 1000, true, false, "sine", "",
   "interval length in radians", RNNLAB_FIELD(sine.span)},
  {"starts", "starts", "sine.start_choices", Integer, "", 1, 1000, false, false, "sine", "",
   "the start is drawn from 0 .. starts-1", RNNLAB_FIELD(sine.start_choices)},
  {"corpus", "corpus", "text.corpus", String, "tinyshakespeare tang5 tang300 own", 0, 0, false, false, "text", "",
   "which corpus: a bundled one or own (the CLI's --corpus takes a FILE and trains on it as own)",
   RNNLAB_FIELD(text.corpus)},
  {"seqLen", "seq-len", "text.seq_len", Integer, "", 1, 1024, false, false, "text", "",
   "characters per training window (T)", RNNLAB_FIELD(text.seq_len)},
  {"batch", "batch", "batch", Integer, "", 1, 256, false, false, "text digits", "",
   "examples per step (B): text windows, digits images", RNNLAB_FIELD(batch)},
  {"embedding", "embedding", "text.embedding", Integer, "", 0, 1024, false, false, "text", "",
   "embedding width; 0 = one-hot inputs", RNNLAB_FIELD(text.embedding), "0 means one-hot"},
  {"tbptt", "tbptt", "text.tbptt", Boolean, "", 0, 0, false, false, "text", "",
   "B contiguous streams, the hidden state carried (detached) across windows; off: random windows",
   RNNLAB_FIELD(text.tbptt)},
  {"valEvery", "val-every", "text.val_every", Integer, "", 1, 1000000, false, false, "text", "",
   "steps between validation passes", RNNLAB_FIELD(text.val_every)},
  {"length", "length", "remember.length", Integer, "", 2, kMaxRememberLength, false, false, "remember tag", "",
   "symbols per sequence (T)", RNNLAB_FIELD(remember.length)},
  {"distance", "distance", "remember.distance", Integer, "", 1, kMaxRememberLength, false, false, "remember", "",
   "the answer is the symbol this many steps back from the end (1: the last; at most the length); 0: the first",
   RNNLAB_FIELD(remember.distance), "0 means the first symbol", "the first symbol"},
  {"symbols", "symbols", "remember.symbols", Integer, "", 2, kMaxRememberSymbols, false, false, "remember tag", "",
   "distinct symbols (K), each a class", RNNLAB_FIELD(remember.symbols)},
  {"examples", "examples", "classify.examples", String, "", 0, 0, false, false, "classify", "",
   "the classes as JSON, {\"classes\": [{\"name\": ..., \"examples\": [...]}, ...]}: 2 to 16 classes, each 2 or more "
   "examples of 1 to 32 characters; empty: the bundled surnames by language (the CLI's --examples takes a FILE)",
   RNNLAB_FIELD(classify.examples)},
  {"model", "model", "digits.model", String, "rnn lstm gru mlp cnn", 0, 0, false, false, "digits", "",
   "rnn, lstm, gru: a recurrent layer reading one row of pixels per step, its last step into Linear(10); mlp: "
   "784-256-10 with ReLU; cnn: Conv2d(1, 30, 5), ReLU, MaxPool2d(2), Linear(4320, 100), ReLU, Linear(100, 10)",
   RNNLAB_FIELD(digits.model)},
  {"data", "data", "digits.data", String, "mnist fashion", 0, 0, false, false, "digits", "",
   "which images: MNIST's handwritten digits or Fashion-MNIST's clothes (10,000 each; the first 8,000 train)",
   RNNLAB_FIELD(digits.data)},
  {"arch", "arch", "arch", String, "cell layer", 0, 0, false, false, kCellTasks, "",
   "cell: one cell whose hidden state is the logits (seq only); layer: recurrent layer + Linear head",
   RNNLAB_FIELD(arch)},
  {"cell", "cell", "cell", String, "rnn lstm gru", 0, 0, false, false, kCellTasks, "",
   "the recurrence", RNNLAB_FIELD(cell)},
  {"nonlinearity", "nonlinearity", "nonlinearity", String, "tanh relu", 0, 0, false, false, kAll, "",
   "rnn only", RNNLAB_FIELD(nonlinearity)},
  {"hidden", "hidden", "hidden_size", Integer, "", 1, kMaxHiddenSize, false, false, kAll, "",
   "hidden size (0: the vocabulary size, arch cell only; left out with arch layer: 16)", RNNLAB_FIELD(hidden_size), "",
   "the vocabulary size (arch cell)"},
  {"layers", "layers", "num_layers", Integer, "", 1, kMaxLayers, false, false, kAll, "",
   "stacked layers (arch layer)", RNNLAB_FIELD(num_layers)},
  {"bidirectional", "bidirectional", "bidirectional", Boolean, "", 0, 0, false, false, "seq remember tag digits", "",
   "a forward and a reverse direction (arch layer)", RNNLAB_FIELD(bidirectional)},
  {"dropout", "dropout", "dropout", Number, "", 0, 1, false, true, kAll, "",
   "dropout between stacked layers", RNNLAB_FIELD(dropout)},
  {"forgetBias", "forget-bias", "forget_bias", Number, "", -kMaxForgetBias, kMaxForgetBias, false, false,
   "remember classify tag", "",
   "LSTM only: added to every forget gate's bias_ih after torch's initialization (0: torch's init as it is)",
   RNNLAB_FIELD(forget_bias)},
  {"optim", "optim", "optimizer", String, "adam sgd rmsprop", 0, 0, false, false, kAll, "",
   "the optimizer", RNNLAB_FIELD(optimizer.kind)},
  {"lr", "lr", "lr", Number, "", 0, kFloatMax, false, false, kAll, "",
   "learning rate", RNNLAB_FIELD(optimizer.lr)},
  {"momentum", "momentum", "momentum", Number, "", 0, kMaxMomentum, false, false, kAll, "sgd rmsprop",
   "momentum factor", RNNLAB_FIELD(optimizer.momentum)},
  {"dampening", "dampening", "dampening", Number, "", -kMaxDampening, kMaxDampening, false, false, kAll, "sgd",
   "dampening for momentum", RNNLAB_FIELD(optimizer.dampening)},
  {"nesterov", "nesterov", "nesterov", Boolean, "", 0, 0, false, false, kAll, "sgd",
   "Nesterov momentum; needs momentum > 0 and dampening 0", RNNLAB_FIELD(optimizer.nesterov)},
  {"beta1", "beta1", "betas[0]", Number, "", 0, 1, false, true, kAll, "adam",
   "the first moment's decay", RNNLAB_FIELD(optimizer.beta1)},
  {"beta2", "beta2", "betas[1]", Number, "", 0, 1, false, true, kAll, "adam",
   "the second moment's decay", RNNLAB_FIELD(optimizer.beta2)},
  {"eps", "eps", "eps", Number, "", 0, kFloatMax, false, false, kAll, "adam rmsprop",
   "added to the denominator (must be > 0)", RNNLAB_FIELD(optimizer.eps)},
  {"amsgrad", "amsgrad", "amsgrad", Boolean, "", 0, 0, false, false, kAll, "adam",
   "the AMSGrad variant", RNNLAB_FIELD(optimizer.amsgrad)},
  {"alpha", "alpha", "alpha", Number, "", 0, kFloatMax, false, false, kAll, "rmsprop",
   "smoothing constant", RNNLAB_FIELD(optimizer.alpha)},
  {"centered", "centered", "centered", Boolean, "", 0, 0, false, false, kAll, "rmsprop",
   "normalize by the centered second moment", RNNLAB_FIELD(optimizer.centered)},
  {"weightDecay", "weight-decay", "weight_decay", Number, "", 0, kMaxWeightDecay, false, false, kAll, "",
   "L2 penalty", RNNLAB_FIELD(optimizer.weight_decay)},
  {"clip", "clip", "clip_norm", Number, "", 0, kFloatMax, false, false, kAll, "",
   "clip the gradients' total 2-norm to this before each step; 0 = off", RNNLAB_FIELD(clip_norm),
   "0 turns clipping off"},
  {"seed", "seed", "seed", Integer, "", 0, kExact, false, false, kAll, "",
   "seeds the initial weights, the data and dropout; the same seed gives the same run natively and in the browser",
   RNNLAB_FIELD(seed)},
}};
// clang-format on
#undef RNNLAB_FIELD

// The digits models' rows: the settings each model reaches the page's accuracy targets with in its first seconds
// (tuned natively with seed 0: docs/digits.md), taken by a link, a widget attribute or a CLI line that names the
// model and not the setting. W7 gives its fixed protocol's settings explicitly.
constexpr std::array<ImpliedDefault, 13> kImplied{{
    {"arch", "layer", "hidden", 16, true},
    {"arch", "cell", "hidden", 0, false},
    {"model", "rnn", "lr", 1e-3, false},
    {"model", "rnn", "clip", 1, false},
    {"model", "lstm", "lr", 5e-3, false},
    {"model", "lstm", "clip", 1, false},
    {"model", "gru", "lr", 5e-3, false},
    {"model", "gru", "clip", 1, false},
    {"model", "mlp", "lr", 2e-3, false},
    {"model", "mlp", "clip", 0, false},
    {"model", "cnn", "lr", 1e-3, false},
    {"model", "cnn", "clip", 0, false},
    {"model", "cnn", "batch", 32, false},
}};

bool in_words(std::string_view words, std::string_view word) {
  size_t start = 0;
  while (start <= words.size()) {
    size_t end = words.find(' ', start);
    if (end == std::string_view::npos) end = words.size();
    if (words.substr(start, end - start) == word) return true;
    start = end + 1;
  }
  return false;
}

// "rnn lstm gru" -> "rnn, lstm or gru".
std::string spoken_list(std::string_view words) {
  std::string out(words);
  size_t last = out.rfind(' ');
  if (last == std::string::npos) return out;
  out.replace(last, 1, " or ");
  for (size_t i = 0; i < last; ++i)
    if (out[i] == ' ') out.replace(i, 1, ", "), ++i, ++last;
  return out;
}

std::string number_text(double x) {
  if (x >= kFloatMax) return "FLT_MAX";
  if (x <= -kFloatMax) return "-FLT_MAX";
  return message(x);
}

}  // namespace

bool ConfigKey::applies_to(std::string_view task) const { return in_words(tasks, task); }
bool ConfigKey::accepts(std::string_view choice) const { return in_words(choices, choice); }
std::string ConfigKey::optimizers_text() const { return spoken_list(optimizers); }
bool ConfigKey::read_by(std::string_view optimizer) const { return optimizers.empty() || in_words(optimizers, optimizer); }

std::string ConfigKey::expected() const {
  const std::string range = expected_range();
  return note.empty() ? range : range + " (" + std::string(note) + ")";
}

std::string ConfigKey::expected_range() const {
  switch (type) {
    case String:
      return choices.empty() ? "a string" : spoken_list(choices);
    case Boolean:
      return "true or false";
    case Integer:
      return message(static_cast<int64_t>(min), " to ", static_cast<int64_t>(max));
    case Number:
      if (max >= kFloatMax && min <= -kFloatMax) return "a finite number";
      if (max >= kFloatMax && !min_open) return message("a finite number >= ", min);
      if (max >= kFloatMax) return message("a finite number > ", min);
      if (!min_open && !max_open) return message("a number from ", min, " to ", max);
      return message("a number in ", min_open ? "(" : "[", number_text(min), ", ", number_text(max),
                     max_open ? ")" : "]");
  }
  return {};
}

std::span<const ConfigKey> config_schema() { return kSchema; }
std::span<const ImpliedDefault> implied_defaults() { return kImplied; }

bool implied_default_applies(const ImpliedDefault& d, const TrainerConfig& c) {
  const TaskInfo* task = find_task(c.task);
  return task && find_config_key(d.when_key)->applies_to(task->name);
}

void apply_implied_default(const ImpliedDefault& d, TrainerConfig& c) {
  const ConfigKey& key = *find_config_key(d.key);
  if (!implied_default_applies(d, c) || (d.only_zero && config_value(key, c) != ConfigValue(0.0))) return;
  const ConfigValue when = config_value(*find_config_key(d.when_key), c);
  if (std::holds_alternative<std::string>(when) && std::get<std::string>(when) == d.when_value)
    set_config_value(key, c, d.value);
}

const ConfigKey* find_config_key(std::string_view key) {
  for (const ConfigKey& k : kSchema)
    if (k.key == key) return &k;
  return nullptr;
}

const ConfigKey* find_config_field(std::string_view field) {
  for (const ConfigKey& k : kSchema)
    if (k.field == field) return &k;
  return nullptr;
}

void check_config_key(std::string_view key) {
  if (find_config_key(key)) return;
  std::string keys;
  for (const ConfigKey& k : kSchema) keys += (keys.empty() ? "" : ", ") + std::string(k.key);
  fail("unknown config key \"", key, "\"; the keys are ", keys);
}

void set_config_value(const ConfigKey& key, TrainerConfig& c, const ConfigValue& value) {
  const FieldRef field = key.of(c);
  if (key.type == String) {
    const std::string* text = std::get_if<std::string>(&value);
    if (!text) throw ConfigError(key, "expected a string");
    if (!key.choices.empty() && !in_words(key.choices, *text))
      throw ConfigError(key, message("got \"", *text, "\", expected ", key.expected()));
    *std::get<std::string*>(field) = *text;
    return;
  }
  if (key.type == Boolean) {
    const bool* b = std::get_if<bool>(&value);
    if (!b) throw ConfigError(key, "expected true or false");
    *std::get<bool*>(field) = *b;
    return;
  }
  const double* number = std::get_if<double>(&value);
  if (!number) throw ConfigError(key, key.type == Integer ? "expected an integer" : "expected a number");
  const double x = *number;
  if (key.type == Integer && (!std::isfinite(x) || x != std::floor(x)))
    throw ConfigError(key, message("got ", x, ", expected an integer"));
  const bool in_range = std::isfinite(x) && (key.min_open ? x > key.min : x >= key.min) &&
                        (key.max_open ? x < key.max : x <= key.max);
  const bool ok = in_range || (x == 0 && !key.zero.empty());
  if (!ok) throw ConfigError(key, message("got ", x, ", expected ", key.expected()));
  std::visit(
      [&](auto* f) {
        using F = std::remove_pointer_t<decltype(f)>;
        if constexpr (std::is_arithmetic_v<F> && !std::is_same_v<F, bool>) *f = static_cast<F>(x);
      },
      field);
}

ConfigValue config_value(const ConfigKey& key, const TrainerConfig& c) {
  const FieldRef field = key.of(const_cast<TrainerConfig&>(c));
  return std::visit(
      [](auto* f) -> ConfigValue {
        using F = std::remove_pointer_t<decltype(f)>;
        if constexpr (std::is_same_v<F, std::string>) return *f;
        else if constexpr (std::is_same_v<F, bool>) return *f;
        else return static_cast<double>(*f);
      },
      field);
}

void check_config_ranges(const TrainerConfig& c) {
  const TaskInfo* task = find_task(c.task);
  if (!task) fail_key("task", "got \"", c.task, "\", expected ", find_config_key("task")->expected());
  TrainerConfig scratch = c;
  for (const ConfigKey& key : kSchema)
    if (key.key != "task" && key.applies_to(task->name)) set_config_value(key, scratch, config_value(key, c));
}

TrainerConfig config_preset(std::string_view task) {
  if (const TaskInfo* info = find_task(task)) return info->preset();
  fail_key("task", "got \"", task, "\", expected ", find_config_key("task")->expected());
}

namespace {

// One key's row of the JSON schema, on one line.
std::string key_json(const ConfigKey& k) {
  json::Writer w;
  w.begin_object().key("key").string(k.key).key("flag");
  if (k.flag.empty()) w.null();
  else w.string(std::string("--") + std::string(k.flag));
  w.key("field").string(k.field);
  constexpr std::string_view kTypes[] = {"string", "integer", "number", "boolean"};
  w.key("type").string(kTypes[static_cast<int>(k.type)]);
  if (!k.choices.empty()) {
    w.key("choices").begin_array();
    for (size_t start = 0; start < k.choices.size();) {
      const size_t end = std::min(k.choices.find(' ', start), k.choices.size());
      w.string(k.choices.substr(start, end - start));
      start = end + 1;
    }
    w.end_array();
  }
  if (k.type == Integer || k.type == Number) {
    w.key("min").number(k.min).key("max").number(k.max);
    if (k.min_open) w.key("minOpen").boolean(true);
    if (k.max_open) w.key("maxOpen").boolean(true);
    if (!k.zero.empty()) w.key("zero").string(k.zero);
  }
  w.key("expected").string(k.expected());
  w.key("tasks").begin_array();
  for (const TaskInfo& t : task_list())
    if (k.applies_to(t.name)) w.string(t.name);
  w.end_array();
  if (!k.optimizers.empty()) w.key("optimizers").string(k.optimizers);
  w.key("doc").string(k.doc).end_object();
  return w.take();
}

// `items` as the lines of a JSON array or object body, each indented by four spaces.
std::string lines(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += "    " + items[i] + (i + 1 < items.size() ? ",\n" : "\n");
  return out;
}

std::string quoted(std::string_view text) {
  json::Writer w;
  w.string(text);
  return w.take();
}

}  // namespace

std::string config_schema_json() {
  std::vector<std::string> keys, presets, aliases, families, implied;
  for (const ConfigKey& k : kSchema) keys.push_back(key_json(k));
  for (const TaskInfo& t : task_list()) {
    presets.push_back(quoted(t.name) + ": " + trainer_config_to_json(t.preset()));
    if (!t.alias.empty()) aliases.push_back(quoted(t.alias) + ": " + quoted(t.name));
    families.push_back(quoted(t.name) + ": " + quoted(t.family));
  }
  for (const ImpliedDefault& d : kImplied) {
    json::Writer w;
    w.begin_object().key("when").begin_object().key(d.when_key).string(d.when_value).end_object()
        .key("key").string(d.key).key("value").number(d.value).key("onlyZero").boolean(d.only_zero).end_object();
    implied.push_back(w.take());
  }
  return "{\n  \"keys\": [\n" + lines(keys) + "  ],\n  \"presets\": {\n" + lines(presets) +
         "  },\n  \"aliases\": {\n" + lines(aliases) + "  },\n  \"families\": {\n" + lines(families) +
         "  },\n  \"implied\": [\n" + lines(implied) + "  ]\n}\n";
}

std::string config_schema_markdown() {
  std::string out = "| key | CLI flag | type | accepts |";
  for (const TaskInfo& t : task_list()) out += std::string(" ") + std::string(t.name) + " default |";
  out += " what it is |\n|---|---|---|---|";
  for (size_t i = 0; i < task_list().size(); ++i) out += "---|";
  out += "---|\n";
  constexpr std::string_view kTypes[] = {"string", "integer", "number", "boolean"};
  for (const ConfigKey& k : kSchema) {
    out += message("| `", k.key, "` | ", k.flag.empty() ? "`train TASK`" : "`--" + std::string(k.flag) + "`", " | ", kTypes[static_cast<int>(k.type)], " | ",
                   k.type == Boolean || (k.type == String && k.choices.empty()) ? "" : k.expected(), " |");
    for (const TaskInfo& t : task_list()) {
      if (!k.applies_to(t.name)) {
        out += " - |";
        continue;
      }
      const ConfigValue v = config_value(k, t.preset());
      if (const auto* s = std::get_if<std::string>(&v)) out += " `\"" + *s + "\"` |";
      else if (const auto* b = std::get_if<bool>(&v)) out += *b ? " `true` |" : " `false` |";
      else {
        json::Writer w;
        if (k.type == Number) w.float32(static_cast<float>(std::get<double>(v)));
        else w.number(std::get<double>(v));
        out += " `" + w.take() + "` |";
      }
    }
    out += message(" ", k.optimizers.empty() ? "" : k.optimizers_text() + ": ", k.doc, " |\n");
  }
  return out;
}

}  // namespace rnnlab
