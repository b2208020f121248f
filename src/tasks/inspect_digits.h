// The inspector over digits (rows of pixels read by a recurrent classifier, tasks/digits_task.h): simple features of
// every row of a set of images, for ranking units by what they track (inspect_ranking.h), and the activations of
// those images run one by one (inspect_run.h's of_rows) laid end to end, N images x 28 rows as one run of N*28
// steps. Each feature is the state after reading row t of an image (what a unit holding it would show at step t):
//   ink        the row's ink: the sum of its 28 pixels (0 .. 28)
//   row        the row's position, 0 (top) .. 27
//   strokes    strokes crossing the row: runs of pixels >= 0.5
//   centre     the horizontal centre of the row's ink (the ink-weighted mean column, 0 .. 27); 13.5, the middle,
//              for a row without ink
//   sinceInk   rows since the image's first row with ink (a pixel >= 0.5): 0 up to and at that row, then 1, 2, ...
// A feature that is the same for every row is left out, as the text's (inspect_features.h).
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "tasks/inspect_activations.h"
#include "tasks/inspect_features.h"
#include "tasks/sequence_model.h"

namespace rnnlab {

inline constexpr int64_t kDigitRowsSide = 28;             // 28 rows of 28 pixels
inline constexpr int64_t kDigitsRankedImages = 200;       // the held-out images the page ranks units over
inline constexpr float kInkThreshold = 0.5f;              // a pixel of a stroke

// images: (N * 784) pixels in [0, 1], row-major. Features over the N * 28 rows, image by image.
std::vector<TextFeature> digit_row_features(std::span<const float> images);

// The activations of `model` (a recurrent classifier of 28-pixel rows) over N images, each run alone from a zero
// state (as the task classifies them), concatenated in time: steps = N * 28. N = 1 .. kDigitsRankedImages.
Activations activations_of_images(SequenceModel& model, std::span<const float> images);

}  // namespace rnnlab
