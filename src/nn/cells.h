// What torch's three cells share (RNNCellBase): the parameter layout, their initialization, the checks on a
// step's inputs and the binding of the parameters to a tape.
//
// These cells are the readable reference: built only from primitive ops, one step at a time. The fused
// sequence layers are tested against them.
#pragma once
#include <cstdint>

#include "core/rng.h"
#include "core/tape.h"
#include "nn/cell_kind.h"
#include "nn/module.h"

namespace rnnlab {

// A cell's parameters as tape values. G = gate_count(kind), H = hidden_size, I = input_size.
struct CellParams {
  Var weight_ih;  // (G*H, I)
  Var weight_hh;  // (G*H, H)
  Var bias_ih;    // (G*H), undefined without bias
  Var bias_hh;    // (G*H), undefined without bias
};

class RecurrentCell : public Module {
 public:
  CellKind kind() const { return kind_; }
  int64_t input_size() const { return input_size_; }
  int64_t hidden_size() const { return hidden_size_; }
  bool has_bias() const { return bias_ih_ != nullptr; }

  Parameter& weight_ih() const { return *weight_ih_; }
  Parameter& weight_hh() const { return *weight_hh_; }
  Parameter* bias_ih() const { return bias_ih_; }  // nullptr without bias
  Parameter* bias_hh() const { return bias_hh_; }

 protected:
  // Registers weight_ih, weight_hh, bias_ih, bias_hh (torch's state_dict order) and draws each from
  // U(-1/sqrt(H), 1/sqrt(H)) in that order. `name` ("LSTMCell") starts every error message.
  RecurrentCell(const char* name, CellKind kind, int64_t input_size, int64_t hidden_size, bool bias, Rng& rng);

  // Checks x is (B, input_size) and returns B.
  int64_t check_input(Var x) const;
  // Checks a state (h or c) is (B, hidden_size); an undefined state is zeros, as torch's hx=None.
  Var state_or_zeros(Var state, Var x, int64_t batch, const char* what) const;

  // x W_ih^T + b_ih and h W_hh^T + b_hh: (B, G*H) each.
  Var input_projection(const CellParams& p, Var x) const;
  Var hidden_projection(const CellParams& p, Var h) const;

  const char* name_;

 private:
  CellKind kind_;
  int64_t input_size_;
  int64_t hidden_size_;
  Parameter* weight_ih_;
  Parameter* weight_hh_;
  Parameter* bias_ih_ = nullptr;
  Parameter* bias_hh_ = nullptr;
};

// Registers the cell's parameters on `tape` once. A forward over T steps binds once and calls step() T times,
// so each parameter is one tape leaf whose gradient sums over the steps (not T leaves).
CellParams bind_params(Tape& tape, const RecurrentCell& cell);

}  // namespace rnnlab
