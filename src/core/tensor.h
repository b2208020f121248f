// Tensor: float32 values in row-major order (so flattening matches PyTorch), with Eigen views for the math.
#pragma once
#include <Eigen/Core>
#include <cstdint>
#include <initializer_list>
#include <vector>

#include "core/shape.h"

namespace rnnlab {

using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using MatrixMap = Eigen::Map<RowMatrix>;
using ConstMatrixMap = Eigen::Map<const RowMatrix>;
using ArrayMap = Eigen::Map<Eigen::ArrayXf>;
using ConstArrayMap = Eigen::Map<const Eigen::ArrayXf>;

class Tensor {
 public:
  Tensor() = default;
  explicit Tensor(const Shape& shape) { resize(shape); }
  Tensor(const Shape& shape, std::initializer_list<float> values);
  Tensor(const Shape& shape, std::vector<float> values);

  static Tensor zeros(const Shape& shape) { return Tensor(shape); }
  static Tensor full(const Shape& shape, float value);

  // Changes the shape and zero-fills; keeps the allocation when it is large enough, so a steady training loop
  // that reuses tensors of the same shapes does not touch the heap.
  void resize(const Shape& shape);
  // Changes the shape, keeping the allocation when it is large enough, without zero-filling: the values are
  // unspecified (last step's, or zeros where the buffer grew). For a buffer the caller overwrites whole before
  // reading it (a recurrent layer's gates, states, gradients), where the fill was 5 % of a W6 step natively.
  void resize_for_overwrite(const Shape& shape);
  // Changes the shape without touching the values; the element count must stay the same.
  void reshape(const Shape& shape);
  void set_zero();
  void fill(float value);
  // Copies shape and values, reusing this tensor's allocation.
  void assign(const Tensor& other);

  const Shape& shape() const { return shape_; }
  int rank() const { return shape_.rank(); }
  int64_t dim(int i) const { return shape_[i]; }
  int64_t numel() const { return shape_.numel(); }
  bool empty() const { return numel() == 0; }

  float* data() { return data_.data(); }
  const float* data() const { return data_.data(); }
  float& operator[](int64_t i) { return data_[static_cast<size_t>(i)]; }
  float operator[](int64_t i) const { return data_[static_cast<size_t>(i)]; }
  float item() const;  // the single value of a one-element tensor

  // Row-major matrix view (prod(dims[:-1]), dims[-1]), or an explicit (rows, cols) of the same element count.
  MatrixMap mat() { return MatrixMap(data(), shape_.rows(), shape_.back()); }
  ConstMatrixMap mat() const { return ConstMatrixMap(data(), shape_.rows(), shape_.back()); }
  MatrixMap mat(int64_t rows, int64_t cols);
  ConstMatrixMap mat(int64_t rows, int64_t cols) const;
  ArrayMap arr() { return ArrayMap(data(), numel()); }
  ConstArrayMap arr() const { return ConstArrayMap(data(), numel()); }

  std::vector<float> to_vector() const { return {data_.begin(), data_.end()}; }

 private:
  Shape shape_{0};  // a default tensor is empty, shape [0] (rank 0 would claim one element it does not hold)
  // Aligned to Eigen's widest packet (64 bytes with AVX-512): reductions peel to alignment, so a buffer whose
  // alignment varied between runs would sum in a different order and make runs differ in the last bit.
  std::vector<float, Eigen::aligned_allocator<float>> data_;
};

// Largest absolute element-wise difference; the shapes must match (used by tests and parity checks).
float max_abs_diff(const Tensor& a, const Tensor& b);

}  // namespace rnnlab
