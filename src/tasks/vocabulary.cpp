#include "tasks/vocabulary.h"

#include <algorithm>
#include <cstdio>

#include "core/error.h"

namespace rnnlab {
namespace {

// A function rather than a lambda so that compilers see it never returns (clang 14 otherwise warns that
// decode_utf8's `extra` may be read uninitialized after the branch that rejects a lead byte).
[[noreturn]] void invalid_utf8(std::string_view field, size_t at) { fail(field, ": invalid UTF-8 at byte ", at); }

}  // namespace

size_t decode_utf8_char(std::string_view text, size_t i, char32_t& cp, std::string_view field) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  int extra;
  if (b0 < 0x80) {
    extra = 0;
    cp = b0;
  } else if (b0 >= 0xC2 && b0 <= 0xDF) {
    extra = 1;
    cp = b0 & 0x1Fu;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    extra = 2;
    cp = b0 & 0x0Fu;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    extra = 3;
    cp = b0 & 0x07u;
  } else {
    invalid_utf8(field, i);
  }
  if (i + static_cast<size_t>(extra) >= text.size()) invalid_utf8(field, i);  // truncated sequence
  for (int k = 1; k <= extra; ++k) {
    const auto b = static_cast<unsigned char>(text[i + static_cast<size_t>(k)]);
    if ((b & 0xC0u) != 0x80u) invalid_utf8(field, i);
    cp = (cp << 6) | (b & 0x3Fu);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
  if ((extra == 2 && cp < 0x800) || (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF))
    invalid_utf8(field, i);
  return static_cast<size_t>(extra) + 1;
}

std::u32string decode_utf8(std::string_view text, std::string_view field) {
  std::u32string out;
  char32_t cp = 0;
  for (size_t i = 0; i < text.size();) {
    i += decode_utf8_char(text, i, cp, field);
    out.push_back(cp);
  }
  return out;
}

std::string encode_utf8(std::u32string_view text) {
  std::string out;
  for (char32_t c : text) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (c >> 18)));
      out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

std::string describe_char(char32_t c) {
  char code[16];
  std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
  if (c > 0x20 && c != 0x7F && !(c >= 0x80 && c < 0xA0)) return "'" + encode_utf8(std::u32string(1, c)) + "' (" + code + ")";
  return code;
}

Vocabulary Vocabulary::from_texts(std::initializer_list<std::u32string_view> texts) {
  Vocabulary v;
  for (std::u32string_view t : texts) v.symbols_.append(t);
  std::sort(v.symbols_.begin(), v.symbols_.end());
  v.symbols_.erase(std::unique(v.symbols_.begin(), v.symbols_.end()), v.symbols_.end());
  return v;
}

Vocabulary Vocabulary::from_sorted_symbols(std::u32string symbols) {
  for (size_t i = 1; i < symbols.size(); ++i)
    check(symbols[i - 1] < symbols[i], "vocabulary: the symbols must be sorted and unique, ",
          describe_char(symbols[i]), " at position ", i, " is not");
  Vocabulary v;
  v.symbols_ = std::move(symbols);
  return v;
}

Vocabulary Vocabulary::in_order(std::u32string symbols) {
  for (size_t i = 0; i < symbols.size(); ++i)
    check(symbols.find(symbols[i]) == i, "vocabulary: the symbols must be unique, ", describe_char(symbols[i]),
          " at position ", i, " is not");
  Vocabulary v;
  v.symbols_ = std::move(symbols);
  v.sorted_ = std::is_sorted(v.symbols_.begin(), v.symbols_.end());
  return v;
}

int Vocabulary::index_of(char32_t c) const {
  if (!sorted_) {
    const size_t k = symbols_.find(c);
    return k == std::u32string::npos ? -1 : static_cast<int>(k);
  }
  auto it = std::lower_bound(symbols_.begin(), symbols_.end(), c);
  return (it != symbols_.end() && *it == c) ? static_cast<int>(it - symbols_.begin()) : -1;
}

std::vector<int32_t> Vocabulary::encode(std::u32string_view text, std::string_view field) const {
  std::vector<int32_t> out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const int k = index_of(text[i]);
    check(k >= 0, field, ": character ", describe_char(text[i]), " at position ", i,
          " is not in the vocabulary (", size(), " characters: ", encode_utf8(symbols_), ")");
    out.push_back(k);
  }
  return out;
}

std::u32string Vocabulary::decode(std::span<const int32_t> indices) const {
  std::u32string out;
  for (int32_t k : indices) {
    check(k >= 0 && k < size(), "Vocabulary::decode: index ", k, " is outside [0, ", size(), ")");
    out.push_back(symbols_[static_cast<size_t>(k)]);
  }
  return out;
}

Tensor Vocabulary::one_hot(std::span<const int32_t> indices) const {
  Tensor x(Shape{static_cast<int64_t>(indices.size()), 1, size()});
  for (size_t t = 0; t < indices.size(); ++t) {
    check(indices[t] >= 0 && indices[t] < size(), "one_hot: index ", indices[t], " is outside [0, ", size(), ")");
    x[static_cast<int64_t>(t) * size() + indices[t]] = 1.0f;
  }
  return x;
}

}  // namespace rnnlab
