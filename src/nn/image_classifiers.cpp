#include "nn/image_classifiers.h"

#include "nn/conv2d.h"
#include "nn/linear.h"
#include "nn/parameterless_layers.h"

namespace rnnlab {

std::unique_ptr<Sequential> make_mlp_classifier(const MlpClassifierConfig& c, Rng& rng) {
  check(c.side >= 1, "MLP: side is ", c.side, ", expected >= 1");
  auto net = std::make_unique<Sequential>();
  net->emplace<Flatten>();                                  // (N, 1, S, S) -> (N, S*S)
  net->emplace<Linear>(c.side * c.side, c.hidden, rng);     // -> (N, hidden)
  net->emplace<ReLU>();
  net->emplace<Linear>(c.hidden, c.classes, rng);           // -> (N, classes)
  return net;
}

std::unique_ptr<Sequential> make_cnn_classifier(const CnnClassifierConfig& c, Rng& rng) {
  check(c.kernel >= 1 && c.side >= c.kernel + 1, "CNN: side is ", c.side, " for a kernel of ", c.kernel,
        ", expected side >= kernel + 1 (a 2 x 2 pool needs a convolution output of at least 2 x 2)");
  const int64_t conv_side = c.side - c.kernel + 1;  // stride 1, no padding
  const int64_t pooled = conv_side / 2;             // MaxPool2d(2) floors
  auto net = std::make_unique<Sequential>();
  net->emplace<Conv2d>(1, c.channels, c.kernel, rng);                   // (N, 1, S, S) -> (N, C, S-k+1, S-k+1)
  net->emplace<ReLU>();
  net->emplace<MaxPool2d>(MaxPool2dOptions{.kernel = 2});               // -> (N, C, P, P)
  net->emplace<Flatten>();                                              // -> (N, C*P*P)
  net->emplace<Linear>(c.channels * pooled * pooled, c.hidden, rng);    // -> (N, hidden)
  net->emplace<ReLU>();
  net->emplace<Linear>(c.hidden, c.classes, rng);                       // -> (N, classes)
  return net;
}

}  // namespace rnnlab
