// A corpus for the text task: UTF-8 text checked against its limits, its vocabulary (the sorted code points,
// Python's sorted(set(text))), and the text once as class indices (2 bytes a character), split into a training
// part (the first 90%) and a validation part (the last 10%, never trained on). The text itself is not kept: a
// trainer holds its corpus at 2 bytes a character, whatever the script (3 for CJK as UTF-8 text alone).
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "tasks/vocabulary.h"

namespace rnnlab {

inline constexpr int64_t kMaxCorpusBytes = 10 * 1024 * 1024;  // 10,485,760 bytes (10 MB)
inline constexpr int64_t kMaxCorpusSymbols = 8192;            // distinct characters (the head's classes)

class TextCorpus {
 public:
  // Checks, in this order, each refused with a ConfigError on key "corpus" naming the limit: at most
  // kMaxCorpusBytes bytes, not empty, valid UTF-8 (the byte offset named), at most kMaxCorpusSymbols distinct
  // characters, at least 2 distinct characters, at least `seq_len` + 1 characters in the training part.
  TextCorpus(std::string_view text, int64_t seq_len);
  // The last check again, for a config that keeps this corpus and changes seqLen.
  void check_length(int64_t seq_len) const;

  const Vocabulary& vocabulary() const { return vocabulary_; }
  int64_t size() const { return static_cast<int64_t>(indices_.size()); }
  int64_t train_size() const { return train_size_; }                // [0, train_size) is trained on
  int64_t validation_begin() const { return train_size_; }          // [validation_begin, size) is validation
  int32_t at(int64_t i) const { return indices_[static_cast<size_t>(i)]; }
  int64_t bytes() const { return size() * static_cast<int64_t>(sizeof(uint16_t)); }

 private:
  Vocabulary vocabulary_;
  std::vector<uint16_t> indices_;  // (N) class per character; 8192 classes fit in 16 bits
  int64_t train_size_ = 0;
};

}  // namespace rnnlab
