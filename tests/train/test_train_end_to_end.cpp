// Training end to end against torch: LSTM(3, 5) + Linear(5, 4), cross_entropy(mean), backward, clipping,
// optimizer step, 10 steps per case of tests/fixtures/optim.json (gen_optim.py): the loss, clip_grad_norm_'s
// total norm, every gradient and every parameter match torch at every step.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "core/ops_shape.h"
#include "nn/linear.h"
#include "nn/recurrent_module.h"
#include "support/fixtures.h"
#include "train/clip_grad.h"
#include "train/cross_entropy.h"
#include "train/optim_fixture_cases.h"

using namespace rnnlab;
using namespace rnnlab::testing;

namespace {

constexpr float kTolerance = 1e-5f;

// The fixture's model: torch's rnnlab_torch module with an LSTM as "rnn" and a Linear head as "head".
struct SequenceClassifier : Module {
  Recurrent rnn;
  Linear head;
  SequenceClassifier(int64_t input_size, int64_t hidden_size, int64_t classes, Rng& rng)
      : rnn(RecurrentConfig{.kind = CellKind::Lstm, .input_size = input_size, .hidden_size = hidden_size}, rng),
        head(hidden_size, classes, rng) {
    register_module("rnn", rnn);
    register_module("head", head);
  }
  // x (T, B, I) -> logits (T * B, C), the rows in torch's reshape(-1, C) order.
  Var forward(Tape& tape, Var x) {
    Var logits = head.forward(tape, rnn.forward(tape, x).output);  // (T, B, C)
    const Shape& s = logits.shape();
    return reshape(logits, Shape{s[0] * s[1], s[2]});
  }
};

std::vector<int32_t> fixture_targets(const json::Value& fixture, int64_t classes) {
  std::vector<int32_t> out;
  const json::Value& targets = json::require_object(fixture, "targets", "");
  const json::Value::Array& data = json::require_array(targets, "data", "targets").as_array();
  for (size_t i = 0; i < data.size(); ++i)
    out.push_back(static_cast<int32_t>(data[i].as_int("targets.data[" + std::to_string(i) + "]", 0, classes - 1)));
  return out;
}

}  // namespace

TEST_CASE("training LSTM + Linear with cross_entropy, clipping and each optimizer matches torch (optim.json)") {
  const json::Value fixture = load_fixture("optim.json");
  const json::Value& model_config = json::require_object(fixture, "model", "");
  const int64_t input_size = json::require_int(model_config, "input_size", "model", 1, 1 << 20);
  const int64_t hidden_size = json::require_int(model_config, "hidden_size", "model", 1, 1 << 20);
  const int64_t classes = json::require_int(model_config, "out_features", "model", 1, 1 << 20);
  REQUIRE(json::require_int(model_config, "num_layers", "model", 1, 1) == 1);
  const Tensor input = fixture_tensor(fixture, "input");  // (T, B, I)
  const std::vector<int32_t> targets = fixture_targets(fixture, classes);

  Rng rng(0);
  SequenceClassifier model(input_size, hidden_size, classes, rng);
  const std::vector<NamedParameter> named = model.named_parameters();
  Tape tape;
  std::string summary;
  int clipped_steps = 0;
  for (const json::Value& fixture_case : json::require_array(fixture, "cases", "").as_array()) {
    const std::string name(json::require_string(fixture_case, "name", "case"));
    INFO(name);
    load_fixture_params(model, json::require_object(fixture, "init", ""), "init");
    std::unique_ptr<Optimizer> optimizer = fixture_optimizer(fixture_case, model.parameters(), name);
    const json::Value& clip = json::require(fixture_case, "clip", name);
    float worst_loss = 0.0f, worst_norm = 0.0f, worst_grad = 0.0f, worst_param = 0.0f;
    const json::Value::Array& steps = json::require_array(fixture_case, "steps", name).as_array();
    REQUIRE(steps.size() == 10);
    for (size_t s = 0; s < steps.size(); ++s) {
      const json::Value& step = steps[s];
      const std::string at = name + " step " + std::to_string(s);
      optimizer->zero_grad();
      tape.clear();
      Var loss = cross_entropy(model.forward(tape, tape.constant(input)), targets, Reduction::Mean);
      tape.backward(loss);
      const auto torch_loss = static_cast<float>(json::require_number(step, "loss", at));
      worst_loss = std::max(worst_loss, std::fabs(loss.value().item() - torch_loss));
      CHECK_MESSAGE(std::fabs(loss.value().item() - torch_loss) <= kTolerance, at, ": loss ", loss.value().item(),
                    ", torch ", torch_loss);

      const json::Value& torch_norm = json::require(step, "total_norm", at);
      if (!clip.is_null() && json::require_string(clip, "kind", "clip") == "norm") {
        const auto max_norm = static_cast<float>(json::require_number(clip, "max_norm", "clip"));
        const float norm = clip_grad_norm_(model.parameters(), max_norm);
        const auto expected = static_cast<float>(torch_norm.as_number(at + ".total_norm"));
        if (expected > max_norm) ++clipped_steps;
        worst_norm = std::max(worst_norm, std::fabs(norm - expected));
        CHECK_MESSAGE(std::fabs(norm - expected) <= kTolerance, at, ": total_norm ", norm, ", torch ", expected);
      } else {
        CHECK(torch_norm.is_null());
        if (!clip.is_null())
          clip_grad_value_(model.parameters(),
                           static_cast<float>(json::require_number(clip, "clip_value", "clip")));
      }

      const json::Value& grads = json::require_object(step, "grads", at);
      for (const NamedParameter& np : named)
        worst_grad = std::max(worst_grad, check_close(np.param->grad, fixture_tensor(grads, np.name),
                                                      kTolerance, at + " grad " + np.name));
      optimizer->step();
      const json::Value& params = json::require_object(step, "params", at);
      for (const NamedParameter& np : named)
        worst_param = std::max(worst_param, check_close(np.param->value, fixture_tensor(params, np.name),
                                                        kTolerance, at + " param " + np.name));
    }
    char line[160];
    std::snprintf(line, sizeof line, "\n  %-40s loss %.3g  norm %.3g  grads %.3g  params %.3g", name.c_str(),
                  worst_loss, worst_norm, worst_grad, worst_param);
    summary += line;
  }
  CHECK(clipped_steps > 0);  // adam_clip_norm_tight clips its first steps
  MESSAGE("max |ours - torch| over 10 steps:", summary);
}
