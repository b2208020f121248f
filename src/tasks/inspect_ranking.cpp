#include "tasks/inspect_ranking.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/error.h"

namespace rnnlab {
namespace {

// r of series u (T values at stride 1) with the centred feature fc (sum of squares ff).
float pearson(const float* u, const std::vector<double>& fc, double ff) {
  const size_t T = fc.size();
  double mean = 0.0;
  for (size_t t = 0; t < T; ++t) mean += u[t];
  mean /= static_cast<double>(T);
  double uf = 0.0, uu = 0.0;
  for (size_t t = 0; t < T; ++t) {
    const double d = u[t] - mean;
    uf += d * fc[t], uu += d * d;
  }
  if (uu <= 0.0 || ff <= 0.0) return 0.0f;
  return static_cast<float>(uf / std::sqrt(uu * ff));
}

}  // namespace

std::vector<float> unit_correlations(const Activations& a, const std::vector<float>& feature) {
  const int64_t S = a.slots, T = a.steps, H = a.hidden;
  check(static_cast<int64_t>(feature.size()) == T, "unit ranking: a feature of ", feature.size(),
        " values for a text of ", T);
  double mean = std::accumulate(feature.begin(), feature.end(), 0.0) / static_cast<double>(T), ff = 0.0;
  std::vector<double> fc(feature.size());
  for (size_t t = 0; t < fc.size(); ++t) fc[t] = feature[t] - mean, ff += fc[t] * fc[t];
  const int kinds = a.c.empty() ? 1 : 2;
  std::vector<float> r(static_cast<size_t>(kinds * S * H));
  std::vector<float> series(static_cast<size_t>(T));
  for (int k = 0; k < kinds; ++k) {
    const std::vector<float>& src = k == 0 ? a.h : a.c;  // (S, T, H)
    for (int64_t s = 0; s < S; ++s)
      for (int64_t j = 0; j < H; ++j) {
        for (int64_t t = 0; t < T; ++t) series[static_cast<size_t>(t)] = src[static_cast<size_t>((s * T + t) * H + j)];
        r[static_cast<size_t>((k * S + s) * H + j)] = pearson(series.data(), fc, ff);
      }
  }
  return r;
}

std::vector<UnitCorrelation> rank_units(const Activations& a, const std::vector<TextFeature>& features,
                                        int64_t per_feature) {
  std::vector<UnitCorrelation> out;
  const int64_t S = a.slots, H = a.hidden;
  for (const TextFeature& f : features) {
    const std::vector<float> r = unit_correlations(a, f.values);
    std::vector<int64_t> order(r.size());
    std::iota(order.begin(), order.end(), 0);
    const int64_t n = std::min<int64_t>(per_feature, static_cast<int64_t>(r.size()));
    std::partial_sort(order.begin(), order.begin() + n, order.end(), [&](int64_t x, int64_t y) {
      const float ax = std::abs(r[static_cast<size_t>(x)]), ay = std::abs(r[static_cast<size_t>(y)]);
      return ax > ay || (ax == ay && x < y);
    });
    for (int64_t i = 0; i < n; ++i) {
      const int64_t idx = order[static_cast<size_t>(i)], slot = (idx / H) % S;
      out.push_back({f.name, a.layer_of(slot), a.direction_of(slot), idx % H, idx / (S * H) == 0 ? 'h' : 'c',
                     r[static_cast<size_t>(idx)]});
    }
  }
  return out;
}

}  // namespace rnnlab
