// One case of the layer fixtures (tests/fixtures/layers/*.json, written by tests/fixtures/gen_layers.py), checked
// against whatever runs it: the reference cells unrolled, CellSequence, or the fused Recurrent layers.
#pragma once
#include <functional>
#include <string>

#include "core/tape.h"
#include "io/json.h"
#include "nn/module.h"

namespace rnnlab::testing {

struct LayerOutputs {
  Var output;  // (T, B, D*H) or as the case lays it out
  Var h_n;
  Var c_n;  // LSTM only
};

// Runs the module on the case's input and initial states (h0, c0: empty when the case has none).
using RunLayer = std::function<LayerOutputs(Tape& tape, Var x, Var h0, Var c0)>;

// Loads the case's parameters into `module`, runs it on a fresh tape, backpropagates the fixture's
// loss = sum(output * W_out) + sum(h_n * W_h) [+ sum(c_n * W_c) for an LSTM] and checks, within `atol`, the
// output, the final states and the gradient of every parameter, of the input and of the given initial states.
// `path` names the case in messages ("lstm.json cases[3]"). Returns the largest difference.
float check_layer_case(const json::Value& fixture_case, const std::string& path, Module& module, bool is_lstm,
                       float atol, const RunLayer& run);

// Calls check(case, path) on every case of tests/fixtures/layers/<file>, which must hold `count` cases, with path
// "<file> cases[k]"; returns the largest difference the calls returned.
using CheckCase = std::function<float(const json::Value& fixture_case, const std::string& path)>;
float check_layer_fixture_file(const std::string& file, size_t count, const CheckCase& check);

}  // namespace rnnlab::testing
