#include "tasks/inspect_saliency.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/error.h"
#include "tasks/inspect_topk.h"

namespace rnnlab {
namespace {

const Tensor& parameter(const SequenceModel& model, const std::string& name) {
  const Parameter* p = model.find_parameter(name);
  check(p != nullptr, "saliency: the model has no parameter ", name);
  return p->value;
}

// state_dict names of slot (layer, direction)'s weights: "rnn.weight_ih_l1_reverse", or the cell's "rnn.weight_ih".
std::string weight_name(const ModelConfig& m, const char* which, int64_t layer, int direction) {
  if (m.is_cell()) return std::string("rnn.weight_") + which;
  return std::string("rnn.weight_") + which + "_l" + std::to_string(layer) + (direction ? "_reverse" : "");
}

}  // namespace

Saliency saliency(const InspectRun& run, int64_t position, InputGradientScratch& scratch, int32_t target) {
  const int64_t T = run.steps(), K = run.outputs(), step = position - 1;
  check(position >= 1 && position <= T, "position: got ", position, ", expected 1 to ", T,
        " (the prediction after that many characters)");
  check(target == -1 || (run.predicts_classes() && target >= 0 && target < K), "class: got ", target,
        run.predicts_classes() ? ", expected -1 (the rule) or 0 to " + std::to_string(K - 1) : ", expected -1 for a model of values");
  const SequenceModel& model = run.model();
  const ModelConfig& m = model.config();
  const int D = m.directions();
  const int64_t H = m.hidden_size, L = static_cast<int64_t>(run.traces().size()) / D;
  Saliency out;

  // The objective's gradient at the output of step p-1.
  std::vector<float> dz(static_cast<size_t>(K), 1.0f);  // values: d y / d y = 1
  if (run.predicts_classes()) {
    std::vector<float> p(static_cast<size_t>(K));
    softmax_row(run.output().data() + step * K, K, p.data());
    const bool next_token = target < 0 && position < T && !run.tokens().empty();
    out.target = target >= 0  ? target
                 : next_token ? run.tokens()[static_cast<size_t>(position)]
                              : static_cast<int32_t>(std::max_element(p.begin(), p.end()) - p.begin());
    for (int64_t j = 0; j < K; ++j) dz[static_cast<size_t>(j)] = (j == out.target ? 1.0f : 0.0f) - p[static_cast<size_t>(j)];
  }
  std::vector<float> d_top(static_cast<size_t>(T * D * H), 0.0f);  // (T, D*H)
  float* row = d_top.data() + step * D * H;
  if (m.head_out) {
    const Tensor& w = parameter(model, "head.weight");  // (K, D*H)
    for (int64_t j = 0; j < K; ++j)
      for (int64_t i = 0; i < D * H; ++i) row[i] += dz[static_cast<size_t>(j)] * w[j * D * H + i];
  } else {
    std::copy(dz.begin(), dz.end(), row);  // the layer's output is the logits (K = D*H)
  }

  std::vector<float> d_dir(static_cast<size_t>(T * H)), dx;
  for (int64_t l = L - 1; l >= 0; --l) {
    const int64_t I = run.traces()[static_cast<size_t>(l * D)].input_size;
    dx.assign(static_cast<size_t>(T * I), 0.0f);
    for (int d = 0; d < D; ++d) {
      for (int64_t t = 0; t < T; ++t)
        std::copy_n(d_top.data() + t * D * H + d * H, H, d_dir.data() + t * H);  // columns of direction d
      add_layer_input_gradient(run.traces()[static_cast<size_t>(l * D + d)],
                               parameter(model, weight_name(m, "ih", l, d)), parameter(model, weight_name(m, "hh", l, d)),
                               d_dir, dx, scratch);
    }
    d_top.swap(dx);  // (T, I_l): the output gradient of layer l-1
    out.input_size = I;
  }
  out.input_gradient = std::move(d_top);
  out.norms.resize(static_cast<size_t>(position));
  for (int64_t k = 0; k < position; ++k) {
    double sum = 0.0;
    for (int64_t i = 0; i < out.input_size; ++i) {
      const double g = out.input_gradient[static_cast<size_t>(k * out.input_size + i)];
      sum += g * g;
    }
    out.norms[static_cast<size_t>(k)] = static_cast<float>(std::sqrt(sum));
  }
  return out;
}

}  // namespace rnnlab
