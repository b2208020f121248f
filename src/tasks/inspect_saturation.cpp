#include "tasks/inspect_saturation.h"

namespace rnnlab {

std::vector<GateSaturation> gate_saturation(const Activations& a) {
  std::vector<GateSaturation> out;
  const int64_t S = a.slots, T = a.steps, H = a.hidden, GH = a.gate_width();
  for (int64_t s = 0; s < S; ++s)
    for (size_t g = 0; g < a.gate_names.size(); ++g) {
      const std::string_view name = a.gate_names[g];
      if (name == "g" || name == "n") continue;  // tanh candidates
      GateSaturation sat{a.layer_of(s), a.direction_of(s), std::string(name), std::vector<float>(H),
                         std::vector<float>(H)};
      for (int64_t t = 0; t < T; ++t) {
        const float* row = a.gates.data() + (s * T + t) * GH + static_cast<int64_t>(g) * H;
        for (int64_t j = 0; j < H; ++j) {
          sat.left[static_cast<size_t>(j)] += row[j] < kLeftSaturated ? 1.0f : 0.0f;
          sat.right[static_cast<size_t>(j)] += row[j] > kRightSaturated ? 1.0f : 0.0f;
        }
      }
      for (int64_t j = 0; j < H; ++j) sat.left[static_cast<size_t>(j)] /= static_cast<float>(T),
                                      sat.right[static_cast<size_t>(j)] /= static_cast<float>(T);
      out.push_back(std::move(sat));
    }
  return out;
}

}  // namespace rnnlab
