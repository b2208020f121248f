#include "nn/state_jacobian.h"

#include "core/error.h"
#include "nn/cell_kind.h"

namespace rnnlab {
namespace {

using Matrix = Eigen::MatrixXd;
using Row = Eigen::RowVectorXd;

// Row `b` of step `t` of a (T or T+1, B, width) buffer, floats at `offset` within the row, as doubles (1, n).
Row row_of(const Tensor& buffer, int64_t t, int64_t b, int64_t offset, int64_t n) {
  const int64_t B = buffer.dim(1), width = buffer.dim(2);
  const float* p = buffer.data() + (t * B + b) * width + offset;
  return Eigen::Map<const Eigen::RowVectorXf>(p, n).cast<double>();
}

// Each column j of `m` times v[j]: the element-wise factor a step's backward applies to every seed row.
Matrix scale_columns(const Matrix& m, const Row& v) { return (m.array().rowwise() * v.array()).matrix(); }

}  // namespace

int64_t state_jacobian_work(const LayerTrace& trace) {
  const int64_t H = trace.hidden_size;
  return trace.steps * gate_count(trace.kind) * H * H * H;
}

void state_jacobians(const LayerTrace& trace, int64_t row, const StateJacobianVisitor& visit) {
  check(trace.h && trace.w_hh_t, "state_jacobians: the trace has no states or weights");
  check(row >= 0 && row < trace.batch, "state_jacobians: row ", row, ", expected 0 to ", trace.batch - 1);
  const int64_t T = trace.steps, H = trace.hidden_size, b = row;
  const Matrix w_hh = trace.w_hh_t->mat().transpose().cast<double>();  // (G*H, H), the forward's weights
  const Row ones = Row::Ones(H);
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
        const Row h = row_of(*trace.h, trace.h_row(t), b, 0, H);  // (1, H) h_t
        const Row slope = trace.kind == CellKind::RnnTanh ? Row(ones - h.cwiseProduct(h))
                                                          : Row((h.array() > 0.0).cast<double>().matrix());
        J = scale_columns(J, slope) * w_hh;  // (H, H) (H, H)
        break;
      }
      case CellKind::Lstm: {
        const Row i = row_of(*trace.gates, t, b, 0, H), f = row_of(*trace.gates, t, b, H, H);
        const Row g = row_of(*trace.gates, t, b, 2 * H, H), o = row_of(*trace.gates, t, b, 3 * H, H);
        const Row tc = row_of(*trace.tanh_c, t, b, 0, H);                // (1, H) tanh(c_t)
        const Row c_prev = row_of(*trace.c, prev_row(t), b, 0, H);       // (1, H) c_{t-1}
        const Matrix dc = Jc + scale_columns(J, o.cwiseProduct(ones - tc.cwiseProduct(tc)));  // (H, H)
        Matrix d(H, 4 * H);                                              // (H, 4H) pre-activations
        d.middleCols(0, H) = scale_columns(dc, g.cwiseProduct(i).cwiseProduct(ones - i));
        d.middleCols(H, H) = scale_columns(dc, c_prev.cwiseProduct(f).cwiseProduct(ones - f));
        d.middleCols(2 * H, H) = scale_columns(dc, i.cwiseProduct(ones - g.cwiseProduct(g)));
        d.middleCols(3 * H, H) = scale_columns(J, tc.cwiseProduct(o).cwiseProduct(ones - o));
        J = d * w_hh;                // (H, 4H) (4H, H)
        Jc = scale_columns(dc, f);  // (H, H)
        break;
      }
      case CellKind::Gru: {
        const Row r = row_of(*trace.gates, t, b, 0, H), z = row_of(*trace.gates, t, b, H, H);
        const Row n = row_of(*trace.gates, t, b, 2 * H, H);
        const Row h_prev = row_of(*trace.h, prev_row(t), b, 0, H);     // (1, H) h_{t-1}
        const Row hidden_n = row_of(*trace.hidden_n, t, b, 0, H);     // (1, H) W_hn h_{t-1} + b_hn
        const Matrix dn = scale_columns(J, (ones - z).cwiseProduct(ones - n.cwiseProduct(n)));
        Matrix d(H, 3 * H);                                           // (H, 3H) the hidden side's
        d.middleCols(0, H) = scale_columns(dn, hidden_n.cwiseProduct(r).cwiseProduct(ones - r));
        d.middleCols(H, H) = scale_columns(J, (h_prev - n).cwiseProduct(z).cwiseProduct(ones - z));
        d.middleCols(2 * H, H) = scale_columns(dn, r);
        J = scale_columns(J, z) + d * w_hh;  // (H, H) + (H, 3H) (3H, H)
        break;
      }
    }
  }
}

std::vector<double> state_jacobian_norms(const LayerTrace& trace, int64_t row) {
  std::vector<double> norms(static_cast<size_t>(trace.steps));
  state_jacobians(trace, row, [&](int64_t t, const Eigen::MatrixXd& J) { norms[static_cast<size_t>(t)] = J.norm(); });
  return norms;
}

}  // namespace rnnlab
