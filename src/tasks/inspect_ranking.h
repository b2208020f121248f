// Units ranked by what they track: the Pearson correlation of every unit's activation over a text (h and, for
// LSTM, c; every layer and direction) with each feature of the text (inspect_features.h), and per feature the
// units with the largest |r|, best first.
//   r = sum_t (u_t - mean u)(f_t - mean f) / sqrt(sum_t (u_t - mean u)^2 sum_t (f_t - mean f)^2)
// A unit that does not vary over the text gets r = 0.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "tasks/inspect_activations.h"
#include "tasks/inspect_features.h"

namespace rnnlab {

struct UnitCorrelation {
  std::string feature;
  int64_t layer = 0;
  int direction = 0;
  int64_t unit = 0;
  char kind = 'h';  // 'h' or 'c'
  float correlation = 0.0f;
};

// Every unit's r with one feature, in the order (kind h then c, slot, unit): (K * S * H).
std::vector<float> unit_correlations(const Activations& a, const std::vector<float>& feature);
// The same for several features at once, in one pass over the activations: [feature] -> (K * S * H).
std::vector<std::vector<float>> all_unit_correlations(const Activations& a, std::span<const std::vector<float>> features);

// Per feature, the `per_feature` units of largest |r| (ties: the earlier unit), features in the given order.
std::vector<UnitCorrelation> rank_units(const Activations& a, const std::vector<TextFeature>& features,
                                        int64_t per_feature);

}  // namespace rnnlab
