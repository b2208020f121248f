#include "core/tensor.h"

#include <algorithm>
#include <cmath>

namespace rnnlab {

Tensor::Tensor(const Shape& shape, std::initializer_list<float> values)
    : Tensor(shape, std::vector<float>(values)) {}

Tensor::Tensor(const Shape& shape, std::vector<float> values) : shape_(shape), data_(values.begin(), values.end()) {
  check(static_cast<int64_t>(data_.size()) == shape.numel(), "Tensor: shape ", shape, " needs ", shape.numel(),
        " values, got ", data_.size());
}

Tensor Tensor::full(const Shape& shape, float value) {
  Tensor t(shape);
  t.fill(value);
  return t;
}

void Tensor::resize(const Shape& shape) {
  shape_ = shape;
  data_.assign(static_cast<size_t>(shape.numel()), 0.0f);
}

void Tensor::resize_for_overwrite(const Shape& shape) {
  shape_ = shape;
  data_.resize(static_cast<size_t>(shape.numel()));
}

void Tensor::reshape(const Shape& shape) {
  check(shape.numel() == numel(), "reshape: cannot view ", shape_, " (", numel(), " elements) as ", shape, " (",
        shape.numel(), " elements)");
  shape_ = shape;
}

void Tensor::set_zero() { std::fill(data_.begin(), data_.end(), 0.0f); }
void Tensor::fill(float value) { std::fill(data_.begin(), data_.end(), value); }

void Tensor::assign(const Tensor& other) {
  shape_ = other.shape_;
  data_.assign(other.data_.begin(), other.data_.end());
}

float Tensor::item() const {
  check(numel() == 1, "item: tensor of shape ", shape_, " has ", numel(), " elements, expected exactly 1");
  return data_[0];
}

MatrixMap Tensor::mat(int64_t rows, int64_t cols) {
  check(rows * cols == numel(), "mat: cannot view ", shape_, " as (", rows, ", ", cols, ")");
  return MatrixMap(data(), rows, cols);
}

ConstMatrixMap Tensor::mat(int64_t rows, int64_t cols) const {
  check(rows * cols == numel(), "mat: cannot view ", shape_, " as (", rows, ", ", cols, ")");
  return ConstMatrixMap(data(), rows, cols);
}

float max_abs_diff(const Tensor& a, const Tensor& b) {
  check(a.shape() == b.shape(), "max_abs_diff: shapes differ, ", a.shape(), " vs ", b.shape());
  float worst = 0.0f;
  for (int64_t i = 0; i < a.numel(); ++i) {
    float d = std::fabs(a[i] - b[i]);
    if (std::isnan(d)) return d;
    worst = std::max(worst, d);
  }
  return worst;
}

}  // namespace rnnlab
