// Gate saturation (LSTM and GRU): for every unit of every sigmoid gate (LSTM i, f, o; GRU r, z) of every layer
// and direction, the fraction of steps of a run at which it is left-saturated (activation < 0.1) and
// right-saturated (> 0.9), as in Karpathy et al.'s "Visualizing and Understanding Recurrent Networks" (fig. 3).
// The tanh blocks (LSTM g, GRU n) are candidates, not gates, and are left out; an RNN has no gates (empty result).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "tasks/inspect_activations.h"

namespace rnnlab {

inline constexpr float kLeftSaturated = 0.1f, kRightSaturated = 0.9f;

struct GateSaturation {
  int64_t layer = 0;
  int direction = 0;
  std::string gate;          // "i", "f", "o", "r", "z"
  std::vector<float> left;   // (H) fraction of steps with activation < 0.1
  std::vector<float> right;  // (H) fraction of steps with activation > 0.9
};

std::vector<GateSaturation> gate_saturation(const Activations& a);

}  // namespace rnnlab
