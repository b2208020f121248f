#include "train/optim_fixture_cases.h"

#include "support/fixtures.h"
#include "train/adam.h"
#include "train/rmsprop.h"
#include "train/sgd.h"

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
  const std::string kind(json::require_string(fixture_case, "optimizer", path));
  const std::string options_path = std::string(path) + ".options";
  const json::Value& o = json::require_object(fixture_case, "options", path);
  auto number = [&](const char* key) { return static_cast<float>(json::require_number(o, key, options_path)); };
  check(!json::require_bool(o, "maximize", options_path), options_path, ".maximize: got true, expected false");
  if (kind == "sgd")
    return std::make_unique<SGD>(std::move(params), SGDOptions{.lr = number("lr"),
                                                               .momentum = number("momentum"),
                                                               .dampening = number("dampening"),
                                                               .weight_decay = number("weight_decay"),
                                                               .nesterov = json::require_bool(o, "nesterov", options_path)});
  if (kind == "adam") {
    const json::Value::Array& betas = json::require_array(o, "betas", options_path).as_array();
    check(betas.size() == 2, options_path, ".betas: got ", betas.size(), " numbers, expected 2");
    return std::make_unique<Adam>(std::move(params),
                                  AdamOptions{.lr = number("lr"),
                                              .beta1 = static_cast<float>(betas[0].as_number()),
                                              .beta2 = static_cast<float>(betas[1].as_number()),
                                              .eps = number("eps"),
                                              .weight_decay = number("weight_decay"),
                                              .amsgrad = json::require_bool(o, "amsgrad", options_path)});
  }
  if (kind == "rmsprop")
    return std::make_unique<RMSprop>(std::move(params),
                                     RMSpropOptions{.lr = number("lr"),
                                                    .alpha = number("alpha"),
                                                    .eps = number("eps"),
                                                    .weight_decay = number("weight_decay"),
                                                    .momentum = number("momentum"),
                                                    .centered = json::require_bool(o, "centered", options_path)});
  fail(path, ".optimizer: got \"", kind, "\", expected sgd, adam or rmsprop");
}

}  // namespace rnnlab::testing
