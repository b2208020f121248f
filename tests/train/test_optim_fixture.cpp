// The optimizers and clipping against torch, step by step (tests/fixtures/optim.json, gen_optim.py).
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <string>

#include "support/fixtures.h"
#include "train/clip_grad.h"
#include "train/optim_fixture_cases.h"

using namespace rnnlab;
using namespace rnnlab::testing;

namespace {
constexpr float kTolerance = 1e-5f;
}

TEST_CASE("optimizers match torch step by step when fed torch's gradients (optim.json)") {
  const json::Value fixture = load_fixture("optim.json");
  const json::Value::Array& cases = json::require_array(fixture, "cases", "").as_array();
  REQUIRE(cases.size() == 10);
  std::string summary;
  for (size_t c = 0; c < cases.size(); ++c) {
    const json::Value& fixture_case = cases[c];
    const std::string path = "cases[" + std::to_string(c) + "]";
    const std::string name(json::require_string(fixture_case, "name", path));
    INFO(name);
    NamedTensors model = fixture_parameters(json::require_object(fixture, "init", ""), "init");
    std::unique_ptr<Optimizer> optimizer = fixture_optimizer(fixture_case, model.pointers(), path);
    const json::Value::Array& steps = json::require_array(fixture_case, "steps", path).as_array();
    REQUIRE(steps.size() == 10);
    float worst = 0.0f;
    for (size_t s = 0; s < steps.size(); ++s) {
      const std::string step_path = path + ".steps[" + std::to_string(s) + "]";
      const json::Value& grads = json::require_object(steps[s], "grads", step_path);
      const json::Value& params = json::require_object(steps[s], "params", step_path);
      for (size_t i = 0; i < model.names.size(); ++i)
        model.params[i]->grad.assign(fixture_tensor(grads, model.names[i], step_path + ".grads"));
      optimizer->step();
      for (size_t i = 0; i < model.names.size(); ++i)
        worst = std::max(worst, check_close(model.params[i]->value, fixture_tensor(params, model.names[i]),
                                            kTolerance, name + " step " + std::to_string(s) + " " + model.names[i]));
    }
    char line[96];
    std::snprintf(line, sizeof line, "\n  %-40s %.3g", name.c_str(), worst);
    summary += line;
  }
  MESSAGE("max |param - torch| over 10 steps:", summary);
}

TEST_CASE("clip_grad_norm_ agrees with torch's total_norm where torch did not clip (optim.json)") {
  // The fixture records gradients after clipping. Where total_norm <= max_norm torch left them as they were,
  // so our norm of the recorded gradients must be torch's total_norm and they must stay unchanged; where it
  // clipped, the recorded gradients have norm max_norm * total_norm / (total_norm + 1e-6).
  const json::Value fixture = load_fixture("optim.json");
  int clipped = 0, unclipped = 0;
  for (const json::Value& fixture_case : json::require_array(fixture, "cases", "").as_array()) {
    const json::Value& clip = json::require(fixture_case, "clip", "case");
    if (clip.is_null() || json::require_string(clip, "kind", "clip") != "norm") continue;
    const auto max_norm = static_cast<float>(json::require_number(clip, "max_norm", "clip"));
    for (const json::Value& step : json::require_array(fixture_case, "steps", "case").as_array()) {
      NamedTensors grads = fixture_parameters(json::require_object(step, "grads", "step"), "grads");
      for (auto& p : grads.params) p->grad.assign(p->value);
      const auto torch_norm = static_cast<float>(json::require_number(step, "total_norm", "step"));
      const float norm = clip_grad_norm_(grads.pointers(), max_norm);
      if (torch_norm <= max_norm) {
        ++unclipped;
        CHECK(norm == doctest::Approx(torch_norm).epsilon(1e-6));
        for (auto& p : grads.params) CHECK(max_abs_diff(p->grad, p->value) == 0.0f);
      } else {
        ++clipped;
        CHECK(norm == doctest::Approx(max_norm * torch_norm / (torch_norm + 1e-6f)).epsilon(1e-6));
      }
    }
  }
  CHECK(clipped > 0);
  CHECK(unclipped > 0);
}
