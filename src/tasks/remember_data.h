// The remember task's data: sequences of T symbols drawn uniformly from K, whose label is the symbol at one chosen
// position (the first, or D steps back from the end); every other symbol is a distractor. Symbols are class
// indices 0 .. K-1, shown as the letters of kRememberAlphabet.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/rng.h"
#include "tasks/trainer_config.h"
#include "tasks/vocabulary.h"

namespace rnnlab {

// How symbols are written: A..Z, a..z, 0..9, +, / (kMaxRememberSymbols of them).
inline constexpr std::string_view kRememberAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// B sequences of T symbols, time-major as SequenceModel::forward_tokens reads them.
struct RememberBatch {
  int64_t steps = 0, batch = 0;
  std::vector<int32_t> tokens;  // (T * B): step t of sequence b at t * B + b
  std::vector<int32_t> labels;  // (B): the symbol at remembered_position of each sequence
};

// Checks the settings against each other (each key's own range is the schema's): distance at most length.
// Throws a ConfigError naming "distance".
void validate(const RememberSettings& s);
// The position (0-based) whose symbol is the label: 0 for distance 0, else length - distance.
int64_t remembered_position(const RememberSettings& s);
// Fills `batch` (reusing its buffers) with B sequences, T * B draws of `rng` in time-major order.
void draw_remember_batch(const RememberSettings& s, int64_t B, Rng& rng, RememberBatch& batch);
// The first K letters of kRememberAlphabet as the characters the inspector reads (class k is letter k).
Vocabulary remember_vocabulary(int64_t symbols);
// The symbols of sequence b as text ("CHAB...").
std::string remember_text(const RememberBatch& batch, int64_t b);

}  // namespace rnnlab
