// Generating text from a character model: prime it, then draw one character at a time from the softmax of its
// logits / temperature (optionally only among the top k), feeding each back in. Draws come from the project's
// Rng under the options' own seed, so the same seed gives the same text natively and in WebAssembly.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "tasks/sequence_model.h"
#include "tasks/vocabulary.h"

namespace rnnlab {

inline constexpr int64_t kMaxSampleLength = 10'000;

struct SampleOptions {
  std::string prime;          // UTF-8; every character must be in the vocabulary; empty: one drawn uniformly
  int64_t length = 200;       // characters generated after the prime, 0 .. kMaxSampleLength
  float temperature = 1.0f;   // 0 < t <= 2; below 1e-3 the most likely character is taken (argmax decoding)
  int64_t top_k = 0;          // draw among the k most likely only; 0 = all
  uint64_t seed = 0;
};

// Checks every option (messages name it and its limit: "temperature: got 3, expected a number in (0, 2]").
void check_sample_options(const SampleOptions& options, const Vocabulary& vocabulary);

// The prime followed by `length` generated characters. The model runs in eval mode (no dropout) on tapes of its
// own, one sequence, from zero states; its mode is restored after.
std::string sample_text(SequenceModel& model, const Vocabulary& vocabulary, const SampleOptions& options);

// Tang poems: the share of the lines of `text` of the form 五字，五字。 (five CJK ideographs, '，', five CJK
// ideographs, '。'). A line is a couplet: the text up to and including each '。', or up to a newline (the corpus
// has one poem a line); empty lines are skipped, and so is a last piece with neither (a sample cut off mid-line).
// 0 for a text without lines.
double five_character_line_share(std::string_view text);

}  // namespace rnnlab
