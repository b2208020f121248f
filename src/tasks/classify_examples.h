// The classify task's data: a few classes, each defined by typed example strings (surnames by language, words
// by sentiment), as JSON:
//   {"classes": [{"name": "English", "examples": ["Smith", "Jones", ...]}, {"name": "German", ...}, ...]}
// ("source" and any other top-level field is ignored.) Characters are Unicode code points; the vocabulary is the
// sorted set of the examples' characters plus one last index for a character no example has (a typed probe may
// contain one; training never sees it). Each class is split once, by the seed, into training and held-out
// examples (kHeldOutShare of them held out, at least one).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tasks/vocabulary.h"

namespace rnnlab {

inline constexpr int64_t kMinClassifyClasses = 2;
inline constexpr int64_t kMaxClassifyClasses = 16;
inline constexpr int64_t kMaxExampleLength = 32;       // characters of one example (the model's longest T)
inline constexpr int64_t kMaxClassifyExamples = 5000;  // over all classes
inline constexpr int64_t kMaxClassNameLength = 40;     // characters
inline constexpr int64_t kMaxExamplesBytes = 1 << 20;  // the JSON text
inline constexpr int64_t kMaxClassifySymbols = 256;    // distinct characters over all examples
inline constexpr double kHeldOutShare = 0.2;

// The bundled default set (data/classify/surnames.json, compiled in): used when the `examples` key is empty.
std::string_view default_classify_examples();

struct ClassifyExample {
  std::vector<int32_t> symbols;  // (L) class indices of its characters
  int32_t label = 0;
};

struct ClassExamples {
  std::vector<std::string> names;            // (C) class names
  std::vector<std::vector<std::u32string>> texts;  // (C) each class's examples
  Vocabulary vocabulary;                     // the examples' characters; index size() is "unknown"
  std::vector<ClassifyExample> train;        // grouped by class, in file order within a class
  std::vector<std::vector<int64_t>> train_of_class;  // (C) indices into train
  std::vector<ClassifyExample> held_out;

  int64_t classes() const { return static_cast<int64_t>(names.size()); }
  int64_t inputs() const { return vocabulary.size() + 1; }  // the one-hot width: characters + unknown
  // The class indices of a typed text; a character no example has maps to the unknown index. Errors (empty,
  // too long, a control character) name `field` and the limit.
  std::vector<int32_t> encode(std::string_view text, std::string_view field) const;
};

// Parses and checks the JSON text (errors are ConfigErrors of key "examples", naming the place and the limit:
// "examples: classes[1].examples[3] is empty, expected 1 to 32 characters") and splits it with `seed`.
ClassExamples parse_class_examples(std::string_view text, uint64_t seed);

}  // namespace rnnlab
