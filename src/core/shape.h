// A tensor's shape: up to four dimensions, stored inline so that shapes never allocate.
#pragma once
#include <array>
#include <cstdint>
#include <initializer_list>
#include <ostream>
#include <string>

#include "core/error.h"

namespace rnnlab {

class Shape {
 public:
  static constexpr int kMaxRank = 4;
  // Upper bound on the elements of one tensor (2^28 floats = 1 GiB): larger requests are refused up front.
  static constexpr int64_t kMaxElements = int64_t{1} << 28;

  Shape() = default;
  Shape(std::initializer_list<int64_t> dims) {
    check(static_cast<int>(dims.size()) <= kMaxRank, "Shape: rank ", dims.size(), " exceeds the maximum ", kMaxRank);
    for (int64_t d : dims) push(d);
  }

  int rank() const { return rank_; }
  int64_t operator[](int i) const { return dims_[static_cast<size_t>(i)]; }
  int64_t back() const { return rank_ ? dims_[static_cast<size_t>(rank_ - 1)] : 1; }
  int64_t numel() const {
    int64_t n = 1;
    for (int i = 0; i < rank_; ++i) n *= dims_[static_cast<size_t>(i)];
    return n;
  }
  // Rows when viewed as a matrix whose columns are the last dimension: (prod(dims[:-1]), dims[-1]).
  int64_t rows() const { return rank_ ? numel() / back() : 1; }

  void push(int64_t d) {
    check(rank_ < kMaxRank, "Shape: rank exceeds the maximum ", kMaxRank);
    check(d >= 0, "Shape: dimension ", rank_, " is ", d, ", expected >= 0");
    int64_t n = numel() * d;
    check(d == 0 || n / d == numel(), "Shape: too many elements");
    check(n <= kMaxElements, "Shape: ", n, " elements exceed the limit of ", kMaxElements);
    dims_[static_cast<size_t>(rank_++)] = d;
  }
  void set(int i, int64_t d) {
    check(i >= 0 && i < rank_, "Shape: dimension index ", i, " out of range for rank ", rank_);
    dims_[static_cast<size_t>(i)] = d;
  }

  bool operator==(const Shape& o) const {
    if (rank_ != o.rank_) return false;
    for (int i = 0; i < rank_; ++i)
      if (dims_[static_cast<size_t>(i)] != o.dims_[static_cast<size_t>(i)]) return false;
    return true;
  }
  bool operator!=(const Shape& o) const { return !(*this == o); }

  friend void append_part(std::string& out, const Shape& s) {
    out += '[';
    for (int i = 0; i < s.rank_; ++i) {
      if (i) out += ", ";
      out += std::to_string(s[i]);
    }
    out += ']';
  }
  friend std::ostream& operator<<(std::ostream& out, const Shape& s) {
    out << '[';
    for (int i = 0; i < s.rank_; ++i) out << (i ? ", " : "") << s[i];
    return out << ']';
  }

 private:
  std::array<int64_t, kMaxRank> dims_{};
  int rank_ = 0;
};

}  // namespace rnnlab
