#include "io/labelled_images.h"

#include <sys/stat.h>

#include <utility>

#include "core/error.h"

namespace rnnlab {

LabelledImages labelled_images_from_idx(IdxArray images, IdxArray labels, std::string_view what) {
  check(images.dims.size() == 3, what, ": the images file has ", images.dims.size(),
        " dimensions, expected 3 (count, rows, cols)");
  check(labels.dims.size() == 1, what, ": the labels file has ", labels.dims.size(), " dimensions, expected 1 (count)");
  check(images.dims[0] == labels.dims[0], what, ": ", images.dims[0], " images but ", labels.dims[0],
        " labels, expected as many of each");
  for (size_t i = 0; i < labels.data.size(); ++i)
    check(labels.data[i] < kImageClasses, what, ": label ", i, " is ", int{labels.data[i]}, ", expected 0 to ",
          kImageClasses - 1);
  LabelledImages out;
  out.count = images.dims[0];
  out.rows = images.dims[1];
  out.cols = images.dims[2];
  out.pixels = std::move(images.data);
  out.labels = std::move(labels.data);
  return out;
}

LabelledImages read_labelled_images(const std::string& images_path, const std::string& labels_path,
                                    std::string_view flag) {
  IdxArray images = read_idx_file(images_path, flag);
  IdxArray labels = read_idx_file(labels_path, flag);
  return labelled_images_from_idx(std::move(images), std::move(labels), message(flag, " ", images_path, " and ", labels_path));
}

LabelledImages slice_images(const LabelledImages& data, int64_t begin, int64_t end) {
  check(0 <= begin && begin <= end && end <= data.count, "slice_images: [", begin, ", ", end, ") of ", data.count,
        " images");
  LabelledImages out;
  out.count = end - begin;
  out.rows = data.rows;
  out.cols = data.cols;
  const int64_t p = data.pixels_per_image();
  out.pixels.assign(data.pixels.begin() + begin * p, data.pixels.begin() + end * p);
  out.labels.assign(data.labels.begin() + begin, data.labels.begin() + end);
  return out;
}

ImageSplit split_first(const LabelledImages& data, int64_t train) {
  check(train >= 1 && train < data.count, "split: ", train, " training images of ", data.count,
        ", expected 1 to ", data.count - 1, " (some left to hold out)");
  return {slice_images(data, 0, train), slice_images(data, train, data.count)};
}

ImageDatasetFiles image_dataset_files(std::string_view dataset, const std::string& data_dir) {
  if (dataset == "mnist")
    return {data_dir + "/digits/mnist/t10k-images-idx3-ubyte.gz", data_dir + "/digits/mnist/t10k-labels-idx1-ubyte.gz"};
  if (dataset == "fashion")
    return {std::string(kFashionMnistDir) + "/t10k-images-idx3-ubyte.gz",
            std::string(kFashionMnistDir) + "/t10k-labels-idx1-ubyte.gz"};
  fail("dataset: \"", dataset, "\", expected \"mnist\" or \"fashion\"");
}

LabelledImages read_image_dataset(std::string_view dataset, const std::string& data_dir) {
  const ImageDatasetFiles files = image_dataset_files(dataset, data_dir);
  struct stat info {};
  for (const std::string& path : {files.images, files.labels}) {
    if (::stat(path.c_str(), &info) == 0) continue;
    if (dataset == "fashion")
      fail("dataset fashion: ", path, " is missing; Fashion-MNIST comes from the Debian package dataset-fashion-mnist ",
           "(apt-get install dataset-fashion-mnist, or scripts/install-deps.sh)");
    fail("dataset mnist: ", path, " is missing; the digits are in the repository's data/digits/mnist/");
  }
  return read_labelled_images(files.images, files.labels, message("dataset ", dataset, ":"));
}

}  // namespace rnnlab
