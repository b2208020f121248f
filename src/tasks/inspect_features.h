// Simple features of a text, one value per character, for ranking units by what they track (inspect_ranking.h).
// Each is the state after reading character t (what a unit holding it would show at step t):
//   quote        1 inside a quotation: after an opening " (or “ 「 『) up to and without its closing mark
//   bracket      1 inside ( ), [ ] or { } (any depth)
//   line         position within the line: 0 for the first character after a newline
//   space        1 when the character is a space (the next one starts a word)
//   vowel        1 for a, e, i, o, u (either case)
//   digit        1 for 0-9
//   capital      1 for A-Z
//   poem         for a text with CJK ideographs (the Tang poems): 1-based position among the ideographs since the
//                last character that is not one (1 .. 5 in a five-character line), 0 elsewhere
// A feature that is the same for every character (no digit in the text) is left out: it correlates with nothing.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace rnnlab {

struct TextFeature {
  std::string name;
  std::vector<float> values;  // (T)
};

std::vector<TextFeature> text_features(std::u32string_view text);

}  // namespace rnnlab
