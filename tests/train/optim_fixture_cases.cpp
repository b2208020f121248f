#include "train/optim_fixture_cases.h"

#include "core/error.h"
#include "support/fixtures.h"
#include "train/optimizer_config.h"

namespace rnnlab::testing {

std::vector<Parameter*> NamedTensors::pointers() const {
  std::vector<Parameter*> out;
  for (const auto& p : params) out.push_back(p.get());
  return out;
}

NamedTensors fixture_parameters(const json::Value& tensors, std::string_view path) {
  NamedTensors out;
  for (const json::Value::Member& m : tensors.as_object(path)) {
    Tensor t = fixture_tensor(tensors, m.key, path);
    out.names.push_back(m.key);
    out.params.push_back(std::make_unique<Parameter>(t.shape()));
    out.params.back()->value.assign(t);
  }
  return out;
}

std::unique_ptr<Optimizer> fixture_optimizer(const json::Value& fixture_case, std::vector<Parameter*> params,
                                             std::string_view path) {
  const std::string options_path = json::member_path(path, "options");
  const json::Value& o = json::require_object(fixture_case, "options", path);
  auto number = [&](const char* key) { return static_cast<float>(json::require_number(o, key, options_path)); };
  auto flag = [&](const char* key) { return json::require_bool(o, key, options_path); };
  check(!flag("maximize"), options_path, ".maximize: got true, expected false");
  OptimizerConfig config;
  config.kind = std::string(json::require_string(fixture_case, "optimizer", path));
  config.lr = number("lr");
  config.weight_decay = number("weight_decay");
  if (config.kind == "sgd") {
    config.momentum = number("momentum");
    config.dampening = number("dampening");
    config.nesterov = flag("nesterov");
  } else if (config.kind == "adam") {
    const json::Value::Array& betas = json::require_array(o, "betas", options_path).as_array();
    check(betas.size() == 2, options_path, ".betas: got ", betas.size(), " numbers, expected 2");
    config.beta1 = static_cast<float>(betas[0].as_number());
    config.beta2 = static_cast<float>(betas[1].as_number());
    config.eps = number("eps");
    config.amsgrad = flag("amsgrad");
  } else if (config.kind == "rmsprop") {
    config.alpha = number("alpha");
    config.eps = number("eps");
    config.momentum = number("momentum");
    config.centered = flag("centered");
  } else {
    fail(path, ".optimizer: got \"", config.kind, "\", expected sgd, adam or rmsprop");
  }
  return make_optimizer(config, std::move(params));
}

}  // namespace rnnlab::testing
