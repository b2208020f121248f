#include "tasks/digits_data.h"

#include <array>

#include "core/error.h"

namespace rnnlab {

void check_digits_images(const LabelledImages& d) {
  check(d.rows == kDigitSide && d.cols == kDigitSide, "digits.images: ", d.rows, " x ", d.cols,
        " images, expected ", kDigitSide, " x ", kDigitSide);
  check(d.count >= kMinDigitsImages && d.count <= kMaxDigitsImages, "digits.images: ", d.count,
        " images, expected ", kMinDigitsImages, " to ", kMaxDigitsImages);
  check(static_cast<int64_t>(d.pixels.size()) == d.count * kDigitPixels &&
            static_cast<int64_t>(d.labels.size()) == d.count,
        "digits: ", d.pixels.size(), " pixels and ", d.labels.size(), " labels for ", d.count, " images");
}

std::shared_ptr<const LabelledImages> load_digits_images(std::string_view data, const std::string& data_dir) {
  auto out = std::make_shared<LabelledImages>(read_image_dataset(data, data_dir));
  check_digits_images(*out);
  return out;
}

std::shared_ptr<const LabelledImages> digits_images_from_bytes(std::span<const uint8_t> images,
                                                               std::span<const uint8_t> labels) {
  const auto count = static_cast<int64_t>(labels.size());
  check(count >= kMinDigitsImages && count <= kMaxDigitsImages, "digits.labels: ", count, " labels, expected ",
        kMinDigitsImages, " to ", kMaxDigitsImages, " (one per image)");
  check(static_cast<int64_t>(images.size()) == count * kDigitPixels, "digits.images: ", images.size(),
        " bytes, expected count * ", kDigitPixels, " = ", count * kDigitPixels, " for ", count, " labels");
  for (size_t i = 0; i < labels.size(); ++i)
    check(labels[i] < kImageClasses, "digits.labels[", i, "]: got ", int{labels[i]}, ", expected 0 to ",
          kImageClasses - 1);
  auto out = std::make_shared<LabelledImages>();
  out->count = count;
  out->rows = out->cols = kDigitSide;
  out->pixels.assign(images.begin(), images.end());
  out->labels.assign(labels.begin(), labels.end());
  return out;
}

std::span<const std::string_view> digits_class_names(std::string_view data) {
  static constexpr std::array<std::string_view, 10> kDigits{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
  static constexpr std::array<std::string_view, 10> kFashion{"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                                             "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
  if (data == "fashion") return kFashion;
  return kDigits;
}

}  // namespace rnnlab
