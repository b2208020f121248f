// Which recurrence a cell or layer runs, and how many gate blocks its weights stack (torch's "mode").
#pragma once
#include <string_view>

#include "core/error.h"

namespace rnnlab {

enum class CellKind { RnnTanh, RnnRelu, Lstm, Gru };

// Gate blocks stacked in weight_ih / weight_hh: (gate_count * hidden_size, ...). LSTM i,f,g,o; GRU r,z,n.
constexpr int gate_count(CellKind kind) {
  switch (kind) {
    case CellKind::RnnTanh:
    case CellKind::RnnRelu:
      return 1;
    case CellKind::Lstm:
      return 4;
    case CellKind::Gru:
      return 3;
  }
  return 0;
}

// "rnn_tanh", "rnn_relu", "lstm", "gru": torch's mode names in lower case, used in messages and model files.
constexpr std::string_view cell_kind_name(CellKind kind) {
  switch (kind) {
    case CellKind::RnnTanh:
      return "rnn_tanh";
    case CellKind::RnnRelu:
      return "rnn_relu";
    case CellKind::Lstm:
      return "lstm";
    case CellKind::Gru:
      return "gru";
  }
  return "?";
}

// The kind of a torch module given as (kind, nonlinearity), the way torch spells its constructor arguments:
// ("rnn", "tanh"), ("rnn", "relu"), ("lstm", "tanh"), ("gru", "tanh"). LSTM and GRU have no choice of
// nonlinearity, so anything but "tanh" there is a mistake worth reporting rather than ignoring.
inline CellKind parse_cell_kind(std::string_view kind, std::string_view nonlinearity = "tanh") {
  if (kind == "rnn") {
    if (nonlinearity == "tanh") return CellKind::RnnTanh;
    if (nonlinearity == "relu") return CellKind::RnnRelu;
    fail("cell kind: nonlinearity \"", nonlinearity, "\" for an rnn, expected \"tanh\" or \"relu\"");
  }
  if (kind == "lstm" || kind == "gru") {
    check(nonlinearity == "tanh", "cell kind: nonlinearity \"", nonlinearity, "\" for ", kind,
          ", expected \"tanh\" (only an rnn can use \"relu\")");
    return kind == "lstm" ? CellKind::Lstm : CellKind::Gru;
  }
  fail("cell kind: \"", kind, "\", expected \"rnn\", \"lstm\" or \"gru\"");
}

// The inverse of cell_kind_name: "rnn_tanh", "rnn_relu", "lstm" or "gru".
inline CellKind parse_cell_kind_name(std::string_view name) {
  for (CellKind kind : {CellKind::RnnTanh, CellKind::RnnRelu, CellKind::Lstm, CellKind::Gru})
    if (name == cell_kind_name(kind)) return kind;
  fail("cell kind: \"", name, "\", expected \"rnn_tanh\", \"rnn_relu\", \"lstm\" or \"gru\"");
}

}  // namespace rnnlab
