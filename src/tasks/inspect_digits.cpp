#include "tasks/inspect_digits.h"

#include <algorithm>
#include <string>

#include "core/error.h"

namespace rnnlab {

namespace {
constexpr int64_t kSide = kDigitRowsSide, kPixels = kSide * kSide;

int64_t image_count(std::span<const float> images) {
  check(!images.empty() && images.size() % kPixels == 0, "pixels: got ", images.size(),
        " values, expected whole images of 784");
  return static_cast<int64_t>(images.size()) / kPixels;
}
}  // namespace

std::vector<TextFeature> digit_row_features(std::span<const float> images) {
  const int64_t N = image_count(images), T = N * kSide;
  std::vector<TextFeature> all = {{"ink", {}}, {"row", {}}, {"strokes", {}}, {"centre", {}}, {"sinceInk", {}}};
  for (TextFeature& f : all) f.values.resize(static_cast<size_t>(T));
  for (int64_t n = 0; n < N; ++n) {
    int64_t first_ink = -1;
    for (int64_t r = 0; r < kSide; ++r) {
      const float* row = images.data() + n * kPixels + r * kSide;  // (28)
      double ink = 0.0, moment = 0.0;
      int strokes = 0;
      bool in_stroke = false, dark = false;
      for (int64_t x = 0; x < kSide; ++x) {
        ink += row[x], moment += double(row[x]) * double(x);
        const bool on = row[x] >= kInkThreshold;
        strokes += on && !in_stroke;
        in_stroke = on, dark = dark || on;
      }
      if (dark && first_ink < 0) first_ink = r;
      const size_t t = static_cast<size_t>(n * kSide + r);
      all[0].values[t] = static_cast<float>(ink);
      all[1].values[t] = static_cast<float>(r);
      all[2].values[t] = static_cast<float>(strokes);
      all[3].values[t] = ink > 0.0 ? static_cast<float>(moment / ink) : 13.5f;
      all[4].values[t] = first_ink < 0 ? 0.0f : static_cast<float>(r - first_ink);
    }
  }
  std::vector<TextFeature> varying;
  for (TextFeature& f : all)
    if (std::any_of(f.values.begin(), f.values.end(), [&](float v) { return v != f.values.front(); }))
      varying.push_back(std::move(f));
  return varying;
}

Activations activations_of_images(SequenceModel& model, std::span<const float> images) {
  const int64_t N = image_count(images);
  check(N <= kDigitsRankedImages, "images: got ", N, ", expected 1 to ", kDigitsRankedImages);
  Activations all;
  for (int64_t n = 0; n < N; ++n) {
    const Activations one = activations(InspectRun::of_rows(model, images.subspan(static_cast<size_t>(n * kPixels), kPixels)));
    if (n == 0) {
      all = one;  // kind, slots, hidden, directions, gate names; the buffers grow below
      all.steps = N * one.steps;
      all.h.assign(static_cast<size_t>(all.slots * all.steps * all.hidden), 0.0f);
      if (!one.c.empty()) all.c.assign(all.h.size(), 0.0f);
      if (!one.gates.empty()) all.gates.assign(static_cast<size_t>(all.slots * all.steps * all.gate_width()), 0.0f);
    }
    // (S, T, H) per image -> (S, N*T, H): image n's rows are steps n*T .. n*T + T-1 of every slot.
    const int64_t T = one.steps, H = one.hidden, GH = one.gate_width();
    for (int64_t s = 0; s < all.slots; ++s) {
      std::copy_n(one.h.data() + s * T * H, T * H, all.h.data() + (s * all.steps + n * T) * H);
      if (!one.c.empty()) std::copy_n(one.c.data() + s * T * H, T * H, all.c.data() + (s * all.steps + n * T) * H);
      if (!one.gates.empty())
        std::copy_n(one.gates.data() + s * T * GH, T * GH, all.gates.data() + (s * all.steps + n * T) * GH);
    }
  }
  return all;
}

}  // namespace rnnlab
