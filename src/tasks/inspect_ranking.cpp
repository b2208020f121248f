#include "tasks/inspect_ranking.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/error.h"

namespace rnnlab {
std::vector<float> unit_correlations(const Activations& a, const std::vector<float>& feature) {
  return all_unit_correlations(a, {&feature, 1}).front();
}

std::vector<std::vector<float>> all_unit_correlations(const Activations& a,
                                                      std::span<const std::vector<float>> features) {
  const int64_t S = a.slots, T = a.steps, H = a.hidden, F = static_cast<int64_t>(features.size());
  const int kinds = a.c.empty() ? 1 : 2;
  const int64_t U = S * H;  // units of one kind
  // One pass over time, reading each step's units contiguously: sums of u, u^2 and u f for every unit and feature
  // (double), the features centred first so that sum (u - mean u)(f - mean f) = sum u (f - mean f).
  std::vector<std::vector<double>> centred(static_cast<size_t>(F));
  std::vector<double> ff(static_cast<size_t>(F), 0.0);
  for (int64_t f = 0; f < F; ++f) {
    const std::vector<float>& v = features[static_cast<size_t>(f)];
    check(static_cast<int64_t>(v.size()) == T, "unit ranking: a feature of ", v.size(), " values for a text of ", T);
    double mean = 0.0;
    for (float x : v) mean += x;
    mean /= static_cast<double>(T);
    centred[static_cast<size_t>(f)].resize(static_cast<size_t>(T));
    for (int64_t t = 0; t < T; ++t) {
      const double d = v[static_cast<size_t>(t)] - mean;
      centred[static_cast<size_t>(f)][static_cast<size_t>(t)] = d, ff[static_cast<size_t>(f)] += d * d;
    }
  }
  std::vector<std::vector<float>> r(static_cast<size_t>(F), std::vector<float>(static_cast<size_t>(kinds * U)));
  std::vector<double> su(static_cast<size_t>(U)), suu(static_cast<size_t>(U)), suf(static_cast<size_t>(U * F));
  for (int k = 0; k < kinds; ++k) {
    const std::vector<float>& src = k == 0 ? a.h : a.c;  // (S, T, H)
    std::fill(su.begin(), su.end(), 0.0), std::fill(suu.begin(), suu.end(), 0.0), std::fill(suf.begin(), suf.end(), 0.0);
    for (int64_t s = 0; s < S; ++s)
      for (int64_t t = 0; t < T; ++t) {
        const float* row = src.data() + (s * T + t) * H;
        double* psu = su.data() + s * H;
        double* psuu = suu.data() + s * H;
        for (int64_t j = 0; j < H; ++j) psu[j] += row[j], psuu[j] += double(row[j]) * row[j];
        for (int64_t f = 0; f < F; ++f) {
          const double c = centred[static_cast<size_t>(f)][static_cast<size_t>(t)];
          if (c == 0.0) continue;
          double* psuf = suf.data() + f * U + s * H;
          for (int64_t j = 0; j < H; ++j) psuf[j] += row[j] * c;
        }
      }
    for (int64_t u = 0; u < U; ++u) {
      const double n = static_cast<double>(T), uu = suu[static_cast<size_t>(u)] - su[static_cast<size_t>(u)] * su[static_cast<size_t>(u)] / n;
      for (int64_t f = 0; f < F; ++f) {
        const double denominator = uu * ff[static_cast<size_t>(f)];
        // A unit (or feature) that does not vary: r = 0. The relative floor keeps rounding in uu from posing as variance.
        const bool flat = !(denominator > 0.0) || uu <= 1e-12 * suu[static_cast<size_t>(u)];
        r[static_cast<size_t>(f)][static_cast<size_t>(k * U + u)] =
            flat ? 0.0f : static_cast<float>(suf[static_cast<size_t>(f * U + u)] / std::sqrt(denominator));
      }
    }
  }
  return r;
}

std::vector<UnitCorrelation> rank_units(const Activations& a, const std::vector<TextFeature>& features,
                                        int64_t per_feature) {
  std::vector<UnitCorrelation> out;
  const int64_t S = a.slots, H = a.hidden;
  std::vector<std::vector<float>> values;
  for (const TextFeature& f : features) values.push_back(f.values);
  const std::vector<std::vector<float>> all = all_unit_correlations(a, values);
  for (size_t fi = 0; fi < features.size(); ++fi) {
    const TextFeature& f = features[fi];
    const std::vector<float>& r = all[fi];
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
