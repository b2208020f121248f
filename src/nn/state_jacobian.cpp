#include "nn/state_jacobian.h"

#include <cmath>

#include "core/error.h"
#include "nn/cell_kind.h"

namespace rnnlab {
namespace {

// Plain loops over column-major doubles rather than Eigen expressions: Eigen's double GEMM (packing, blocking,
// the product's evaluators) cost the page's module about 30 KB of code for a product of at most (H, 4H)(4H, H)
// per step (docs/wasm.md, "Sizes"). Column j of an (H, n) matrix is `H` contiguous doubles at j * H.
using Matrix = Eigen::MatrixXd;
using Row = std::vector<double>;

// Row `b` of step `t` of a (T or T+1, B, width) buffer, floats at `offset` within the row, as doubles (n).
Row row_of(const Tensor& buffer, int64_t t, int64_t b, int64_t offset, int64_t n) {
  const int64_t B = buffer.dim(1), width = buffer.dim(2);
  const float* p = buffer.data() + (t * B + b) * width + offset;
  return Row(p, p + n);
}

// out's columns [col, col + H) = each column j of `m` (H, H) times v[j]: the element-wise factor a step's
// backward applies to every seed row.
void scale_columns_into(const Matrix& m, const Row& v, Matrix& out, int64_t col) {
  const int64_t H = m.rows();
  const double* src = m.data();
  double* dst = out.data() + col * H;
  for (int64_t j = 0; j < H; ++j)
    for (int64_t i = 0; i < H; ++i) dst[j * H + i] = src[j * H + i] * v[static_cast<size_t>(j)];
}
Matrix scale_columns(const Matrix& m, const Row& v) {
  Matrix out(m.rows(), m.cols());
  scale_columns_into(m, v, out, 0);
  return out;
}

// out (H, H) += d (H, G*H) . W_hh (G*H, H), where W_hh(k, j) = w_hh_t(j, k) and w_hh_t is the node's (H, G*H)
// row-major float copy: column j of out gathers d's columns k weighted by row j of w_hh_t.
void add_product(const Matrix& d, const Tensor& w_hh_t, Matrix& out) {
  const int64_t H = d.rows(), K = d.cols();
  const double* dd = d.data();
  const float* w = w_hh_t.data();
  double* o = out.data();
  for (int64_t j = 0; j < H; ++j) {
    double* oj = o + j * H;
    for (int64_t k = 0; k < K; ++k) {
      const double wk = w[j * K + k];
      const double* dk = dd + k * H;
      for (int64_t i = 0; i < H; ++i) oj[i] += dk[i] * wk;
    }
  }
}

// Element-wise products of rows, shortened: a .* b, a .* b .* (1 - c).
Row mul(const Row& a, const Row& b) {
  Row r(a.size());
  for (size_t i = 0; i < a.size(); ++i) r[i] = a[i] * b[i];
  return r;
}
Row mul_one_minus(const Row& a, const Row& b, const Row& c) {
  Row r(a.size());
  for (size_t i = 0; i < a.size(); ++i) r[i] = a[i] * b[i] * (1.0 - c[i]);
  return r;
}
Row one_minus_square(const Row& a) {  // 1 - a^2
  Row r(a.size());
  for (size_t i = 0; i < a.size(); ++i) r[i] = 1.0 - a[i] * a[i];
  return r;
}

double frobenius(const Matrix& m) {  // sqrt(sum_ij m_ij^2)
  double sum = 0.0;
  for (int64_t k = 0; k < m.size(); ++k) sum += m.data()[k] * m.data()[k];
  return std::sqrt(sum);
}

}  // namespace

int64_t state_jacobian_work(const LayerTrace& trace) {
  const int64_t H = trace.hidden_size;
  return trace.steps * gate_count(trace.kind) * H * H * H;
}

void state_jacobians(const LayerTrace& trace, int64_t row, const StateJacobianVisitor& visit) {
  check(trace.h && trace.w_hh_t, "state_jacobians: the trace has no states or weights");
  check(row >= 0 && row < trace.batch, "state_jacobians: row ", row, ", expected 0 to ", trace.batch - 1);
  const int64_t T = trace.steps, H = trace.hidden_size, b = row;
  const Tensor& w_hh_t = *trace.w_hh_t;  // (H, G*H), the forward's weights transposed
  // The s-th step of the sweep is at time t(s); the state a step reads is the row before its own in sweep order.
  auto time_of = [&](int64_t s) { return trace.reverse ? T - 1 - s : s; };
  auto prev_row = [&](int64_t t) { return trace.reverse ? t + 1 : t; };  // row of h (and c) entering step t

  Matrix J = Matrix::Identity(H, H);  // d h_last / d h_t                                   (H, H)
  Matrix Jc = Matrix::Zero(H, H);     // LSTM: d h_last / d c_t through c alone (h_t fixed)  (H, H)
  for (int64_t s = T - 1; s >= 0; --s) {
    const int64_t t = time_of(s);
    visit(t, J);
    if (s == 0) break;
    switch (trace.kind) {
      case CellKind::RnnTanh:
      case CellKind::RnnRelu: {
        const Row h = row_of(*trace.h, trace.h_row(t), b, 0, H);  // (H) h_t
        Row slope = one_minus_square(h);
        if (trace.kind == CellKind::RnnRelu)
          for (size_t k = 0; k < h.size(); ++k) slope[k] = h[k] > 0.0 ? 1.0 : 0.0;
        const Matrix d = scale_columns(J, slope);
        J.setZero();
        add_product(d, w_hh_t, J);  // (H, H) (H, H)
        break;
      }
      case CellKind::Lstm: {
        const Row i = row_of(*trace.gates, t, b, 0, H), f = row_of(*trace.gates, t, b, H, H);
        const Row g = row_of(*trace.gates, t, b, 2 * H, H), o = row_of(*trace.gates, t, b, 3 * H, H);
        const Row tc = row_of(*trace.tanh_c, t, b, 0, H);                // (H) tanh(c_t)
        const Row c_prev = row_of(*trace.c, prev_row(t), b, 0, H);       // (H) c_{t-1}
        Matrix dc = scale_columns(J, mul(o, one_minus_square(tc)));      // (H, H)
        dc += Jc;
        Matrix d(H, 4 * H);                                              // (H, 4H) pre-activations
        scale_columns_into(dc, mul_one_minus(g, i, i), d, 0);
        scale_columns_into(dc, mul_one_minus(c_prev, f, f), d, H);
        scale_columns_into(dc, mul(i, one_minus_square(g)), d, 2 * H);
        scale_columns_into(J, mul_one_minus(tc, o, o), d, 3 * H);
        J.setZero();
        add_product(d, w_hh_t, J);  // (H, 4H) (4H, H)
        scale_columns_into(dc, f, Jc, 0);  // (H, H)
        break;
      }
      case CellKind::Gru: {
        const Row r = row_of(*trace.gates, t, b, 0, H), z = row_of(*trace.gates, t, b, H, H);
        const Row n = row_of(*trace.gates, t, b, 2 * H, H);
        const Row h_prev = row_of(*trace.h, prev_row(t), b, 0, H);     // (H) h_{t-1}
        const Row hidden_n = row_of(*trace.hidden_n, t, b, 0, H);     // (H) W_hn h_{t-1} + b_hn
        Row one_minus_z(static_cast<size_t>(H)), h_minus_n(static_cast<size_t>(H));
        for (size_t k = 0; k < one_minus_z.size(); ++k) one_minus_z[k] = 1.0 - z[k], h_minus_n[k] = h_prev[k] - n[k];
        const Matrix dn = scale_columns(J, mul(one_minus_z, one_minus_square(n)));
        Matrix d(H, 3 * H);                                           // (H, 3H) the hidden side's
        scale_columns_into(dn, mul_one_minus(hidden_n, r, r), d, 0);
        scale_columns_into(J, mul_one_minus(h_minus_n, z, z), d, H);
        scale_columns_into(dn, r, d, 2 * H);
        J = scale_columns(J, z);
        add_product(d, w_hh_t, J);  // (H, H) + (H, 3H) (3H, H)
        break;
      }
    }
  }
}

std::vector<double> state_jacobian_norms(const LayerTrace& trace, int64_t row) {
  std::vector<double> norms(static_cast<size_t>(trace.steps));
  state_jacobians(trace, row,
                  [&](int64_t t, const Eigen::MatrixXd& J) { norms[static_cast<size_t>(t)] = frobenius(J); });
  return norms;
}

}  // namespace rnnlab
