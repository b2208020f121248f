// A picture of one digit made into an MNIST digit: the one place that does it, for `rnnlab predict --image` and,
// through the binding (Rnnlab.digitImage), for the page's drawing pad, so both are read alike. MNIST's own recipe
// (LeCun et al.): the digit's box scaled to fit 20 x 20 with its aspect kept (anti-aliased), then placed in the
// 28 x 28 frame so that its centre of mass is the frame's centre.
//
//   1. the box: the rows and columns holding any ink (a value above 0, as MNIST's binary NIST scans); none: 784 zeros
//   2. scale s = 20 / max(box width, box height); the box becomes round(w s) x round(h s) pixels (at least 1),
//      each the area-weighted mean of the source pixels it covers (a box filter, separable: columns, then rows)
//   3. its centre of mass (cx, cy) in pixel-index coordinates, as MNIST computed it: pixel (row j, column i) at
//      (i, j), weighted by ink; rounded to 1/65536 of a pixel, so that float rounding cannot tip a half-pixel tie
//      one way here and the other way in web/src/api/digit-image.js
//   4. pasted at column round(14 - cx), row round(14 - cy) (halves up), each clamped so the whole box stays in the
//      frame: the centre of mass lands on index (14, 14), or half a pixel from it, as in MNIST's own digits
// A 28 x 28 picture is taken as it is (it already is a digit: MNIST's own, or one saved from this function).
#pragma once
#include <cstdint>
#include <span>
#include <vector>

namespace rnnlab {

inline constexpr float kDigitInkThreshold = 0.0f;  // ink is any value above this
inline constexpr double kDigitCentreGrid = 65536.0;  // the centre of mass is rounded to 1 / this of a pixel
inline constexpr int64_t kMaxDigitPictureSide = 4096;

// `ink`: width * height values in [0, 1], row-major, 1 = ink. Returns 784 values in [0, 1]. Messages name "pixels"
// (a wrong length, a value outside [0, 1]) and "width" / "height" (outside 1 to kMaxDigitPictureSide).
std::vector<float> mnist_digit(std::span<const float> ink, int64_t width, int64_t height);

}  // namespace rnnlab
