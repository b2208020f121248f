#include "wasm/js_config.h"

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <optional>
#include <type_traits>
#include <utility>

#include "core/error.h"
#include "io/float_format.h"
#include "tasks/config_schema.h"
#include "tasks/digits_data.h"
#include "wasm/js_arrays.h"

namespace rnnlab::wasm {
namespace {

using emscripten::val;

// How a JS value reads in a message: strings quoted, anything else as String(v) with its type.
std::string describe(const val& v) {
  if (v.isNull()) return "null";
  if (v.isString()) return val::global("JSON").call<std::string>("stringify", v) + " (a string)";
  return val::global("String")(v).as<std::string>() + " (" + v.typeOf().as<std::string>() + ")";
}

[[noreturn]] void wrong_type(const ConfigKey& key, const char* expected, const val& v) {
  throw ConfigError(key, message("expected ", expected, ", got ", describe(v)));
}

// Embind's UTF-8 conversion (Emscripten 3.1.6) pairs a lone surrogate with whatever follows it, so "a\uD800"
// would arrive as "a\U00010000": a different character, silently. A lone surrogate is not Unicode text: refuse it.
void check_well_formed(const ConfigKey& key, const val& text) {
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
    throw ConfigError(key, message("a lone surrogate (U+", hex, ") at position ", i,
                                   " of the string is not Unicode text; expected well-formed text"));
  }
}

// One key's value from the JS object, checked for its JS type; the range is the schema's (set_config_value).
ConfigValue read_value(const ConfigKey& key, const val& v) {
  switch (key.type) {
    case KeyType::String:
      if (!v.isString()) wrong_type(key, "a string", v);
      check_well_formed(key, v);
      return v.as<std::string>();
    case KeyType::Boolean:
      if (!v.isTrue() && !v.isFalse()) wrong_type(key, "true or false", v);
      return v.isTrue();
    case KeyType::Integer:
      if (!v.isNumber()) wrong_type(key, "an integer", v);
      if (const double d = v.as<double>(); !std::isfinite(d) || d != std::floor(d))
        throw ConfigError(key, message("got ", describe(v), ", expected an integer"));
      return v.as<double>();
    case KeyType::Number:
      if (!v.isNumber()) wrong_type(key, "a number", v);
      return v.as<double>();
  }
  return {};
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
  if (object.typeOf().as<std::string>() != "object" || val::global("Array").call<bool>("isArray", object))
    fail("config: expected an object, got ", describe(object));
  const val keys = val::global("Object").call<val>("keys", object);
  const int count = keys["length"].as<int>();
  for (int i = 0; i < count; ++i) check_config_key(keys[i].as<std::string>());
  const auto given = [&](std::string_view key) { return !object[std::string(key)].isUndefined(); };
  std::string task = "seq";
  if (given("task")) task = std::get<std::string>(read_value(*find_config_key("task"), object["task"]));
  TrainerConfig c = config_preset(task);
  for (const ConfigKey& key : config_schema())
    if (key.key != "task" && given(key.key)) set_config_value(key, c, read_value(key, object[std::string(key.key)]));
  apply_implied_defaults(c, given);
  return c;
}

std::shared_ptr<const TextCorpus> corpus_from_js(const val& text, int64_t seq_len) {
  const ConfigKey& key = *find_config_key("corpus");
  if (!text.isString()) wrong_type(key, "the corpus text as a string", text);
  check_well_formed(key, text);
  return std::make_shared<const TextCorpus>(text.as<std::string>(), seq_len);  // the UTF-8 copy is dropped here
}

std::shared_ptr<const LabelledImages> digits_from_js(const val& digits) {
  check(digits.typeOf().as<std::string>() == "object" && !digits.isNull(),
        "digits: expected {images: Uint8Array, labels: Uint8Array}");
  const std::vector<uint8_t> labels = uint8_from_js(digits["labels"], "digits.labels", size_t(kMaxDigitsImages));
  const std::vector<uint8_t> images =
      uint8_from_js(digits["images"], "digits.images", size_t(kMaxDigitsImages * kDigitPixels));
  return digits_images_from_bytes(images, labels);
}

SampleOptions sample_options_from_js(const val& options) {
  SampleOptions o;
  if (options.isUndefined() || options.isNull()) return o;
  if (options.typeOf().as<std::string>() != "object") fail("sample: expected an options object, got ", describe(options));
  const auto number = [&](const char* name, bool integer) -> std::optional<double> {
    const val v = options[name];
    if (v.isUndefined()) return std::nullopt;
    if (!v.isNumber()) fail(name, ": expected ", integer ? "an integer" : "a number", ", got ", describe(v));
    const double d = v.as<double>();
    if (integer && (!std::isfinite(d) || d != std::floor(d) || std::abs(d) > 9007199254740991.0))
      fail(name, ": got ", describe(v), ", expected an integer");
    return d;
  };
  if (const val prime = options["prime"]; !prime.isUndefined()) {
    if (!prime.isString()) fail("prime: expected a string, got ", describe(prime));
    o.prime = prime.as<std::string>();
  }
  if (const auto v = number("length", true)) o.length = static_cast<int64_t>(*v);
  if (const auto v = number("temperature", false)) o.temperature = static_cast<float>(*v);
  if (const auto v = number("topK", true)) o.top_k = static_cast<int64_t>(*v);
  if (const auto v = number("seed", true)) {
    check(*v >= 0, "seed: got ", *v, ", expected 0 to 9007199254740991");
    o.seed = static_cast<uint64_t>(*v);
  }
  return o;
}

val trainer_config_to_js(const TrainerConfig& c) {
  val o = val::object();
  for (const ConfigKey& key : config_schema()) {
    const ConfigValue v = config_value(key, c);
    const std::string name(key.key);
    if (const auto* s = std::get_if<std::string>(&v)) o.set(name, *s);
    else if (const auto* b = std::get_if<bool>(&v)) o.set(name, *b);
    else if (std::holds_alternative<float*>(key.of(const_cast<TrainerConfig&>(c))))
      o.set(name, shortest(static_cast<float>(std::get<double>(v))));
    else o.set(name, std::get<double>(v));
  }
  return o;
}

}  // namespace rnnlab::wasm
