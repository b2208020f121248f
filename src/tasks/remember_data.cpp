#include "tasks/remember_data.h"

#include "tasks/config_schema.h"

namespace rnnlab {

void validate(const RememberSettings& s) {
  if (s.distance > s.length)
    fail_key("distance", "got ", s.distance, " with length ", s.length, ", expected 0 to ", s.length,
             " (at most the length; 0 means the first symbol)");
}

int64_t remembered_position(const RememberSettings& s) { return s.distance == 0 ? 0 : s.length - s.distance; }

void draw_remember_batch(const RememberSettings& s, int64_t B, Rng& rng, RememberBatch& batch) {
  const int64_t T = s.length;
  batch.steps = T;
  batch.batch = B;
  batch.tokens.resize(static_cast<size_t>(T * B));
  batch.labels.resize(static_cast<size_t>(B));
  for (int32_t& token : batch.tokens) token = static_cast<int32_t>(rng.integer(0, s.symbols));
  const int64_t at = remembered_position(s);
  for (int64_t b = 0; b < B; ++b) batch.labels[static_cast<size_t>(b)] = batch.tokens[static_cast<size_t>(at * B + b)];
}

Vocabulary remember_vocabulary(int64_t symbols) {
  std::u32string letters;
  for (int64_t k = 0; k < symbols; ++k) letters.push_back(static_cast<char32_t>(kRememberAlphabet[static_cast<size_t>(k)]));
  return Vocabulary::in_order(std::move(letters));
}

std::string remember_text(const RememberBatch& batch, int64_t b) {
  std::string text;
  for (int64_t t = 0; t < batch.steps; ++t)
    text += kRememberAlphabet[static_cast<size_t>(batch.tokens[static_cast<size_t>(t * batch.batch + b)])];
  return text;
}

}  // namespace rnnlab
