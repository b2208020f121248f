// Saliency of an image classifier (the digits task's mlp and cnn, which read the whole image at once): for one
// image, d log p(class) / d pixel for every pixel, by one backward pass from that single output through the tape
// (the model's own backward ops; an image model has no steps, so the recurrent input-gradient sweep of
// inspect_saliency.h does not apply). The objective's class is the most probable one, or the one asked for.
//   dz (K) = e_y - softmax(z);  the tape's vector-Jacobian product from the logits to the image (1, 1, S, S)
// The model runs in eval mode; the parameters' gradients, which any backward accumulates into, are kept and put
// back, so nothing of the model or its training changes.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "tasks/sequence_model.h"

namespace rnnlab {

struct ImageSaliency {
  int32_t target = -1;
  std::vector<float> probabilities;  // (K) softmax of the logits
  std::vector<float> pixels;         // (S * S) d log p(target) / d pixel, row-major
  std::vector<float> row_norms;      // (S) the norm of each row of `pixels`
};

// pixels: (S * S) for the model's image side S. target: 0 .. K-1, or -1 for the most probable class; an error
// naming "class" else, "pixels" for a wrong length, and one for a model that is not an image classifier.
ImageSaliency image_saliency(SequenceModel& model, std::span<const float> pixels, int32_t target = -1);

}  // namespace rnnlab
