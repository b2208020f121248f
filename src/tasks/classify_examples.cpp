#include "tasks/classify_examples.h"

#include <algorithm>
#include <cmath>

#include "core/rng.h"
#include "io/json_reader.h"
#include "tasks/config_schema.h"

namespace rnnlab {
namespace {

bool is_control(char32_t c) { return c < 0x20 || (c >= 0x7F && c <= 0x9F); }

// A typed string's code points, checked: 1 to kMaxExampleLength characters, none a control character.
std::u32string checked_text(std::string_view utf8, const std::string& where, std::string_view key) {
  std::u32string text;
  try {
    text = decode_utf8(utf8, where);
  } catch (const Error& e) {
    fail_key(key, e.what());
  }
  if (text.empty()) fail_key(key, where, " is empty, expected 1 to ", kMaxExampleLength, " characters");
  if (static_cast<int64_t>(text.size()) > kMaxExampleLength)
    fail_key(key, where, " has ", text.size(), " characters, expected 1 to ", kMaxExampleLength);
  for (size_t i = 0; i < text.size(); ++i)
    if (is_control(text[i]))
      fail_key(key, where, " has the control character ", describe_char(text[i]), " at position ", i,
               ", expected printable characters only");
  return text;
}

}  // namespace

std::vector<int32_t> ClassExamples::encode(std::string_view utf8, std::string_view field) const {
  const std::u32string text = decode_utf8(utf8, field);
  check(!text.empty() && static_cast<int64_t>(text.size()) <= kMaxExampleLength, field, ": got ", text.size(),
        " characters, expected 1 to ", kMaxExampleLength);
  std::vector<int32_t> out;
  for (size_t i = 0; i < text.size(); ++i) {
    check(!is_control(text[i]), field, ": a control character at position ", i, ", expected printable characters");
    const int k = vocabulary.index_of(text[i]);
    out.push_back(k >= 0 ? k : vocabulary.size());
  }
  return out;
}

ClassExamples parse_class_examples(std::string_view text, uint64_t seed) {
  const std::string_view key = "examples";
  if (static_cast<int64_t>(text.size()) > kMaxExamplesBytes)
    fail_key(key, "the JSON text has ", text.size(), " bytes, expected at most ", kMaxExamplesBytes);
  json::Value root;
  try {
    root = json::parse(text);
  } catch (const std::exception& e) {
    fail_key(key, e.what());
  }
  const json::Value* classes = root.is_object() ? root.find("classes") : nullptr;
  if (!classes || !classes->is_array())
    fail_key(key, "expected an object {\"classes\": [{\"name\": ..., \"examples\": [...]}, ...]}");
  const auto& list = classes->as_array();
  if (list.empty()) fail_key(key, "no classes, expected ", kMinClassifyClasses, " to ", kMaxClassifyClasses);
  if (static_cast<int64_t>(list.size()) < kMinClassifyClasses)
    fail_key(key, "one class, expected ", kMinClassifyClasses, " to ", kMaxClassifyClasses);
  if (static_cast<int64_t>(list.size()) > kMaxClassifyClasses)
    fail_key(key, list.size(), " classes, expected ", kMinClassifyClasses, " to ", kMaxClassifyClasses);

  ClassExamples out;
  std::u32string all;
  int64_t total = 0;
  for (size_t c = 0; c < list.size(); ++c) {
    const std::string at = "classes[" + std::to_string(c) + "]";
    const json::Value& entry = list[c];
    const json::Value* name = entry.is_object() ? entry.find("name") : nullptr;
    const json::Value* examples = entry.is_object() ? entry.find("examples") : nullptr;
    if (!name || !name->is_string() || !examples || !examples->is_array())
      fail_key(key, at, " must be {\"name\": a string, \"examples\": [strings]}");
    const std::u32string name32 = decode_utf8(name->as_string(), at + ".name");
    if (name32.empty() || static_cast<int64_t>(name32.size()) > kMaxClassNameLength)
      fail_key(key, at, ".name has ", name32.size(), " characters, expected 1 to ", kMaxClassNameLength);
    for (char32_t ch : name32)
      if (is_control(ch)) fail_key(key, at, ".name has the control character ", describe_char(ch), ", expected printable characters only");
    if (std::find(out.names.begin(), out.names.end(), name->as_string()) != out.names.end())
      fail_key(key, at, ".name \"", name->as_string(), "\" names another class too, expected distinct names");
    const auto& items = examples->as_array();
    if (items.size() < 2)
      fail_key(key, at, " (\"", name->as_string(), "\") has ", items.size(),
               " examples, expected at least 2 (one to train on, one held out)");
    total += static_cast<int64_t>(items.size());
    if (total > kMaxClassifyExamples)
      fail_key(key, "more than ", kMaxClassifyExamples, " examples over all classes, expected at most ",
               kMaxClassifyExamples);
    out.names.push_back(name->as_string());
    out.texts.emplace_back();
    for (size_t i = 0; i < items.size(); ++i) {
      const std::string where = at + ".examples[" + std::to_string(i) + "]";
      if (!items[i].is_string()) fail_key(key, where, " is not a string");
      out.texts.back().push_back(checked_text(items[i].as_string(), where, key));
      all += out.texts.back().back();
    }
  }
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  if (static_cast<int64_t>(all.size()) > kMaxClassifySymbols)
    fail_key(key, "the examples have ", all.size(), " distinct characters, expected at most ", kMaxClassifySymbols);
  out.vocabulary = Vocabulary::from_sorted_symbols(all);

  // The split: each class's examples shuffled (Fisher-Yates on the task's own stream of the seed), the first
  // round(kHeldOutShare * n) of them (at least 1) held out.
  Rng rng(seed, 4);  // streams 1-3 are the Trainer's (init, data, dropout)
  out.train_of_class.resize(out.texts.size());
  for (size_t c = 0; c < out.texts.size(); ++c) {
    const int64_t n = static_cast<int64_t>(out.texts[c].size());
    std::vector<int64_t> order(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) order[static_cast<size_t>(i)] = i;
    for (int64_t i = n - 1; i > 0; --i) std::swap(order[static_cast<size_t>(i)], order[static_cast<size_t>(rng.integer(0, i + 1))]);
    const int64_t held = std::max<int64_t>(1, std::llround(kHeldOutShare * double(n)));
    for (int64_t j = 0; j < n; ++j) {
      const int64_t i = order[static_cast<size_t>(j)];
      ClassifyExample e{out.vocabulary.encode(out.texts[c][static_cast<size_t>(i)], "examples"), static_cast<int32_t>(c)};
      if (j < held) {
        out.held_out.push_back(std::move(e));
      } else {
        out.train_of_class[c].push_back(static_cast<int64_t>(out.train.size()));
        out.train.push_back(std::move(e));
      }
    }
  }
  return out;
}

}  // namespace rnnlab
