// Labelled grayscale images from a pair of IDX files (MNIST, Fashion-MNIST): where each dataset's files are, the
// checks that make the two files one dataset, and the digits task's split (the first images train, the rest are
// held out).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "io/idx.h"

namespace rnnlab {

struct LabelledImages {
  int64_t count = 0, rows = 0, cols = 0;
  std::vector<uint8_t> pixels;  // (count, rows, cols), 0 = background, 255 = ink (MNIST's convention)
  std::vector<uint8_t> labels;  // (count), each < kImageClasses

  int64_t pixels_per_image() const { return rows * cols; }
  const uint8_t* image(int64_t i) const { return pixels.data() + i * pixels_per_image(); }
};

constexpr int kImageClasses = 10;

// Images (count, rows, cols) and labels (count) as one dataset: ranks, equal counts and every label < 10 are
// checked; `what` names the pair in messages.
LabelledImages labelled_images_from_idx(IdxArray images, IdxArray labels, std::string_view what);

// The images and labels of a pair of IDX files (gzip'd or not); messages name each file with `flag`.
LabelledImages read_labelled_images(const std::string& images_path, const std::string& labels_path,
                                    std::string_view flag);

// Images [begin, end) as a dataset of their own.
LabelledImages slice_images(const LabelledImages& data, int64_t begin, int64_t end);

// The digits task's split: the first `train` images train, the rest are held out (8,000 / 2,000 of MNIST's
// 10,000 test digits). `train` must leave at least one image on each side.
struct ImageSplit {
  LabelledImages train, held_out;
};
ImageSplit split_first(const LabelledImages& data, int64_t train);
constexpr int64_t kDigitsTrainImages = 8000;

// Where a dataset's two files are: "mnist" -> data_dir/digits/mnist/t10k-{images-idx3,labels-idx1}-ubyte.gz (the
// 10,000 digits bundled in the repository's data/ folder); "fashion" -> Fashion-MNIST's 10,000 test images as
// Debian's dataset-fashion-mnist installs them, kFashionMnistDir/t10k-*.gz.
struct ImageDatasetFiles {
  std::string images, labels;
};
constexpr const char* kFashionMnistDir = "/usr/share/datasets/fashion-mnist";
ImageDatasetFiles image_dataset_files(std::string_view dataset, const std::string& data_dir);

// read_labelled_images of image_dataset_files, with a hint in the message when the files are not there (where
// the bundled digits should be; which Debian package installs Fashion-MNIST).
LabelledImages read_image_dataset(std::string_view dataset, const std::string& data_dir);

}  // namespace rnnlab
