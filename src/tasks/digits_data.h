// The digits task's images, wherever they come from: the dataset's IDX files on disk (the CLI, the native tests) or
// the bytes a caller hands over (the binding: the page's worker fetches and gunzips the same files). Either way the
// result is one LabelledImages of 28 x 28 images, checked once, shared by every config that refers to it.
#pragma once
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "io/labelled_images.h"

namespace rnnlab {

inline constexpr int64_t kDigitSide = 28;               // rows and columns of one image
inline constexpr int64_t kDigitPixels = kDigitSide * kDigitSide;
inline constexpr int64_t kMinDigitsImages = 10;         // enough to leave held-out images after the 80% split
inline constexpr int64_t kMaxDigitsImages = 70'000;     // all of MNIST (60,000 + 10,000)

// The dataset "mnist" or "fashion" read from its IDX files (io/labelled_images.h: data_dir/digits/mnist/ for the
// bundled digits, Debian's folder for Fashion-MNIST), checked as digits_images_from_bytes checks bytes.
std::shared_ptr<const LabelledImages> load_digits_images(std::string_view data, const std::string& data_dir);

// Images (count * 784 bytes, 0 background .. 255 ink, the bytes after an IDX image file's header) and labels
// (count bytes, each 0..9). Messages name "digits.images" / "digits.labels" and the limit.
std::shared_ptr<const LabelledImages> digits_images_from_bytes(std::span<const uint8_t> images,
                                                               std::span<const uint8_t> labels);

// Checks a dataset for the digits task: 28 x 28 images, kMinDigitsImages to kMaxDigitsImages of them.
void check_digits_images(const LabelledImages& data);

// How many of `count` images train: the first 80% (8,000 of 10,000); the rest are held out.
inline int64_t digits_train_count(int64_t count) { return count * 4 / 5; }

// The names of the ten classes of a dataset: "0".."9", or Fashion-MNIST's ("T-shirt/top", "Trouser", ...).
std::span<const std::string_view> digits_class_names(std::string_view data);

}  // namespace rnnlab
