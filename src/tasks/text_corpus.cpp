#include "tasks/text_corpus.h"

#include <algorithm>

#include "io/read_file.h"
#include "tasks/config_schema.h"

namespace rnnlab {

TextCorpus::TextCorpus(std::string_view text, int64_t seq_len) {
  const auto bytes = static_cast<int64_t>(text.size());
  if (bytes > kMaxCorpusBytes)
    fail_key("corpus", bytes, " bytes, the limit is ", describe_byte_limit(kMaxCorpusBytes));
  if (text.empty()) fail_key("corpus", "empty, expected a text of at least seqLen + 1 = ", seq_len + 1, " characters");

  // Pass 1: check the UTF-8 and mark the code points seen (a bit each: 136 KB, not 4 bytes a character).
  std::vector<bool> seen(0x110000);
  int64_t characters = 0;
  char32_t cp = 0;
  for (size_t i = 0; i < text.size(); ++characters) {
    try {
      i += decode_utf8_char(text, i, cp, "corpus");
    } catch (const Error& e) {
      fail_key("corpus", std::string(e.what()).substr(std::string_view("corpus: ").size()));
    }
    seen[cp] = true;
  }
  std::u32string symbols;
  for (char32_t c = 0; c < 0x110000; ++c)
    if (seen[c]) {
      if (static_cast<int64_t>(symbols.size()) == kMaxCorpusSymbols)
        fail_key("corpus", "more than ", kMaxCorpusSymbols, " distinct characters, the limit is ", kMaxCorpusSymbols);
      symbols.push_back(c);
    }
  if (symbols.size() < 2)
    fail_key("corpus", "one distinct character (", describe_char(symbols[0]),
             "), expected at least 2: there is nothing to predict");
  train_size_ = characters - characters / 10;

  // Pass 2: the indices.
  vocabulary_ = Vocabulary::from_sorted_symbols(std::move(symbols));
  indices_.reserve(static_cast<size_t>(characters));
  for (size_t i = 0; i < text.size();) {
    i += decode_utf8_char(text, i, cp, "corpus");
    indices_.push_back(static_cast<uint16_t>(vocabulary_.index_of(cp)));
  }
  check_length(seq_len);
}

void TextCorpus::check_length(int64_t seq_len) const {
  if (train_size_ < seq_len + 1)
    fail_key("corpus", size(), " characters, ", train_size_,
             " of them in the training part (the first 90%); expected at least seqLen + 1 = ", seq_len + 1);
}

}  // namespace rnnlab
