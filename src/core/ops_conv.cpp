// conv2d as im2col + one matrix product per image:
//   cols_n (C*KH*KW, OH*OW): row (c, a, b) holds x_n[c, i*s-p+a, j*s-p+b] for every output position (i, j)
//   y_n (O, OH*OW) = W (O, C*KH*KW) cols_n + bias (O) on every column
// Backward, per image:  dW += dy_n cols_n^T,  dbias += row sums of dy_n,  dcols = W^T dy_n -> col2im adds into dx_n.
// The forward keeps every image's cols for the weight gradient: (N, C*KH*KW, OH*OW) floats.
#include "core/ops_conv.h"

#include <algorithm>

#if defined(__wasm_simd128__)
#include "core/simd_matmul.h"
#endif

namespace rnnlab {
namespace {

struct ConvGeometry {
  int64_t n, c, h, w;      // input (N, C, H, W)
  int64_t o, kh, kw;       // weight (O, C, KH, KW)
  int64_t oh, ow;          // output (N, O, OH, OW)
  int64_t stride, padding;
  int64_t rows() const { return c * kh * kw; }  // of cols: one per weight of a filter
  int64_t positions() const { return oh * ow; }  // columns of cols: one per output pixel
};

ConvGeometry geometry(const Shape& sx, const Shape& sw, int64_t stride, int64_t padding) {
  return {sx[0], sx[1], sx[2], sx[3], sw[0], sw[2], sw[3],
          conv_output_size(sx[2], sw[2], stride, padding), conv_output_size(sx[3], sw[3], stride, padding),
          stride, padding};
}

// x_n (C, H, W) -> cols (C*KH*KW, OH*OW), zeros where the kernel reads the padding.
void im2col(const ConvGeometry& g, const float* x, float* cols) {
  for (int64_t c = 0; c < g.c; ++c)
    for (int64_t a = 0; a < g.kh; ++a)
      for (int64_t b = 0; b < g.kw; ++b) {
        float* row = cols + ((c * g.kh + a) * g.kw + b) * g.positions();
        for (int64_t i = 0; i < g.oh; ++i) {
          float* out = row + i * g.ow;
          const int64_t r = i * g.stride - g.padding + a;
          if (r < 0 || r >= g.h) {
            for (int64_t j = 0; j < g.ow; ++j) out[j] = 0.0f;
            continue;
          }
          const float* in = x + (c * g.h + r) * g.w;
          if (g.stride == 1 && g.padding == 0) {  // the row is contiguous in x: a copy
            std::copy(in + b, in + b + g.ow, out);
            continue;
          }
          for (int64_t j = 0; j < g.ow; ++j) {
            const int64_t col = j * g.stride - g.padding + b;
            out[j] = col >= 0 && col < g.w ? in[col] : 0.0f;
          }
        }
      }
}

// The transpose of im2col: dx_n (C, H, W) += each element of dcols (C*KH*KW, OH*OW) at the pixel it was read from.
void col2im_add(const ConvGeometry& g, const float* dcols, float* dx) {
  for (int64_t c = 0; c < g.c; ++c)
    for (int64_t a = 0; a < g.kh; ++a)
      for (int64_t b = 0; b < g.kw; ++b) {
        const float* row = dcols + ((c * g.kh + a) * g.kw + b) * g.positions();
        for (int64_t i = 0; i < g.oh; ++i) {
          const int64_t r = i * g.stride - g.padding + a;
          if (r < 0 || r >= g.h) continue;
          const float* d = row + i * g.ow;
          float* out = dx + (c * g.h + r) * g.w;
          for (int64_t j = 0; j < g.ow; ++j) {
            const int64_t col = j * g.stride - g.padding + b;
            if (col >= 0 && col < g.w) out[col] += d[j];
          }
        }
      }
}

}  // namespace

int64_t conv_output_size(int64_t in, int64_t kernel, int64_t stride, int64_t padding) {
  const int64_t span = in + 2 * padding - kernel;
  return span < 0 ? 0 : span / stride + 1;
}

Var conv2d(Var x, Var weight, Var bias, Conv2dOptions options) {
  const Shape& sx = x.shape();
  const Shape& sw = weight.shape();
  check(sx.rank() == 4, "conv2d: input is ", sx, ", expected (N, C, H, W)");
  check(sw.rank() == 4, "conv2d: weight is ", sw, ", expected (out_channels, in_channels, KH, KW)");
  check(sw[1] == sx[1], "conv2d: input has ", sx[1], " channels (shape ", sx, "), weight ", sw, " expects ", sw[1]);
  check(sw[0] >= 1 && sw[2] >= 1 && sw[3] >= 1, "conv2d: weight is ", sw, ", expected every dimension >= 1");
  check(!bias.defined() || (bias.shape().rank() == 1 && bias.shape()[0] == sw[0]), "conv2d: bias is ",
        bias.defined() ? bias.shape() : Shape{}, ", expected [", sw[0], "] for weight ", sw);
  check(options.stride >= 1, "conv2d: stride is ", options.stride, ", expected >= 1");
  check(options.padding >= 0, "conv2d: padding is ", options.padding, ", expected >= 0");
  check(sx[2] + 2 * options.padding >= sw[2] && sx[3] + 2 * options.padding >= sw[3], "conv2d: input ", sx,
        " with padding ", options.padding, " is smaller than the kernel ", sw[2], "x", sw[3]);
  const ConvGeometry g = geometry(sx, sw, options.stride, options.padding);

  auto [out, node] = x.tape->record({x, weight, bias});
  node.ints[0] = g.stride;
  node.ints[1] = g.padding;
  node.value.resize(Shape{g.n, g.o, g.oh, g.ow});
  node.saved.resize(2);
  Tensor& cols = node.saved[0];  // (N, C*KH*KW, OH*OW), every element written by im2col: no need to zero it
  const Shape cols_shape{g.n, g.rows(), g.positions()};
  if (cols.numel() == cols_shape.numel())
    cols.reshape(cols_shape);
  else
    cols.resize(cols_shape);
  const Tensor& xv = x.value();       // (N, C, H, W)
  const Tensor& wv = weight.value();  // (O, C, KH, KW) = (O, C*KH*KW)
  const int64_t K = g.rows(), P = g.positions();
  for (int64_t n = 0; n < g.n; ++n) {
    float* cols_n = cols.data() + n * K * P;             // (K, P)
    float* y_n = node.value.data() + n * g.o * P;        // (O, P)
    im2col(g, xv.data() + n * g.c * g.h * g.w, cols_n);
#if defined(__wasm_simd128__)
    simd::matmul_ab(wv.data(), cols_n, y_n, g.o, K, P);  // (O, K) x (K, P)
#else
    MatrixMap(y_n, g.o, P).noalias() = wv.mat(g.o, K) * ConstMatrixMap(cols_n, K, P);
#endif
    if (bias.defined()) {
      const Tensor& bv = bias.value();  // (O)
      for (int64_t o = 0; o < g.o; ++o) MatrixMap(y_n, g.o, P).row(o).array() += bv[o];
    }
  }

  node.backward = [](Tape& tape, Node& n) {
    const Tensor& xv = tape.value(n.inputs[0]);
    const Tensor& wv = tape.value(n.inputs[1]);
    const ConvGeometry g = geometry(xv.shape(), wv.shape(), n.ints[0], n.ints[1]);
    const int64_t K = g.rows(), P = g.positions();
    const Tensor& cols = n.saved[0];  // (N, K, P)
    Tensor* dx = tape.grad_if(n.inputs[0]);
    Tensor* dw = tape.grad_if(n.inputs[1]);
    Tensor* db = tape.grad_if(n.inputs[2]);
    Tensor& dcols = n.saved[1];  // (K, P), one image at a time
    if (dx) dcols.resize(Shape{K, P});
    for (int64_t i = 0; i < g.n; ++i) {
      const float* dy_n = n.grad.data() + i * g.o * P;  // (O, P)
      const float* cols_n = cols.data() + i * K * P;    // (K, P)
#if defined(__wasm_simd128__)
      if (dw) simd::add_dy_bt(dy_n, cols_n, dw->data(), g.o, K, P);  // (O, P) x (P, K)
      if (dx) {
        dcols.set_zero();
        simd::add_at_dy(wv.data(), dy_n, dcols.data(), g.o, K, P);  // (K, O) x (O, P)
      }
#else
      const ConstMatrixMap dy(dy_n, g.o, P);
      if (dw) dw->mat(g.o, K).noalias() += dy * ConstMatrixMap(cols_n, K, P).transpose();  // (O, P) x (P, K)
      if (dx) dcols.mat().noalias() = wv.mat(g.o, K).transpose() * dy;                      // (K, O) x (O, P)
#endif
      if (db)
        for (int64_t o = 0; o < g.o; ++o) (*db)[o] += ConstMatrixMap(dy_n, g.o, P).row(o).sum();
      if (dx) col2im_add(g, dcols.data(), dx->data() + i * g.c * g.h * g.w);
    }
  };
  return out;
}

}  // namespace rnnlab
