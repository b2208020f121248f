// Characters of a sequence task: UTF-8 text <-> code points <-> class indices.
//
// The vocabulary is the sorted set of code points of the task's texts (Python's sorted(set(text)) order), so
// "hello" + "ohlol" gives e, h, l, o as in the seed program.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/tensor.h"

namespace rnnlab {

// Decodes UTF-8; invalid bytes are an error naming `field` and the byte offset.
std::u32string decode_utf8(std::string_view text, std::string_view field);
// One code point of `text` starting at byte i into `cp`; returns the bytes it took. Errors as decode_utf8.
size_t decode_utf8_char(std::string_view text, size_t i, char32_t& cp, std::string_view field);
std::string encode_utf8(std::u32string_view text);

class Vocabulary {
 public:
  static Vocabulary from_texts(std::initializer_list<std::u32string_view> texts);
  // From code points already sorted and unique (a corpus's, a saved model's).
  static Vocabulary from_sorted_symbols(std::u32string symbols);
  // From unique code points in the order of their class indices (remember's and tag's letters A..Z a..z 0..9 + /,
  // whose digits come after the letters): index_of searches them in turn.
  static Vocabulary in_order(std::u32string symbols);

  int size() const { return static_cast<int>(symbols_.size()); }
  const std::u32string& symbols() const { return symbols_; }
  int index_of(char32_t c) const;  // -1 when absent
  // Class indices of `text`; a character outside the vocabulary is an error naming `field`, the character and
  // its position.
  std::vector<int32_t> encode(std::u32string_view text, std::string_view field) const;
  std::u32string decode(std::span<const int32_t> indices) const;
  // One-hot rows (T, 1, V) of `indices`: a batch of one, time-major.
  Tensor one_hot(std::span<const int32_t> indices) const;

 private:
  std::u32string symbols_;  // unique; sorted unless made in_order
  bool sorted_ = true;
};

// How a character reads in messages: printable ones quoted, others as U+XXXX (whitespace stays visible).
std::string describe_char(char32_t c);

}  // namespace rnnlab
