#include "wasm/js_config.h"

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <type_traits>
#include <utility>

#include "core/error.h"
#include "io/float_format.h"
#include "tasks/trainer_config_keys.h"

namespace rnnlab::wasm {
namespace {

using emscripten::val;

// C++ field names that messages start with, and the JS key each one is.
constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kRenamed{{
    {"hidden_size", "hidden"},
    {"num_layers", "layers"},
    {"clip_norm", "clip"},
    {"sine.points", "points"},
    {"sine.span", "span"},
    {"sine.start_choices", "starts"},
    {"optimizer", "optim"},
    {"betas[0]", "beta1"},
    {"betas[1]", "beta2"},
    {"weight_decay", "weightDecay"},
    {"kind", "cell"},
    {"input and target", "input"},  // "input and target must have the same length: ..." keeps its wording
}};

bool is_key(std::string_view name) {
  for (std::string_view k : kTrainerConfigKeys)
    if (k == name) return true;
  return false;
}

// How a JS value reads in a message: strings quoted, anything else as String(v) with its type.
std::string describe(const val& v) {
  if (v.isNull()) return "null";
  if (v.isString()) return val::global("JSON").call<std::string>("stringify", v) + " (a string)";
  return val::global("String")(v).as<std::string>() + " (" + v.typeOf().as<std::string>() + ")";
}

[[noreturn]] void wrong_type(const char* key, const char* expected, const val& v) {
  fail(key, ": expected ", expected, ", got ", describe(v));
}

// Embind's UTF-8 conversion (Emscripten 3.1.6) pairs a lone surrogate with whatever follows it, so "a\uD800"
// would arrive as "a\U00010000": a different character, silently. A lone surrogate is not Unicode text: refuse it.
void check_well_formed(const char* key, const val& text) {
  const int length = text["length"].as<int>();
  for (int i = 0; i < length; ++i) {
    const int unit = text.call<int>("charCodeAt", i);
    if (unit < 0xD800 || unit > 0xDFFF) continue;
    const int next = i + 1 < length ? text.call<int>("charCodeAt", i + 1) : 0;
    if (unit <= 0xDBFF && next >= 0xDC00 && next <= 0xDFFF) {
      ++i;  // a pair: one code point outside the BMP
      continue;
    }
    char hex[8];
    std::snprintf(hex, sizeof hex, "%04X", static_cast<unsigned>(unit));
    fail(key, ": a lone surrogate (U+", hex, ") at position ", i,
         " of the string is not Unicode text; expected well-formed text");
  }
}

// Each reader leaves `out` alone when the key is absent or undefined (the preset's value stays).
void read(const val& object, const char* key, std::string& out) {
  const val v = object[key];
  if (v.isUndefined()) return;
  if (!v.isString()) wrong_type(key, "a string", v);
  check_well_formed(key, v);
  out = v.as<std::string>();
}

void read(const val& object, const char* key, bool& out) {
  const val v = object[key];
  if (v.isUndefined()) return;
  if (!v.isTrue() && !v.isFalse()) wrong_type(key, "true or false", v);
  out = v.isTrue();
}

// Any number, NaN and infinities included: Trainer checks the range and says what it expected.
template <class Real>
void read_real(const val& object, const char* key, Real& out) {
  const val v = object[key];
  if (v.isUndefined()) return;
  if (!v.isNumber()) wrong_type(key, "a number", v);
  out = static_cast<Real>(v.as<double>());
}

// A whole number that fits `Int` (and a double's exact integers); Trainer checks its range.
template <class Int>
void read_integer(const val& object, const char* key, Int& out) {
  const val v = object[key];
  if (v.isUndefined()) return;
  if (!v.isNumber()) wrong_type(key, "an integer", v);
  const double d = v.as<double>();
  constexpr double kExact = 9007199254740991.0;  // 2^53 - 1: larger doubles are not all integers
  const double lo = std::max(-kExact, static_cast<double>(std::numeric_limits<Int>::min()));
  const double hi = std::min(kExact, static_cast<double>(std::numeric_limits<Int>::max()));
  if (!std::isfinite(d) || d != std::floor(d)) fail(key, ": got ", describe(v), ", expected an integer");
  if (d < lo || d > hi)
    fail(key, ": got ", describe(v), ", expected an integer from ", static_cast<int64_t>(lo), " to ",
         static_cast<int64_t>(hi));
  out = static_cast<Int>(d);
}

// The shortest decimal that reads back as the same float, as a double: 0.1f -> 0.1, not 0.10000000149011612.
double shortest(float value) {
  if (!std::isfinite(value)) return static_cast<double>(value);
  char text[io::kNumberTextCapacity];
  return io::decimal_to_double(text, text + io::format_shortest(value, text));
}

}  // namespace

TrainerConfig trainer_config_from_js(const val& object) {
  if (object.isUndefined() || object.isNull()) return hello_preset();
  if (object.typeOf().as<std::string>() != "object") fail("config: expected an object, got ", describe(object));
  const val keys = val::global("Object").call<val>("keys", object);
  const int count = keys["length"].as<int>();
  for (int i = 0; i < count; ++i) check_trainer_config_key(keys[i].as<std::string>());
  std::string task = "seq";
  read(object, "task", task);
  TrainerConfig c = trainer_config_preset(task);
  for_each_trainer_config_field(c, [&](const char* key, auto& field) {
    using Field = std::decay_t<decltype(field)>;
    if constexpr (std::is_same_v<Field, std::string> || std::is_same_v<Field, bool>) read(object, key, field);
    else if constexpr (std::is_integral_v<Field>) read_integer(object, key, field);
    else read_real(object, key, field);
  });
  return c;
}

val trainer_config_to_js(const TrainerConfig& c) {
  val o = val::object();
  o.set("task", c.task);
  for_each_trainer_config_field(c, [&](const char* key, const auto& field) {
    using Field = std::decay_t<decltype(field)>;
    if constexpr (std::is_same_v<Field, std::string> || std::is_same_v<Field, bool>) o.set(key, field);
    else if constexpr (std::is_same_v<Field, float>) o.set(key, shortest(field));
    else o.set(key, static_cast<double>(field));
  });
  return o;
}

std::string message_with_js_keys(std::string_view message, std::string& key) {
  key.clear();
  for (const auto& [field, js] : kRenamed) {
    if (message.substr(0, field.size()) != field) continue;
    const std::string_view rest = message.substr(field.size());
    if (rest.empty() || (rest[0] != ':' && rest[0] != ' ')) continue;
    key = js;
    if (field == "input and target") return std::string(message);
    return std::string(js) + std::string(rest);
  }
  const size_t colon = message.find(':');
  if (colon != std::string_view::npos && is_key(message.substr(0, colon))) key = message.substr(0, colon);
  return std::string(message);
}

}  // namespace rnnlab::wasm
