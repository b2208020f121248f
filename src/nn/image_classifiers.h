// The two image classifiers the digits task sets beside its recurrent models, as torch.nn.Sequential stacks so that
// their state dicts carry torch's names:
//   MLP (d2l):             0 Flatten, 1 Linear(H*W, hidden), 2 ReLU, 3 Linear(hidden, classes)
//   CNN (SimpleConvNet):   0 Conv2d(1, channels, kernel), 1 ReLU, 2 MaxPool2d(2), 3 Flatten,
//                          4 Linear(channels * P * P, hidden), 5 ReLU, 6 Linear(hidden, classes),
//                          P = (side - kernel + 1) / 2: 30 x 12 x 12 = 4320 for 28 x 28 digits and a 5 x 5 kernel.
// Both read images (N, 1, side, side) and return logits (N, classes).
#pragma once
#include <cstdint>
#include <memory>

#include "core/rng.h"
#include "nn/sequential.h"

namespace rnnlab {

struct MlpClassifierConfig {
  int64_t side = 28;      // images side x side, one channel
  int64_t hidden = 256;
  int64_t classes = 10;
};

struct CnnClassifierConfig {
  int64_t side = 28;
  int64_t channels = 30;  // the convolution's output channels
  int64_t kernel = 5;
  int64_t hidden = 100;
  int64_t classes = 10;
};

// Parameters drawn from `rng` in state_dict order, each as torch initializes its layer.
std::unique_ptr<Sequential> make_mlp_classifier(const MlpClassifierConfig& config, Rng& rng);
std::unique_ptr<Sequential> make_cnn_classifier(const CnnClassifierConfig& config, Rng& rng);

}  // namespace rnnlab
