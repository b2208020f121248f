#include "tasks/inspect_image.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "core/tape.h"
#include "tasks/inspect_topk.h"

namespace rnnlab {

ImageSaliency image_saliency(SequenceModel& model, std::span<const float> pixels, int32_t target) {
  const ModelConfig& m = model.config();
  check(m.is_image(), "saliency: the ", m.kind, " model is not an image classifier");
  const int64_t S = m.image_side;
  check(static_cast<int64_t>(pixels.size()) == S * S, "pixels: got ", pixels.size(), " values, expected ", S * S);
  // Every parameter's gradient as it was: the backward below accumulates into them.
  std::vector<Parameter*> params = model.parameters();
  std::vector<Tensor> kept;
  kept.reserve(params.size());
  for (Parameter* p : params) kept.push_back(p->grad);
  const bool was_training = model.is_training();
  model.eval();
  ImageSaliency out;
  try {
    Tape tape;
    const Var x = tape.input(Tensor(Shape{1, 1, S, S}, std::vector<float>(pixels.begin(), pixels.end())), true);
    const Var logits = model.forward_images(tape, x).output;  // (1, K)
    const int64_t K = logits.value().numel();
    check(target >= -1 && target < K, "class: got ", target, ", expected -1 (the most probable) or 0 to ", K - 1);
    out.probabilities.resize(static_cast<size_t>(K));
    softmax_row(logits.value().data(), K, out.probabilities.data());
    out.target = target >= 0 ? target
                             : static_cast<int32_t>(std::max_element(out.probabilities.begin(), out.probabilities.end()) -
                                                    out.probabilities.begin());
    Tensor seed(logits.value().shape());  // dz = e_y - p
    for (int64_t j = 0; j < K; ++j) seed[j] = (j == out.target ? 1.0f : 0.0f) - out.probabilities[static_cast<size_t>(j)];
    tape.backward(logits, seed);
    const Tensor& g = x.grad();  // (1, 1, S, S)
    out.pixels.assign(g.data(), g.data() + S * S);
  } catch (...) {
    for (size_t i = 0; i < params.size(); ++i) params[i]->grad = kept[i];
    model.train(was_training);
    throw;
  }
  for (size_t i = 0; i < params.size(); ++i) params[i]->grad = kept[i];
  model.train(was_training);
  out.row_norms.resize(static_cast<size_t>(S));
  for (int64_t r = 0; r < S; ++r) {
    double sum = 0.0;
    for (int64_t c = 0; c < S; ++c) sum += double(out.pixels[static_cast<size_t>(r * S + c)]) * out.pixels[static_cast<size_t>(r * S + c)];
    out.row_norms[static_cast<size_t>(r)] = static_cast<float>(std::sqrt(sum));
  }
  return out;
}

}  // namespace rnnlab
