#include "tasks/inspect_topk.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/error.h"

namespace rnnlab {

void softmax_row(const float* logits, int64_t K, float* p) {
  const float top = *std::max_element(logits, logits + K);
  double sum = 0.0;
  for (int64_t j = 0; j < K; ++j) sum += p[j] = std::exp(logits[j] - top);
  for (int64_t j = 0; j < K; ++j) p[j] = static_cast<float>(p[j] / sum);
}

TopK topk(const InspectRun& run, int64_t k) {
  const int64_t T = run.steps(), K = run.outputs();
  check(run.predicts_classes(), "topk: the model predicts values, not classes");
  check(k >= 1 && k <= K, "k: got ", k, ", expected 1 to ", K, " (the vocabulary size)");
  TopK out;
  out.steps = T, out.k = k;
  out.classes.resize(static_cast<size_t>(T * k));
  out.probabilities.resize(static_cast<size_t>(T * k));
  std::vector<float> p(static_cast<size_t>(K));
  std::vector<int32_t> order(static_cast<size_t>(K));
  for (int64_t t = 0; t < T; ++t) {
    softmax_row(run.output().data() + t * K, K, p.data());
    std::iota(order.begin(), order.end(), 0);
    std::partial_sort(order.begin(), order.begin() + k, order.end(),
                      [&](int32_t a, int32_t b) { return p[a] > p[b] || (p[a] == p[b] && a < b); });
    for (int64_t j = 0; j < k; ++j) {
      out.classes[static_cast<size_t>(t * k + j)] = order[static_cast<size_t>(j)];
      out.probabilities[static_cast<size_t>(t * k + j)] = p[static_cast<size_t>(order[static_cast<size_t>(j)])];
    }
  }
  return out;
}

}  // namespace rnnlab
