#include "tasks/inspect_features.h"

#include <algorithm>

namespace rnnlab {
namespace {

bool is_cjk_ideograph(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF) ||
         (c >= 0xF900 && c <= 0xFAFF);
}

bool is_vowel(char32_t c) {
  const char32_t l = (c >= U'A' && c <= U'Z') ? c - U'A' + U'a' : c;
  return l == U'a' || l == U'e' || l == U'i' || l == U'o' || l == U'u';
}

}  // namespace

std::vector<TextFeature> text_features(std::u32string_view text) {
  const size_t T = text.size();
  std::vector<TextFeature> all = {{"quote", {}}, {"bracket", {}}, {"line", {}}, {"space", {}},
                                  {"vowel", {}}, {"digit", {}},   {"capital", {}}};
  const bool cjk = std::any_of(text.begin(), text.end(), is_cjk_ideograph);
  if (cjk) all.push_back({"poem", {}});
  for (TextFeature& f : all) f.values.resize(T);
  bool straight_quote = false;  // " opens and closes itself
  int curly = 0, brackets = 0;  // “ ” 「 」 『 』 nest; so do brackets
  float line = 0.0f, poem = 0.0f;
  for (size_t t = 0; t < T; ++t) {
    const char32_t c = text[t];
    // The state after reading c: an opening mark is inside, a closing one is not.
    if (c == U'"') straight_quote = !straight_quote;
    if (c == U'\u201C' || c == U'\u300C' || c == U'\u300E') ++curly;
    if ((c == U'\u201D' || c == U'\u300D' || c == U'\u300F') && curly > 0) --curly;
    if (c == U'(' || c == U'[' || c == U'{') ++brackets;
    if ((c == U')' || c == U']' || c == U'}') && brackets > 0) --brackets;
    all[0].values[t] = straight_quote || curly > 0 ? 1.0f : 0.0f;
    all[1].values[t] = brackets > 0 ? 1.0f : 0.0f;
    all[2].values[t] = line;
    line = c == U'\n' ? 0.0f : line + 1.0f;
    all[3].values[t] = c == U' ' ? 1.0f : 0.0f;
    all[4].values[t] = is_vowel(c) ? 1.0f : 0.0f;
    all[5].values[t] = c >= U'0' && c <= U'9' ? 1.0f : 0.0f;
    all[6].values[t] = c >= U'A' && c <= U'Z' ? 1.0f : 0.0f;
    if (cjk) {
      poem = is_cjk_ideograph(c) ? poem + 1.0f : 0.0f;
      all[7].values[t] = poem;
    }
  }
  std::vector<TextFeature> out;
  for (TextFeature& f : all)
    if (std::any_of(f.values.begin(), f.values.end(), [&](float v) { return v != f.values.front(); }))
      out.push_back(std::move(f));
  return out;
}

}  // namespace rnnlab
