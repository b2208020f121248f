#include "core/gradcheck.h"

#include <cmath>
#include <sstream>

#include "core/rng.h"

namespace rnnlab {
namespace {

// Runs `build` on a fresh tape and returns sum(output * w), accumulated in double.
double weighted_output(const GradCheckFn& build, const std::vector<Tensor>& inputs, Tensor& weights, Rng* rng) {
  Tape tape;
  std::vector<Var> vars;
  for (const Tensor& t : inputs) vars.push_back(tape.input(t, false));
  const Tensor& y = build(tape, vars).value();
  if (rng) {
    weights.resize(y.shape());
    rng->fill_uniform(weights, -1.0f, 1.0f);
  }
  double sum = 0.0;
  for (int64_t i = 0; i < y.numel(); ++i) sum += double(y[i]) * double(weights[i]);
  return sum;
}

}  // namespace

GradCheckResult gradcheck(const GradCheckFn& build, const std::vector<Tensor>& inputs,
                          const GradCheckOptions& options) {
  Rng rng(options.seed);
  Tensor weights;
  weighted_output(build, inputs, weights, &rng);

  // Analytic gradients: backward with the weights as seed.
  Tape tape;
  std::vector<Var> vars;
  for (const Tensor& t : inputs) vars.push_back(tape.input(t, true));
  Var out = build(tape, vars);
  tape.backward(out, weights);

  GradCheckResult result;
  float worst_ratio = 0.0f;
  std::vector<Tensor> probe = inputs;
  for (size_t k = 0; k < inputs.size(); ++k) {
    const Tensor& analytic = vars[k].grad();
    for (int64_t i = 0; i < inputs[k].numel(); ++i) {
      const float x = inputs[k][i];
      probe[k][i] = x + options.eps;
      const double plus = weighted_output(build, probe, weights, nullptr);
      probe[k][i] = x - options.eps;
      const double minus = weighted_output(build, probe, weights, nullptr);
      probe[k][i] = x;
      const auto numeric = static_cast<float>((plus - minus) / (2.0 * options.eps));
      const float err = std::fabs(analytic[i] - numeric);
      const float ratio = err / (options.atol + options.rtol * std::fabs(numeric));
      result.max_abs_error = std::max(result.max_abs_error, err);
      if (!(ratio <= 1.0f)) result.ok = false;
      if (!(ratio <= worst_ratio)) {
        worst_ratio = ratio;
        std::ostringstream where;
        where << "input " << k << " element " << i << ": analytic " << analytic[i] << ", numeric " << numeric;
        result.worst = where.str();
      }
    }
  }
  return result;
}

}  // namespace rnnlab
