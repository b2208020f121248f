#include "train/optimizer_config.h"

#include "core/error.h"
#include "train/adam.h"
#include "train/rmsprop.h"
#include "train/sgd.h"

namespace rnnlab {

std::unique_ptr<Optimizer> make_optimizer(const OptimizerConfig& c, std::vector<Parameter*> params) {
  if (c.kind == "adam")
    return std::make_unique<Adam>(std::move(params), AdamOptions{.lr = c.lr,
                                                                 .beta1 = c.beta1,
                                                                 .beta2 = c.beta2,
                                                                 .eps = c.eps,
                                                                 .weight_decay = c.weight_decay,
                                                                 .amsgrad = c.amsgrad});
  if (c.kind == "sgd")
    return std::make_unique<SGD>(std::move(params), SGDOptions{.lr = c.lr,
                                                               .momentum = c.momentum,
                                                               .dampening = c.dampening,
                                                               .weight_decay = c.weight_decay,
                                                               .nesterov = c.nesterov});
  if (c.kind == "rmsprop")
    return std::make_unique<RMSprop>(std::move(params), RMSpropOptions{.lr = c.lr,
                                                                       .alpha = c.alpha,
                                                                       .eps = c.eps,
                                                                       .weight_decay = c.weight_decay,
                                                                       .momentum = c.momentum,
                                                                       .centered = c.centered});
  fail("optimizer: got \"", c.kind, "\", expected adam, sgd or rmsprop");
}

}  // namespace rnnlab
